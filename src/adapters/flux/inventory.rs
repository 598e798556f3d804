//! A Kustomization's `status.inventory`: what Flux applied last, each entry
//! `<namespace>_<name>_<group>_<kind>` (kustomize-controller's object
//! metadata id). An entry recon does not render at the artifact's commit is
//! something Flux applied that Git no longer has: shown Extra (Flux prunes
//! it when `spec.prune` is on).

use super::model::FluxKustomization;
use crate::engine::drift::{DriftReport, DriftState, ObjectDrift};
use crate::engine::render::ObjectKey;

/// The object an inventory id names. Names and namespaces cannot hold `_`
/// (DNS labels and subdomains), so the split is exact; the group is empty
/// for the core API and the namespace for cluster-scoped objects.
pub fn key_of(id: &str) -> Option<ObjectKey> {
    let mut parts = id.splitn(4, '_');
    let (namespace, name, group, kind) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if name.is_empty() || kind.is_empty() {
        return None;
    }
    Some(ObjectKey {
        group: group.to_string(),
        kind: kind.to_string(),
        namespace: (!namespace.is_empty()).then(|| namespace.to_string()),
        name: name.to_string(),
    })
}

/// Adds the objects of the inventory missing from `report` as Extra.
pub fn add_leftovers(ks: &FluxKustomization, report: &mut DriftReport) {
    let Some(inventory) = ks.status.as_ref().and_then(|s| s.inventory.as_ref()) else {
        return;
    };
    for key in inventory.entries.iter().filter_map(|e| key_of(&e.id)) {
        if report.objects.iter().any(|o| o.key == key) {
            continue;
        }
        report.objects.push(ObjectDrift {
            key,
            source: None,
            state: DriftState::Extra,
            diff: String::new(),
            live: None,
            desired: None,
            health: None,
            live_version: None,
            error: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::health::{Health, HealthStatus};

    #[test]
    fn inventory_ids_name_namespaced_core_and_cluster_scoped_objects() {
        let web = key_of("shop_web_apps_Deployment").expect("deployment");
        assert_eq!(
            (
                web.namespace.as_deref(),
                web.name.as_str(),
                web.group.as_str(),
                web.kind.as_str()
            ),
            (Some("shop"), "web", "apps", "Deployment")
        );
        let cm = key_of("shop_settings__ConfigMap").expect("configmap");
        assert_eq!((cm.group.as_str(), cm.kind.as_str()), ("", "ConfigMap"));
        let ns = key_of("_shop__Namespace").expect("namespace");
        assert_eq!((ns.namespace, ns.name.as_str()), (None, "shop"));
        assert!(key_of("garbage").is_none());
        assert!(key_of("a_b_c_").is_none());
    }

    #[test]
    fn what_flux_applied_and_git_dropped_is_extra_and_nothing_is_counted_twice() {
        let ks: FluxKustomization = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "flux-system"},
            "spec": {"sourceRef": {"kind": "GitRepository", "name": "repo"}, "path": "./deploy"},
            "status": {"inventory": {"entries": [
                {"id": "shop_web_apps_Deployment", "v": "v1"},
                {"id": "shop_old__ConfigMap", "v": "v1"}
            ]}}
        }))
        .expect("kustomization");
        let mut report = DriftReport {
            app: "flux-system/web".into(),
            context: "flux".into(),
            revision: "abc".into(),
            health: Health::new(HealthStatus::Healthy, ""),
            objects: vec![ObjectDrift {
                key: key_of("shop_web_apps_Deployment").expect("key"),
                source: None,
                state: DriftState::Synced,
                diff: String::new(),
                live: None,
                desired: None,
                health: None,
                live_version: None,
                error: None,
            }],
        };
        add_leftovers(&ks, &mut report);
        let states: Vec<(&str, DriftState)> = report
            .objects
            .iter()
            .map(|o| (o.key.name.as_str(), o.state))
            .collect();
        assert_eq!(
            states,
            vec![("web", DriftState::Synced), ("old", DriftState::Extra)]
        );
    }
}
