//! Taking part in the leader election: wait for the Lease, keep renewing
//! it, and say when it is lost.

use std::time::Instant;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::agent::leader::{Attempt, LeaseConfig, release, try_acquire_or_renew};
use crate::cluster::Cluster;

/// The Lease is ours while this lives.
pub struct Leadership {
    lost: watch::Receiver<bool>,
    renewer: JoinHandle<()>,
}

/// Waits until this process holds the Lease; `None` when `stop` came first.
pub async fn acquire(
    cluster: &Cluster,
    cfg: &LeaseConfig,
    stop: &mut watch::Receiver<bool>,
    ready: &watch::Sender<bool>,
) -> Option<Leadership> {
    let mut last_holder = None;
    loop {
        let attempt = try_acquire_or_renew(cluster, cfg).await;
        if attempt.is_ok() {
            // The cluster answers: a standby is as ready as the leader.
            let _ = ready.send(true);
        }
        match attempt {
            Ok(Attempt::Leading) => break,
            Ok(Attempt::HeldBy(holder)) => {
                if last_holder.as_ref() != Some(&holder) {
                    tracing::info!(context = %cluster.context, lease = %format!("{}/{}", cfg.namespace, cfg.name), holder = %holder, "agent: standing by, another agent leads");
                    last_holder = Some(holder);
                }
            }
            Err(e) => {
                tracing::warn!(context = %cluster.context, error = %e, "agent: cannot take part in the leader election")
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(cfg.retry_period()) => {}
            _ = stop.wait_for(|s| *s) => return None,
        }
    }
    tracing::info!(context = %cluster.context, lease = %format!("{}/{}", cfg.namespace, cfg.name), identity = %cfg.identity, "agent: leading");
    let (tx, lost) = watch::channel(false);
    let renewer = tokio::spawn(renew(cluster.clone(), cfg.clone(), tx));
    Some(Leadership { lost, renewer })
}

async fn renew(cluster: Cluster, cfg: LeaseConfig, lost: watch::Sender<bool>) {
    let mut renewed = Instant::now();
    loop {
        tokio::time::sleep(cfg.retry_period()).await;
        match try_acquire_or_renew(&cluster, &cfg).await {
            Ok(Attempt::Leading) => renewed = Instant::now(),
            Ok(Attempt::HeldBy(holder)) => {
                tracing::error!(context = %cluster.context, holder = %holder, "agent: lost the Lease to another agent; stopping");
                let _ = lost.send(true);
                return;
            }
            Err(e) if renewed.elapsed() >= cfg.renew_deadline() => {
                tracing::error!(context = %cluster.context, error = %e, "agent: could not renew the Lease in time; stopping");
                let _ = lost.send(true);
                return;
            }
            Err(e) => {
                tracing::warn!(context = %cluster.context, error = %e, "agent: Lease renewal failed; retrying")
            }
        }
    }
}

impl Leadership {
    /// Becomes true when the Lease is lost.
    pub fn lost(&self) -> watch::Receiver<bool> {
        self.lost.clone()
    }

    pub fn was_lost(&self) -> bool {
        *self.lost.borrow()
    }

    /// Stops renewing and gives the Lease up at once.
    pub async fn step_down(self, cluster: &Cluster, cfg: &LeaseConfig) {
        self.renewer.abort();
        match release(cluster, cfg).await {
            Ok(()) => tracing::info!(context = %cluster.context, "agent: released the Lease"),
            Err(e) => {
                tracing::warn!(context = %cluster.context, error = %e, "agent: could not release the Lease; it expires on its own")
            }
        }
    }
}
