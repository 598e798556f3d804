//! Dialogs and full-screen viewers drawn over the apps list or app view.

use super::action::Mode;
use super::batch::BatchDialog;
use super::logs_state::{LogsView, StreamState};
use super::model::{
    AppId, ChangeRow, ConfirmPlan, DeletePlanView, NewAppForm, PendingAction, PlanOptions,
    SourceRender,
};
use super::msg::RequestId;
use super::text_field::TextField;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Confirm(ConfirmDialog),
    Pause(PauseDialog),
    Create(CreateDialog),
    Delete(DeleteDialog),
    /// One action on every selected app, waiting for `y`.
    Batch(BatchDialog),
    Progress(ProgressView),
    Yaml(YamlView),
    Help(HelpView),
    Logs(Box<LogsView>),
    /// Events of one object and everything under it, live from the tree.
    Events(EventsView),
}

impl Overlay {
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Pause(_) => Mode::Pause,
            Overlay::Create(_) => Mode::Create,
            Overlay::Delete(_) => Mode::Delete,
            Overlay::Batch(_) => Mode::Batch,
            Overlay::Progress(_) => Mode::Progress,
            Overlay::Yaml(_) => Mode::Yaml,
            Overlay::Help(_) => Mode::Help,
            Overlay::Logs(view) if view.typing.is_some() => Mode::LogSearch,
            Overlay::Logs(_) => Mode::Logs,
            Overlay::Events(_) => Mode::Events,
        }
    }

    /// Waiting for the backend (drives the spinner).
    pub fn busy(&self) -> bool {
        match self {
            Overlay::Confirm(dialog) => dialog.plan.is_none() && dialog.error.is_none(),
            Overlay::Progress(view) => view.finished.is_none(),
            Overlay::Yaml(view) => view.text.is_none() && view.error.is_none(),
            Overlay::Create(dialog) => dialog.request.is_some(),
            Overlay::Delete(dialog) => dialog.plan.is_none() && dialog.error.is_none(),
            Overlay::Logs(view) => view.stream == StreamState::Connecting,
            Overlay::Pause(_) | Overlay::Help(_) | Overlay::Batch(_) | Overlay::Events(_) => false,
        }
    }
}

/// Dry run of a sync or rollback, waiting for `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmDialog {
    pub request_id: RequestId,
    /// Known before the plan arrives, so the dialog can say what it waits for.
    pub pending: PendingAction,
    pub plan: Option<ConfirmPlan>,
    /// The plan failed; the dialog shows why and can only be cancelled.
    pub error: Option<String>,
    pub options: PlanOptions,
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseField {
    Duration,
    Reason,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PauseDialog {
    pub app: AppId,
    pub duration: TextField,
    pub reason: TextField,
    pub focus: PauseField,
    /// Why the last confirm was refused (e.g. a bad duration).
    pub error: Option<String>,
    /// Pausing every selected app (`app` is then the first of them): the
    /// confirmation listing each one follows.
    pub batch: Vec<AppId>,
}

impl PauseDialog {
    pub fn new(app: AppId) -> Self {
        PauseDialog {
            app,
            duration: TextField::default(),
            reason: TextField::default(),
            focus: PauseField::Duration,
            error: None,
            batch: Vec::new(),
        }
    }
}

/// The fields of the create-app form, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateField {
    Name,
    RepoUrl,
    Path,
    Revision,
    DestNamespace,
    Render,
    AutoSync,
    Prune,
    SelfHeal,
    CascadeDelete,
}

impl CreateField {
    pub const ALL: [CreateField; 10] = [
        CreateField::Name,
        CreateField::RepoUrl,
        CreateField::Path,
        CreateField::Revision,
        CreateField::DestNamespace,
        CreateField::Render,
        CreateField::AutoSync,
        CreateField::Prune,
        CreateField::SelfHeal,
        CreateField::CascadeDelete,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CreateField::Name => "NAME",
            CreateField::RepoUrl => "REPO URL",
            CreateField::Path => "PATH",
            CreateField::Revision => "REVISION",
            CreateField::DestNamespace => "DEST NAMESPACE",
            CreateField::Render => "RENDER",
            CreateField::AutoSync => "AUTO-SYNC",
            CreateField::Prune => "PRUNE",
            CreateField::SelfHeal => "SELF-HEAL",
            CreateField::CascadeDelete => "CASCADE DELETE",
        }
    }

    /// A field typed into (the others are toggled).
    pub fn is_text(self) -> bool {
        matches!(
            self,
            CreateField::Name
                | CreateField::RepoUrl
                | CreateField::Path
                | CreateField::Revision
                | CreateField::DestNamespace
        )
    }

    fn index(self) -> usize {
        CreateField::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or_default()
    }

    /// The next field (`forward`) or the previous one, wrapping around.
    pub fn step(self, forward: bool) -> Self {
        let len = CreateField::ALL.len();
        let next = if forward {
            (self.index() + 1) % len
        } else {
            (self.index() + len - 1) % len
        };
        CreateField::ALL[next]
    }
}

