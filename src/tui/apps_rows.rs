//! Which rows the apps table shows and in what order: cluster context,
//! fuzzy filter (best match first), sort column. The selection follows the
//! selected app, not its index, so rows arriving from the backend do not
//! move it.

use std::cmp::{Ordering, Reverse};

use super::filter_memo::{Lookup, Scored};
use super::fuzzy::Filter;
use super::layout;
use super::model::{AppRow, Tone};
use super::row_fields::{RowHits, searched};
use super::state::{SortColumn, State};

fn compare(column: SortColumn, a: &AppRow, b: &AppRow) -> Ordering {
    let by_status = |x: &super::model::Status, y: &super::model::Status| {
        x.tone
            .severity_rank()
            .cmp(&y.tone.severity_rank())
            .then_with(|| x.text.cmp(&y.text))
    };
    let primary = match column {
        SortColumn::Cluster => Ordering::Equal,
        SortColumn::Tool => a.id.tool.cmp(&b.id.tool),
        SortColumn::Namespace => a.id.namespace.cmp(&b.id.namespace),
        SortColumn::Name => a.id.name.cmp(&b.id.name),
        SortColumn::Sync => by_status(&a.sync, &b.sync),
        SortColumn::Health => by_status(&a.health, &b.health),
        SortColumn::Revision => a.revision_short.cmp(&b.revision_short),
        // Most recent first; never-synced last.
        SortColumn::LastSync => b.last_sync.cmp(&a.last_sync),
    };
    primary.then_with(|| a.id.cmp(&b.id))
}

impl State {
    /// Recompute `visible` after the filter, context or sort changed.
    pub fn refresh_visible(&mut self) {
        let selected = self.selected_app().map(|row| row.id.clone());
        self.rebuild_visible(selected);
    }

    /// Recompute `visible`, keeping the selection on `selected` if it is
    /// still shown. Callers that replace `apps` must read the selected id
    /// before doing so: `visible` indexes the old rows.
    pub fn rebuild_visible(&mut self, selected_id: Option<super::model::AppId>) {
        // A marked app that is gone from every cluster cannot be acted on.
        self.selection.retain_present(&self.apps);
        let mut visible = self.matching_rows();
        let ranks = self.sort_ranks();
        visible.sort_unstable_by_key(|&(score, index)| (score, ranks.get(index).copied()));
        let visible: Vec<usize> = visible.into_iter().map(|(_, index)| index).collect();
        self.visible = visible;
        if let Some(id) = selected_id
            && let Some(position) = self.visible.iter().position(|&i| self.apps[i].id == id)
        {
            self.list.selected = position;
        }
        let viewport = layout::apps_rows(self.width, self.height);
        self.list.clamp(self.visible.len(), viewport);
    }

    /// The rows the context and filter let through, with their scores
    /// (best first is higher), unsorted.
    fn matching_rows(&mut self) -> Scored {
        let in_context = |row: &AppRow| {
            self.context
                .as_ref()
                .is_none_or(|ctx| &row.id.cluster == ctx)
        };
        if Filter::new(&self.filter).is_none() {
            return (self.apps.iter().enumerate())
                .filter(|(_, row)| in_context(row))
                .map(|(index, _)| (Reverse(0), index))
                .collect();
        }
        let candidates: Vec<usize> =
            match self
                .filter_memo
                .lookup(self.rows_version.0, &self.context, &self.filter)
            {
                Lookup::Answered(scored) => return scored.clone(),
                Lookup::Among(rows) => rows,
                Lookup::All => (0..self.apps.len())
                    .filter(|&i| in_context(&self.apps[i]))
                    .collect(),
            };
        let scored = score_rows(&self.apps, &candidates, &self.filter);
        self.filter_memo.remember(&self.filter, &scored);
        scored
    }

    /// Each app's place in the sort column's order, sorted again only when
    /// the rows or the column changed.
    fn sort_ranks(&mut self) -> &[u32] {
        let key = Some((self.rows_version.0, self.sort));
        if self.sort_ranks.key != key || self.sort_ranks.ranks.len() != self.apps.len() {
            let mut order: Vec<usize> = (0..self.apps.len()).collect();
            order.sort_by(|a, b| compare(self.sort, &self.apps[*a], &self.apps[*b]));
            let mut ranks = vec![0u32; self.apps.len()];
            for (rank, index) in order.into_iter().enumerate() {
                ranks[index] = rank as u32;
            }
            self.sort_ranks = super::state::SortRanks { key, ranks };
        }
        &self.sort_ranks.ranks
    }

    /// The filter, parsed once for a frame's `hits`; None without one.
    pub fn hit_finder(&self) -> Option<Filter> {
        Filter::new(&self.filter)
    }

    /// Where the filter (`finder`) matched the row `apps[index]`. Worked
    /// out when asked (for the rows on screen), not for every row at each
    /// keystroke.
    pub fn hits(&self, finder: Option<&mut Filter>, index: usize) -> Option<RowHits> {
        let row = self.apps.get(index)?;
        let found = finder?.matches(&searched(row))?;
        Some(RowHits::new(found.positions))
    }

    /// Rows in the current cluster context (ignoring the filter), for the
    /// header counts.
    pub fn rows_in_context(&self) -> impl Iterator<Item = &AppRow> {
        self.apps.iter().filter(|row| {
            self.context
                .as_ref()
                .is_none_or(|ctx| &row.id.cluster == ctx)
        })
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for row in self.rows_in_context() {
            counts.total += 1;
            if matches!(row.sync.tone, Tone::Warn | Tone::Bad) {
                counts.out_of_sync += 1;
            }
            if row.health.tone == Tone::Bad {
                counts.degraded += 1;
            }
            if row.paused.is_some() {
                counts.paused += 1;
            }
        }
        counts
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub total: usize,
    pub out_of_sync: usize,
    pub degraded: usize,
    pub paused: usize,
}

/// Rows scored at once per core: 10,000 rows of a query found mostly
/// across fields take ~7 ms on one core, over the 5 ms a keystroke may take.
const ROWS_PER_THREAD: usize = 2_000;

/// The candidates that match `query`, with their scores, in their order.
fn score_rows(apps: &[AppRow], candidates: &[usize], query: &str) -> Scored {
    let score_all = |chunk: &[usize]| -> Scored {
        let Some(mut filter) = Filter::new(query) else {
            return Vec::new();
        };
        chunk
            .iter()
            .filter_map(|&index| {
                let score = filter.score(&searched(&apps[index]))?;
                Some((Reverse(score), index))
            })
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(candidates.len() / ROWS_PER_THREAD)
        .max(1);
    if threads == 1 {
        return score_all(candidates);
    }
    let chunk = candidates.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = candidates
            .chunks(chunk)
            .map(|part| scope.spawn(move || score_all(part)))
            .collect();
        parts
            .into_iter()
            // A scoring thread that panicked panics here too, not silently
            // dropping its rows from the list.
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
