//! Confirmation dialog for sync and rollback: the dry-run diff, what would
//! be pruned, the options and who will act.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::common::{fill_line, pane, paragraph, spinner};
use super::diff;
use crate::tui::action::{Action, Mode};
use crate::tui::layout;
use crate::tui::model::{ConfirmPlan, PendingAction, RollbackMode};
use crate::tui::overlay::ConfirmDialog;
use crate::tui::state::State;
use crate::tui::theme::Theme;

fn heading(pending: &PendingAction) -> String {
    match pending {
        PendingAction::Sync { app } => format!(" sync {app}? "),
        PendingAction::Rollback { app, revision } => {
            let short = crate::text::short_sha(revision);
            format!(" roll back {app} to {short}? ")
        }
    }
}

fn checkbox(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

/// The key bound to `action` in the dialog, for inline explanations.
fn key(state: &State, action: Action) -> String {
    state
        .keymap
        .key_label(Mode::Confirm, action)
        .unwrap_or_else(|| "unbound".to_string())
}

pub fn draw(frame: &mut Frame, body: Rect, state: &State, dialog: &ConfirmDialog, theme: &Theme) {
    let areas = layout::confirm(body, dialog.plan.as_ref());
    frame.render_widget(Clear, areas.outer);
    let block = pane(heading(&dialog.pending), true, theme).border_style(theme.danger);
    frame.render_widget(block, areas.outer);
    let rows = usize::from(areas.diff.height);
    let cells = usize::from(areas.diff.width);
    let info = info(state, dialog, theme, usize::from(areas.info.width), rows);
    frame.render_widget(paragraph(info), areas.info);
    let message = |text: String, style| vec![Line::from(Span::styled(text, style))];
    let diff_lines = match (&dialog.plan, &dialog.error) {
        (_, Some(error)) => message(format!("✗ dry run failed: {error}"), theme.error),
        (None, None) => message(
            format!("{} running the dry run…", spinner(state.spinner)),
            theme.muted,
        ),
        (Some(plan), None) if plan.lines.is_empty() => {
            message("the dry run changes nothing".to_string(), theme.muted)
        }
        (Some(plan), None) => diff::render(&plan.lines, dialog.scroll, rows, cells, false, theme),
    };
    frame.render_widget(paragraph(diff_lines), areas.diff);
    if let Some(plan) = &dialog.plan {
        let prune = prune_lines(plan, dialog.options.prune, theme, areas.prune.height);
        frame.render_widget(paragraph(prune), areas.prune);
    }
}

fn info<'a>(
    state: &State,
    dialog: &ConfirmDialog,
    theme: &Theme,
    cells: usize,
    rows: usize,
) -> Vec<Line<'a>> {
    let actor = match &dialog.plan {
        Some(plan) => vec![
            Span::styled("as ", theme.muted),
            Span::styled(plan.actor.clone(), theme.header),
            Span::styled(format!("  · {}", plan.title), theme.text),
        ],
        None => vec![Span::styled("waiting for the dry run", theme.muted)],
    };
    let options = &dialog.options;
    let option_style = |on| if on { theme.danger } else { theme.text };
    let mut toggles = vec![
        Span::styled(
            format!(
                "{} prune ({})",
                checkbox(options.prune),
                key(state, Action::TogglePrune)
            ),
            option_style(options.prune),
        ),
        Span::raw("   "),
        Span::styled(
            format!(
                "{} force ({})",
                checkbox(options.force),
                key(state, Action::ToggleForce)
            ),
            option_style(options.force),
        ),
    ];
    if matches!(dialog.pending, PendingAction::Rollback { .. }) {
        let explain = match options.mode {
            RollbackMode::Pin => "pin — Git unchanged",
            RollbackMode::Revert => "revert — push a revert commit",
        };
        let mode_key = key(state, Action::ToggleRollbackMode);
        toggles.push(Span::raw("   "));
        toggles.push(Span::styled(
            format!("mode ({mode_key}): {explain}"),
            theme.header,
        ));
    }
    let count = dialog.plan.as_ref().map_or(0, |p| p.lines.len());
    let mut dry_run = vec![Span::styled("dry run", theme.title)];
    if count > rows {
        let first = dialog.scroll.min(count - rows) + 1;
        let last = (first + rows - 1).min(count);
        let (down, up) = (key(state, Action::MoveDown), key(state, Action::MoveUp));
        dry_run.push(Span::styled(
            format!(": lines {first}-{last} of {count}, scroll with {down}/{up}"),
            theme.warn,
        ));
    }
    // Git down: the dry run is of the cached clone, and two keys apply it.
    if let Some(stale) = dialog.plan.as_ref().and_then(|p| p.stale.as_ref()) {
        let confirm = key(state, Action::Confirm);
        let ask = if options.allow_stale {
            format!("press {confirm} again to sync from the cache")
        } else {
            format!("{confirm} twice to sync from the cache")
        };
        dry_run = vec![
            Span::styled("⚠ Git unreachable · ", theme.error),
            Span::styled(ask, theme.danger),
            Span::styled(format!(" · {stale}"), theme.error),
        ];
    }
    vec![
        fill_line(actor, cells, theme.text),
        fill_line(toggles, cells, theme.text),
        fill_line(dry_run, cells, theme.text),
    ]
}

fn prune_lines<'a>(plan: &ConfirmPlan, prune_on: bool, theme: &Theme, rows: u16) -> Vec<Line<'a>> {
    if plan.prune.is_empty() {
        return vec![Line::from(Span::styled("nothing to prune", theme.muted))];
    }
    let count = plan.prune.len();
    let heading = if prune_on {
        Span::styled(
            format!("will DELETE {count} object(s) no longer in Git:"),
            theme.danger,
        )
    } else {
        Span::styled(
            format!("prune off: {count} object(s) no longer in Git stay in the cluster:"),
            theme.warn,
        )
    };
    let mut lines = vec![Line::from(heading)];
    let room = usize::from(rows.saturating_sub(1));
    let shown = if count > room {
        room.saturating_sub(1)
    } else {
        room
    };
    for object in plan.prune.iter().take(shown) {
        lines.push(Line::from(Span::styled(format!("  {object}"), theme.text)));
    }
    if count > shown {
        lines.push(Line::from(Span::styled(
            format!("  … and {} more", count - shown),
            theme.muted,
        )));
    }
    lines
}
