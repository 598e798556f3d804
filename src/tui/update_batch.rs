//! One action on every selected app: `p` and `s` on the apps list while
//! apps are selected. Pause asks for duration and reason first (the pause
//! dialog), then one confirmation lists every app, its cluster and what
//! will happen to it; confirmed, each app's own result arrives in the
//! progress view as it finishes.

use super::action::Action;
use super::batch::{BatchAction, BatchDialog, BatchItem, ItemPlan, pause_words};
use super::cursor::scroll_by;
use super::layout;
use super::model::{AppRow, AppTool};
use super::model::{ChangeRow, Tone};
use super::msg::Effect;
use super::overlay::{Overlay, PauseDialog, ProgressView};
use super::state::State;
use super::update_requests::refuse_if_running;

/// `p` with a selection: resume when every selected app is paused,
/// otherwise ask how long and why to pause them.
pub fn pause_or_resume(state: &mut State) -> Vec<Effect> {
    if refuse_if_all_readonly(state, "pause") {
        return Vec::new();
    }
    let selected: Vec<_> = state.selection.ids().cloned().collect();
    let all_paused = selected.iter().all(|id| {
        state
            .apps
            .iter()
            .any(|row| row.id == *id && row.paused.is_some())
    });
    if all_paused {
        return open(state, BatchAction::Resume);
    }
    let Some(first) = selected.first().cloned() else {
        return Vec::new();
    };
    let mut dialog = PauseDialog::new(first);
    dialog.batch = selected;
    state.overlays.push(Overlay::Pause(dialog));
    state.mark_dirty();
    Vec::new()
}

/// Opens the confirmation of `action` on every selected app.
pub fn open(state: &mut State, action: BatchAction) -> Vec<Effect> {
    if refuse_if_all_readonly(state, action.verb()) || refuse_if_running(state) {
        return Vec::new();
    }
    let dialog = plan(state, action);
    state.overlays.push(Overlay::Batch(dialog));
    state.mark_dirty();
    Vec::new()
}

/// A console opened `--readonly` refuses at once; a read-only cluster
/// only refuses its own apps, in the list.
fn refuse_if_all_readonly(state: &mut State, verb: &str) -> bool {
    if state.readonly {
        state.set_error(format!("read-only: {verb} disabled"));
    }
    state.readonly
}

pub fn on_batch(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = item_rows(state.width, state.height);
    let Some(Overlay::Batch(dialog)) = state.overlays.last_mut() else {
        return Vec::new();
    };
    let page = rows.max(1) as isize;
    let delta = match action {
        Action::MoveUp => Some(-1),
        Action::MoveDown => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    };
    if let Some(delta) = delta {
        let before = dialog.scroll;
        dialog.scroll = scroll_by(dialog.scroll, delta, dialog.items.len(), rows);
        let after = dialog.scroll;
        state.mark_if_changed(before, after);
        return Vec::new();
    }
    match action {
        Action::Cancel | Action::Back => {
            state.overlays.pop();
            state.mark_dirty();
            Vec::new()
        }
        Action::Confirm => execute(state),
        _ => Vec::new(),
    }
}

/// Rows of apps the confirmation shows at once (its intro, column
/// headings and footer take three of the progress view's rows).
pub fn item_rows(width: u16, height: u16) -> usize {
    layout::progress_rows(width, height).saturating_sub(2)
}

/// The row an app that is not acted on shows from the start.
fn not_acted_row(app: String, plan: &ItemPlan) -> Option<ChangeRow> {
    let (outcome, tone, why) = match plan {
        ItemPlan::Act(_) => return None,
        ItemPlan::Skip(why) => ("skipped", Tone::Neutral, why),
        ItemPlan::Refuse(why) => ("refused", Tone::Warn, why),
    };
    Some(ChangeRow {
        object: app,
        outcome: outcome.into(),
        tone,
        reason: Some(why.clone()),
    })
}

