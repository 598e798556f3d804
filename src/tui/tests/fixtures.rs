//! Fixed sample data: three clusters (one unreachable and stale, one
//! read-only), apps in every interesting state, one app's detail. Times are
//! fixed so snapshots never change.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};

use super::checked_update::update;
use crate::tui::model::{
    AppDetail, AppId, AppRow, ChangeRow, ClusterInfo, ClusterStatus, CommitRow, ConfirmPlan,
    DiffKind, DiffLine, PauseInfo, PendingAction, PlanOptions, ResourceRow, RollbackMode, Status,
    Tone,
};
use crate::tui::msg::{Effect, Msg};
use crate::tui::state::State;

/// 2025-03-14T03:07:00Z: 3 a.m., as it should be.
pub fn now() -> Timestamp {
    Timestamp::from_second(1_741_921_620).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn minutes_ago(minutes: i64) -> Timestamp {
    now() - SignedDuration::from_mins(minutes)
}

pub fn minutes_ahead(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

pub fn clusters() -> Vec<ClusterInfo> {
    vec![
        ClusterInfo::reachable("prod"),
        ClusterInfo {
            name: "staging".into(),
            status: ClusterStatus::Unreachable("dial tcp 10.0.3.1:6443: i/o timeout".into()),
            readonly: false,
            stale_since: Some(minutes_ago(12)),
        },
        ClusterInfo {
            readonly: true,
            ..ClusterInfo::reachable("dev")
        },
    ]
}

pub fn row(cluster: &str, namespace: &str, name: &str, sync: Status, health: Status) -> AppRow {
    AppRow {
        id: AppId::new(cluster, namespace, name),
        sync,
        health,
        revision_short: "a1b2c3d".into(),
        revision_subject: "bump api to v2.3.1".into(),
        last_sync: Some(minutes_ago(5)),
        paused: None,
        pinned: None,
        auto_sync: true,
        operation: None,
        destination: None,
    }
}

pub fn synced() -> Status {
    Status::new("Synced", Tone::Good)
}

pub fn healthy() -> Status {
    Status::new("Healthy", Tone::Good)
}

pub fn apps() -> Vec<AppRow> {
    let out_of_sync = Status::new("OutOfSync", Tone::Warn);
    let mut worker = row(
        "prod",
        "payments",
        "worker",
        synced(),
        Status::new("Degraded", Tone::Bad),
    );
    worker.revision_short = "7c6d5e4".into();
    worker.revision_subject = "raise worker memory limit".into();
    worker.last_sync = Some(minutes_ago(12));
    let mut frontend = row("prod", "web", "frontend", synced(), healthy());
    frontend.paused = Some(PauseInfo {
        until: Some(minutes_ahead(23)),
        reason: Some("INC-4512 checkout errors".into()),
        by: Some("alice".into()),
    });
    frontend.revision_subject = "new checkout banner".into();
    let mut gateway = row(
        "prod",
        "web",
        "gateway",
        synced(),
        Status::new("Progressing", Tone::Progress),
    );
    gateway.pinned = Some("9f8e7d6".into());
    gateway.revision_short = "9f8e7d6".into();
    gateway.revision_subject = "pin gateway to known-good build".into();
    let mut stale = row(
        "staging",
        "payments",
        "api",
        Status::new("Unknown", Tone::Neutral),
        Status::new("Missing", Tone::Neutral),
    );
    stale.last_sync = Some(minutes_ago(3 * 60));
    let mut grafana = row("dev", "tools", "grafana", synced(), healthy());
    grafana.revision_short = "0ab12cd".into();
    grafana.revision_subject = "grafana 11.5".into();
    grafana.last_sync = Some(minutes_ago(2 * 24 * 60));
    vec![
        row("prod", "payments", "api", out_of_sync, healthy()),
        worker,
        frontend,
        gateway,
        stale,
        grafana,
    ]
}

/// The apps list at the given size, selection on the first row.
pub fn apps_state(width: u16, height: u16) -> State {
    let mut state = State::new(now())
        .with_size(width, height)
        .with_clusters(clusters())
        .with_apps(apps());
    state.dirty = false;
    state
}

pub fn api_id() -> AppId {
    AppId::new("prod", "payments", "api")
}

fn line(kind: DiffKind, old: Option<usize>, new: Option<usize>, text: &str) -> DiffLine {
    DiffLine {
        kind,
        old_line: old,
        new_line: new,
        text: text.into(),
    }
}

pub fn deployment_diff() -> Vec<DiffLine> {
    use DiffKind::{Added, Context, Header, Removed};
    vec![
        line(Header, None, None, "apps/v1 Deployment payments/api"),
        line(Header, None, None, "@@ -18,7 +18,7 @@"),
        line(Context, Some(18), Some(18), "    spec:"),
        line(Context, Some(19), Some(19), "      containers:"),
        line(Context, Some(20), Some(20), "      - name: api"),
        line(
            Removed,
            Some(21),
            None,
            "        image: registry.example.com/payments/api:2.3.0",
        ),
        line(
            Added,
            None,
            Some(21),
            "        image: registry.example.com/payments/api:2.3.1",
        ),
        line(Context, Some(22), Some(22), "        resources:"),
        line(Context, Some(23), Some(23), "          limits:"),
        line(Removed, Some(24), None, "            memory: 512Mi"),
        line(Added, None, Some(24), "            memory: 768Mi"),
        line(Added, None, Some(25), "            cpu: \"1\""),
    ]
}

pub fn configmap_diff() -> Vec<DiffLine> {
    use DiffKind::{Added, Context, Header, Removed};
    vec![
        line(Header, None, None, "v1 ConfigMap payments/api-config"),
        line(Context, Some(3), Some(3), "data:"),
        line(Removed, Some(4), None, "  LOG_LEVEL: debug"),
        line(Added, None, Some(4), "  LOG_LEVEL: info"),
    ]
}

fn resource(kind: &str, name: &str, sync: Status, health: Status, message: &str) -> ResourceRow {
    ResourceRow {
        kind: kind.into(),
        namespace: "payments".into(),
        name: name.into(),
        sync,
        health,
        message: message.into(),
    }
}

fn commit(short: &str, author: &str, hours_ago: i64, subject: &str) -> CommitRow {
    CommitRow {
        short: short.into(),
        full: format!("{short}{}", "0".repeat(33)),
        author: author.into(),
        time: minutes_ago(hours_ago * 60),
        subject: subject.into(),
        deployed: false,
        pinned: false,
        head: false,
        note: None,
    }
}

pub fn detail() -> AppDetail {
    let out_of_sync = Status::new("OutOfSync", Tone::Warn);
    let mut app_diff = deployment_diff();
    app_diff.extend(configmap_diff());
    let mut head = commit("a1b2c3d", "bob", 1, "bump api to v2.3.1");
    head.head = true;
    let mut deployed = commit("7c6d5e4", "alice", 26, "raise worker memory limit");
    deployed.deployed = true;
    let mut pinned = commit("3e2f1a0", "carol", 72, "api 2.2.9 hotfix");
    pinned.pinned = true;
    AppDetail {
        id: api_id(),
        resources: vec![
            resource(
                "Deployment",
                "api",
                out_of_sync.clone(),
                healthy(),
                "image and limits differ",
            ),
            resource("Service", "api", synced(), healthy(), ""),
            resource(
                "ConfigMap",
                "api-config",
                out_of_sync,
                healthy(),
                "data.LOG_LEVEL differs",
            ),
            resource("HorizontalPodAutoscaler", "api", synced(), healthy(), ""),
        ],
        app_diff,
        resource_diffs: BTreeMap::from([(0, deployment_diff()), (2, configmap_diff())]),
        history: vec![
            head,
            deployed,
            commit("5d4c3b2", "bob", 50, "add HPA for api"),
            pinned,
            commit("1a0b9c8", "dave", 120, "initial payments api"),
        ],
        branch: "main".into(),
        source_path: "apps/payments/api".into(),
        drift_summary: "2 of 4 resources out of sync".into(),
        git_stale: None,
    }
}

/// The app view of prod/payments/api with its detail loaded.
pub fn app_view_state(width: u16, height: u16) -> State {
    let mut state = apps_state(width, height);
    select_app(&mut state, &api_id());
    let effects = update(&mut state, Msg::Action(crate::tui::action::Action::Open));
    let Some(Effect::LoadDetail { request_id, .. }) = effects.first().cloned() else {
        panic!("opening an app must load its detail, got {effects:?}");
    };
    update(
        &mut state,
        Msg::DetailLoaded {
            request_id,
            detail: detail(),
        },
    );
    state.dirty = false;
    state
}

/// Move the list selection onto `id`.
pub fn select_app(state: &mut State, id: &AppId) {
    let position = state.visible.iter().position(|&i| state.apps[i].id == *id);
    state.list.selected = position.unwrap_or_else(|| panic!("{id} is not visible"));
}

pub fn sync_plan() -> ConfirmPlan {
    ConfirmPlan {
        title: "2 objects change, 2 to prune".into(),
        action: PendingAction::Sync { app: api_id() },
        lines: deployment_diff(),
        prune: vec![
            "ConfigMap payments/api-config-old".into(),
            "Secret payments/legacy-token".into(),
        ],
        options: PlanOptions::default(),
        actor: "alice@example.com (kube user oncall-admin)".into(),
        revision: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678".into(),
        stale: None,
    }
}

pub fn rollback_plan(revision: &str) -> ConfirmPlan {
    ConfirmPlan {
        title: "rollback changes 1 object".into(),
        action: PendingAction::Rollback {
            app: api_id(),
            revision: revision.into(),
        },
        lines: configmap_diff(),
        prune: Vec::new(),
        options: PlanOptions {
            mode: RollbackMode::Pin,
            ..PlanOptions::default()
        },
        actor: "alice@example.com (kube user oncall-admin)".into(),
        revision: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678".into(),
        stale: None,
    }
}

pub fn change_rows() -> Vec<ChangeRow> {
    vec![
        ChangeRow {
            object: "ConfigMap payments/api-config".into(),
            outcome: "configured".into(),
            tone: Tone::Good,
            reason: None,
        },
        ChangeRow {
            object: "Deployment payments/api".into(),
            outcome: "configured".into(),
            tone: Tone::Good,
            reason: Some("rollout 2/3 ready".into()),
        },
        ChangeRow {
            object: "Secret payments/legacy-token".into(),
            outcome: "prune failed".into(),
            tone: Tone::Bad,
            reason: Some("forbidden: cannot delete secrets".into()),
        },
        ChangeRow {
            object: "HorizontalPodAutoscaler payments/api".into(),
            outcome: "unchanged".into(),
            tone: Tone::Neutral,
            reason: None,
        },
    ]
}

pub fn sample_yaml() -> String {
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: payments\n  labels:\n    app: api\n  # managed by recon\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: api\n  template:\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/payments/api:2.3.0\n        resources:\n          limits:\n            memory: 512Mi\n"
        .to_string()
}

/// What deleting `api` touches, in cascade order.
pub fn delete_plan() -> crate::tui::model::DeletePlanView {
    crate::tui::model::DeletePlanView {
        app: api_id(),
        objects: vec![
            "apps/Deployment payments/api".into(),
            "Service payments/api".into(),
            "ConfigMap payments/api-settings".into(),
            "Secret payments/api-db".into(),
        ],
        actor: "alice@example.com via kube user admin".into(),
    }
}

/// How the engine refuses a path whose YAML does not parse.
pub fn render_error() -> String {
    "prod/recon-system/shop: cannot render deploy/prod at 1a2b3c4: \
     deploy/prod/deployment.yaml line 7: did not find expected key"
        .into()
}
