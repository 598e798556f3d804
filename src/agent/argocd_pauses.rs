//! recon's timed pauses of Argo CD apps, lifted when their time is up:
//! recon's pause has no other keeper on those clusters.

use crate::adapters::argocd::{ArgoHandle, model::ArgoApp, pause};
use crate::cluster::{Cluster, Resolver, typed};

/// Gives automated sync back to the cluster's Argo CD apps whose recon
/// pause has expired. A cluster without Argo CD has nothing to do.
pub async fn lift_expired(cluster: &Cluster, resolver: &Resolver) {
    let now = jiff::Timestamp::now();
    let apps = match typed::list::<ArgoApp>(cluster, None, &Default::default()).await {
        Ok(l) => l.items,
        Err(e) if e.is_not_found() => return,
        Err(e) => {
            tracing::warn!(context = %cluster.context, error = %e, "agent: cannot list Argo CD apps");
            return;
        }
    };
    for app in apps.into_iter().filter(|a| pause::pause_expired(a, now)) {
        let handle = ArgoHandle {
            cluster: cluster.clone(),
            resolver: resolver.clone(),
            app,
        };
        match pause::resume(&handle).await {
            Ok(_) => {
                tracing::info!(app = %handle.full_name(), "agent: Argo CD pause expired, automated sync on")
            }
            Err(e) => {
                tracing::warn!(app = %handle.full_name(), error = %e, "agent: cannot lift an expired Argo CD pause")
            }
        }
    }
}
