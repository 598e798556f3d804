//! Everything the views draw, in one place. Only `update` changes it.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;

use super::action::Mode;
use super::app_state::AppView;
use super::cursor::Cursor;
use super::keymap::Keymap;
use super::model::{AppId, AppRow, ClusterInfo};
use super::msg::{Effect, RequestId};
use super::overlay::{Overlay, ProgressView};
use super::selection::Selection;
use super::text_field::TextField;

/// Columns of the apps table that can be sorted on, in `SortNext` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Cluster,
    Tool,
    Namespace,
    Name,
    Sync,
    Health,
    Revision,
    LastSync,
}

impl SortColumn {
    pub fn next(self) -> Self {
        match self {
            SortColumn::Cluster => SortColumn::Namespace,
            SortColumn::Namespace => SortColumn::Name,
            SortColumn::Name => SortColumn::Sync,
            SortColumn::Sync => SortColumn::Health,
            SortColumn::Health => SortColumn::Revision,
            SortColumn::Revision => SortColumn::LastSync,
            SortColumn::LastSync => SortColumn::Tool,
            SortColumn::Tool => SortColumn::Cluster,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Cluster => "cluster",
            SortColumn::Tool => "tool",
            SortColumn::Namespace => "namespace",
            SortColumn::Name => "name",
            SortColumn::Sync => "sync",
            SortColumn::Health => "health",
            SortColumn::Revision => "revision",
            SortColumn::LastSync => "last sync",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Filter,
    Command,
}

/// The bottom-line text input of `/` and `:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputLine {
    pub kind: InputKind,
    pub field: TextField,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub kind: StatusKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Apps,
    App(Box<AppView>),
}

/// The latest request of each kind; answers to older ones are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requests {
    pub next: RequestId,
    pub detail: Option<RequestId>,
    pub plan: Option<RequestId>,
    /// A running sync or rollback (the progress view).
    pub execute: Option<RequestId>,
    /// A running pause or resume.
    pub pause: Option<RequestId>,
    pub yaml: Option<RequestId>,
    pub commit_diff: Option<RequestId>,
    pub refresh: Option<RequestId>,
    /// The create-app request of the form.
    pub create: Option<RequestId>,
    /// The list of objects a delete would touch.
    pub delete_plan: Option<RequestId>,
}

impl Requests {
    pub fn issue(&mut self) -> RequestId {
        self.next += 1;
        self.next
    }
}

/// A cache key, unique in the process (two states never share one unless
/// one is a clone of the other, unchanged since). Not part of what a state
/// is: any two compare equal.
#[derive(Debug, Clone, Copy)]
pub struct RowsVersion(pub u64);

