//! Plain display data that the engine fills in. No engine types live here:
//! the engine translates its own state into these rows, and the console only
//! ever reads them.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;

/// How a status should look. Colour is chosen from the tone, never by
/// parsing the status text, so the engine decides what is good or bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    Good,
    Progress,
    Warn,
    Bad,
    Paused,
    Neutral,
}

impl Tone {
    /// Sort rank: the most alarming first, so sorting by a status column
    /// brings the problems to the top.
    pub fn severity_rank(self) -> u8 {
        match self {
            Tone::Bad => 0,
            Tone::Warn => 1,
            Tone::Progress => 2,
            Tone::Paused => 3,
            Tone::Neutral => 4,
            Tone::Good => 5,
        }
    }
}

/// A status word (e.g. `OutOfSync`, `Degraded`) with the tone to show it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

impl Status {
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Status {
            text: text.into(),
            tone,
        }
    }
}

/// The GitOps tool an app belongs to, as the TOOL column shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum AppTool {
    #[default]
    Recon,
    ArgoCd,
    Flux,
}

impl AppTool {
    pub fn label(self) -> &'static str {
        match self {
            AppTool::Recon => "recon",
            AppTool::ArgoCd => "argocd",
            AppTool::Flux => "flux",
        }
    }
}

/// Identity of one application: unique across clusters and tools.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AppId {
    pub cluster: String,
    pub namespace: String,
    pub name: String,
    pub tool: AppTool,
}

impl AppId {
    pub fn new(
        cluster: impl Into<String>,
        namespace: impl Into<String>,
        name: impl Into<String>,
    ) -> Self {
        AppId {
            cluster: cluster.into(),
            namespace: namespace.into(),
            name: name.into(),
            tool: AppTool::Recon,
        }
    }

