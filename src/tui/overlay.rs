//! Dialogs and full-screen viewers drawn over the apps list or app view.

use super::action::Mode;
use super::model::{AppId, ChangeRow, ConfirmPlan, PendingAction, PlanOptions};
use super::msg::RequestId;
use super::text_field::TextField;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Confirm(ConfirmDialog),
    Pause(PauseDialog),
    Progress(ProgressView),
    Yaml(YamlView),
    Help(HelpView),
}

impl Overlay {
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Pause(_) => Mode::Pause,
            Overlay::Progress(_) => Mode::Progress,
            Overlay::Yaml(_) => Mode::Yaml,
            Overlay::Help(_) => Mode::Help,
        }
    }

    /// Waiting for the backend (drives the spinner).
    pub fn busy(&self) -> bool {
        match self {
            Overlay::Confirm(dialog) => dialog.plan.is_none() && dialog.error.is_none(),
            Overlay::Progress(view) => view.finished.is_none(),
            Overlay::Yaml(view) => view.text.is_none() && view.error.is_none(),
            Overlay::Pause(_) | Overlay::Help(_) => false,
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
}

impl PauseDialog {
    pub fn new(app: AppId) -> Self {
        PauseDialog {
            app,
            duration: TextField::default(),
            reason: TextField::default(),
            focus: PauseField::Duration,
            error: None,
        }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpView {
    pub scroll: usize,
}
