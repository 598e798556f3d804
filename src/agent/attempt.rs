//! One attempt at one app, as the controller and `--once` both make it:
//! read the app as it is now, reconcile it, and report the result.

use std::time::Duration;

use crate::agent::context::Ctx;
use crate::agent::error::AgentError;
use crate::agent::metrics::ReconcileResult;
use crate::agent::reconcile::{Outcome, Reconciled};
use crate::agent::{reconcile, report};
use crate::cluster::typed;
use crate::engine::app::Application;
use crate::engine::error::EngineError;

/// `Ok(Some(next))`: look again after `next`; `Ok(None)`: the app is gone.
pub async fn attempt(ctx: &Ctx, app: &Application) -> Result<Option<Duration>, AgentError> {
    let name = app.tracking_id();
    let started = std::time::Instant::now();
    let result: Result<Option<(Application, Reconciled)>, AgentError> = async {
        let ns = app.metadata.namespace.clone().unwrap_or_default();
        let short = app.metadata.name.clone().unwrap_or_default();
        // Decide on the app as it is now, not as a watch cache last saw it.
        let fresh = typed::get::<Application>(&ctx.cluster, &ns, &short)
            .await
            .map_err(|e| EngineError::cluster(&name, e))?;
        let Some(fresh) = fresh else {
            return Ok(None);
        };
        let done = reconcile::reconcile_app(ctx, fresh.clone()).await?;
        Ok(Some((fresh, done)))
    }
    .await;
    match result {
        Ok(Some((fresh, done))) => {
            let result = match done.outcome {
                Outcome::Synced { .. } => ReconcileResult::Synced,
                Outcome::Suspended { .. } => ReconcileResult::Suspended,
                _ => ReconcileResult::Observed,
            };
            ctx.metrics.reconciled(result, started.elapsed());
            ctx.succeeded(&name);
            report::succeeded(ctx, &fresh, &done).await;
            Ok(Some(done.next))
        }
        Ok(None) => {
            ctx.forget(&name);
            Ok(None)
        }
        Err(e) => {
            ctx.metrics
                .reconciled(ReconcileResult::Failed, started.elapsed());
            ctx.metrics.failed(e.failure());
            let attempt = ctx.failed(&name);
            report::failed(ctx, app, &e, attempt).await;
            Err(e)
        }
    }
}
