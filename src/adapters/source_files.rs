//! The files under an app's path at a revision, read from recon's cache of
//! clones: what another tool's source holds, to choose how to render it.

use crate::adapters::error::AdapterError;
use crate::engine::ops::Engine;
use crate::engine::source::{Fetch, StaleGit, fetch_or_stale};
use crate::git::ReadLimits;

/// The names kustomize reads as a kustomization.
pub const KUSTOMIZATION_FILES: [&str; 3] =
    ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// What `list_files` found: the full sha, the files under the path
/// (relative to it), and whether the cache stood in for Git.
pub type Listed = (String, Vec<String>, Option<StaleGit>);

/// Files under the path at `revision`. When Git cannot be fetched, the
/// cached clone answers, marked stale, as for recon's own apps.
pub fn list_files(
    engine: &Engine,
    app: &str,
    repo_url: &str,
    path: &str,
    revision: &str,
    fetch: Fetch,
) -> Result<Listed, AdapterError> {
    let git = |e| AdapterError::from(crate::engine::error::EngineError::git(app, e));
    let repo = engine.repos.open(repo_url).map_err(git)?;
    let (resolved, stale) = match fetch {
        Fetch::Always => fetch_or_stale(&repo, revision),
        Fetch::IfMissing => match repo.resolve(revision) {
            Ok(resolved) => Ok((resolved, None)),
            Err(_) => fetch_or_stale(&repo, revision),
        },
    }
    .map_err(git)?;
    let sha = resolved.id.to_string();
    let files = repo
        .read_path(&sha, path, &ReadLimits::default())
        .map_err(git)?;
    let prefix = path.trim_matches('/');
    let names = files
        .into_iter()
        .map(|f| {
            f.path
                .strip_prefix(prefix)
                .map(|p| p.trim_start_matches('/').to_string())
                .unwrap_or(f.path)
        })
        .collect();
    Ok((sha, names, stale))
}