/// The create-app form. It stays open while the app is created, so a
/// refusal (a render error, a name taken) can be fixed in place.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateDialog {
    pub cluster: String,
    pub name: TextField,
    pub repo_url: TextField,
    pub path: TextField,
    pub revision: TextField,
    pub dest_namespace: TextField,
    pub render: SourceRender,
    pub auto_sync: bool,
    pub prune: bool,
    pub self_heal: bool,
    pub cascade_delete: bool,
    pub focus: CreateField,
    /// The create request in flight.
    pub request: Option<RequestId>,
    /// Why the last submit was refused (by the form or by the backend).
    pub error: Option<String>,
}

impl CreateDialog {
    pub fn new(cluster: impl Into<String>) -> Self {
        CreateDialog {
            cluster: cluster.into(),
            name: TextField::default(),
            repo_url: TextField::default(),
            path: TextField::default(),
            revision: TextField::with_text("HEAD"),
            dest_namespace: TextField::default(),
            render: SourceRender::Plain,
            auto_sync: false,
            prune: false,
            self_heal: false,
            cascade_delete: false,
            focus: CreateField::Name,
            request: None,
            error: None,
        }
    }

    pub fn text_field(&self, field: CreateField) -> Option<&TextField> {
        Some(match field {
            CreateField::Name => &self.name,
            CreateField::RepoUrl => &self.repo_url,
            CreateField::Path => &self.path,
            CreateField::Revision => &self.revision,
            CreateField::DestNamespace => &self.dest_namespace,
            _ => return None,
        })
    }

    pub fn text_field_mut(&mut self, field: CreateField) -> Option<&mut TextField> {
        Some(match field {
            CreateField::Name => &mut self.name,
            CreateField::RepoUrl => &mut self.repo_url,
            CreateField::Path => &mut self.path,
            CreateField::Revision => &mut self.revision,
            CreateField::DestNamespace => &mut self.dest_namespace,
            _ => return None,
        })
    }

    /// The on/off state of a toggled field (`None` for text and render).
    pub fn toggle(&self, field: CreateField) -> Option<bool> {
        match field {
            CreateField::AutoSync => Some(self.auto_sync),
            CreateField::Prune => Some(self.prune),
            CreateField::SelfHeal => Some(self.self_heal),
            CreateField::CascadeDelete => Some(self.cascade_delete),
            _ => None,
        }
    }

    /// Flip the focused field; false when it is a text field.
    pub fn toggle_focused(&mut self) -> bool {
        match self.focus {
            CreateField::Render => self.render = self.render.toggled(),
            CreateField::AutoSync => self.auto_sync = !self.auto_sync,
            CreateField::Prune => self.prune = !self.prune,
            CreateField::SelfHeal => self.self_heal = !self.self_heal,
            CreateField::CascadeDelete => self.cascade_delete = !self.cascade_delete,
            _ => return false,
        }
        true
    }

    /// What the form says, trimmed.
    pub fn form(&self) -> NewAppForm {
        let text = |field: &TextField| field.text.trim().to_string();
        NewAppForm {
            name: text(&self.name),
            repo_url: text(&self.repo_url),
            path: text(&self.path),
            revision: text(&self.revision),
            dest_namespace: text(&self.dest_namespace),
            render: self.render,
            auto_sync: self.auto_sync,
            prune: self.prune,
            self_heal: self.self_heal,
            cascade_delete: self.cascade_delete,
        }
    }
}

/// The one action that destroys: lists what goes (or is released) and
/// waits for the app's name to be typed.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteDialog {
    pub request_id: RequestId,
    pub app: AppId,
    pub cascade: bool,
    pub plan: Option<DeletePlanView>,
    /// The plan failed; the dialog shows why and can only be cancelled.
    pub error: Option<String>,
    /// The operator types the app's name here.
    pub typed: TextField,
    pub scroll: usize,
}

impl DeleteDialog {
    pub fn name_typed(&self) -> bool {
        self.typed.text == self.app.name
    }
}

/// Results of a running sync or rollback, one row per object.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressView {
    pub request_id: RequestId,
    pub title: String,
    pub rows: Vec<ChangeRow>,
    pub finished: Option<Result<String, String>>,
    pub scroll: usize,
    /// Follow new rows until the user scrolls up.
    pub follow: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YamlView {
    pub request_id: RequestId,
    pub title: String,
    pub text: Option<String>,
    pub error: Option<String>,
    pub scroll: usize,
}

/// The Events viewer: which object's subtree, and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventsView {
    pub object: super::model::ResourceRef,
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpView {
    pub scroll: usize,
}
