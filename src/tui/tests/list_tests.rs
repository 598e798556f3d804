//! The apps list: filter, `:ctx`, sorting and rows arriving.

use ratatui::style::Modifier;

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::model::{AppId, AppTool, Status, Tone};
use crate::tui::msg::{Effect, Msg};
use crate::tui::state::{State, StatusKind};
use crate::tui::theme::Theme;

use super::fixtures::{self, api_id, select_app};
use super::probe::{status_text, visible_names};
use super::render::{find_in_row, render, rows};
use super::scenes::{self, act, type_text};

#[test]
fn filter_narrows_rows_fuzzily() {
    let mut state = scenes::apps(80, 24);
    act(&mut state, Action::Filter);
    type_text(&mut state, "wrker");
    // Ranked: the app called worker first; the frontend's columns hold
    // w…r…k…e…r scattered over several words, a far weaker match.
    assert_eq!(
        visible_names(&state),
        ["prod/payments/worker", "prod/web/frontend"]
    );
    type_text(&mut state, " zzz");
    assert!(state.visible.is_empty());
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(screen.contains("no app matches the filter"), "{screen}");
    act(&mut state, Action::Cancel);
    assert_eq!(state.visible.len(), 6);
}

#[test]
fn filtered_rows_are_ranked_best_match_first() {
    let row = |name| {
        fixtures::row(
            "prod",
            "shop",
            name,
            fixtures::synced(),
            fixtures::healthy(),
        )
    };
    let mut state = State::new(fixtures::now())
        .with_clusters(fixtures::clusters())
        .with_apps(vec![row("cart-reporting-tool"), row("crt")]);
    let by_name = ["prod/shop/cart-reporting-tool", "prod/shop/crt"];
    assert_eq!(visible_names(&state), by_name);
    act(&mut state, Action::Filter);
    type_text(&mut state, "crt");
    assert_eq!(
        visible_names(&state),
        ["prod/shop/crt", "prod/shop/cart-reporting-tool"],
        "the exact name outranks the scattered one, whatever the sort column"
    );
    assert_eq!(
        state.selected_app().map(|row| row.id.name.as_str()),
        Some("crt"),
        "the query selects its best match, not the row selected before it"
    );
    act(&mut state, Action::Cancel);
    assert_eq!(
        visible_names(&state),
        by_name,
        "no filter: the sort column again"
    );
}

#[test]
fn filter_highlights_the_matched_characters() {
    let mut state = scenes::apps(80, 24);
    act(&mut state, Action::Filter);
    type_text(&mut state, "wrker");
    let buffer = render(&state, &Theme::default());
    let Some((_, y)) = find_in_row(&buffer, "payments", "worker") else {
        panic!("no worker row:\n{}", rows(&buffer).join("\n"))
    };
    let marked: String = (0..buffer.area.width)
        .map(|x| &buffer[(x, y)])
        .filter(|cell| cell.modifier.contains(Modifier::UNDERLINED))
        .map(|cell| cell.symbol())
        .collect();
    assert_eq!(marked, "wrker", "exactly the matched characters are marked");
    act(&mut state, Action::Cancel);
    let buffer = render(&state, &Theme::default());
    let underlined = buffer
        .content()
        .iter()
        .any(|cell| cell.modifier.contains(Modifier::UNDERLINED));
    assert!(!underlined, "no highlight without a filter");
}

#[test]
fn ctx_command_narrows_to_one_cluster_and_clears() {
    let mut state = scenes::apps(80, 24);
    act(&mut state, Action::Command);
    type_text(&mut state, "ctx prod");
    act(&mut state, Action::Confirm);
    assert_eq!(state.context.as_deref(), Some("prod"));
    assert!(visible_names(&state).iter().all(|n| n.starts_with("prod/")));
    assert_eq!(state.visible.len(), 4);
    assert_eq!(state.counts().total, 4, "header counts follow the context");

    act(&mut state, Action::Command);
    type_text(&mut state, "ctx");
    act(&mut state, Action::Confirm);
    assert_eq!((state.context.clone(), state.visible.len()), (None, 6));

    act(&mut state, Action::Command);
    type_text(&mut state, "ctx nope");
    act(&mut state, Action::Confirm);
    assert_eq!(state.context, None);
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, text)) if text.contains("unknown cluster `nope`"))
    );

    act(&mut state, Action::Command);
    type_text(&mut state, "frobnicate");
    act(&mut state, Action::Confirm);
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, text)) if text.contains("unknown command `:frobnicate`"))
    );

    act(&mut state, Action::Command);
    type_text(&mut state, "q");
    assert_eq!(act(&mut state, Action::Confirm), [Effect::Quit]);
}

