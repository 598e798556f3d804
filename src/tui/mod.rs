//! The terminal console: an Elm-style loop of `Msg` → `update` → `Effect`s,
//! with pure views drawn from `State`.
//!
//! The engine talks to it only through the display types in [`model`], the
//! messages it sends ([`Msg`]) and the effects it carries out ([`Backend`]).
//!
//! Wiring, in outline:
//!
//! ```text
//! let keymap = Keymap::load_user(args.keymap.as_deref())?;      // KeymapError names file+line
//! let theme = Theme::resolve(args.theme.as_deref())?;           // NO_COLOR wins
//! let state = State::new(jiff::Timestamp::now())
//!     .with_readonly(args.readonly)
//!     .with_clusters(initial_clusters);                         // rows arrive as Msg::AppsUpdated
//! let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
//! // The engine keeps clones of `tx` to push AppsUpdated / ClusterStatusChanged.
//! tui::run(Arc::new(EngineBackend::new(..)), state, theme, keymap, rx, tx).await?;
//! ```
//!
//! Every request effect carries a `request_id`; answer it with the message
//! named on the effect (or `ActionFinished { Err }` on failure) carrying the
//! same id. Answers to superseded requests are dropped.

pub mod action;
pub mod app_state;
pub mod apps_rows;
pub mod batch;
mod binding;
pub mod cursor;
pub mod durations;
pub mod error;
pub mod filter_memo;
pub mod fuzzy;
pub mod help_content;
pub mod input_map;
pub mod key_table;
pub mod keymap;
mod keymap_defaults;
pub mod keymap_file;
pub mod keys;
pub mod layout;
pub mod lean_backend;
pub mod log_buffer;
pub mod logs_state;
pub mod model;
pub mod model_tree;
pub mod msg;
pub mod overlay;
pub mod row_fields;
pub mod runtime;
pub mod selection;
pub mod state;
mod terminal;
pub mod text_field;
pub mod theme;
pub mod theme_file;
mod toml_doc;
pub mod tree_rows;
pub mod update;
mod update_app_view;
mod update_apps;
mod update_backend;
mod update_batch;
mod update_dialogs;
mod update_input;
mod update_lifecycle;
mod update_logs;
mod update_requests;
mod update_rows;
mod update_tree;
pub mod view;

#[cfg(test)]
mod tests;

pub use action::{Action, Mode};
pub use batch::BatchAction;
pub use error::TuiError;
pub use keymap::{Binding, Keymap};
pub use keymap_file::KeymapError;
pub use keys::KeyCombo;
pub use logs_state::LogPod;
pub use model::{
    AppDetail, AppId, AppRow, AppTool, ChangeRow, ClusterInfo, ClusterStatus, CommitRow,
    ConfirmPlan, DeletePlanView, DiffKind, DiffLine, EarlyHistory, NewAppForm, PauseInfo,
    PendingAction, PlanOptions, ResourceRef, ResourceRow, RollbackMode, SourceRender, Status, Tone,
};
pub use msg::{Effect, Msg, RequestId};
pub use runtime::{Backend, run};
pub use state::State;
pub use theme::Theme;
pub use theme_file::ThemeError;
pub use update::update;
