//! A Flux Kustomization seen as a recon app: its GitRepository's URL at the
//! commit of the source's artifact, its `spec.path`, rendered with kustomize
//! as kustomize-controller does (a kustomization of its own at the path, or
//! the manifests there when it has none), in its target namespace. recon's
//! server-side dry run of that, with nothing of recon's stamped on the
//! objects, is the drift Flux would undo.

use super::FluxHandle;
use super::model::revision_sha;
use crate::adapters::error::AdapterError;
use crate::adapters::source_files::{KUSTOMIZATION_FILES, list_files};
use crate::engine::app::{
    Application, ApplicationSpec, ApplicationStatus, Destination, RenderKind, Source, SyncState,
};
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{Engine, blocking};
use crate::engine::source::{Fetch, StaleGit};

/// The app recon renders, and whether the cache stood in for Git.
pub struct FluxProjection {
    /// At the commit of the source's artifact: what Flux applies.
    pub handle: AppHandle,
    pub stale: Option<StaleGit>,
    /// The branch, tag or ref the source follows (not a pinned commit):
    /// where the history of the path starts.
    pub follows: Option<String>,
}

impl FluxProjection {
    /// The same app following the source's branch: for its history, whose
    /// head is the branch's and whose deployed commit is Flux's.
    pub fn following(&self) -> AppHandle {
        let mut h = self.handle.clone();
        if let Some(follows) = &self.follows {
            h.app.spec.source.target_revision = follows.clone();
        }
        h
    }
}

pub async fn project(
    engine: &Engine,
    flux: &FluxHandle,
    fetch: Fetch,
) -> Result<FluxProjection, AdapterError> {
    let source = flux.source().await?;
    let name = flux.name();
    // What Flux applies is the source's artifact; before it has one, what
    // the source follows.
    let revision = source
        .artifact_revision()
        .map(|r| revision_sha(r).to_string())
        .or_else(|| {
            source
                .spec
                .reference
                .as_ref()
                .and_then(|r| r.target())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "HEAD".into());
    let path = flux
        .ks
        .spec
        .path
        .trim_start_matches("./")
        .trim_matches('/')
        .to_string();
    let url = source.spec.url.clone();
    let repos = engine.clone();
    let (id, list_path) = (name.clone(), path.clone());
    let (sha, files, stale) = blocking(&name.clone(), move || {
        list_files(&repos, &id, &url, &list_path, &revision, fetch).map_err(|e| match e {
            AdapterError::Engine(e) => *e,
            other => crate::engine::error::EngineError::invalid(&id, other.to_string()),
        })
    })
    .await?;
    let kustomized = files
        .iter()
        .any(|f| KUSTOMIZATION_FILES.contains(&f.as_str()));
    let mut app = Application::new(
        flux.ks.name(),
        ApplicationSpec {
            source: Source {
                repo_url: source.spec.url.clone(),
                target_revision: sha,
                path,
                render: if kustomized {
                    RenderKind::Kustomize
                } else {
                    RenderKind::Plain
                },
                helm: None,
            },
            destination: Destination {
                namespace: flux
                    .ks
                    .spec
                    .target_namespace
                    .clone()
                    .or_else(|| Some(flux.ks.namespace().to_string())),
            },
            ..Default::default()
        },
    );
    app.metadata.namespace = Some(flux.ks.namespace().to_string());
    app.status = Some(ApplicationStatus {
        sync: SyncState {
            status: String::new(),
            revision: flux
                .ks
                .last_applied_revision()
                .map(|r| revision_sha(r).to_string()),
            subject: None,
        },
        ..Default::default()
    });
    let follows = source.spec.reference.as_ref().and_then(|r| {
        [&r.name, &r.tag, &r.branch]
            .into_iter()
            .find_map(|x| x.clone())
    });
    Ok(FluxProjection {
        handle: AppHandle {
            cluster: flux.cluster.clone(),
            resolver: flux.resolver.clone(),
            app,
        },
        stale,
        follows,
    })
}
