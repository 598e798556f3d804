//! Leader election through a `coordination.k8s.io` Lease, with client-go's
//! rules: the holder renews every retry period; a candidate takes the Lease
//! over once it is free or its holder has not renewed for the lease
//! duration; a holder that cannot renew before its deadline stops leading.
//!
//! One Lease guards one set of apps. Today that is all of a cluster's apps
//! (`recon-agent`); sharding later gives each shard its own Lease
//! (`recon-agent-shard-N`) and each replica campaigns for the shards it
//! serves, so nothing here assumes a single Lease per cluster.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};

use crate::cluster::{Cluster, ClusterError, typed};

#[derive(Debug, Clone)]
pub struct LeaseConfig {
    pub name: String,
    pub namespace: String,
    /// Who campaigns: unique per process (host name and pid).
    pub identity: String,
    /// How long a holder that stopped renewing keeps the Lease.
    pub duration: Duration,
}

impl LeaseConfig {
    /// How often a holder renews and a candidate retries.
    pub fn retry_period(&self) -> Duration {
        (self.duration / 4).max(Duration::from_millis(500))
    }

    /// A holder that has not renewed for this long stops acting: it must
    /// stop before a candidate may take over at `duration`.
    pub fn renew_deadline(&self) -> Duration {
        self.duration * 2 / 3
    }
}

/// The process's identity: the pod name in a cluster (HOSTNAME), else the
/// host, plus the pid so two agents on one machine differ.
pub fn default_identity() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "recon-agent".into());
    format!("{host}_{}", std::process::id())
}

/// What one attempt found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// We hold the Lease (newly or still).
    Leading,
    /// Someone else holds it and renewed in time.
    HeldBy(String),
}

/// One acquire-or-renew, as client-go's `tryAcquireOrRenew`.
pub async fn try_acquire_or_renew(
    cluster: &Cluster,
    cfg: &LeaseConfig,
) -> Result<Attempt, ClusterError> {
    let now = jiff::Timestamp::now();
    let Some(mut lease) = typed::get::<Lease>(cluster, &cfg.namespace, &cfg.name).await? else {
        let fresh = Lease {
            metadata: ObjectMeta {
                name: Some(cfg.name.clone()),
                namespace: Some(cfg.namespace.clone()),
                ..Default::default()
            },
            spec: Some(held_spec(cfg, now, now, 0)),
        };
        return match typed::create(cluster, &cfg.namespace, &fresh).await {
            Ok(_) => Ok(Attempt::Leading),
            // Another candidate created it first.
            Err(ClusterError::Rejected { code: 409, .. }) => Ok(Attempt::HeldBy(String::new())),
            Err(e) => Err(e),
        };
    };
    let spec = lease.spec.clone().unwrap_or_default();
    let holder = spec.holder_identity.clone().unwrap_or_default();
    let mine = holder == cfg.identity;
    if !mine && !holder.is_empty() && !expired(&spec, now) {
        return Ok(Attempt::HeldBy(holder));
    }
    let acquired = if mine {
        spec.acquire_time.as_ref().map(|t| t.0).unwrap_or(now)
    } else {
        now
    };
    let transitions = spec.lease_transitions.unwrap_or(0) + i32::from(!mine);
    lease.spec = Some(held_spec(cfg, acquired, now, transitions));
    match typed::replace(cluster, &cfg.namespace, &lease).await {
        Ok(_) => Ok(Attempt::Leading),
        // Someone renewed or took it between our read and write.
        Err(ClusterError::Rejected { code: 409, .. }) => Ok(Attempt::HeldBy(holder)),
        Err(e) => Err(e),
    }
}

/// Gives the Lease up at once (a clean shutdown), so a candidate need not
/// wait for it to expire. Only the holder releases.
pub async fn release(cluster: &Cluster, cfg: &LeaseConfig) -> Result<(), ClusterError> {
    let Some(mut lease) = typed::get::<Lease>(cluster, &cfg.namespace, &cfg.name).await? else {
        return Ok(());
    };
    let mut spec = lease.spec.clone().unwrap_or_default();
    if spec.holder_identity.as_deref() != Some(cfg.identity.as_str()) {
        return Ok(());
    }
    spec.holder_identity = None;
    spec.lease_duration_seconds = Some(1);
    spec.renew_time = Some(MicroTime(jiff::Timestamp::now()));
    lease.spec = Some(spec);
    typed::replace(cluster, &cfg.namespace, &lease)
        .await
        .map(|_| ())
}

fn held_spec(
    cfg: &LeaseConfig,
    acquired: jiff::Timestamp,
    now: jiff::Timestamp,
    transitions: i32,
) -> LeaseSpec {
    LeaseSpec {
        holder_identity: Some(cfg.identity.clone()),
        lease_duration_seconds: Some(cfg.duration.as_secs().max(1) as i32),
        acquire_time: Some(MicroTime(acquired)),
        renew_time: Some(MicroTime(now)),
        lease_transitions: Some(transitions),
        ..Default::default()
    }
}

/// Whether the holder's last renewal is older than its lease duration.
fn expired(spec: &LeaseSpec, now: jiff::Timestamp) -> bool {
    let Some(renewed) = spec.renew_time.as_ref().map(|t| t.0) else {
        return true;
    };
    let secs = i64::from(spec.lease_duration_seconds.unwrap_or(15).max(1));
    match renewed.checked_add(jiff::SignedDuration::from_secs(secs)) {
        Ok(until) => now >= until,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(renewed_secs_ago: i64, duration: i32) -> LeaseSpec {
        let now = jiff::Timestamp::now();
        LeaseSpec {
            holder_identity: Some("other".into()),
            lease_duration_seconds: Some(duration),
            renew_time: Some(MicroTime(
                now.checked_sub(jiff::SignedDuration::from_secs(renewed_secs_ago))
                    .expect("time in range"),
            )),
            ..Default::default()
        }
    }

    #[test]
    fn a_lease_renewed_within_its_duration_is_held() {
        assert!(!expired(&spec(2, 10), jiff::Timestamp::now()));
    }

    #[test]
    fn a_lease_not_renewed_for_its_duration_is_free() {
        assert!(expired(&spec(11, 10), jiff::Timestamp::now()));
    }

    #[test]
    fn a_lease_never_renewed_is_free() {
        assert!(expired(&LeaseSpec::default(), jiff::Timestamp::now()));
    }

    #[test]
    fn the_holder_stops_before_a_candidate_may_take_over() {
        let cfg = LeaseConfig {
            name: "l".into(),
            namespace: "n".into(),
            identity: "me".into(),
            duration: Duration::from_secs(15),
        };
        assert!(cfg.renew_deadline() < cfg.duration);
        assert!(cfg.retry_period() < cfg.renew_deadline());
    }
}
