//! Screen geometry, shared by the views (to draw) and by `update` (to know
//! page sizes and keep selections in view). Pure functions of the size.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

use super::app_state::Pane;
use super::model::ConfirmPlan;

pub const HEADER_HEIGHT: u16 = 2;
/// From this width the app view puts the diff beside the other panes.
const WIDE_APP_VIEW: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenAreas {
    pub header: Rect,
    pub body: Rect,
    pub hints: Rect,
    pub status: Rect,
}

pub fn screen(area: Rect) -> ScreenAreas {
    let [header, body, hints, status] = Layout::vertical([
        Constraint::Length(HEADER_HEIGHT),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    ScreenAreas {
        header,
        body,
        hints,
        status,
    }
}

pub fn full(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width, height)
}

/// Rows of the apps table below its column header.
pub fn apps_rows(width: u16, height: u16) -> usize {
    usize::from(screen(full(width, height)).body.height.saturating_sub(1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppAreas {
    pub title: Rect,
    /// The Why line under the title: zero rows when the app is healthy.
    pub why: Rect,
    pub resources: Rect,
    pub diff: Rect,
    pub history: Rect,
}

/// The narrow layout stacks the panes and gives the focused list more
/// rows; the diff takes the rest.
pub fn app_view(body: Rect, focus: Pane, why_line: bool) -> AppAreas {
    let [title, why, panes] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(why_line)),
        Constraint::Min(0),
    ])
    .areas(body);
    if body.width >= WIDE_APP_VIEW {
        let [left, diff] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(panes);
        let [resources, history] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
        AppAreas {
            title,
            why,
            resources,
            diff,
            history,
        }
    } else {
        let big = (panes.height * 2 / 5).max(5);
        let (resources_rows, history_rows) = match focus {
            Pane::Resources => (big, 4),
            Pane::History => (5, big),
            Pane::Diff => (5, 4),
        };
        let [resources, diff, history] = Layout::vertical([
            Constraint::Length(resources_rows),
            Constraint::Min(3),
            Constraint::Length(history_rows),
        ])
        .areas(panes);
        AppAreas {
            title,
            why,
            resources,
            diff,
            history,
        }
    }
}

/// Rows inside a bordered pane.
pub fn inner_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

pub fn app_view_for(width: u16, height: u16, focus: Pane, why_line: bool) -> AppAreas {
    app_view(screen(full(width, height)).body, focus, why_line)
}

/// A box centred in `area`, at most `max_width` wide, `height` tall.
pub fn centered(area: Rect, max_width: u16, height: u16) -> Rect {
    let width = max_width.min(area.width);
    let height = height.min(area.height);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    Rect::new(x, y, width, height)
}

/// The big dialog used for confirm and progress: nearly the whole body.
pub fn big_dialog(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(110);
    centered(body, width, body.height)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmAreas {
    pub outer: Rect,
    pub info: Rect,
    pub diff: Rect,
    pub prune: Rect,
}

pub const CONFIRM_INFO_ROWS: u16 = 3;

/// One row for "nothing to prune", else a heading and up to three objects.
pub fn confirm_prune_rows(plan: Option<&ConfirmPlan>) -> u16 {
    match plan {
        Some(plan) if !plan.prune.is_empty() => (plan.prune.len() + 1).min(4) as u16,
        _ => 1,
    }
}

pub fn confirm(body: Rect, plan: Option<&ConfirmPlan>) -> ConfirmAreas {
    let outer = big_dialog(body);
    let inner = Rect::new(
        outer.x + 1,
        outer.y + 1,
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(2),
    );
    let [info, diff, prune] = Layout::vertical([
        Constraint::Length(CONFIRM_INFO_ROWS),
        Constraint::Min(1),
        Constraint::Length(confirm_prune_rows(plan)),
    ])
    .areas(inner);
    ConfirmAreas {
        outer,
        info,
        diff,
        prune,
    }
}

pub fn confirm_diff_rows(width: u16, height: u16, plan: Option<&ConfirmPlan>) -> usize {
    usize::from(confirm(screen(full(width, height)).body, plan).diff.height)
}

/// Rows of the progress list (dialog minus border and summary line).
pub fn progress_rows(width: u16, height: u16) -> usize {
    let outer = big_dialog(screen(full(width, height)).body);
    usize::from(outer.height.saturating_sub(3))
}

/// Rows of a full-body viewer (YAML, help) inside its border.
pub fn viewer_rows(width: u16, height: u16) -> usize {
    inner_rows(screen(full(width, height)).body)
}

pub fn split_columns(area: Rect, columns: u16) -> Vec<Rect> {
    let constraints = (0..columns).map(|_| Constraint::Ratio(1, u32::from(columns.max(1))));
    Layout::default()
        .direction(Direction::Horizontal)
        .constraints(constraints)
        .split(area)
        .to_vec()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteAreas {
    pub outer: Rect,
    /// Who acts and what cascade means.
    pub info: Rect,
    /// The objects, below a heading row.
    pub list: Rect,
    /// Type the name to confirm.
    pub prompt: Rect,
}

pub const DELETE_INFO_ROWS: u16 = 3;
pub const DELETE_PROMPT_ROWS: u16 = 3;

pub fn delete_dialog(body: Rect) -> DeleteAreas {
    let outer = big_dialog(body);
    let inner = Rect::new(
        outer.x + 1,
        outer.y + 1,
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(2),
    );
    let [info, list, prompt] = Layout::vertical([
        Constraint::Length(DELETE_INFO_ROWS),
        Constraint::Min(2),
        Constraint::Length(DELETE_PROMPT_ROWS),
    ])
    .areas(inner);
    DeleteAreas {
        outer,
        info,
        list,
        prompt,
    }
}

/// Rows of objects the delete dialog shows (its list minus the heading).
pub fn delete_list_rows(width: u16, height: u16) -> usize {
    let list = delete_dialog(screen(full(width, height)).body).list;
    usize::from(list.height.saturating_sub(1)).max(1)
}

/// The create-app form: a heading line, ten fields, a blank line and
/// room for a message (a render error can be long).
pub fn create_dialog(body: Rect) -> Rect {
    centered(body, 84, 18)
}
