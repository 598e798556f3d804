//! One action on every selected app: what the confirmation lists for each
//! app (acted on, skipped, refused, and why), decided from the rows the
//! console shows. The backend judges again on the live object, so a row a
//! moment old can never pause an app twice.

use std::time::Duration;

use super::model::{AppId, AppRow, AppTool};
use super::state::State;

/// What is asked of every app of the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchAction {
    /// `duration: None` is until resumed by hand.
    Pause {
        duration: Option<Duration>,
        reason: Option<String>,
    },
    Resume,
    /// To the head of each app's own target, without a dry run per app.
    Sync,
}

impl BatchAction {
    pub fn verb(&self) -> &'static str {
        match self {
            BatchAction::Pause { .. } => "pause",
            BatchAction::Resume => "resume",
            BatchAction::Sync => "sync",
        }
    }

    /// The word a finished app's row shows.
    pub fn done_word(&self) -> &'static str {
        match self {
            BatchAction::Pause { .. } => "paused",
            BatchAction::Resume => "resumed",
            BatchAction::Sync => "synced",
        }
    }
}

/// What the batch will do with one app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemPlan {
    /// Acted on; the text says how (`pause 2h 'INC-1'`).
    Act(String),
    /// Nothing to do (already paused, not paused).
    Skip(String),
    /// Not allowed here (a read-only context).
    Refuse(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    pub app: AppId,
    pub plan: ItemPlan,
}

/// The confirmation: every selected app with what will happen to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchDialog {
    pub action: BatchAction,
    pub items: Vec<BatchItem>,
    pub scroll: usize,
}

impl BatchDialog {
    pub fn acted(&self) -> impl Iterator<Item = &BatchItem> {
        self.items
            .iter()
            .filter(|i| matches!(i.plan, ItemPlan::Act(_)))
    }

    /// `2 paused, 1 skipped, 1 refused`-style count for the footer.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for item in &self.items {
            match item.plan {
                ItemPlan::Act(_) => counts.0 += 1,
                ItemPlan::Skip(_) => counts.1 += 1,
                ItemPlan::Refuse(_) => counts.2 += 1,
            }
        }
        counts
    }
}

/// `2h` or `1h30m` for a pause; whole minutes are enough to read.
fn duration_text(d: Duration) -> String {
    let minutes = d.as_secs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, 0) => format!("{}s", d.as_secs()),
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

fn pause_words(duration: Option<Duration>, reason: Option<&str>) -> String {
    let how_long = duration.map_or_else(|| "until resumed".to_string(), duration_text);
    let reason = reason.map(|r| format!(" '{r}'")).unwrap_or_default();
    format!("{how_long}{reason}")
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

/// The confirmation of `action` on every selected app that has a row.
pub fn plan(state: &State, action: BatchAction) -> BatchDialog {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_typed() {
        assert_eq!(duration_text(Duration::from_secs(7200)), "2h");
        assert_eq!(duration_text(Duration::from_secs(5400)), "1h30m");
        assert_eq!(duration_text(Duration::from_secs(600)), "10m");
        assert_eq!(duration_text(Duration::from_secs(20)), "20s");
        assert_eq!(
            pause_words(Some(Duration::from_secs(7200)), Some("incident 123")),
            "2h 'incident 123'"
        );
        assert_eq!(pause_words(None, None), "until resumed");
    }
}