    pub fn with_tool(mut self, tool: AppTool) -> Self {
        self.tool = tool;
        self
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.cluster, self.namespace, self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClusterStatus {
    Reachable,
    /// The reason is shown to the operator as is (e.g. the connection error).
    Unreachable(String),
    /// Reachable but our identity may not read what we need.
    Forbidden(String),
    Connecting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterInfo {
    pub name: String,
    pub status: ClusterStatus,
    /// Per-cluster read-only: dangerous actions are refused for its apps.
    pub readonly: bool,
    /// Set when the rows shown for this cluster are older than the last
    /// successful refresh (e.g. the cluster became unreachable).
    pub stale_since: Option<Timestamp>,
}

impl ClusterInfo {
    pub fn reachable(name: impl Into<String>) -> Self {
        ClusterInfo {
            name: name.into(),
            status: ClusterStatus::Reachable,
            readonly: false,
            stale_since: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PauseInfo {
    /// `None` means paused until resumed by hand.
    pub until: Option<Timestamp>,
    pub reason: Option<String>,
    pub by: Option<String>,
}

/// One line of the apps table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRow {
    pub id: AppId,
    pub sync: Status,
    pub health: Status,
    pub revision_short: String,
    pub revision_subject: String,
    pub last_sync: Option<Timestamp>,
    pub paused: Option<PauseInfo>,
    /// The revision the app is pinned to, if any.
    pub pinned: Option<String>,
    /// New commits are applied without anyone asking.
    pub auto_sync: bool,
    /// An operation the tool is running (Argo CD), e.g. "Running sync to 1a2b3c4".
    pub operation: Option<String>,
    /// Where the objects go when that is another cluster than the app's own.
    pub destination: Option<String>,
}

/// Which Kubernetes object a request is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceRef {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl fmt::Display for ResourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            write!(f, "{}/{}", self.kind, self.name)
        } else {
            write!(f, "{}/{}/{}", self.kind, self.namespace, self.name)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRow {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub sync: Status,
    pub health: Status,
    pub message: String,
}

impl ResourceRow {
    pub fn reference(&self) -> ResourceRef {
        ResourceRef {
            kind: self.kind.clone(),
            namespace: self.namespace.clone(),
            name: self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Context,
    Added,
    Removed,
    /// A file/object or hunk header (e.g. `@@ -1,4 +1,5 @@`).
    Header,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub old_line: Option<usize>,
    pub new_line: Option<usize>,
    /// The line without the leading `+`/`-`/space marker.
    pub text: String,
}

/// The history pane's content before the rest of the detail is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlyHistory {
    pub source_path: String,
    pub rows: Vec<CommitRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitRow {
    pub short: String,
    pub full: String,
    pub author: String,
    pub time: Timestamp,
    pub subject: String,
    /// The commit currently applied to the cluster.
    pub deployed: bool,
    pub pinned: bool,
    /// The tip of the tracked branch.
    pub head: bool,
    /// What the GitOps tool says of this commit (Argo CD: its deployments).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDetail {
    pub id: AppId,
    pub resources: Vec<ResourceRow>,
    /// Whole-app drift between Git and the cluster.
    pub app_diff: Vec<DiffLine>,
    /// Drift of one resource, keyed by its index in `resources`.
    pub resource_diffs: BTreeMap<usize, Vec<DiffLine>>,
    /// Commits touching the app's source path, newest first.
    pub history: Vec<CommitRow>,
    pub branch: String,
    pub source_path: String,
    /// One line, e.g. "2 of 7 resources out of sync".
    pub drift_summary: String,
    /// Git could not be fetched: what is shown is the cached clone (why, how old).
    pub git_stale: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RollbackMode {
    /// Pin the app to the old revision; Git is not touched.
    #[default]
    Pin,
    /// Push a revert commit so Git again describes what runs.
    Revert,
}

impl RollbackMode {
    pub fn label(self) -> &'static str {
        match self {
            RollbackMode::Pin => "pin",
            RollbackMode::Revert => "revert",
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            RollbackMode::Pin => RollbackMode::Revert,
            RollbackMode::Revert => RollbackMode::Pin,
        }
    }
}

/// What a confirmation dialog will do once confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingAction {
    Sync { app: AppId },
    Rollback { app: AppId, revision: String },
}

impl PendingAction {
    pub fn app(&self) -> &AppId {
        match self {
            PendingAction::Sync { app } | PendingAction::Rollback { app, .. } => app,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanOptions {
    pub prune: bool,
    pub force: bool,
    /// Only meaningful for a rollback.
    pub mode: RollbackMode,
    /// Git cannot be fetched and the operator confirmed once already:
    /// the next confirmation syncs from the cached clone.
    pub allow_stale: bool,
}

/// The dry run shown before a sync or rollback is executed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmPlan {
    pub title: String,
    pub action: PendingAction,
    /// The dry-run diff.
    pub lines: Vec<DiffLine>,
    /// Objects that would be deleted when prune is on.
    pub prune: Vec<String>,
    pub options: PlanOptions,
    /// The identity that will act (e.g. `alice@example.com via kube user admin`).
    pub actor: String,
    /// The commit the dry run was made at: executing it anywhere else is refused.
    pub revision: String,
    /// Git could not be fetched: the plan is from the cached clone (why, how old).
    pub stale: Option<String>,
}

/// The result for one object of a running sync/rollback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub object: String,
    pub outcome: String,
    pub tone: Tone,
    pub reason: Option<String>,
}

/// How the new app's path is rendered (the create form's RENDER field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceRender {
    #[default]
    Plain,
    Kustomize,
}

impl SourceRender {
    pub fn label(self) -> &'static str {
        match self {
            SourceRender::Plain => "plain",
            SourceRender::Kustomize => "kustomize",
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            SourceRender::Plain => SourceRender::Kustomize,
            SourceRender::Kustomize => SourceRender::Plain,
        }
    }
}

/// What the create-app form says the new app is. Empty `revision` means
/// HEAD; empty `dest_namespace` means the objects' own namespaces.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewAppForm {
    pub name: String,
    pub repo_url: String,
    pub path: String,
    pub revision: String,
    pub dest_namespace: String,
    pub render: SourceRender,
    pub auto_sync: bool,
    pub prune: bool,
    pub self_heal: bool,
    pub cascade_delete: bool,
}

/// What deleting an app would touch: the objects that carry its tracking
/// id, in the order a cascade deletes them (e.g. `apps/Deployment ns/web`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletePlanView {
    pub app: AppId,
    pub objects: Vec<String>,
    /// The identity that will act.
    pub actor: String,
}
/// One pod a logs request found, and its containers (the logs viewer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPod {
    pub name: String,
    pub containers: Vec<String>,
}
