//! Drawing. `draw` is a pure function of the state and theme: no I/O, no
//! locks, no clock (the time comes from `state.now`).

mod app_view;
mod apps_cells;
mod apps_table;
mod apps_widths;
mod batch;
mod common;
mod confirm;
mod create;
mod delete;
pub(crate) mod diff;
mod events;
mod header;
mod help;
mod hints;
mod history;
mod logs;
mod pause;
mod progress;
mod resources;
mod status_line;
mod yaml;

use ratatui::Frame;

use super::layout;
use super::overlay::Overlay;
use super::state::{Screen, State};
use super::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let areas = layout::screen(frame.area());
    header::draw(frame, areas.header, state, theme);
    match &state.screen {
        Screen::Apps => apps_table::draw(frame, areas.body, state, theme),
        Screen::App(view) => app_view::draw(frame, areas.body, state, view, theme),
    }
    for overlay in &state.overlays {
        match overlay {
            Overlay::Confirm(dialog) => confirm::draw(frame, areas.body, state, dialog, theme),
            Overlay::Pause(dialog) => pause::draw(frame, areas.body, dialog, theme),
            Overlay::Batch(dialog) => batch::draw(frame, areas.body, state, dialog, theme),
            Overlay::Create(dialog) => create::draw(frame, areas.body, state, dialog, theme),
            Overlay::Delete(dialog) => delete::draw(frame, areas.body, state, dialog, theme),
            Overlay::Progress(view) => progress::draw(frame, areas.body, state, view, theme),
            Overlay::Yaml(view) => yaml::draw(frame, areas.body, state, view, theme),
            Overlay::Help(view) => help::draw(frame, areas.body, state, view, theme),
            Overlay::Logs(view) => logs::draw(frame, areas.body, state, view, theme),
            Overlay::Events(view) => events::draw(frame, areas.body, state, view, theme),
        }
    }
    hints::draw(frame, areas.hints, state, theme);
    status_line::draw(frame, areas.status, state, theme);
}
