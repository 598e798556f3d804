//! The built-in key table. Order matters: it is the order of the hint bar
//! and of the help screen.

use crossterm::event::KeyCode;

use super::action::{Action, Mode};
use super::binding::Binding;
use super::keys::KeyCombo;

use Mode::{
    AppView, Apps, Batch, Command, Confirm, Create, Delete, Events, Filter, Global, Help,
    LogSearch, Logs, Pause, Progress, Yaml,
};

fn ch(c: char) -> KeyCombo {
    KeyCombo::char(c)
}

fn key(code: KeyCode) -> KeyCombo {
    KeyCombo::plain(code)
}

struct Spec {
    keys: Vec<KeyCombo>,
    action: Action,
    modes: &'static [Mode],
    description: &'static str,
    hint: Option<&'static str>,
    dangerous: bool,
}

fn spec(
    keys: Vec<KeyCombo>,
    action: Action,
    modes: &'static [Mode],
    description: &'static str,
) -> Spec {
    Spec {
        keys,
        action,
        modes,
        description,
        hint: None,
        dangerous: false,
    }
}

impl Spec {
    fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }

    fn dangerous(mut self) -> Self {
        self.dangerous = true;
        self
    }

    fn build(self) -> Binding {
        Binding {
            keys: self.keys,
            action: self.action,
            modes: self.modes.to_vec(),
            description: self.description.to_string(),
            hint: self.hint.map(str::to_string),
            dangerous: self.dangerous,
        }
    }
}

const LISTS: &[Mode] = &[
    Apps, AppView, Confirm, Batch, Progress, Yaml, Logs, Events, Help,
];
const VIEWERS: &[Mode] = &[Progress, Yaml, Logs, Events, Help];