impl RowsVersion {
    pub fn fresh() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl PartialEq for RowsVersion {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A cache (see `State::sort_ranks`): any two compare equal.
#[derive(Debug, Clone, Default)]
pub struct SortRanks {
    pub key: Option<(u64, SortColumn)>,
    pub ranks: Vec<u32>,
}

impl PartialEq for SortRanks {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The clock as of the last tick; views read time only from here.
    pub now: Timestamp,
    /// Something visible changed since the last draw. Handlers set it
    /// (through [`State::mark_dirty`]) when they change what is drawn; the
    /// runtime draws only when it is set, so nothing redraws when nothing
    /// changed, and no handler pays for a copy of the state to find out.
    pub dirty: bool,
    /// Global `--readonly`.
    pub readonly: bool,
    pub width: u16,
    pub height: u16,
    pub clusters: Vec<ClusterInfo>,
    /// All rows of all clusters.
    pub apps: Vec<AppRow>,
    /// Why each unhealthy app is unhealthy, as the backend found out.
    pub reasons: HashMap<AppId, String>,
    /// Indices into `apps` after context, filter and sort.
    pub visible: Vec<usize>,
    pub list: Cursor,
    pub sort: SortColumn,
    pub filter: String,
    /// Changes whenever the rows' contents may have (rows, reasons): the
    /// view's column widths are measured again only then, not per frame or
    /// keystroke over 10,000 rows. Every change to `apps` must renew it.
    pub rows_version: RowsVersion,
    /// Every app's place in the sort column's order, for `rows_version` and
    /// that column: a filter keystroke ranks by integers, not strings.
    pub sort_ranks: SortRanks,
    pub filter_memo: super::filter_memo::FilterMemo,
    /// `:ctx NAME` narrows the table to one cluster.
    pub context: Option<String>,
    /// Apps marked for one action on all of them (space, `a`).
    pub selection: Selection,
    pub input: Option<InputLine>,
    pub screen: Screen,
    /// Dialogs and full-screen viewers, topmost last.
    pub overlays: Vec<Overlay>,
    pub status: Option<StatusLine>,
    /// A sync/rollback whose progress view was closed while it runs.
    pub background: Option<ProgressView>,
    /// Quit was pressed once while work runs; the next press quits.
    pub quit_armed: bool,
    pub keymap: Arc<Keymap>,
    /// Advances on ticks while something is in flight.
    pub spinner: usize,
    pub requests: Requests,
}

impl State {
    /// An empty console at `now` with the default keymap and an 80x24 size
    /// until the first resize arrives.
    pub fn new(now: Timestamp) -> Self {
        State {
            now,
            dirty: true,
            readonly: false,
            width: 80,
            height: 24,
            clusters: Vec::new(),
            apps: Vec::new(),
            reasons: HashMap::new(),
            visible: Vec::new(),
            list: Cursor::default(),
            sort: SortColumn::default(),
            filter: String::new(),
            rows_version: RowsVersion::fresh(),
            sort_ranks: SortRanks::default(),
            filter_memo: Default::default(),
            context: None,
            selection: Selection::default(),
            input: None,
            screen: Screen::Apps,
            overlays: Vec::new(),
            status: None,
            background: None,
            quit_armed: false,
            keymap: Arc::new(Keymap::default()),
            spinner: 0,
            requests: Requests::default(),
        }
    }

    pub fn with_readonly(mut self, readonly: bool) -> Self {
        self.readonly = readonly;
        self
    }

    pub fn with_keymap(mut self, keymap: Keymap) -> Self {
        self.keymap = Arc::new(keymap);
        self
    }

    pub fn with_size(mut self, width: u16, height: u16) -> Self {
        self.width = width;
        self.height = height;
        self
    }

    /// Known clusters, in the order the header shows them.
    pub fn with_clusters(mut self, clusters: Vec<ClusterInfo>) -> Self {
        self.clusters = clusters;
        self
    }

    /// Initial rows (all clusters); sorted and filtered like any update.
    pub fn with_apps(mut self, apps: Vec<AppRow>) -> Self {
        self.apps = apps;
        self.rows_version = RowsVersion::fresh();
        self.refresh_visible();
        self
    }

    /// How keys are interpreted right now.
    pub fn mode(&self) -> Mode {
        if let Some(input) = &self.input {
            return match input.kind {
                InputKind::Filter => Mode::Filter,
                InputKind::Command => Mode::Command,
            };
        }
        match (self.overlays.last(), &self.screen) {
            (Some(overlay), _) => overlay.mode(),
            (None, Screen::Apps) => Mode::Apps,
            (None, Screen::App(_)) => Mode::AppView,
        }
    }

    pub fn selected_app(&self) -> Option<&AppRow> {
        self.visible
            .get(self.list.selected)
            .and_then(|&index| self.apps.get(index))
    }

    pub fn cluster(&self, name: &str) -> Option<&ClusterInfo> {
        self.clusters.iter().find(|c| c.name == name)
    }

    /// Read-only globally or for this cluster.
    pub fn is_readonly(&self, cluster: &str) -> bool {
        self.readonly || self.cluster(cluster).is_some_and(|c| c.readonly)
    }

    pub fn app_view(&self) -> Option<&AppView> {
        match &self.screen {
            Screen::App(view) => Some(view),
            Screen::Apps => None,
        }
    }

    pub fn app_view_mut(&mut self) -> Option<&mut AppView> {
        match &mut self.screen {
            Screen::App(view) => Some(view),
            Screen::Apps => None,
        }
    }

    /// A request is waiting for an answer that will change the screen.
    pub fn busy(&self) -> bool {
        let waiting_detail = self
            .app_view()
            .is_some_and(|v| v.detail.is_none() && v.error.is_none());
        let overlay_busy = self.overlays.iter().any(Overlay::busy);
        let connecting = self
            .clusters
            .iter()
            .any(|c| c.status == super::model::ClusterStatus::Connecting);
        waiting_detail || overlay_busy || self.background.is_some() || connecting
    }

    /// Something drawn has changed: the next loop turn redraws.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Mark dirty when `before` (a cheap copy of a cursor, scroll offset or
    /// flag taken before a change) differs from `after`.
    pub fn mark_if_changed<T: PartialEq>(&mut self, before: T, after: T) {
        if before != after {
            self.dirty = true;
        }
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.set_status(StatusKind::Error, text.into());
    }

    pub fn set_info(&mut self, text: impl Into<String>) {
        self.set_status(StatusKind::Info, text.into());
    }

    fn set_status(&mut self, kind: StatusKind, text: String) {
        let line = Some(StatusLine { kind, text });
        if self.status != line {
            self.status = line;
            self.dirty = true;
        }
    }

    pub fn clear_status(&mut self) {
        if self.status.take().is_some() {
            self.dirty = true;
        }
    }

    /// Quitting while a sync or rollback runs needs a second press: leaving
    /// would abandon watching its result.
    pub fn quit(&mut self) -> Vec<Effect> {
        if self.execution_running() && !self.quit_armed {
            self.quit_armed = true;
            self.set_error(
                "a sync/rollback is still running: quit again to leave without seeing its result",
            );
            return Vec::new();
        }
        vec![Effect::Quit]
    }

    /// A sync or rollback has been started and has not finished.
    pub fn execution_running(&self) -> bool {
        let shown = self
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Progress(p) if p.finished.is_none()));
        shown || self.background.is_some()
    }
}
