//! `recon agent --once`: every app of each cluster reconciled once, with the
//! same attempt as the controller's; false when any app failed.

use futures::StreamExt;

use crate::agent::argocd_pauses;
use crate::agent::attempt::attempt;
use crate::agent::context::{Ctx, Pacing};
use crate::agent::metrics::Metrics;
use crate::cluster::{Cluster, Resolver, typed};
use crate::engine::app::Application;
use crate::engine::ops::Engine;

/// Apps reconciled and apps failed, over all clusters.
#[derive(Debug, Default, Clone, Copy)]
pub struct PassCount {
    pub apps: usize,
    pub failed: usize,
}

pub async fn pass(
    engine: &Engine,
    cluster: &Cluster,
    resolver: &Resolver,
    namespace: Option<&str>,
    pacing: &Pacing,
    concurrency: usize,
    metrics: &Metrics,
) -> PassCount {
    argocd_pauses::lift_expired(cluster, resolver).await;
    let apps = match typed::list::<Application>(cluster, namespace, &Default::default()).await {
        Ok(l) => l.items,
        Err(e) => {
            tracing::error!(context = %cluster.context, error = %e, "agent: cannot list the Applications");
            return PassCount { apps: 0, failed: 1 };
        }
    };
    let ctx = std::sync::Arc::new(Ctx::new(
        engine.clone(),
        cluster.clone(),
        resolver.clone(),
        None,
        pacing.clone(),
        metrics.clone(),
    ));
    let results: Vec<bool> = futures::stream::iter(apps)
        .map(|app| {
            let ctx = ctx.clone();
            async move { attempt(&ctx, &app).await.is_ok() }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let count = PassCount {
        apps: results.len(),
        failed: results.iter().filter(|ok| !**ok).count(),
    };
    tracing::info!(
        context = %cluster.context,
        apps = count.apps,
        failed = count.failed,
        git_fetches = ctx.gate.fetches(),
        "agent: pass done"
    );
    count
}
