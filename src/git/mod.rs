//! Everything recon does with Git: a cache of bare clones, revision
//! resolution, reading manifests out of trees, path history, per-commit
//! diffs and "rollback in Git" (a revert commit pushed to the origin).
//!
//! All calls are blocking (libgit2 does network and disk I/O on the calling
//! thread); async callers should wrap them in `tokio::task::spawn_blocking`.
//! A [`SourceRepo`] is `Send` but not `Sync`: each task opens its own handle
//! through the shared [`RepoCache`], which serialises writers per repository.

mod ancestry;
mod auth;
mod cache;
mod commit_diff;
mod error;
mod history;
mod history_memo;
mod lock;
mod push;
mod repo_path;
mod resolve;
mod revert;
mod tree;
mod tree_edit;
mod url;

#[cfg(test)]
mod tests;

pub use cache::{RepoCache, SourceRepo, warm_up_in_background};
pub use error::{GitError, RedactedError};
pub use history::CommitInfo;
pub use resolve::ResolvedRevision;
pub use revert::RevertOutcome;
pub use tree::{ReadLimits, RepoFile};
pub use url::redact_url;
