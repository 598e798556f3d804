//! State of the app view: three panes over one application.

use super::cursor::Cursor;
use super::model::{AppDetail, AppId, DiffLine, EarlyHistory, ResourceRef};
use super::model_tree::AppTree;
use super::tree_rows::{PaneRow, TreeShape, pane_rows};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Resources,
    Diff,
    History,
}

impl Pane {
    pub fn next(self) -> Self {
        match self {
            Pane::Resources => Pane::Diff,
            Pane::Diff => Pane::History,
            Pane::History => Pane::Resources,
        }
    }

    pub fn prev(self) -> Self {
        match self {
            Pane::Resources => Pane::History,
            Pane::Diff => Pane::Resources,
            Pane::History => Pane::Diff,
        }
    }
}

/// What the diff pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffSource {
    /// Whole-app drift between Git and the cluster.
    App,
    /// Drift of one resource (index into `detail.resources`).
    Resource(usize),
    /// What a commit changed; `lines` is `None` while loading.
    Commit {
        short: String,
        lines: Option<Vec<DiffLine>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppView {
    pub app: AppId,
    pub detail: Option<AppDetail>,
    /// Loading the detail failed.
    pub error: Option<String>,
    /// The commits, while the rest of the detail is still loading.
    pub early_history: Option<EarlyHistory>,
    pub focus: Pane,
    pub resources: Cursor,
    pub history: Cursor,
    pub diff_scroll: usize,
    pub diff_source: DiffSource,
    /// The user's choice; `None` follows the terminal width.
    pub side_by_side: Option<bool>,
    /// What the app's objects own, live; `None` until the first answer.
    pub tree: Option<AppTree>,
    pub shape: TreeShape,
}

/// Terminal width from which the diff is shown side by side by default.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 140;

impl AppView {
    pub fn new(app: AppId) -> Self {
        AppView {
            app,
            detail: None,
            error: None,
            early_history: None,
            focus: Pane::Resources,
            resources: Cursor::default(),
            history: Cursor::default(),
            diff_scroll: 0,
            diff_source: DiffSource::App,
            side_by_side: None,
            tree: None,
            shape: TreeShape::default(),
        }
    }

    /// Where the panes are scrolled to: a cheap copy that tells whether a
    /// movement key changed anything.
    pub fn position(&self) -> (Cursor, Cursor, usize) {
        (self.resources, self.history, self.diff_scroll)
    }

    pub fn side_by_side(&self, width: u16) -> bool {
        self.side_by_side.unwrap_or(width >= SIDE_BY_SIDE_MIN_WIDTH)
    }

    /// The rows of the resources pane, as the tree is shaped now.
    pub fn pane_rows(&self) -> Vec<PaneRow<'_>> {
        match &self.detail {
            Some(detail) => pane_rows(detail, self.tree.as_ref(), &self.shape),
            None => Vec::new(),
        }
    }

    /// The object of the selected row of the resources pane.
    pub fn selected_reference(&self) -> Option<ResourceRef> {
        self.pane_rows()
            .get(self.resources.selected)
            .and_then(PaneRow::reference)
    }

    /// Events of `object`'s subtree, newest first (none before the tree loads).
    pub fn events_of(&self, object: &ResourceRef) -> Vec<&super::model_tree::EventItem> {
        self.tree
            .as_ref()
            .map_or(Vec::new(), |t| t.events_of(object))
    }

    /// The Why line, when the app is unhealthy and the tree says why.
    pub fn why(&self) -> Option<&str> {
        self.tree.as_ref().and_then(|t| t.why.as_deref())
    }

    /// The lines currently in the diff pane (empty while loading).
    pub fn diff_lines(&self) -> &[DiffLine] {
        let Some(detail) = &self.detail else {
            return &[];
        };
        match &self.diff_source {
            DiffSource::App => &detail.app_diff,
            DiffSource::Resource(index) => detail
                .resource_diffs
                .get(index)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            DiffSource::Commit { lines, .. } => lines.as_deref().unwrap_or(&[]),
        }
    }

    pub fn diff_title(&self) -> String {
        match &self.diff_source {
            DiffSource::App => "diff: whole app (git → cluster)".to_string(),
            DiffSource::Resource(index) => {
                let name = self
                    .detail
                    .as_ref()
                    .and_then(|d| d.resources.get(*index))
                    .map(|r| format!("{}/{}", r.kind, r.name))
                    .unwrap_or_else(|| "resource".to_string());
                format!("diff: {name}")
            }
            DiffSource::Commit { short, lines } => {
                let loading = if lines.is_none() { " (loading)" } else { "" };
                format!("diff: commit {short}{loading}")
            }
        }
    }
}
