//! The live drift of an Argo CD app, computed by recon: the app's source
//! rendered at its target revision (plain YAML or kustomize, the type Argo CD
//! would choose), compared by server-side dry run with the objects in the
//! destination cluster, read through recon's own kubeconfig context. recon's
//! annotations are not added, so what shows is what Argo CD would change.

use super::ArgoHandle;
use super::destination::{self, Target};
use super::source::{Renderable, as_recon_app, discovered_type, explicit_type};
use crate::adapters::error::AdapterError;
use crate::adapters::source_files::list_files;
use crate::engine::app::Application;
use crate::engine::fleet::{AppHandle, Fleet};
use crate::engine::ops::{self, DiffOptions, DiffOutcome, Engine, blocking};
use crate::engine::prepare::Stamp;
use crate::engine::source::{Fetch, StaleGit};

pub struct ArgoDiff {
    pub target: Target,
    pub outcome: Result<DiffOutcome, Unrendered>,
}

/// The app as recon renders it, at `sha`; `stale` when Git could not be
/// fetched and the cached clone stands in.
#[derive(Debug, Clone)]
pub struct Projection {
    pub app: Application,
    pub sha: String,
    pub stale: Option<StaleGit>,
}

/// Why there is no diff to show (said in the pane, never an empty diff).
#[derive(Debug, Clone)]
pub struct Unrendered {
    pub why: String,
}

/// The app seen as recon renders it, with the destination to compare in.
pub async fn project(
    engine: &Engine,
    fleet: &Fleet,
    handle: &ArgoHandle,
    revision: Option<&str>,
    fetch: Fetch,
) -> Result<(Target, Result<Projection, Unrendered>), AdapterError> {
    let target =
        destination::resolve(fleet, &handle.cluster, &handle.resolver, &handle.app).await?;
    let Some(src) = handle.app.primary_source().cloned() else {
        return Ok((
            target,
            Err(Unrendered {
                why: "the Application has no source".into(),
            }),
        ));
    };
    if let Some(Renderable::No(why)) = explicit_type(&src) {
        return Ok((target, Err(Unrendered { why })));
    }
    let name = handle.name();
    let repos = engine.clone();
    let rev = revision
        .map(str::to_string)
        .or_else(|| src.target_revision.clone().filter(|r| !r.is_empty()))
        .unwrap_or_else(|| "HEAD".into());
    let path = src.path.clone().unwrap_or_default();
    let url = src.repo_url.clone();
    let (sha, files, stale) = blocking(&name.clone(), move || {
        list_files(&repos, &name, &url, &path, &rev, fetch).map_err(|e| match e {
            AdapterError::Engine(e) => *e,
            other => crate::engine::error::EngineError::invalid(&name, other.to_string()),
        })
    })
    .await?;
    match discovered_type(&src, &files) {
        Renderable::No(why) => Ok((target, Err(Unrendered { why }))),
        Renderable::As(kind) => {
            let mut app = as_recon_app(&handle.app, &src, kind);
            let synced = handle
                .app
                .status
                .as_ref()
                .and_then(|s| s.sync.revision.clone());
            app.status = Some(crate::engine::app::ApplicationStatus {
                sync: crate::engine::app::SyncState {
                    status: String::new(),
                    revision: synced,
                    subject: None,
                },
                ..Default::default()
            });
            Ok((target, Ok(Projection { app, sha, stale })))
        }
    }
}

/// Drift against the target revision (or `revision`).
pub async fn diff(
    engine: &Engine,
    fleet: &Fleet,
    handle: &ArgoHandle,
    revision: Option<&str>,
    fetch: Fetch,
) -> Result<ArgoDiff, AdapterError> {
    let (target, projected) = project(engine, fleet, handle, revision, fetch).await?;
    diff_of(engine, target, projected).await
}

/// The drift of an app already projected (by `project`).
pub async fn diff_of(
    engine: &Engine,
    target: Target,
    projected: Result<Projection, Unrendered>,
) -> Result<ArgoDiff, AdapterError> {
    let Projection { app, sha, stale } = match projected {
        Ok(p) => p,
        Err(u) => {
            return Ok(ArgoDiff {
                target,
                outcome: Err(u),
            });
        }
    };
    let recon_handle = AppHandle {
        cluster: target.cluster.clone(),
        resolver: target.resolver.clone(),
        app,
    };
    let opts = DiffOptions {
        revision: Some(sha),
        fetch: Fetch::IfMissing,
        stamp: Stamp::Nothing,
        ..Default::default()
    };
    let mut outcome = ops::diff(engine, &recon_handle, &opts).await?;
    outcome.source.stale = stale;
    Ok(ArgoDiff {
        target,
        outcome: Ok(outcome),
    })
}
