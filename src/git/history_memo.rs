//! A memo of path histories, kept beside the cached clone: the commits that
//! touch a path, as of one tip. Asking again at the same tip reads the memo;
//! a tip that extends the old one by a run of single-parent commits (the
//! usual push) walks only that run. Anything else walks the whole history
//! again, so the memo can make `recon history` faster but never different
//! from `git log -- PATH`.

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository};

use super::cache::SourceRepo;
use super::error::GitError;
use super::history::{CommitInfo, Walk, touching_commits};
use super::repo_path::{join_components, split_repo_path};

/// Folder inside the bare clone (git ignores what it does not know).
const MEMO_DIR: &str = "recon-path-history";
/// Longest linear run walked to extend a memo before a full walk is cheaper
/// to reason about.
const MAX_EXTENSION: usize = 10_000;

impl SourceRepo {
    /// Commits reachable from `from` that changed something under `path`,
    /// newest first, like `git log -- PATH`; `""` lists every commit.
    /// At most `limit` commits are returned (`0` means no limit).
    pub fn path_history(
        &self,
        from: &str,
        path: &str,
        limit: usize,
    ) -> Result<Vec<CommitInfo>, GitError> {
        let path = join_components(&split_repo_path(path)?);
        let start = self.resolve_commit(from)?;
        let limit = if limit == 0 { usize::MAX } else { limit };
        let ids = touching_commits_memo(&self.repo, self.path(), start.id(), &path, limit)
            .map_err(|err| {
                GitError::git(format!("cannot walk history of {path:?} from {from}"), err)
            })?;
        ids.into_iter()
            .map(|id| {
                self.repo
                    .find_commit(id)
                    .map(|commit| CommitInfo::from_commit(&commit))
                    .map_err(|err| GitError::git(format!("cannot read commit {id}"), err))
            })
            .collect()
    }
}

/// `touching_commits`, answered from the memo where it can be.
pub(crate) fn touching_commits_memo(
    repo: &Repository,
    repo_dir: &Path,
    start: Oid,
    path: &str,
    limit: usize,
) -> Result<Vec<Oid>, git2::Error> {
    let file = memo_file(repo_dir, path);
    if let Some(memo) = file.as_deref().and_then(read)
        && let Some(ids) = extend(repo, &memo, start, path)?
    {
        if start != memo.tip
            && let Some(file) = &file
        {
            write(file, start, &ids);
        }
        return Ok(ids.into_iter().take(limit).collect());
    }
    let ids = touching_commits(repo, start, path, limit)?;
    // Only a walk that reached the root is the whole history.
    if ids.len() < limit
        && let Some(file) = &file
    {
        write(file, start, &ids);
    }
    Ok(ids)
}

struct Memo {
    tip: Oid,
    ids: Vec<Oid>,
}

/// The history at `start` from a memo at an older tip: the touching commits
/// of the single-parent run from `start` down to the memo's tip, then the
/// memo's. `None` when `start` does not extend the memo that way.
fn extend(
    repo: &Repository,
    memo: &Memo,
    start: Oid,
    path: &str,
) -> Result<Option<Vec<Oid>>, git2::Error> {
    if start == memo.tip {
        return Ok(Some(memo.ids.clone()));
    }
    let mut run = Vec::new();
    let mut at = repo.find_commit(start)?;
    loop {
        if at.id() == memo.tip {
            break;
        }
        if at.parent_count() != 1 || run.len() >= MAX_EXTENSION {
            return Ok(None);
        }
        let parent = at.parent(0)?;
        run.push(at);
        at = parent;
    }
    let walk = Walk::new(repo, Path::new(path));
    let mut ids = Vec::new();
    for commit in &run {
        if walk.changes_path(commit)? {
            ids.push(commit.id());
        }
    }
    ids.extend_from_slice(&memo.ids);
    Ok(Some(ids))
}

/// One file per path, named by a stable hash of the path.
fn memo_file(repo_dir: &Path, path: &str) -> Option<PathBuf> {
    let key = Oid::hash_object(ObjectType::Blob, path.as_bytes()).ok()?;
    Some(repo_dir.join(MEMO_DIR).join(key.to_string()))
}

/// The memo's bytes: the tip, then each id, 20 bytes each. An unreadable or
/// malformed file is no memo.
fn read(file: &Path) -> Option<Memo> {
    let bytes = std::fs::read(file).ok()?;
    if bytes.len() < 20 || bytes.len() % 20 != 0 {
        return None;
    }
    let mut ids = bytes.chunks(20).map(Oid::from_bytes);
    let tip = ids.next()?.ok()?;
    let ids = ids.collect::<Result<Vec<_>, _>>().ok()?;
    Some(Memo { tip, ids })
}

/// Written to a temporary file and renamed, so a reader never sees half a
/// memo; failing to write only costs the next call a walk.
fn write(file: &Path, tip: Oid, ids: &[Oid]) {
    let Some(dir) = file.parent() else { return };
    let mut bytes = Vec::with_capacity(20 * (ids.len() + 1));
    bytes.extend_from_slice(tip.as_bytes());
    for id in ids {
        bytes.extend_from_slice(id.as_bytes());
    }
    let staged = file.with_extension(format!("tmp{}", std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&staged, &bytes))
        .and_then(|()| std::fs::rename(&staged, file));
    if let Err(err) = written {
        tracing::debug!(file = %file.display(), error = %err, "path history memo not written");
        let _ = std::fs::remove_file(&staged);
    }
}
