//! What every console task shares: the engine, the fleet, and how to find
//! the app a request names, whatever its tool. Below the backend and every
//! task module; imports none of them.

use tokio::sync::mpsc::UnboundedSender;

use super::in_flight::{InFlight, Op};

use crate::adapters::argocd::ArgoHandle;
use crate::adapters::argocd::diff::project;
use crate::adapters::flux::FluxHandle;
use crate::adapters::{Located, Tool, locate};
use crate::engine::fleet::{AppHandle, Fleet};
use crate::engine::ops::Engine;
use crate::engine::prepare::Stamp;
use crate::engine::source::Fetch;
use crate::tui::{AppId, AppTool, Msg};

pub struct Shared {
    pub engine: Engine,
    pub fleet: Fleet,
    /// The actions running now, waited for on the way out.
    pub in_flight: InFlight,
}

/// An error with its causes, as one line for the status bar.
pub fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    crate::error_chain::chain(e)
}

pub fn tool_of(app: &AppId) -> Tool {
    match app.tool {
        AppTool::Recon => Tool::Recon,
        AppTool::ArgoCd => Tool::ArgoCd,
        AppTool::Flux => Tool::Flux,
    }
}

/// How the journal names `action` on `app`.
pub fn op(app: &AppId, action: &str) -> Op {
    Op {
        context: app.cluster.clone(),
        app: format!("{}/{}", app.namespace, app.name),
        action: action.to_string(),
    }
}

impl Shared {
    pub async fn locate(&self, app: &AppId) -> Result<Located, String> {
        locate(&self.fleet, &app.to_string(), Some(tool_of(app)))
            .await
            .map_err(|e| describe(&e))
    }

    pub async fn locate_recon(&self, app: &AppId) -> Result<AppHandle, String> {
        match self.locate(app).await? {
            Located::Recon(h) => Ok(*h),
            Located::ArgoCd(h) => Err(format!("{} is an Argo CD app", h.full_name())),
            Located::Flux(h) => Err(format!("{} is a Flux app", h.full_name())),
        }
    }

    pub async fn locate_argo(&self, app: &AppId) -> Result<ArgoHandle, String> {
        match self.locate(app).await? {
            Located::ArgoCd(h) => Ok(*h),
            Located::Recon(h) => Err(format!("{} is a recon app", h.full_name())),
            Located::Flux(h) => Err(format!("{} is a Flux app", h.full_name())),
        }
    }

    pub async fn locate_flux(&self, app: &AppId) -> Result<FluxHandle, String> {
        match self.locate(app).await? {
            Located::Flux(h) => Ok(*h),
            Located::Recon(h) => Err(format!("{} is a recon app", h.full_name())),
            Located::ArgoCd(h) => Err(format!("{} is an Argo CD app", h.full_name())),
        }
    }

    /// The app as recon renders and compares it: recon's own handle, or an
    /// Argo CD app's source seen as a recon app in its destination cluster
    /// (with nothing of recon's stamped on the objects).
    pub async fn render_handle(
        &self,
        located: &Located,
        fetch: Fetch,
    ) -> Result<(AppHandle, Stamp), String> {
        match located {
            Located::Recon(h) => Ok((h.as_ref().clone(), Stamp::Recon)),
            Located::Flux(h) => {
                let p = crate::adapters::flux::project::project(&self.engine, h, fetch)
                    .await
                    .map_err(|e| describe(&e))?;
                Ok((p.handle, Stamp::Nothing))
            }
            Located::ArgoCd(h) => {
                let (target, projected) = project(&self.engine, &self.fleet, h, None, fetch)
                    .await
                    .map_err(|e| describe(&e))?;
                let app = projected.map(|p| p.app).map_err(|u| {
                    format!(
                        "{}: recon cannot render its source as Argo CD would: {}",
                        h.full_name(),
                        u.why
                    )
                })?;
                Ok((
                    AppHandle {
                        cluster: target.cluster,
                        resolver: target.resolver,
                        app,
                    },
                    Stamp::Nothing,
                ))
            }
        }
    }
}

/// Sends the outcome of an action request.
pub fn finish(tx: &UnboundedSender<Msg>, request_id: u64, result: Result<String, String>) {
    let _ = tx.send(Msg::ActionFinished { request_id, result });
}
