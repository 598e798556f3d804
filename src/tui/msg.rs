//! What flows into `update` (messages) and out of it (effects).

use std::time::Duration;

use jiff::Timestamp;

use super::action::Action;
use super::batch::BatchAction;
use super::keys::KeyCombo;
use super::model::{
    AppDetail, AppId, AppRow, AppTool, ChangeRow, ClusterInfo, ConfirmPlan, DeletePlanView,
    DiffLine, EarlyHistory, LogPod, NewAppForm, ResourceRef, RollbackMode,
};
use super::model_tree::AppTree;

/// Tags every request so that only the answer to the latest one is shown.
pub type RequestId = u64;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key already mapped to what the user means.
    Action(Action),
    /// A key typed into the active text field (filter, command, dialog).
    Input(KeyCombo),
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel: scrolls the focused pane or list.
    Scroll {
        down: bool,
    },
    /// Periodic clock; the only source of "now" for the views.
    Tick(Timestamp),

    // Results from the backend.
    /// All rows of one tool in one cluster, replacing what was there.
    AppsUpdated {
        cluster: String,
        tool: AppTool,
        rows: Vec<AppRow>,
    },
    /// Some rows of one tool in one cluster changed (added or updated) or
    /// are gone; the others stay as they are. At fleet scale one app's change
    /// must not resend every row of its cluster.
    AppRowsChanged {
        cluster: String,
        tool: AppTool,
        changed: Vec<AppRow>,
        removed: Vec<AppId>,
    },
    ClusterStatusChanged(ClusterInfo),
    /// Why an app is unhealthy (`None`: it no longer is), for REASON.
    AppReason {
        id: AppId,
        reason: Option<String>,
    },
    DetailLoaded {
        request_id: RequestId,
        detail: AppDetail,
    },
    /// The open app's commits, ahead of its drift (which waits for the
    /// cluster): the history pane shows them until the detail arrives.
    HistoryFirst {
        request_id: RequestId,
        id: AppId,
        history: EarlyHistory,
    },
    /// The open app's resource tree, Why line and Events, each time they change.
    TreeUpdated {
        request_id: RequestId,
        tree: AppTree,
    },
    PlanReady {
        request_id: RequestId,
        plan: ConfirmPlan,
    },
    /// What a delete would touch, answering `PlanDelete`.
    DeletePlanReady {
        request_id: RequestId,
        plan: DeletePlanView,
    },
    ChangeProgress {
        request_id: RequestId,
        row: ChangeRow,
    },
    /// End of an executed sync/rollback/suspend/resume/refresh: `Ok(summary)`
    /// or `Err(reason)`. A failed load (detail, plan, YAML, commit diff)
    /// answers `Err(reason)` here too, and it is shown where the answer
    /// was expected.
    ActionFinished {
        request_id: RequestId,
        result: Result<String, String>,
    },
    Yaml {
        request_id: RequestId,
        text: String,
    },
    /// A confirmed sync was refused because the plan changed (`why`); here
    /// is the new plan, to confirm again.
    PlanChanged {
        request_id: RequestId,
        why: String,
        plan: ConfirmPlan,
    },
    CommitDiff {
        request_id: RequestId,
        lines: Vec<DiffLine>,
    },
    /// The pods a logs request found (newest first) and the pod and
    /// container being streamed, answering `OpenLogs`.
    LogPods {
        request_id: RequestId,
        pods: Vec<LogPod>,
        pod: String,
        container: String,
    },
    /// Lines of the log, as they arrive (raw: the viewer sanitises them).
    LogLines {
        request_id: RequestId,
        lines: Vec<String>,
    },
    /// The log stream ended; `error` says why when it failed.
    LogEnded {
        request_id: RequestId,
        error: Option<String>,
    },
    Error(String),
}

