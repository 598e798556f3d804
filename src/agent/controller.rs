//! The kube-runtime `Controller` over one cluster's Applications: a change
//! to an Application (its spec or finalizers, not its status) or to any
//! object it tracks reconciles that app; each app is requeued at its poll
//! interval, or after its back-off when it failed.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use kube::runtime::controller::{Action, Config, Error as ControllerError};
use kube::runtime::reflector::{self, ObjectRef};
use kube::runtime::{Controller, Predicate, WatchStreamExt, predicates};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::agent::attempt::attempt;
use crate::agent::context::Ctx;
use crate::agent::error::AgentError;
use crate::agent::gauges::{AppCounts, ClusterGauges};
use crate::cluster::watch;
use crate::engine::app::Application;

/// Runs until `shutdown` resolves; reconciles in flight then finish.
pub async fn run(
    ctx: Arc<Ctx>,
    namespace: Option<String>,
    touched: UnboundedReceiver<ObjectRef<Application>>,
    concurrency: u16,
    gauges: ClusterGauges,
    shutdown: impl Future<Output = ()> + Send + Sync + 'static,
) {
    let (reader, writer) = reflector::store::<Application>();
    let counter = tokio::spawn(count_apps(reader.clone(), gauges));
    let apps = watch::within::<Application>(&ctx.cluster, namespace.as_deref())
        .reflect(writer)
        .applied_objects()
        .predicate_filter(
            predicates::generation.combine(predicates::finalizers),
            Default::default(),
        );
    let touched = futures::stream::unfold(touched, |mut rx| async move {
        rx.recv().await.map(|app| (app, rx))
    });
    let config = Config::default()
        .concurrency(concurrency)
        // Coalesces the burst of events one edit or one sync makes; short,
        // since a hand edit is healed object by object (`heal_touched`).
        .debounce(Duration::from_millis(50));
    let context = ctx.cluster.context.clone();
    Controller::for_stream(apps, reader)
        .reconcile_on(touched)
        .with_config(config)
        .graceful_shutdown_on(shutdown)
        .run(reconcile_one, retry_after_failure, ctx)
        .for_each(|result| {
            let context = context.clone();
            async move {
                match result {
                    Ok(_) | Err(ControllerError::ReconcilerFailed(..)) => {}
                    Err(ControllerError::ObjectNotFound(obj)) => {
                        tracing::debug!(app = %obj, "agent: app gone before its reconcile")
                    }
                    Err(e) => {
                        tracing::warn!(context = %context, error = %e, "agent: controller")
                    }
                }
            }
        })
        .await;
    counter.abort();
}

/// Keeps the gauges current from the controller's cache (no API calls).
async fn count_apps(store: reflector::Store<Application>, gauges: ClusterGauges) {
    loop {
        let apps = store.state();
        gauges.set(AppCounts::of(apps.iter().map(|a| a.as_ref())));
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}

async fn reconcile_one(app: Arc<Application>, ctx: Arc<Ctx>) -> Result<Action, AgentError> {
    Ok(match attempt(&ctx, &app).await? {
        Some(next) => Action::requeue(next),
        None => Action::await_change(),
    })
}

fn retry_after_failure(app: Arc<Application>, _err: &AgentError, ctx: Arc<Ctx>) -> Action {
    Action::requeue(ctx.retry_delay(&app.tracking_id()))
}
