//! One object's drift again, from the live copy a watch just delivered: what
//! the console and the agent do when one object of an app changes, instead
//! of listing and dry-running every object of the app again.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::cluster::live;
use crate::engine::drift::{
    DriftInput, DriftMode, DriftReport, ObjectDrift, ignore_rules, object_drift,
};
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::health;
use crate::engine::prepare::PreparedObject;
use crate::engine::render::ObjectKey;

/// The drift of `obj` against `live` (None: it was deleted), compared as
/// `compute` compares every object: dry run, ignore rules, masking.
pub async fn object_again(
    input: &DriftInput<'_>,
    obj: &PreparedObject,
    live: Option<Value>,
) -> Result<ObjectDrift, EngineError> {
    let app_id = input.app.tracking_id();
    object_drift(input, &app_id, obj, live, &ignore_rules(input.app)).await
}

/// Reads each of `keys` among `desired` from the cluster and diffs it
/// again into `report`.
pub async fn measure_again(
    handle: &AppHandle,
    desired: &[PreparedObject],
    report: &mut DriftReport,
    keys: &BTreeSet<ObjectKey>,
) -> Result<(), EngineError> {
    let app_id = handle.app.tracking_id();
    let revision = report.revision.clone();
    let input = DriftInput {
        cluster: &handle.cluster,
        resolver: &handle.resolver,
        app: &handle.app,
        revision: &revision,
        desired,
        mode: DriftMode::Server,
        concurrency: 1,
    };
    for obj in desired.iter().filter(|o| keys.contains(&o.key)) {
        let Some(resolved) = &obj.resolved else {
            continue;
        };
        let ns = obj.key.namespace.as_deref().filter(|_| resolved.namespaced);
        let live = live::get(&handle.cluster, resolved, ns, &obj.key.name)
            .await
            .map_err(|e| EngineError::cluster(&app_id, e))?;
        report.replace(object_again(&input, obj, live).await?);
    }
    Ok(())
}

impl DriftReport {
    /// Puts `drift` in place of the object with its key (in the same place,
    /// so the panes do not jump), or adds it, and works the app's health
    /// out again.
    pub fn replace(&mut self, drift: ObjectDrift) {
        match self.objects.iter_mut().find(|o| o.key == drift.key) {
            Some(slot) => *slot = drift,
            None => self.objects.push(drift),
        }
        self.health = health::worst(self.objects.iter().filter_map(|o| o.health.as_ref()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::drift::DriftState;
    use crate::engine::health::{Health, HealthStatus};
    use crate::engine::render::ObjectKey;

    fn drift(name: &str, state: DriftState, health: Health) -> ObjectDrift {
        ObjectDrift {
            key: ObjectKey {
                group: String::new(),
                kind: "ConfigMap".into(),
                namespace: Some("ns".into()),
                name: name.into(),
            },
            source: None,
            state,
            diff: String::new(),
            live: None,
            desired: None,
            health: Some(health),
            live_version: None,
            error: None,
        }
    }

    fn report() -> DriftReport {
        DriftReport {
            app: "a".into(),
            context: "c".into(),
            revision: "r".into(),
            objects: vec![
                drift("a", DriftState::Synced, Health::healthy("")),
                drift("b", DriftState::Synced, Health::healthy("")),
            ],
            health: Health::healthy(""),
        }
    }

    #[test]
    fn a_replaced_object_keeps_its_place_and_sets_the_apps_health() {
        let mut r = report();
        r.replace(drift("a", DriftState::OutOfSync, Health::degraded("crash")));
        let names: Vec<_> = r.objects.iter().map(|o| o.key.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(r.objects[0].state, DriftState::OutOfSync);
        assert_eq!(r.health.status, HealthStatus::Degraded);
        // Healed again: the app's health follows.
        r.replace(drift("a", DriftState::Synced, Health::healthy("")));
        assert_eq!(r.health.status, HealthStatus::Healthy);
        assert!(r.in_sync());
    }

    #[test]
    fn an_object_not_in_the_report_is_added() {
        let mut r = report();
        r.replace(drift("c", DriftState::Missing, Health::healthy("")));
        assert_eq!(r.objects.len(), 3);
        assert_eq!(r.count(DriftState::Missing), 1);
    }
}