/// Work for the runtime. Each request carries a fresh `request_id`; the
/// backend answers with a `Msg` carrying the same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Answered by `DetailLoaded`.
    LoadDetail { request_id: RequestId, app: AppId },
    /// Dry run of a sync; answered by `PlanReady` (or `ActionFinished(Err)`).
    PlanSync {
        request_id: RequestId,
        app: AppId,
        prune: bool,
        force: bool,
    },
    /// Answered by `ChangeProgress`* then `ActionFinished`.
    ExecuteSync {
        request_id: RequestId,
        app: AppId,
        prune: bool,
        force: bool,
        /// What the confirmation showed: refused if it is no longer the plan.
        confirmed_revision: String,
        confirmed_prune: Vec<String>,
        /// Git cannot be fetched and the operator confirmed twice: apply the cache.
        allow_stale: bool,
    },
    /// Dry run of a rollback; answered by `PlanReady`.
    PlanRollback {
        request_id: RequestId,
        app: AppId,
        revision: String,
        mode: RollbackMode,
    },
    /// Answered by `ChangeProgress`* then `ActionFinished`.
    ExecuteRollback {
        request_id: RequestId,
        app: AppId,
        revision: String,
        mode: RollbackMode,
        prune: bool,
        force: bool,
    },
    /// Pause automated sync; `duration: None` means until resumed.
    /// Answered by `ActionFinished` (its text is shown), then fresh rows.
    Suspend {
        request_id: RequestId,
        app: AppId,
        duration: Option<Duration>,
        reason: Option<String>,
    },
    /// Answered by `ActionFinished`, then fresh rows.
    Resume { request_id: RequestId, app: AppId },
    /// One action on several apps, each judged and acted on by its own
    /// tool; answered by one `ChangeProgress` per app as it finishes (its
    /// own outcome and why), then `ActionFinished`.
    ExecuteBatch {
        request_id: RequestId,
        apps: Vec<AppId>,
        action: BatchAction,
    },
    /// `resource: None` is the app object itself. `live` = from the cluster,
    /// otherwise as rendered from Git. Answered by `Yaml`.
    LoadYaml {
        request_id: RequestId,
        app: AppId,
        resource: Option<ResourceRef>,
        live: bool,
    },
    /// Answered by `CommitDiff`.
    LoadCommitDiff {
        request_id: RequestId,
        app: AppId,
        commit: String,
    },
    /// Fetch Git for the app; answered by `ActionFinished`. On success the
    /// console reloads the open app's detail itself.
    RefreshGit { request_id: RequestId, app: AppId },
    /// Create a recon app in `cluster` (source fetched and rendered
    /// first); answered by `ActionFinished` (the new row arrives by watch).
    CreateApp {
        request_id: RequestId,
        cluster: String,
        app: NewAppForm,
    },
    /// The objects a delete would touch; answered by `DeletePlanReady`
    /// (or `ActionFinished(Err)`).
    PlanDelete {
        request_id: RequestId,
        app: AppId,
        cascade: bool,
    },
    /// Delete the app (with `cascade` its objects, else they are released);
    /// answered by `ChangeProgress`* then `ActionFinished`.
    ExecuteDelete {
        request_id: RequestId,
        app: AppId,
        cascade: bool,
    },
    /// Stream a container's log: of `pod` (else the newest pod of
    /// `resource`) and `container` (else its first). Answered by
    /// `LogPods`, then `LogLines`*, then `LogEnded`. Replaces any stream
    /// already running.
    OpenLogs {
        request_id: RequestId,
        app: AppId,
        resource: ResourceRef,
        pod: Option<String>,
        container: Option<String>,
        follow: bool,
        previous: bool,
    },
    /// Stop the log stream (the viewer closed).
    StopLogs,
    /// Handled by the runtime (it returns from `run`); never sent to the
    /// backend.
    Quit,
}

impl Effect {
    pub fn request_id(&self) -> Option<RequestId> {
        match self {
            Effect::LoadDetail { request_id, .. }
            | Effect::PlanSync { request_id, .. }
            | Effect::ExecuteSync { request_id, .. }
            | Effect::PlanRollback { request_id, .. }
            | Effect::ExecuteRollback { request_id, .. }
            | Effect::Suspend { request_id, .. }
            | Effect::Resume { request_id, .. }
            | Effect::ExecuteBatch { request_id, .. }
            | Effect::LoadYaml { request_id, .. }
            | Effect::LoadCommitDiff { request_id, .. }
            | Effect::RefreshGit { request_id, .. }
            | Effect::CreateApp { request_id, .. }
            | Effect::PlanDelete { request_id, .. }
            | Effect::ExecuteDelete { request_id, .. }
            | Effect::OpenLogs { request_id, .. } => Some(*request_id),
            Effect::StopLogs | Effect::Quit => None,
        }
    }
}
