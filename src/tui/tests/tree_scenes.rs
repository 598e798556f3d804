//! The app view with its resource tree (as the backend sends it for an app
//! whose new pod cannot be scheduled), the Events viewer, and the tree's
//! key cases.

use super::checked_update::update;
use super::fixtures::{self, minutes_ago};
use super::key_case::{Case, case};
use super::key_setups::top;
use super::scenes::act;
use crate::tui::action::{Action, Mode};
use crate::tui::app_state::AppView;
use crate::tui::model::{ResourceRef, Status, Tone};
use crate::tui::model_tree::{AppTree, EventItem, TreeItem};
use crate::tui::msg::Msg;
use crate::tui::overlay::Overlay;
use crate::tui::state::{Screen, State};
use crate::tui::tree_rows::PaneRow;

fn reference(kind: &str, name: &str) -> ResourceRef {
    ResourceRef {
        kind: kind.into(),
        namespace: "payments".into(),
        name: name.into(),
    }
}

fn item(
    root: &str,
    depth: usize,
    kind: &str,
    name: &str,
    health: Status,
    reason: &str,
) -> TreeItem {
    let root_kind = if root == "api" {
        "Deployment"
    } else {
        "Service"
    };
    TreeItem {
        root: reference(root_kind, root),
        depth,
        reference: reference(kind, name),
        health,
        reason: reason.into(),
        folded: false,
    }
}

const UNSCHEDULABLE: &str =
    "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.";

pub fn sample_tree() -> AppTree {
    let healthy = || Status::new("Healthy", Tone::Good);
    let progressing = || Status::new("Progressing", Tone::Progress);
    let mut old = item("api", 1, "ReplicaSet", "api-5f6d7c8b9", healthy(), "");
    old.folded = true;
    let event =
        |name: &str, warning: bool, reason: &str, message: &str, minutes: i64, count: u64| {
            EventItem {
                object: reference(
                    if name.starts_with("api-7") {
                        "Pod"
                    } else {
                        "Deployment"
                    },
                    name,
                ),
                warning,
                reason: reason.into(),
                message: message.into(),
                count,
                last_seen: Some(minutes_ago(minutes)),
                source: "default-scheduler".into(),
            }
        };
    AppTree {
        items: vec![
            item(
                "api",
                1,
                "ReplicaSet",
                "api-7d9f8c6b5",
                progressing(),
                "1 of 2 pods ready",
            ),
            item("api", 2, "Pod", "api-7d9f8c6b5-x2k4p", healthy(), ""),
            item(
                "api",
                2,
                "Pod",
                "api-7d9f8c6b5-q8w1z",
                Status::new("Progressing", Tone::Progress),
                UNSCHEDULABLE,
            ),
            old,
            item("api", 1, "EndpointSlice", "api-hwq8v", healthy(), "").with_root("Service", "api"),
        ],
        why: Some(format!("Pod api-7d9f8c6b5-q8w1z Pending: {UNSCHEDULABLE}")),
        events: vec![
            event(
                "api-7d9f8c6b5-q8w1z",
                true,
                "FailedScheduling",
                UNSCHEDULABLE,
                2,
                4,
            ),
            event(
                "api-7d9f8c6b5-x2k4p",
                false,
                "Started",
                "Started container api",
                9,
                1,
            ),
            event(
                "api",
                false,
                "ScalingReplicaSet",
                "Scaled up replica set api-7d9f8c6b5 from 0 to 2",
                10,
                1,
            ),
        ],
    }
}

impl TreeItem {
    fn with_root(mut self, kind: &str, name: &str) -> Self {
        self.root = reference(kind, name);
        self
    }
}

/// The app view once the tree has arrived (the detail's request id).
pub fn app_view_tree(width: u16, height: u16) -> State {
    let mut state = fixtures::app_view_state(width, height);
    let request_id = state.requests.detail.expect("the detail was asked for");
    update(
        &mut state,
        Msg::TreeUpdated {
            request_id,
            tree: sample_tree(),
        },
    );
    state
}

/// The Events viewer over the Deployment (its pods' Events too).
pub fn events(width: u16, height: u16) -> State {
    let mut state = app_view_tree(width, height);
    act(&mut state, Action::ViewEvents);
    state
}

fn view(state: &State) -> &AppView {
    match &state.screen {
        Screen::App(view) => view,
        Screen::Apps => panic!("not in the app view"),
    }
}

fn tree_small() -> State {
    app_view_tree(80, 24)
}
fn on_pending_pod() -> State {
    let mut state = tree_small();
    for _ in 0..3 {
        act(&mut state, Action::MoveDown);
    }
    state
}
fn events_small() -> State {
    events(80, 24)
}

fn rows(state: &State) -> Vec<String> {
    view(state)
        .pane_rows()
        .iter()
        .map(|r| match r {
            PaneRow::Root { row, .. } => format!("{} {}", row.kind, row.name),
            PaneRow::Owned { item, .. } => format!(
                "{}{} {}",
                "-".repeat(item.depth),
                item.reference.kind,
                item.reference.name
            ),
            PaneRow::Folded { count, .. } => format!("folded {count}"),
        })
        .collect()
}

