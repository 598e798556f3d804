//! What every reconcile of one cluster shares: the engine, the cluster, the
//! fetch gate, the tracked-object watches, and each app's failure count and
//! last reported state.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::agent::fetch_gate::FetchGate;
use crate::agent::measured::MeasuredApps;
use crate::agent::metrics::Metrics;
use crate::agent::tracked::TrackedWatches;
use crate::cluster::{Cluster, ClusterError, Resolver, whoami};
use crate::engine::app::Application;
use crate::engine::ops::Engine;

/// How the agent paces itself.
#[derive(Debug, Clone)]
pub struct Pacing {
    /// Git poll interval of an app that does not set `spec.interval`.
    pub interval: Duration,
    /// First retry delay after a failure; doubled per failure.
    pub retry_base: Duration,
    /// Longest retry delay.
    pub retry_max: Duration,
}

impl Default for Pacing {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(60),
            retry_base: Duration::from_secs(5),
            retry_max: Duration::from_secs(300),
        }
    }
}

pub struct Ctx {
    pub engine: Engine,
    pub cluster: Cluster,
    pub resolver: Resolver,
    pub gate: FetchGate,
    /// None for one pass (`--once`): nothing to keep watching.
    pub tracked: Option<Arc<TrackedWatches>>,
    pub pacing: Pacing,
    pub metrics: Metrics,
    /// Each app's last measurement, for the incremental self-heal.
    pub measured: MeasuredApps,
    failures: Mutex<HashMap<String, u32>>,
    reported: Mutex<HashMap<String, (String, String)>>,
    actor: tokio::sync::OnceCell<String>,
}

impl Ctx {
    pub fn new(
        engine: Engine,
        cluster: Cluster,
        resolver: Resolver,
        tracked: Option<Arc<TrackedWatches>>,
        pacing: Pacing,
        metrics: Metrics,
    ) -> Self {
        Self {
            engine,
            cluster,
            resolver,
            gate: FetchGate::default(),
            tracked,
            pacing,
            metrics,
            measured: MeasuredApps::default(),
            failures: Mutex::default(),
            reported: Mutex::default(),
            actor: tokio::sync::OnceCell::new(),
        }
    }

    /// The app's poll interval: its `spec.interval`, else the agent's.
    pub fn interval_of(&self, app: &Application) -> Duration {
        match app.spec.interval.as_deref().map(humantime::parse_duration) {
            Some(Ok(d)) if d >= Duration::from_secs(1) => d,
            Some(_) => {
                tracing::warn!(app = %app.tracking_id(), "agent: spec.interval is not a duration of 1s or more; using the agent's");
                self.pacing.interval
            }
            None => self.pacing.interval,
        }
    }

    /// Who the agent acts as (asked once).
    pub async fn actor(&self) -> Result<String, ClusterError> {
        self.actor
            .get_or_try_init(|| whoami(&self.cluster))
            .await
            .cloned()
    }

    /// Counts one more failure of the app; returns how many in a row.
    pub fn failed(&self, app: &str) -> u32 {
        let mut map = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let n = map.entry(app.to_string()).or_default();
        *n = n.saturating_add(1);
        *n
    }

    pub fn succeeded(&self, app: &str) {
        self.failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(app);
    }

    /// The delay before the next attempt of a failing app: base × 2^(n-1), capped.
    pub fn retry_delay(&self, app: &str) -> Duration {
        let n = self
            .failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(app)
            .copied()
            .unwrap_or(1);
        backoff(&self.pacing, n)
    }

    /// Remembers the app's (status, reason); true when it changed, i.e.
    /// when an Event is due.
    pub fn state_changed(&self, app: &str, status: &str, reason: &str) -> bool {
        let next = (status.to_string(), reason.to_string());
        let mut map = self.reported.lock().unwrap_or_else(PoisonError::into_inner);
        map.insert(app.to_string(), next.clone()) != Some(next)
    }

    pub fn forget(&self, app: &str) {
        self.succeeded(app);
        self.reported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(app);
    }
}

pub fn backoff(pacing: &Pacing, failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(20);
    pacing
        .retry_base
        .saturating_mul(1u32 << exp)
        .min(pacing.retry_max)
}

/// `base` moved by up to ±10%, so apps created together do not poll Git
/// together for ever.
pub fn jitter(base: Duration) -> Duration {
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    // A factor in [0.9, 1.1).
    let factor = 0.9 + (random % 2000) as f64 / 10_000.0;
    base.mul_f64(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_from_the_base_up_to_the_cap() {
        let p = Pacing {
            interval: Duration::from_secs(60),
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(10),
        };
        let delays: Vec<u64> = (1..=6).map(|n| backoff(&p, n).as_secs()).collect();
        assert_eq!(delays, vec![1, 2, 4, 8, 10, 10]);
    }

    #[test]
    fn jitter_stays_within_ten_percent() {
        for _ in 0..200 {
            let d = jitter(Duration::from_secs(100)).as_secs_f64();
            assert!((90.0..110.0).contains(&d), "{d}");
        }
    }
}
