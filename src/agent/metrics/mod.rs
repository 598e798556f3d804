//! The agent's Prometheus metrics: how reconciles end and how long they take,
//! why they fail, how many apps are out of sync or paused, and whether this
//! replica leads. Encoded by prometheus-client (OpenMetrics text), served by
//! [`serve`].

mod reason;
mod serve;

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

pub use reason::{FailureReason, ReconcileResult};
pub use serve::{Endpoint, ServeError, serve};

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ResultLabel {
    result: ReconcileResult,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ReasonLabel {
    reason: FailureReason,
}

struct Inner {
    registry: Registry,
    reconciles: Family<ResultLabel, Counter>,
    duration: Histogram,
    failures: Family<ReasonLabel, Counter>,
    out_of_sync: Gauge,
    suspended: Gauge,
    apps: Gauge,
    leader: Gauge,
}

/// Cheap to clone: every clone updates the same metrics.
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// From 10 ms to 2 min: a render-only pass of a small app is tens of
/// milliseconds; a slow clone or a large apply over a slow link is minutes.
/// Round bounds, as dashboards and `histogram_quantile` readers expect.
const DURATION_BUCKETS: [f64; 13] = [
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0,
];

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let reconciles = Family::<ResultLabel, Counter>::default();
        let failures = Family::<ReasonLabel, Counter>::default();
        // Every label value exists from the start, at 0: a rate() over a
        // series that appears only on the first failure misses that failure.
        for result in ReconcileResult::ALL {
            let _ = reconciles.get_or_create(&ResultLabel { result });
        }
        for reason in FailureReason::ALL {
            let _ = failures.get_or_create(&ReasonLabel { reason });
        }
        let duration = Histogram::new(DURATION_BUCKETS);
        let [out_of_sync, suspended, apps, leader]: [Gauge; 4] = Default::default();
        // Counter names get `_total` appended by the encoder.
        registry.register(
            "recon_agent_reconciles",
            "Reconciles of Applications, by how they ended",
            reconciles.clone(),
        );
        registry.register_with_unit(
            "recon_agent_reconcile_duration",
            "Time one reconcile of one Application took",
            Unit::Seconds,
            duration.clone(),
        );
        registry.register(
            "recon_agent_reconcile_failures",
            "Failed reconciles, by why they failed",
            failures.clone(),
        );
        registry.register(
            "recon_agent_apps_out_of_sync",
            "Applications whose cluster state differs from Git",
            out_of_sync.clone(),
        );
        registry.register(
            "recon_agent_apps_suspended",
            "Applications paused (spec.suspend)",
            suspended.clone(),
        );
        registry.register(
            "recon_agent_apps",
            "Applications the agent reconciles",
            apps.clone(),
        );
        registry.register(
            "recon_agent_leader",
            "1 while this replica holds the leader Lease, else 0",
            leader.clone(),
        );
        Self {
            inner: Arc::new(Inner {
                registry,
                reconciles,
                duration,
                failures,
                out_of_sync,
                suspended,
                apps,
                leader,
            }),
        }
    }

    /// One reconcile ended with `result` after `duration`.
    pub fn reconciled(&self, result: ReconcileResult, duration: Duration) {
        self.inner
            .reconciles
            .get_or_create(&ResultLabel { result })
            .inc();
        self.inner.duration.observe(duration.as_secs_f64());
    }

    /// One reconcile failed for `reason` (call alongside
    /// `reconciled(Failed, ..)`).
    pub fn failed(&self, reason: FailureReason) {
        self.inner
            .failures
            .get_or_create(&ReasonLabel { reason })
            .inc();
    }

    pub fn set_out_of_sync(&self, n: i64) {
        self.inner.out_of_sync.set(n);
    }

    pub fn set_suspended(&self, n: i64) {
        self.inner.suspended.set(n);
    }

    pub fn set_apps(&self, n: i64) {
        self.inner.apps.set(n);
    }

    pub fn set_leader(&self, leader: bool) {
        self.inner.leader.set(i64::from(leader));
    }

    /// The OpenMetrics text exposition (Prometheus scrapes it as is).
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail; an error here would be a bug in
        // a metric's encoder, and a scrape must still get an answer.
        if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &self.inner.registry) {
            tracing::warn!(error = %e, "cannot encode the agent's metrics");
        }
        out
    }
}

/// The Content-Type of [`Metrics::encode`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[cfg(test)]
mod tests;