#[test]
fn rows_from_the_backend_keep_the_selection_on_the_same_app() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let mut rows: Vec<_> = fixtures::apps()
        .into_iter()
        .filter(|r| r.id.cluster == "prod")
        .collect();
    rows.retain(|r| r.id.name != "worker");
    rows[0].sync = Status::new("Synced", Tone::Good);
    update(
        &mut state,
        Msg::AppsUpdated {
            cluster: "prod".into(),
            tool: AppTool::Recon,
            rows,
        },
    );
    assert_eq!(state.selected_app().map(|r| r.id.clone()), Some(api_id()));
    assert_eq!(state.visible.len(), 5);
    assert_eq!(
        state.selected_app().map(|r| r.sync.text.as_str()),
        Some("Synced")
    );
}

#[test]
fn one_changed_row_replaces_only_itself_and_a_removed_one_goes() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let before = state.apps.len();
    let mut changed = fixtures::apps()
        .into_iter()
        .find(|r| r.id == api_id())
        .expect("the api app is a fixture");
    changed.sync = Status::new("OutOfSync", Tone::Warn);
    let worker = fixtures::apps()
        .into_iter()
        .find(|r| r.id.name == "worker")
        .map(|r| r.id)
        .expect("the worker app is a fixture");
    update(
        &mut state,
        Msg::AppRowsChanged {
            cluster: "prod".into(),
            tool: AppTool::Recon,
            changed: vec![changed],
            removed: vec![worker.clone()],
        },
    );
    assert_eq!(state.apps.len(), before - 1);
    assert!(!state.apps.iter().any(|r| r.id == worker));
    assert_eq!(state.selected_app().map(|r| r.id.clone()), Some(api_id()));
    assert_eq!(
        state.selected_app().map(|r| r.sync.text.as_str()),
        Some("OutOfSync")
    );
    // A row named for another cluster or tool than the message's is not taken.
    let mut stray = fixtures::apps().remove(0);
    stray.id.cluster = "elsewhere".into();
    update(
        &mut state,
        Msg::AppRowsChanged {
            cluster: "prod".into(),
            tool: AppTool::Recon,
            changed: vec![stray],
            removed: Vec::new(),
        },
    );
    assert_eq!(state.apps.len(), before - 1);
}

#[test]
fn a_selection_still_on_the_first_row_stays_there_as_other_clusters_answer() {
    let mut state = scenes::apps(80, 24);
    assert_eq!(state.list.selected, 0);
    let first = state.selected_app().map(|r| r.id.clone());
    let mut early = fixtures::apps().remove(0);
    early.id.cluster = "aaa-first".into();
    update(
        &mut state,
        Msg::AppsUpdated {
            cluster: "aaa-first".into(),
            tool: AppTool::Recon,
            rows: vec![early.clone()],
        },
    );
    assert_eq!(state.list.selected, 0);
    assert_ne!(state.selected_app().map(|r| r.id.clone()), first);
    assert_eq!(state.selected_app().map(|r| r.id.clone()), Some(early.id));
}

#[test]
fn sort_next_cycles_columns_and_reorders() {
    let mut state = scenes::apps(80, 24);
    act(&mut state, Action::SortNext);
    act(&mut state, Action::SortNext);
    act(&mut state, Action::SortNext);
    // Sync: the most alarming first (OutOfSync is a warning).
    assert_eq!(
        state.selected_app().map(|r| r.id.clone()),
        Some(AppId::new("dev", "tools", "grafana"))
    );
    assert_eq!(visible_names(&state)[0], "prod/payments/api");
    act(&mut state, Action::SortNext);
    assert_eq!(
        visible_names(&state)[0],
        "prod/payments/worker",
        "health: Degraded first"
    );
}

#[test]
fn argo_cd_rows_join_the_list_with_their_tool_destination_and_operation() {
    let mut state = scenes::apps(80, 24);
    let mut argo = fixtures::apps()[0].clone();
    argo.id = AppId::new("prod", "argocd", "shop").with_tool(AppTool::ArgoCd);
    argo.destination = Some("staging".into());
    argo.operation = Some("Running sync to a1b2c3d".into());
    update(
        &mut state,
        Msg::AppsUpdated {
            cluster: "prod".into(),
            tool: AppTool::ArgoCd,
            rows: vec![argo],
        },
    );
    // recon's rows of the cluster stay: each tool replaces only its own.
    assert_eq!(state.visible.len(), 7);
    let screen = rows(&render(&state, &Theme::default())).join("\n");
    assert!(
        screen.contains("TOOL"),
        "two tools listed: TOOL column\n{screen}"
    );
    assert!(screen.contains("argocd"), "{screen}");
    assert!(
        screen.contains("prod→staging"),
        "destination shown\n{screen}"
    );
    assert!(screen.contains("⟳ op"), "operation marked\n{screen}");
    act(&mut state, Action::Filter);
    type_text(&mut state, "argocd");
    assert_eq!(visible_names(&state), ["prod/argocd/shop"]);
}
