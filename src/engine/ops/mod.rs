//! What recon does to an app, as one API for the CLI, the console and the
//! agent: diff, sync, suspend/resume, rollback (pin or revert), history.

mod create;
mod delete;
mod diff;
mod history;
mod pause;
mod refresh;
mod rollback;
mod sync;

pub use create::{CreateOptions, Created, NewApp, create};
pub use delete::{DeletePlan, Deleted, delete, plan_delete};
pub use diff::default_revision;
pub use diff::{DiffOptions, DiffOutcome, diff};
pub use history::{HistoryRow, HistoryView, history};
pub use pause::{pause_until, resume, suspend};
pub use refresh::{record, refresh};
pub use rollback::{RollbackMode, RollbackOptions, rollback};
pub use sync::{ConfirmedPlan, SyncRequest, SyncResult, sync, sync_measured};

use crate::engine::error::EngineError;
use crate::git::RepoCache;

/// Shared state of the engine: the Git cache all apps share.
#[derive(Clone, Debug)]
pub struct Engine {
    pub repos: RepoCache,
}

impl Engine {
    pub fn new(repos: RepoCache) -> Self {
        Self { repos }
    }

    /// `$RECON_CACHE_DIR` or the XDG cache dir.
    pub fn from_env() -> Self {
        match std::env::var_os("RECON_CACHE_DIR") {
            Some(dir) => Self::new(RepoCache::new(std::path::PathBuf::from(dir))),
            None => Self::new(RepoCache::default_location()),
        }
    }
}

/// Runs blocking Git/render work off the async runtime.
pub async fn blocking<T, F>(app: &str, f: F) -> Result<T, EngineError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, EngineError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| EngineError::Task {
            app: app.to_string(),
            message: e.to_string(),
        })?
}
