//! Confirmation dialog for sync and rollback: the dry-run diff, what would
//! be pruned, the options and who will act.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::common::{fill_line, pane, spinner};
use super::diff;
use super::hints;
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
            let short: String = revision.chars().take(7).collect();
            format!(" roll back {app} to {short}? ")
        }
    }
}

fn checkbox(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

pub fn draw(frame: &mut Frame, body: Rect, state: &State, dialog: &ConfirmDialog, theme: &Theme) {
    let areas = layout::confirm(body);
    frame.render_widget(Clear, areas.outer);
    frame.render_widget(
        pane(heading(&dialog.pending), true, theme).border_style(theme.danger),
        areas.outer,
    );
    frame.render_widget(
        Paragraph::new(info(state, dialog, theme, areas.info.width)),
        areas.info,
    );
    let rows = usize::from(areas.diff.height);
    let cells = usize::from(areas.diff.width);
    let diff_lines = match (&dialog.plan, &dialog.error) {
        (_, Some(error)) => vec![Line::from(Span::styled(
            format!("✗ dry run failed: {error}"),
            theme.error,
        ))],
        (None, None) => vec![Line::from(Span::styled(
            format!("{} running the dry run…", spinner(state.spinner)),
            theme.muted,
        ))],
        (Some(plan), None) if plan.lines.is_empty() => {
            vec![Line::from(Span::styled(
                "the dry run changes nothing",
                theme.muted,
            ))]
        }
        (Some(plan), None) => diff::render(&plan.lines, dialog.scroll, rows, cells, false, theme),
    };
    frame.render_widget(Paragraph::new(diff_lines), areas.diff);
    if let Some(plan) = &dialog.plan {
        let prune = prune_lines(plan, dialog.options.prune, theme, areas.prune.height);
        frame.render_widget(Paragraph::new(prune), areas.prune);
    }
    frame.render_widget(
        Paragraph::new(hints::line(state, Mode::Confirm, theme, areas.keys.width)),
        areas.keys,
    );
}

fn info<'a>(state: &State, dialog: &ConfirmDialog, theme: &Theme, cells: u16) -> Vec<Line<'a>> {
    let cells = usize::from(cells);
    let key = |action| {
        state
            .keymap
            .key_label(Mode::Confirm, action)
            .map(|k| format!(" ({k})"))
            .unwrap_or_default()
    };
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
                "{} prune{}",
                checkbox(options.prune),
                key(Action::TogglePrune)
            ),
            option_style(options.prune),
        ),
        Span::raw("   "),
        Span::styled(
            format!(
                "{} force{}",
                checkbox(options.force),
                key(Action::ToggleForce)
            ),
            option_style(options.force),
        ),
    ];
    if matches!(dialog.pending, PendingAction::Rollback { .. }) {
        let explain = match options.mode {
            RollbackMode::Pin => "pin the app to this revision; Git unchanged",
            RollbackMode::Revert => "push a revert commit to Git",
        };
        toggles.push(Span::raw("   "));
        toggles.push(Span::styled(
            format!(
                "mode: {}{} — {explain}",
                options.mode.label(),
                key(Action::ToggleRollbackMode)
            ),
            theme.header,
        ));
    }
    let count = dialog.plan.as_ref().map_or(0, |p| p.lines.len());
    let dry_run = Span::styled(format!("dry run ({count} lines):"), theme.title);
    vec![
        fill_line(actor, cells, theme.text),
        fill_line(toggles, cells, theme.text),
        fill_line(vec![dry_run], cells, theme.text),
    ]
}

fn prune_lines<'a>(plan: &ConfirmPlan, prune_on: bool, theme: &Theme, rows: u16) -> Vec<Line<'a>> {
    if plan.prune.is_empty() {
        return vec![Line::from(Span::styled("nothing to prune", theme.muted))];
    }
    let heading = if prune_on {
        Span::styled(
            format!("will DELETE {} object(s):", plan.prune.len()),
            theme.danger,
        )
    } else {
        Span::styled(
            format!(
                "prune off: {} object(s) no longer in Git stay in the cluster:",
                plan.prune.len()
            ),
            theme.warn,
        )
    };
    let mut lines = vec![Line::from(heading)];
    let room = usize::from(rows.saturating_sub(1));
    let shown = if plan.prune.len() > room {
        room.saturating_sub(1)
    } else {
        room
    };
    for object in plan.prune.iter().take(shown) {
        lines.push(Line::from(Span::styled(format!("  {object}"), theme.text)));
    }
    if plan.prune.len() > shown {
        lines.push(Line::from(Span::styled(
            format!("  … and {} more", plan.prune.len() - shown),
            theme.muted,
        )));
    }
    lines
}
