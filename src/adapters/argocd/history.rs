//! History of an Argo CD app: the commits that changed its path, newest
//! first, with Argo CD's own deployments (`status.history`: id, revision,
//! when, who) set against the commits they deployed.

use serde::Serialize;

use super::ArgoHandle;
use super::destination::Target;
use super::diff::{Unrendered, project};
use super::model::ArgoRevisionHistory;
use crate::adapters::error::AdapterError;
use crate::engine::app::Application;
use crate::engine::fleet::{AppHandle, Fleet};
use crate::engine::ops::{self, Engine, HistoryView};
use crate::engine::source::Fetch;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArgoHistory {
    #[serde(flatten)]
    pub commits: HistoryView,
    /// Argo CD's deployment history, newest first.
    pub deployments: Vec<ArgoRevisionHistory>,
}

impl ArgoHistory {
    /// Argo CD's deployments of one commit, newest first.
    pub fn deployments_of(&self, sha: &str) -> Vec<&ArgoRevisionHistory> {
        self.deployments
            .iter()
            .filter(|d| d.revision == sha)
            .collect()
    }
}

pub async fn history(
    engine: &Engine,
    fleet: &Fleet,
    handle: &ArgoHandle,
    limit: usize,
    fetch: bool,
) -> Result<ArgoHistory, AdapterError> {
    let fetch_mode = if fetch {
        Fetch::Always
    } else {
        Fetch::IfMissing
    };
    let (target, projected) = project(engine, fleet, handle, None, fetch_mode).await?;
    history_of(engine, handle, target, projected.map(|p| p.app), limit).await
}

/// The history of an app already projected (by `project`); a source recon
/// cannot render (`Err`) is read as plain files: only its commits matter here.
pub async fn history_of(
    engine: &Engine,
    handle: &ArgoHandle,
    target: Target,
    projected: Result<Application, Unrendered>,
    limit: usize,
) -> Result<ArgoHistory, AdapterError> {
    // History reads only Git: a source recon cannot render still has commits.
    let app = match projected {
        Ok(app) => app,
        Err(_) => {
            let Some(src) = handle.app.primary_source() else {
                return Err(AdapterError::refused(
                    &handle.name(),
                    "the Application has no source",
                ));
            };
            super::source::as_recon_app(&handle.app, src, crate::engine::app::RenderKind::Plain)
        }
    };
    let mut app = app;
    if let Some(rev) = handle
        .app
        .status
        .as_ref()
        .and_then(|s| s.sync.revision.clone())
    {
        let status = app.status.get_or_insert_with(Default::default);
        status.sync.revision = Some(rev);
    }
    let recon_handle = AppHandle {
        cluster: target.cluster,
        resolver: target.resolver,
        app,
    };
    let commits = ops::history(engine, &recon_handle, limit, false).await?;
    let mut deployments = handle
        .app
        .status
        .as_ref()
        .map(|s| s.history.clone())
        .unwrap_or_default();
    deployments.reverse();
    Ok(ArgoHistory {
        commits,
        deployments,
    })
}
