//! Everything a user can do, and the modes in which keys are interpreted.

/// One user intent, produced by the keymap from a key press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Quit,
    NextPane,
    PrevPane,
    Filter,
    Command,
    Help,
    Sync,
    PauseResume,
    Rollback,
    /// Live YAML of the selected object.
    ViewYaml,
    /// YAML as rendered from Git.
    ViewDesiredYaml,
    Refresh,
    ToggleSideBySide,
    SortNext,
    /// Show the whole-app drift in the diff pane again.
    ShowAppDiff,
    Confirm,
    Cancel,
    TogglePrune,
    ToggleForce,
    ToggleRollbackMode,
    /// Move between the fields of a form (pause dialog).
    NextField,
    PrevField,
    /// Open the create-app form.
    CreateApp,
    /// Delete the app (asks for its name first).
    DeleteApp,
    /// Flip the focused on/off field of a form.
    ToggleField,
    /// Delete dialog: delete the objects too, or release them.
    ToggleCascade,
    /// Logs of the selected Pod or workload.
    ViewLogs,
    /// Logs viewer: follow new lines, or read what is there and stop.
    ToggleFollow,
    /// Logs viewer: the previous (crashed) container's log.
    TogglePrevious,
    /// Logs viewer: the next container of the pod.
    NextContainer,
    /// Logs viewer: the next pod of the workload.
    NextPod,
    /// Logs viewer: wrap long lines.
    ToggleWrap,
    /// Logs viewer: the next / previous search match.
    SearchNext,
    SearchPrev,
    /// Mark or unmark the row for an action on every marked app.
    ToggleSelect,
    /// Mark every row the filter shows.
    SelectShown,
    /// Resource tree: hide or show what the selected object owns.
    ToggleCollapse,
    /// Resource tree: show or fold old ReplicaSets scaled to zero.
    ToggleFolded,
    /// Events of the selected object and of everything under it.
    ViewEvents,
}

impl Action {
    pub const ALL: [Action; 47] = [
        Action::MoveUp,
        Action::MoveDown,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Back,
        Action::Quit,
        Action::NextPane,
        Action::PrevPane,
        Action::Filter,
        Action::Command,
        Action::Help,
        Action::Sync,
        Action::PauseResume,
        Action::Rollback,
        Action::ViewYaml,
        Action::ViewDesiredYaml,
        Action::Refresh,
        Action::ToggleSideBySide,
        Action::SortNext,
        Action::ShowAppDiff,
        Action::Confirm,
        Action::Cancel,
        Action::TogglePrune,
        Action::ToggleForce,
        Action::ToggleRollbackMode,
        Action::NextField,
        Action::PrevField,
        Action::CreateApp,
        Action::DeleteApp,
        Action::ToggleField,
        Action::ToggleCascade,
        Action::ViewLogs,
        Action::ToggleFollow,
        Action::TogglePrevious,
        Action::NextContainer,
        Action::NextPod,
        Action::ToggleWrap,
        Action::SearchNext,
        Action::SearchPrev,
        Action::ToggleSelect,
        Action::SelectShown,
        Action::ToggleCollapse,
        Action::ToggleFolded,
        Action::ViewEvents,
    ];

    /// The name used in keymap files (`sync = "S"`).
    pub fn name(self) -> &'static str {
        match self {
            Action::MoveUp => "move-up",
            Action::MoveDown => "move-down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::Quit => "quit",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::Filter => "filter",
            Action::Command => "command",
            Action::Help => "help",
            Action::Sync => "sync",
            Action::PauseResume => "pause-resume",
            Action::Rollback => "rollback",
            Action::ViewYaml => "view-yaml",
            Action::ViewDesiredYaml => "view-desired-yaml",
            Action::Refresh => "refresh",
            Action::ToggleSideBySide => "toggle-side-by-side",
            Action::SortNext => "sort-next",
            Action::ShowAppDiff => "show-app-diff",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::TogglePrune => "toggle-prune",
            Action::ToggleForce => "toggle-force",
            Action::ToggleRollbackMode => "toggle-rollback-mode",
            Action::NextField => "next-field",
            Action::PrevField => "prev-field",
            Action::CreateApp => "create-app",
            Action::DeleteApp => "delete-app",
            Action::ToggleField => "toggle-field",
            Action::ToggleCascade => "toggle-cascade",
            Action::ViewLogs => "view-logs",
            Action::ToggleFollow => "toggle-follow",
            Action::TogglePrevious => "toggle-previous",
            Action::NextContainer => "next-container",
            Action::NextPod => "next-pod",
            Action::ToggleWrap => "toggle-wrap",
            Action::SearchNext => "search-next",
            Action::SearchPrev => "search-prev",
            Action::ToggleSelect => "toggle-select",
            Action::SelectShown => "select-shown",
            Action::ToggleCollapse => "toggle-collapse",
            Action::ToggleFolded => "toggle-folded",
            Action::ViewEvents => "view-events",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.name() == name)
    }
}

/// Where keys are interpreted. A binding lists the modes it applies to;
/// `Global` bindings apply everywhere unless a mode binds the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    Apps,
    AppView,
    Confirm,
    Pause,
    Create,
    Delete,
    Progress,
    Yaml,
    Help,
    Filter,
    Command,
    /// The logs viewer.
    Logs,
    /// Typing a search in the logs viewer.
    LogSearch,
    /// The confirmation of one action on every selected app.
    Batch,
    /// The Events viewer.
    Events,
}

impl Mode {
    pub const ALL: [Mode; 16] = [
        Mode::Global,
        Mode::Apps,
        Mode::AppView,
        Mode::Confirm,
        Mode::Pause,
        Mode::Create,
        Mode::Delete,
        Mode::Progress,
        Mode::Yaml,
        Mode::Help,
        Mode::Filter,
        Mode::Command,
        Mode::Logs,
        Mode::LogSearch,
        Mode::Batch,
        Mode::Events,
    ];

    /// Table name in keymap files (`[app-view]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Apps => "apps",
            Mode::AppView => "app-view",
            Mode::Confirm => "confirm",
            Mode::Pause => "pause",
            Mode::Create => "create",
            Mode::Delete => "delete",
            Mode::Progress => "progress",
            Mode::Yaml => "yaml",
            Mode::Help => "help",
            Mode::Filter => "filter",
            Mode::Command => "command",
            Mode::Logs => "logs",
            Mode::LogSearch => "log-search",
            Mode::Batch => "batch",
            Mode::Events => "events",
        }
    }

    /// Heading on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Apps => "Apps list",
            Mode::AppView => "App view",
            Mode::Confirm => "Confirm dialog",
            Mode::Pause => "Pause dialog",
            Mode::Create => "Create-app form",
            Mode::Delete => "Delete dialog",
            Mode::Progress => "Progress",
            Mode::Yaml => "YAML viewer",
            Mode::Help => "Help",
            Mode::Filter => "Filter input",
            Mode::Command => "Command input",
            Mode::Logs => "Logs viewer",
            Mode::LogSearch => "Logs search input",
            Mode::Batch => "Selected apps dialog",
            Mode::Events => "Events viewer",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == name)
    }

    /// Modes where printable keys are typed text rather than commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Filter
                | Mode::Command
                | Mode::Pause
                | Mode::Create
                | Mode::Delete
                | Mode::LogSearch
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        assert_eq!(Action::from_name("synk"), None);
    }

    #[test]
    fn mode_names_round_trip() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
    }
}