pub fn cases() -> Vec<Case> {
    use Action as A;
    use Mode as M;
    vec![
        case(
            on_pending_pod,
            "e",
            M::AppView,
            A::ViewEvents,
            |s, _| matches!(top(s), Some(Overlay::Events(v)) if v.object.name == "api-7d9f8c6b5-q8w1z"),
        ),
        case(tree_small, "z", M::AppView, A::ToggleCollapse, |s, _| {
            rows(s)[..2] == ["Deployment api", "Service api"]
        }),
        case(tree_small, "Z", M::AppView, A::ToggleFolded, |s, _| {
            rows(s).contains(&"-ReplicaSet api-5f6d7c8b9".to_string())
        }),
        case(events_small, "j", M::Events, A::MoveDown, |s, _| {
            // Three Events fit at once: nothing to scroll.
            matches!(top(s), Some(Overlay::Events(v)) if v.scroll == 0)
        }),
        case(events_small, "esc", M::Events, A::Back, |s, _| {
            top(s).is_none()
        }),
        case(events_small, "q", M::Events, A::Back, |s, _| {
            top(s).is_none()
        }),
    ]
}

#[test]
fn the_tree_hangs_owned_objects_under_their_root_and_folds_old_replica_sets() {
    let state = tree_small();
    assert_eq!(
        rows(&state),
        [
            "Deployment api",
            "-ReplicaSet api-7d9f8c6b5",
            "--Pod api-7d9f8c6b5-x2k4p",
            "--Pod api-7d9f8c6b5-q8w1z",
            "folded 1",
            "Service api",
            "-EndpointSlice api-hwq8v",
            "ConfigMap api-config",
            "HorizontalPodAutoscaler api",
        ]
    );
    assert_eq!(view(&state).why(), sample_tree().why.as_deref());
}

#[test]
fn collapsing_a_replica_set_hides_its_pods_and_keeps_the_selection_on_it() {
    let mut state = tree_small();
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::ToggleCollapse);
    assert_eq!(
        rows(&state)[..3],
        ["Deployment api", "-ReplicaSet api-7d9f8c6b5", "folded 1"]
    );
    assert_eq!(
        view(&state).selected_reference(),
        Some(reference("ReplicaSet", "api-7d9f8c6b5"))
    );
    act(&mut state, Action::ToggleCollapse);
    assert_eq!(rows(&state).len(), 9, "expanded again");
}

#[test]
fn events_of_a_deployment_include_its_pods_and_of_a_pod_only_its_own() {
    let state = tree_small();
    let view = view(&state);
    let of = |kind, name| {
        view.events_of(&reference(kind, name))
            .iter()
            .map(|e| e.reason.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of("Deployment", "api"),
        ["FailedScheduling", "Started", "ScalingReplicaSet"]
    );
    assert_eq!(of("Pod", "api-7d9f8c6b5-q8w1z"), ["FailedScheduling"]);
    assert!(of("Service", "api").is_empty());
}

#[test]
fn enter_on_an_owned_pod_says_it_has_no_drift_and_l_opens_its_logs() {
    let mut state = on_pending_pod();
    let before = view(&state).diff_source.clone();
    act(&mut state, Action::Open);
    assert_eq!(view(&state).diff_source, before);
    let effects = act(&mut state, Action::ViewLogs);
    assert!(
        matches!(&effects[..], [crate::tui::msg::Effect::OpenLogs { resource, .. }] if resource.kind == "Pod" && resource.name == "api-7d9f8c6b5-q8w1z"),
        "{effects:?}"
    );
}

#[test]
fn a_tree_for_another_request_is_dropped() {
    let mut state = fixtures::app_view_state(80, 24);
    let stale = state.requests.detail.expect("asked") + 100;
    update(
        &mut state,
        Msg::TreeUpdated {
            request_id: stale,
            tree: sample_tree(),
        },
    );
    assert!(view(&state).tree.is_none());
}

#[test]
fn the_events_viewer_scrolled_to_the_bottom_shows_the_last_event() {
    let mut state = fixtures::app_view_state(80, 24);
    let request_id = state.requests.detail.expect("the detail was asked for");
    let mut tree = sample_tree();
    let template = tree.events[0].clone();
    tree.events = (0..40)
        .map(|i| EventItem {
            reason: format!("Reason{i:02}"),
            last_seen: Some(minutes_ago(i)),
            ..template.clone()
        })
        .collect();
    update(&mut state, Msg::TreeUpdated { request_id, tree });
    act(&mut state, Action::ViewEvents);
    act(&mut state, Action::Bottom);
    let theme = crate::tui::theme::Theme::default();
    let shown = super::render::text(&super::render::render(&state, &theme));
    assert!(shown.contains("Reason39"), "the last event: {shown}");
    assert!(
        !shown.contains("Reason20 "),
        "scrolled past the first ones: {shown}"
    );
}
