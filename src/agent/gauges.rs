//! The apps, out-of-sync and suspended gauges: counted per cluster from its
//! controller's cache of Applications, and summed over the clusters the
//! agent runs on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::agent::metrics::Metrics;
use crate::engine::app::Application;

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct AppCounts {
    pub apps: i64,
    pub out_of_sync: i64,
    pub suspended: i64,
}

impl AppCounts {
    pub fn of<'a>(apps: impl IntoIterator<Item = &'a Application>) -> Self {
        let now = jiff::Timestamp::now();
        let mut c = AppCounts::default();
        for app in apps {
            c.apps += 1;
            let status = app.status.as_ref().map(|s| s.sync.status.as_str());
            c.out_of_sync += i64::from(status == Some("OutOfSync"));
            c.suspended += i64::from(app.is_suspended_at(now));
        }
        c
    }
}

#[derive(Clone)]
pub struct FleetGauges {
    metrics: Metrics,
    per_cluster: Arc<Mutex<HashMap<String, AppCounts>>>,
}

/// One cluster's share of the gauges.
#[derive(Clone)]
pub struct ClusterGauges {
    fleet: FleetGauges,
    context: String,
}

impl FleetGauges {
    pub fn new(metrics: Metrics) -> Self {
        Self {
            metrics,
            per_cluster: Arc::default(),
        }
    }

    pub fn for_cluster(&self, context: &str) -> ClusterGauges {
        ClusterGauges {
            fleet: self.clone(),
            context: context.to_string(),
        }
    }
}

impl ClusterGauges {
    pub fn set(&self, counts: AppCounts) {
        let mut map = self
            .fleet
            .per_cluster
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        map.insert(self.context.clone(), counts);
        let total = map.values().fold(AppCounts::default(), |a, c| AppCounts {
            apps: a.apps + c.apps,
            out_of_sync: a.out_of_sync + c.out_of_sync,
            suspended: a.suspended + c.suspended,
        });
        let m = &self.fleet.metrics;
        m.set_apps(total.apps);
        m.set_out_of_sync(total.out_of_sync);
        m.set_suspended(total.suspended);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::app::{ApplicationSpec, ApplicationStatus};

    fn app(sync: &str, suspend: bool) -> Application {
        let spec = ApplicationSpec {
            suspend,
            ..Default::default()
        };
        let mut a = Application::new("a", spec);
        let mut status = ApplicationStatus::default();
        status.sync.status = sync.into();
        a.status = Some(status);
        a
    }

    #[test]
    fn counts_out_of_sync_and_suspended_apps() {
        let apps = [
            app("Synced", false),
            app("OutOfSync", true),
            app("OutOfSync", false),
        ];
        assert_eq!(
            AppCounts::of(&apps),
            AppCounts {
                apps: 3,
                out_of_sync: 2,
                suspended: 1
            }
        );
    }

    #[test]
    fn the_gauges_sum_the_clusters() {
        let metrics = Metrics::new();
        let fleet = FleetGauges::new(metrics.clone());
        let one = AppCounts {
            apps: 2,
            out_of_sync: 1,
            suspended: 0,
        };
        fleet.for_cluster("a").set(one);
        fleet.for_cluster("b").set(one);
        fleet.for_cluster("a").set(one);
        let text = metrics.encode();
        assert!(text.contains("recon_agent_apps 4"), "{text}");
        assert!(text.contains("recon_agent_apps_out_of_sync 2"), "{text}");
    }
}
