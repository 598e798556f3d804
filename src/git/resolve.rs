//! Turning what a user or a manifest names (branch, tag, sha, `HEAD`) into a
//! commit of the cached clone.

use git2::{Commit, ErrorCode, ObjectType, Oid, Reference};
use serde::{Deserialize, Serialize};

use super::cache::SourceRepo;
use super::error::GitError;
use crate::text::short_sha;

/// A revision pinned to one commit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedRevision {
    /// Full hex sha of the commit.
    pub id: String,
    /// First seven hex digits, for display.
    pub short: String,
}

impl SourceRepo {
    /// Resolves `rev` to a commit, trying in order: `HEAD` (the origin's
    /// default branch), a full ref name, a branch of the origin, a tag
    /// (peeled to its commit), then a full or abbreviated commit sha.
    pub fn resolve(&self, rev: &str) -> Result<ResolvedRevision, GitError> {
        let commit = self.resolve_commit(rev)?;
        Ok(resolved_revision(commit.id()))
    }

    /// Like [`SourceRepo::resolve`], returning the commit object itself.
    pub(crate) fn resolve_commit(&self, rev: &str) -> Result<Commit<'_>, GitError> {
        let rev = rev.trim();
        let not_found = || GitError::RevisionNotFound {
            url: self.url(),
            rev: rev.to_string(),
        };
        if rev.is_empty() {
            return Err(not_found());
        }
        if let Some(reference) = self.find_named_reference(rev) {
            return reference.peel_to_commit().map_err(|err| {
                GitError::git(
                    format!("{rev:?} in {} does not name a commit", self.url()),
                    err,
                )
            });
        }
        if !looks_like_sha(rev) {
            return Err(not_found());
        }
        let object = match self.repo.find_object_by_prefix(rev, None) {
            Ok(object) => object,
            Err(err) if err.code() == ErrorCode::Ambiguous => {
                return Err(GitError::git(
                    format!("abbreviated sha {rev:?} is ambiguous in {}", self.url()),
                    err,
                ));
            }
            Err(_) => return Err(not_found()),
        };
        match object.kind() {
            Some(ObjectType::Commit) | Some(ObjectType::Tag) => object
                .peel_to_commit()
                .map_err(|err| GitError::git(format!("{rev:?} does not name a commit"), err)),
            _ => Err(not_found()),
        }
    }

    /// The reference `rev` names, if any. Branches are looked up among the
    /// origin's remote-tracking refs because the cache has no local branches.
    fn find_named_reference(&self, rev: &str) -> Option<Reference<'_>> {
        let candidates: Vec<String> = if rev == "HEAD" {
            ["HEAD", "main", "master"]
                .iter()
                .map(|name| format!("refs/remotes/origin/{name}"))
                .collect()
        } else if rev.starts_with("refs/") {
            vec![rev.to_string()]
        } else {
            vec![
                format!("refs/remotes/origin/{rev}"),
                format!("refs/tags/{rev}"),
                format!("refs/remotes/{rev}"),
            ]
        };
        candidates
            .iter()
            .find_map(|name| self.repo.find_reference(name).ok())
    }
}

pub(crate) fn resolved_revision(id: Oid) -> ResolvedRevision {
    let id = id.to_string();
    let short = short_sha(&id);
    ResolvedRevision { id, short }
}

/// Abbreviated shas shorter than git's minimum of four digits are refused:
/// they would match almost anything.
fn looks_like_sha(rev: &str) -> bool {
    (4..=40).contains(&rev.len()) && rev.bytes().all(|byte| byte.is_ascii_hexdigit())
}
