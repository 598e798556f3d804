//! From an Application's source to desired objects: fetch the repository,
//! resolve the revision, read the files under the path, render them.
//! Blocking (git2, kustomize, helm): call it from `spawn_blocking`.

use crate::engine::app::{Application, RenderKind};
use crate::engine::error::EngineError;
use crate::engine::render::{self, DesiredObject, HelmOptions, RenderMode, SourceFile};
use crate::git::{ReadLimits, RepoCache};

/// What Git says the app should be, at one commit.
#[derive(Debug, Clone)]
pub struct DesiredState {
    /// Full commit sha.
    pub revision: String,
    pub short: String,
    /// First line of the commit message.
    pub subject: String,
    pub objects: Vec<DesiredObject>,
    /// Set when the repository could not be fetched and the cached clone
    /// stood in: what is shown is Git as last fetched, not Git now.
    pub stale: Option<StaleGit>,
}

/// Git as last fetched, standing in for a repository that cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaleGit {
    /// When the cache last fetched, if it knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_fetched: Option<jiff::Timestamp>,
    /// Why the fetch failed, as the Git error says it (no secret in it).
    pub error: String,
}

impl StaleGit {
    /// `fetched 3m ago` / `fetch time unknown`, for headers and errors.
    pub fn age(&self, now: jiff::Timestamp) -> String {
        match self.last_fetched {
            Some(at) => format!(
                "last fetched {} ago",
                crate::text::compact_span(now.as_second() - at.as_second())
            ),
            None => "fetch time unknown".to_string(),
        }
    }
}

/// Fetches, or, when the remote cannot be reached but the cache can answer
/// for `rev`, says so and lets the cache stand in.
pub fn fetch_or_stale(
    repo: &crate::git::SourceRepo,
    rev: &str,
) -> Result<(crate::git::ResolvedRevision, Option<StaleGit>), crate::git::GitError> {
    match repo.fetch() {
        Ok(()) => Ok((repo.resolve(rev)?, None)),
        Err(fetch_error) => match repo.resolve(rev) {
            Ok(resolved) => {
                let stale = StaleGit {
                    last_fetched: repo
                        .last_fetched()
                        .and_then(|t| jiff::Timestamp::try_from(t).ok()),
                    error: fetch_error.to_string(),
                };
                tracing::warn!(url = %repo.url(), error = %stale.error, "Git unreachable: using the cached clone");
                Ok((resolved, Some(stale)))
            }
            Err(_) => Err(fetch_error),
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fetch {
    /// Fetch from the remote first (sync, diff, history).
    Always,
    /// Use what the cache has when the revision is already there (rollback to a known commit).
    IfMissing,
}

pub fn load_desired(
    cache: &RepoCache,
    app: &Application,
    revision: Option<&str>,
    fetch: Fetch,
) -> Result<DesiredState, EngineError> {
    let name = app.tracking_id();
    let src = &app.spec.source;
    let repo = cache
        .open(&src.repo_url)
        .map_err(|e| EngineError::git(&name, e))?;
    let rev = revision.unwrap_or(&src.target_revision);
    let (resolved, stale) = match fetch {
        Fetch::Always => fetch_or_stale(&repo, rev),
        Fetch::IfMissing => match repo.resolve(rev) {
            Ok(resolved) => Ok((resolved, None)),
            Err(_) => repo.fetch().and_then(|()| Ok((repo.resolve(rev)?, None))),
        },
    }
    .map_err(|e| EngineError::git(&name, e))?;
    let sha = resolved.id.to_string();
    // What runs is the newest commit that touched the app's path: its subject
    // says what changed (the branch head may be about another app).
    let subject = repo
        .path_history(&sha, &src.path, 1)
        .ok()
        .and_then(|mut commits| commits.pop())
        .map(|c| c.subject)
        .unwrap_or_default();
    // A kustomization may refer to bases elsewhere in the repository
    // (`../../base`); a chart is its directory (dependencies vendored in charts/).
    let read_root = match src.render {
        RenderKind::Plain | RenderKind::Helm => src.path.as_str(),
        RenderKind::Kustomize => "",
    };
    let files = repo
        .read_path(&sha, read_root, &ReadLimits::default())
        .map_err(|e| EngineError::git(&name, e))?;
    let files: Vec<SourceFile> = files
        .into_iter()
        .map(|f| SourceFile {
            path: f.path,
            bytes: f.bytes,
        })
        .collect();
    let mode = match src.render {
        RenderKind::Plain => RenderMode::Plain,
        RenderKind::Kustomize => RenderMode::Kustomize,
        RenderKind::Helm => RenderMode::Helm(helm_options(app)),
    };
    let objects =
        render::render(&files, &src.path, mode).map_err(|e| EngineError::render(&name, e))?;
    Ok(DesiredState {
        revision: sha,
        short: resolved.short,
        subject,
        objects,
        stale,
    })
}

/// The `helm template` settings of `app`: Argo CD's `source.helm` fields,
/// with the app's name as the release and its destination as the namespace.
fn helm_options(app: &Application) -> HelmOptions {
    let helm = app.spec.source.helm.clone().unwrap_or_default();
    HelmOptions {
        release_name: helm
            .release_name
            .filter(|name| !name.is_empty())
            .or_else(|| app.metadata.name.clone())
            .unwrap_or_default(),
        namespace: app.spec.destination.namespace.clone(),
        value_files: helm.value_files,
        values: helm.values.filter(|values| !values.trim().is_empty()),
    }
}
