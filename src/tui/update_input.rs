//! Text input: the `/` filter, the `:` command line and the dialogs' fields
//! (pause, create, the name typed to confirm a delete).

use super::action::Action;
use super::keys::KeyCombo;
use super::layout;
use super::msg::Effect;
use super::overlay::{Overlay, PauseField};
use super::state::{InputKind, State};
use super::update_apps::move_selection;
use super::update_lifecycle;

/// A typed key for whichever field is active.
pub fn on_text(state: &mut State, key: &KeyCombo) -> Vec<Effect> {
    if let Some(input) = &mut state.input {
        if input.field.edit(key) {
            if input.kind == InputKind::Filter && input.field.text != state.filter {
                state.filter = input.field.text.clone();
                state.refresh_visible();
                // Rows are ranked while filtering: a new query selects its
                // best match (as fzf and helix do), not the row that was
                // selected before, which may now match only weakly.
                let viewport = layout::apps_rows(state.width, state.height);
                state.list.select(0, state.visible.len(), viewport);
            }
            state.mark_dirty();
        }
        return Vec::new();
    }
    let changed = match state.overlays.last_mut() {
        Some(Overlay::Pause(dialog)) => {
            let field = match dialog.focus {
                PauseField::Duration => &mut dialog.duration,
                PauseField::Reason => &mut dialog.reason,
            };
            let edited = field.edit(key);
            if edited {
                dialog.error = None;
            }
            edited
        }
        Some(Overlay::Create(dialog)) => update_lifecycle::type_into_create(dialog, key),
        Some(Overlay::Delete(dialog)) => dialog.typed.edit(key),
        Some(Overlay::Logs(view)) => view.typing.as_mut().is_some_and(|field| field.edit(key)),
        _ => false,
    };
    if changed {
        state.mark_dirty();
    }
    Vec::new()
}

pub fn on_filter(state: &mut State, action: Action) -> Vec<Effect> {
    if move_selection(state, action) {
        return Vec::new();
    }
    match action {
        Action::Confirm => state.input = None,
        Action::Cancel | Action::Back => {
            state.input = None;
            state.filter.clear();
            state.refresh_visible();
        }
        _ => return Vec::new(),
    }
    state.mark_dirty();
    Vec::new()
}

pub fn on_command(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Confirm => {
            let text = state
                .input
                .take()
                .map(|input| input.field.text)
                .unwrap_or_default();
            state.mark_dirty();
            run_command(state, &text)
        }
        Action::Cancel | Action::Back => {
            state.input = None;
            state.mark_dirty();
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `:ctx NAME`, `:ctx`, `:q`. Anything else is reported, never ignored.
fn run_command(state: &mut State, text: &str) -> Vec<Effect> {
    let mut words = text.split_whitespace();
    let command = words.next().unwrap_or("");
    let argument = words.next();
    if words.next().is_some() {
        state.set_error(format!("too many arguments: `:{}`", text.trim()));
        return Vec::new();
    }
    match (command, argument) {
        ("", None) => {}
        ("q" | "quit" | "q!" | "quit!", None) => return state.quit(),
        ("ctx" | "context", None) => {
            state.context = None;
            state.refresh_visible();
            state.set_info("showing all clusters");
        }
        ("ctx" | "context", Some(name)) => {
            if state.cluster(name).is_some() || state.apps.iter().any(|r| r.id.cluster == name) {
                state.context = Some(name.to_string());
                state.list.selected = 0;
                state.refresh_visible();
                state.set_info(format!("context: {name}"));
            } else {
                let known: Vec<&str> = state.clusters.iter().map(|c| c.name.as_str()).collect();
                state.set_error(format!(
                    "unknown cluster `{name}` (known: {})",
                    known.join(", ")
                ));
            }
        }
        _ => state.set_error(format!(
            "unknown command `:{}` (try :ctx NAME, :ctx, :q)",
            text.trim()
        )),
    }
    Vec::new()
}
