//! One action on every selected app: what the confirmation lists for each
//! app (acted on, skipped, refused, and why), decided from the rows the
//! console shows. The backend judges again on the live object, so a row a
//! moment old can never pause an app twice.

use std::time::Duration;

use super::model::AppId;

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

pub(super) fn pause_words(duration: Option<Duration>, reason: Option<&str>) -> String {
    let how_long = duration.map_or_else(|| "until resumed".to_string(), duration_text);
    let reason = reason.map(|r| format!(" '{r}'")).unwrap_or_default();
    format!("{how_long}{reason}")
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