// One binding per line reads as a table; rustfmt would spread it over
// three hundred lines.
#[rustfmt::skip]
pub fn default_bindings() -> Vec<Binding> {
    let ctrl = KeyCombo::ctrl;
    let specs = vec![
        // Apps list.
        spec(vec![key(KeyCode::Enter)], Action::Open, &[Apps], "Open the selected app").hint("open"),
        spec(vec![ch('s')], Action::Sync, &[Apps], "Sync the selected app (dry run first)").hint("sync").dangerous(),
        spec(vec![ch('p')], Action::PauseResume, &[Apps], "Pause or resume automated sync").hint("pause").dangerous(),
        spec(vec![ch('/')], Action::Filter, &[Apps], "Fuzzy filter over all columns").hint("filter"),
        spec(vec![ch(':')], Action::Command, &[Apps], "Command (:ctx NAME, :ctx, :q)").hint("cmd"),
        spec(vec![ch('o')], Action::SortNext, &[Apps], "Sort by the next column").hint("sort"),
        spec(vec![ch('y')], Action::ViewYaml, &[Apps], "Live YAML of the app").hint("yaml"),
        spec(vec![ch('c')], Action::CreateApp, &[Apps], "Create an app in the selected row's cluster (a form)").hint("create"),
        spec(vec![ch('D')], Action::DeleteApp, &[Apps], "Delete the selected app (type its name to confirm)").hint("delete").dangerous(),
        spec(vec![ch('R'), ctrl('r')], Action::Refresh, &[Apps], "Fetch Git and reload").hint("refresh"),
        spec(vec![ch(' ')], Action::ToggleSelect, &[Apps], "Select or unselect the row: s and p then act on every selected app"),
        spec(vec![ch('a')], Action::SelectShown, &[Apps], "Select every row the filter shows"),
        spec(vec![key(KeyCode::Esc)], Action::Back, &[Apps], "Clear the selection, then the filter"),
        spec(vec![ch('q')], Action::Quit, &[Apps], "Quit").hint("quit"),
        // App view.
        spec(vec![key(KeyCode::Esc), ch('q')], Action::Back, &[AppView], "Back to the apps list").hint("back"),
        spec(vec![key(KeyCode::Tab)], Action::NextPane, &[AppView], "Focus the next pane").hint("pane"),
        spec(vec![key(KeyCode::BackTab)], Action::PrevPane, &[AppView], "Focus the previous pane"),
        spec(vec![key(KeyCode::Enter)], Action::Open, &[AppView], "Show the resource's diff / load the commit's changes").hint("show"),
        spec(vec![ch('s')], Action::Sync, &[AppView], "Sync this app (dry run first)").hint("sync").dangerous(),
        spec(vec![ch('r')], Action::Rollback, &[AppView], "Roll back to the commit selected in history").hint("rollback").dangerous(),
        spec(vec![ch('p')], Action::PauseResume, &[AppView], "Pause or resume automated sync").hint("pause").dangerous(),
        spec(vec![ch('a')], Action::ShowAppDiff, &[AppView], "Show the whole-app drift").hint("app diff"),
        spec(vec![ch('v')], Action::ToggleSideBySide, &[AppView], "Side-by-side / unified diff").hint("split"),
        spec(vec![ch('y')], Action::ViewYaml, &[AppView], "Live YAML of the selected resource").hint("yaml"),
        spec(vec![ch('Y')], Action::ViewDesiredYaml, &[AppView], "YAML rendered from Git"),
        spec(vec![ch('l')], Action::ViewLogs, &[AppView], "Logs of the selected Pod or workload (its newest pod)").hint("logs"),
        spec(vec![ch('e')], Action::ViewEvents, &[AppView], "Events of the selected object and everything under it").hint("events"),
        spec(vec![ch('z')], Action::ToggleCollapse, &[AppView], "Collapse or expand what the selected object owns").hint("fold"),
        spec(vec![ch('Z')], Action::ToggleFolded, &[AppView], "Show or fold old ReplicaSets scaled to zero"),
        spec(vec![ch('D')], Action::DeleteApp, &[AppView], "Delete this app (type its name to confirm)").hint("delete").dangerous(),
        spec(vec![ch(':')], Action::Command, &[AppView], "Command (:ctx NAME, :ctx, :q)").hint("cmd"),
        spec(vec![ch('R'), ctrl('r')], Action::Refresh, &[AppView], "Fetch Git and reload").hint("refresh"),
        // Confirmation dialog.
        spec(vec![ch('y'), key(KeyCode::Enter)], Action::Confirm, &[Confirm], "Confirm and execute").hint("confirm").dangerous(),
        spec(vec![ch('n'), key(KeyCode::Esc)], Action::Cancel, &[Confirm], "Cancel").hint("cancel"),
        spec(vec![ch('p')], Action::TogglePrune, &[Confirm], "Toggle prune").hint("prune"),
        spec(vec![ch('f')], Action::ToggleForce, &[Confirm], "Toggle force").hint("force"),
        spec(vec![ch('m')], Action::ToggleRollbackMode, &[Confirm], "Rollback: pin or revert").hint("pin/revert"),
        // One action on every selected app.
        spec(vec![ch('y'), key(KeyCode::Enter)], Action::Confirm, &[Batch], "Act on every listed app").hint("confirm").dangerous(),
        spec(vec![ch('n'), key(KeyCode::Esc)], Action::Cancel, &[Batch], "Cancel").hint("cancel"),
        // Pause dialog.
        spec(vec![key(KeyCode::Enter)], Action::Confirm, &[Pause], "Pause with this duration and reason").hint("pause").dangerous(),
        spec(vec![key(KeyCode::Tab), key(KeyCode::BackTab)], Action::NextField, &[Pause], "Next field").hint("field"),
        spec(vec![key(KeyCode::Esc)], Action::Cancel, &[Pause], "Cancel").hint("cancel"),
        // Create-app form.
        spec(vec![key(KeyCode::Enter)], Action::Confirm, &[Create], "Create the app (its source is fetched and rendered first)").hint("create"),
        spec(vec![key(KeyCode::Tab)], Action::NextField, &[Create], "Next field").hint("field"),
        spec(vec![key(KeyCode::BackTab)], Action::PrevField, &[Create], "Previous field"),
        spec(vec![ch(' ')], Action::ToggleField, &[Create], "Toggle the focused option (render, auto-sync, prune, self-heal, cascade)").hint("toggle"),
        spec(vec![key(KeyCode::Esc)], Action::Cancel, &[Create], "Cancel").hint("cancel"),
        // Delete dialog: printable keys type the app's name.
        spec(vec![key(KeyCode::Enter)], Action::Confirm, &[Delete], "Delete, once the app's name is typed").hint("delete").dangerous(),
        spec(vec![key(KeyCode::Tab)], Action::ToggleCascade, &[Delete], "Cascade: delete the objects too, or keep them (released)").hint("cascade"),
        spec(vec![key(KeyCode::Esc)], Action::Cancel, &[Delete], "Cancel").hint("cancel"),
        spec(vec![key(KeyCode::Up)], Action::MoveUp, &[Delete], "Scroll the objects up"),
        spec(vec![key(KeyCode::Down)], Action::MoveDown, &[Delete], "Scroll the objects down"),
        // Text inputs.
        spec(vec![key(KeyCode::Enter)], Action::Confirm, &[Filter], "Keep the filter").hint("keep"),
        spec(vec![key(KeyCode::Esc)], Action::Cancel, &[Filter], "Clear the filter").hint("clear"),
        spec(vec![key(KeyCode::Up)], Action::MoveUp, &[Filter], "Select the previous row"),
        spec(vec![key(KeyCode::Down)], Action::MoveDown, &[Filter], "Select the next row"),
        spec(vec![key(KeyCode::Enter)], Action::Confirm, &[Command], "Run the command").hint("run"),
        spec(vec![key(KeyCode::Esc)], Action::Cancel, &[Command], "Cancel").hint("cancel"),
        // Logs viewer.
        spec(vec![ch('f')], Action::ToggleFollow, &[Logs], "Follow new lines on/off").hint("follow"),
        spec(vec![ch('p')], Action::TogglePrevious, &[Logs], "Previous container's log (after a crash) on/off").hint("previous"),
        spec(vec![ch('c')], Action::NextContainer, &[Logs], "Next container of the pod").hint("container"),
        spec(vec![ch('P')], Action::NextPod, &[Logs], "Next pod of the workload (newest first)").hint("pod"),
        spec(vec![ch('w')], Action::ToggleWrap, &[Logs], "Wrap long lines on/off").hint("wrap"),
        spec(vec![ch('/')], Action::Filter, &[Logs], "Search the log (smart case)").hint("search"),
        spec(vec![ch('n')], Action::SearchNext, &[Logs], "Next match"),
        spec(vec![ch('N')], Action::SearchPrev, &[Logs], "Previous match"),
        spec(vec![key(KeyCode::Enter)], Action::Confirm, &[LogSearch], "Search for the text typed").hint("search"),
        spec(vec![key(KeyCode::Esc)], Action::Cancel, &[LogSearch], "Cancel the search").hint("cancel"),
        // Viewers.
        spec(vec![key(KeyCode::Esc), ch('q')], Action::Back, VIEWERS, "Close").hint("close"),
        // Moving around.
        spec(vec![ch('k'), key(KeyCode::Up)], Action::MoveUp, LISTS, "Up"),
        spec(vec![ch('j'), key(KeyCode::Down)], Action::MoveDown, LISTS, "Down"),
        spec(vec![key(KeyCode::PageUp), ctrl('b')], Action::PageUp, LISTS, "Page up"),
        spec(vec![key(KeyCode::PageDown), ctrl('f')], Action::PageDown, LISTS, "Page down"),
        spec(vec![ch('g'), key(KeyCode::Home)], Action::Top, LISTS, "First line"),
        spec(vec![ch('G'), key(KeyCode::End)], Action::Bottom, LISTS, "Last line"),
        // Everywhere.
        spec(vec![ch('?')], Action::Help, &[Global], "Help (this screen)").hint("help"),
        spec(vec![ctrl('c')], Action::Quit, &[Global], "Quit at once"),
    ];
    specs.into_iter().map(Spec::build).collect()
}
