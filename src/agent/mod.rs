//! The agent: keeps each cluster's apps equal to Git, as a kube-runtime
//! controller per cluster (see `controller`). The leader of a cluster's
//! Lease acts; other agents stand by. An expired pause is lifted; a paused
//! or manual app only has its drift and health measured into its status;
//! an automated app is synced when Git moved on, or when it drifted and
//! self-heal is on.

mod argocd_pauses;
mod attempt;
mod campaign;
mod context;
mod controller;
mod decide;
mod error;
mod fetch_gate;
mod finalize;
mod gauges;
mod heal_touched;
pub mod leader;
mod measured;
pub mod metrics;
mod once;
mod reconcile;
mod report;
mod shutdown;
mod tracked;

use std::sync::Arc;
use std::time::Duration;

pub use context::Pacing;
pub use decide::{Decision, decide};
pub use error::AgentError;
pub use once::PassCount;

use crate::cluster::{Cluster, ClusterError, Resolver};
use crate::engine::fleet::Fleet;
use crate::engine::ops::Engine;

#[derive(Debug, Clone)]
pub struct AgentOptions {
    pub pacing: Pacing,
    /// Only the Applications of this namespace (all when None).
    pub namespace: Option<String>,
    /// Apps reconciled at once per cluster.
    pub concurrency: u16,
    /// None: no leader election (one agent known to run alone).
    pub lease: Option<leader::LeaseConfig>,
    /// One pass over every app, then exit.
    pub once: bool,
    /// Where to serve /metrics, /healthz and /readyz (none when None).
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// Why the agent stopped other than by a signal.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("context {context}: cannot run the agent")]
    Cluster {
        context: String,
        #[source]
        source: Arc<ClusterError>,
    },
    #[error("{failed} of {apps} apps failed to reconcile (see the log lines above)")]
    AppsFailed { apps: usize, failed: usize },
    #[error("context {context}: lost the leader Lease; stopped so that one agent acts")]
    LostLease { context: String },
    #[error(transparent)]
    Metrics(#[from] metrics::ServeError),
}

/// Runs the agent on every cluster of the fleet until SIGTERM or ctrl-c
/// (or one pass with `once`).
pub async fn run(engine: Engine, fleet: Fleet, opts: AgentOptions) -> Result<(), RunError> {
    let mut clusters = Vec::new();
    for member in fleet.members {
        match member.cluster {
            Ok(cluster) => clusters.push((cluster, member.resolver)),
            Err(source) => {
                return Err(RunError::Cluster {
                    context: member.context,
                    source,
                });
            }
        }
    }
    let metrics = metrics::Metrics::new();
    if opts.once {
        return run_once(&engine, &clusters, &opts, &metrics).await;
    }
    let stop = shutdown::on_signal();
    let (ready_tx, ready) = tokio::sync::watch::channel(false);
    let server = match opts.metrics_addr {
        Some(addr) => {
            let endpoint = metrics::Endpoint::bind(addr).await?;
            tracing::info!(addr = %endpoint.local_addr(), "agent: serving /metrics, /healthz, /readyz");
            let until = shutdown::either(stop.clone(), tokio::sync::watch::channel(false).1);
            Some(tokio::spawn(endpoint.run(metrics.clone(), ready, until)))
        }
        None => None,
    };
    let gauges = gauges::FleetGauges::new(metrics.clone());
    let runs = clusters.into_iter().map(|(cluster, resolver)| {
        let shared = Shared {
            engine: engine.clone(),
            metrics: metrics.clone(),
            gauges: gauges.clone(),
            ready: ready_tx.clone(),
        };
        run_cluster(shared, cluster, resolver, opts.clone(), stop.clone())
    });
    let result = futures::future::join_all(runs)
        .await
        .into_iter()
        .collect::<Result<Vec<()>, RunError>>()
        .map(|_| ());
    if let Some(server) = server {
        server.abort();
    }
    result
}

/// What every cluster's run shares.
struct Shared {
    engine: Engine,
    metrics: metrics::Metrics,
    gauges: gauges::FleetGauges,
    /// Set once the agent has reached a cluster (leading or standing by).
    ready: tokio::sync::watch::Sender<bool>,
}

async fn run_once(
    engine: &Engine,
    clusters: &[(Cluster, Resolver)],
    opts: &AgentOptions,
    metrics: &metrics::Metrics,
) -> Result<(), RunError> {
    let mut total = PassCount::default();
    for (cluster, resolver) in clusters {
        let ns = opts.namespace.as_deref();
        let count = once::pass(
            engine,
            cluster,
            resolver,
            ns,
            &opts.pacing,
            usize::from(opts.concurrency),
            metrics,
        )
        .await;
        total.apps += count.apps;
        total.failed += count.failed;
    }
    match total.failed {
        0 => Ok(()),
        failed => Err(RunError::AppsFailed {
            apps: total.apps,
            failed,
        }),
    }
}

async fn run_cluster(
    shared: Shared,
    cluster: Cluster,
    resolver: Resolver,
    opts: AgentOptions,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Result<(), RunError> {
    let leadership = match &opts.lease {
        Some(cfg) => match campaign::acquire(&cluster, cfg, &mut stop, &shared.ready).await {
            Some(l) => Some(l),
            None => return Ok(()),
        },
        None => {
            let _ = shared.ready.send(true);
            None
        }
    };
    shared.metrics.set_leader(true);
    let (tracked, touched) = tracked::TrackedWatches::new(cluster.clone(), resolver.clone());
    let ctx = Arc::new(context::Ctx::new(
        shared.engine,
        cluster.clone(),
        resolver.clone(),
        Some(tracked),
        opts.pacing.clone(),
        shared.metrics.clone(),
    ));
    let lifter = tokio::spawn(lift_argocd_pauses_every(
        cluster.clone(),
        resolver,
        opts.pacing.interval,
    ));
    let lost = match &leadership {
        Some(l) => l.lost(),
        None => tokio::sync::watch::channel(false).1,
    };
    let until = shutdown::either(stop.clone(), lost);
    let gauges = shared.gauges.for_cluster(&cluster.context);
    controller::run(
        ctx,
        opts.namespace.clone(),
        touched,
        opts.concurrency,
        gauges,
        until,
    )
    .await;
    lifter.abort();
    shared.metrics.set_leader(false);
    match (leadership, &opts.lease) {
        (Some(l), _) if l.was_lost() => Err(RunError::LostLease {
            context: cluster.context.clone(),
        }),
        (Some(l), Some(cfg)) => {
            l.step_down(&cluster, cfg).await;
            Ok(())
        }
        _ => Ok(()),
    }
}

async fn lift_argocd_pauses_every(cluster: Cluster, resolver: Resolver, every: Duration) {
    loop {
        argocd_pauses::lift_expired(&cluster, &resolver).await;
        tokio::time::sleep(every).await;
    }
}
