//! Commit ancestry, for marking which path commit a deployed revision contains.

use super::cache::SourceRepo;
use super::error::GitError;

impl SourceRepo {
    /// Whether `ancestor` is reachable from `descendant` (a commit is not its own ancestor).
    pub fn is_ancestor(&self, ancestor: &str, descendant: &str) -> Result<bool, GitError> {
        let ancestor = self.resolve_commit(ancestor)?.id();
        let descendant = self.resolve_commit(descendant)?.id();
        self.repo
            .graph_descendant_of(descendant, ancestor)
            .map_err(|err| {
                GitError::git(
                    format!("cannot check whether {ancestor} precedes {descendant}"),
                    err,
                )
            })
    }
}
