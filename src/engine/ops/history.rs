//! The commits that changed the app's path, newest first, with the deployed
//! revision, the pin and the branch head marked. The deployed commit may not
//! touch the path itself (a later commit elsewhere was synced): then the mark
//! goes on the newest path commit it contains, which is what actually runs.

use serde::Serialize;

use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::source::{StaleGit, fetch_or_stale};
use crate::git::{CommitInfo, SourceRepo};

use super::{Engine, blocking};

#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    #[serde(flatten)]
    pub commit: CommitInfo,
    pub deployed: bool,
    pub pinned: bool,
    pub head: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    pub app: String,
    pub path: String,
    pub target_revision: String,
    pub head: String,
    pub deployed: Option<String>,
    pub pinned: Option<String>,
    pub rows: Vec<HistoryRow>,
    /// Set when Git could not be fetched: these are the cached commits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale: Option<StaleGit>,
}

/// With `fetch` false the cached clone is used as it is (live refreshes).
pub async fn history(
    engine: &Engine,
    handle: &AppHandle,
    limit: usize,
    fetch: bool,
) -> Result<HistoryView, EngineError> {
    let app_id = handle.app.tracking_id();
    let src = handle.app.spec.source.clone();
    let deployed = handle
        .app
        .status
        .as_ref()
        .and_then(|s| s.sync.revision.clone());
    let pinned = handle.app.pinned_revision().map(str::to_string);
    let repos = engine.repos.clone();
    blocking(&app_id.clone(), move || {
        let git = |e| EngineError::git(&app_id, e);
        let repo = repos.open(&src.repo_url).map_err(git)?;
        let (resolved, stale) = if fetch {
            fetch_or_stale(&repo, &src.target_revision).map_err(git)?
        } else {
            (repo.resolve(&src.target_revision).map_err(git)?, None)
        };
        let head = resolved.id;
        let commits = repo.path_history(&head, &src.path, limit).map_err(git)?;
        let deployed_row = marked_row(&repo, &commits, deployed.as_deref()).map_err(git)?;
        let pinned_row = marked_row(&repo, &commits, pinned.as_deref()).map_err(git)?;
        let rows = commits
            .into_iter()
            .enumerate()
            .map(|(i, commit)| HistoryRow {
                commit,
                deployed: deployed_row == Some(i),
                pinned: pinned_row == Some(i),
                head: i == 0,
            })
            .collect();
        Ok(HistoryView {
            app: app_id.clone(),
            path: src.path.clone(),
            target_revision: src.target_revision.clone(),
            head,
            deployed,
            pinned,
            rows,
            stale,
        })
    })
    .await
}

/// Index of the newest path commit that `revision` contains.
fn marked_row(
    repo: &SourceRepo,
    commits: &[CommitInfo],
    revision: Option<&str>,
) -> Result<Option<usize>, crate::git::GitError> {
    let Some(rev) = revision else { return Ok(None) };
    for (i, c) in commits.iter().enumerate() {
        if c.id == rev || repo.is_ancestor(&c.id, rev)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}
