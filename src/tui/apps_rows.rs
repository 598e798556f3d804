//! Which rows the apps table shows and in what order: cluster context,
//! fuzzy filter (best match first), sort column. The selection follows the
//! selected app, not its index, so rows arriving from the backend do not
//! move it.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

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
        self.rows_version = super::state::RowsVersion::fresh();
        // A marked app that is gone from every cluster cannot be acted on.
        self.selection.retain_present(&self.apps);
        let mut filter = Filter::new(&self.filter);
        let mut scores: HashMap<usize, u32> = HashMap::new();
        self.hits.clear();
        let mut visible = Vec::new();
        for (index, row) in self.apps.iter().enumerate() {
            if self
                .context
                .as_ref()
                .is_some_and(|ctx| &row.id.cluster != ctx)
            {
                continue;
            }
            if let Some(filter) = &mut filter {
                let Some(found) = filter.matches(&searched(row)) else {
                    continue;
                };
                scores.insert(index, found.score);
                self.hits.insert(index, RowHits::new(found.positions));
            }
            visible.push(index);
        }
        // Best match first while filtering (equal scores: the sort column).
        let score = |index: &usize| Reverse(scores.get(index).copied().unwrap_or(0));
        visible.sort_by(|a, b| {
            score(a)
                .cmp(&score(b))
                .then_with(|| compare(self.sort, &self.apps[*a], &self.apps[*b]))
        });
        self.visible = visible;
        if let Some(id) = selected_id
            && let Some(position) = self.visible.iter().position(|&i| self.apps[i].id == id)
        {
            self.list.selected = position;
        }
        let viewport = layout::apps_rows(self.width, self.height);
        self.list.clamp(self.visible.len(), viewport);
    }

    /// Where the filter matched the row `apps[index]`; empty without a filter.
    pub fn hits(&self, index: usize) -> Option<&RowHits> {
        self.hits.get(&index)
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