fn execute(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Batch(dialog)) = state.overlays.pop() else {
        return Vec::new();
    };
    state.mark_dirty();
    let BatchDialog { action, items, .. } = dialog;
    let apps: Vec<_> = items
        .iter()
        .filter(|i| matches!(i.plan, ItemPlan::Act(_)))
        .map(|i| i.app.clone())
        .collect();
    if apps.is_empty() {
        state.set_info(format!(
            "nothing to {}: every selected app is skipped or refused",
            action.verb()
        ));
        return Vec::new();
    }
    // The cluster may have turned read-only while the dialog was open.
    if let Some(app) = apps.iter().find(|a| state.is_readonly(&a.cluster)) {
        state.set_error(format!(
            "read-only: {} disabled for {}",
            action.verb(),
            app.cluster
        ));
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.execute = Some(request_id);
    let rows: Vec<ChangeRow> = items
        .iter()
        .filter_map(|i| not_acted_row(i.app.to_string(), &i.plan))
        .collect();
    state.overlays.push(Overlay::Progress(ProgressView {
        request_id,
        title: format!("{} {} selected app(s)", action.verb(), apps.len()),
        rows,
        finished: None,
        scroll: 0,
        follow: true,
    }));
    vec![Effect::ExecuteBatch {
        request_id,
        apps,
        action,
    }]
}

fn plan_one(state: &State, row: &AppRow, action: &BatchAction) -> ItemPlan {
    if state.is_readonly(&row.id.cluster) {
        return ItemPlan::Refuse("read-only context: refused".into());
    }
    let argo = row.id.tool == AppTool::ArgoCd;
    match action {
        BatchAction::Pause { .. } if row.paused.is_some() => {
            ItemPlan::Skip("already paused: skipped".into())
        }
        // Argo CD pauses by turning automated sync off: without it there is
        // nothing to turn off.
        BatchAction::Pause { .. } if argo && !row.auto_sync => {
            ItemPlan::Skip("no auto-sync, nothing to pause: skipped".into())
        }
        BatchAction::Pause { duration, reason } => {
            let words = pause_words(*duration, reason.as_deref());
            ItemPlan::Act(match row.id.tool {
                AppTool::Recon => format!("pause {words}"),
                AppTool::ArgoCd => format!("Argo CD auto-sync off {words}"),
                AppTool::Flux => format!("Flux suspend {words}"),
            })
        }
        BatchAction::Resume if row.paused.is_none() && row.pinned.is_none() => {
            ItemPlan::Skip("not paused: skipped".into())
        }
        BatchAction::Resume => ItemPlan::Act(match (&row.pinned, row.id.tool) {
            (Some(pin), _) => format!("resume; drops the pin at {pin}, rolls forward"),
            (None, AppTool::ArgoCd) => "Argo CD auto-sync on".into(),
            (None, _) => "resume".into(),
        }),
        BatchAction::Sync if row.operation.is_some() => {
            ItemPlan::Refuse("an Argo CD operation runs: refused".into())
        }
        BatchAction::Sync => ItemPlan::Act(match row.id.tool {
            AppTool::Recon => format!(
                "sync to the head of its target, no dry run (now at {})",
                row.revision_short
            ),
            AppTool::ArgoCd => "Argo CD sync to its target revision".into(),
            AppTool::Flux => "Flux reconcile of its source and Kustomization".into(),
        }),
    }
}

/// The confirmation of `action` on every selected app that has a row:
/// what the console's rows say; the backend judges again on the live object.
fn plan(state: &State, action: BatchAction) -> BatchDialog {
    let items = state
        .selection
        .ids()
        .filter_map(|id| state.apps.iter().find(|row| row.id == *id))
        .map(|row| BatchItem {
            app: row.id.clone(),
            plan: plan_one(state, row, &action),
        })
        .collect();
    BatchDialog {
        action,
        items,
        scroll: 0,
    }
}
