//! An object's metadata without `managedFields`. The field managers' trees
//! mirror every field each manager set: for an app object they are about as
//! large as its status, decoded into maps nobody reads. The types the
//! console watches by the thousand (apps, sources) skip them while decoding
//! (`#[serde(deserialize_with = "without_managed_fields")]`); the rest of
//! the metadata is kept whole.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference, Time};
use serde::{Deserialize, Deserializer};

/// `ObjectMeta`'s fields but `managedFields` (which serde skips unread).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WithoutManagedFields {
    annotations: Option<BTreeMap<String, String>>,
    creation_timestamp: Option<Time>,
    deletion_grace_period_seconds: Option<i64>,
    deletion_timestamp: Option<Time>,
    finalizers: Option<Vec<String>>,
    generate_name: Option<String>,
    generation: Option<i64>,
    labels: Option<BTreeMap<String, String>>,
    name: Option<String>,
    namespace: Option<String>,
    owner_references: Option<Vec<OwnerReference>>,
    resource_version: Option<String>,
    self_link: Option<String>,
    uid: Option<String>,
}

pub fn without_managed_fields<'de, D: Deserializer<'de>>(d: D) -> Result<ObjectMeta, D::Error> {
    let m = WithoutManagedFields::deserialize(d)?;
    Ok(ObjectMeta {
        annotations: m.annotations,
        creation_timestamp: m.creation_timestamp,
        deletion_grace_period_seconds: m.deletion_grace_period_seconds,
        deletion_timestamp: m.deletion_timestamp,
        finalizers: m.finalizers,
        generate_name: m.generate_name,
        generation: m.generation,
        labels: m.labels,
        managed_fields: None,
        name: m.name,
        namespace: m.namespace,
        owner_references: m.owner_references,
        resource_version: m.resource_version,
        self_link: m.self_link,
        uid: m.uid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Lean {
        #[serde(deserialize_with = "without_managed_fields")]
        metadata: ObjectMeta,
    }

    #[derive(Deserialize)]
    struct Whole {
        metadata: ObjectMeta,
    }

    #[test]
    fn every_field_but_the_managed_ones_is_kept() {
        let object = serde_json::json!({"metadata": {
            "name": "web", "namespace": "shop", "uid": "u-1", "resourceVersion": "42",
            "generation": 3, "generateName": "we", "selfLink": "/x",
            "creationTimestamp": "2026-01-02T03:04:05Z",
            "deletionTimestamp": "2026-01-02T03:04:06Z", "deletionGracePeriodSeconds": 30,
            "labels": {"team": "pay"}, "annotations": {"recon.dev/paused": "true"},
            "finalizers": ["recon.dev/cascade-delete"],
            "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "o", "uid": "u-0"}],
            "managedFields": [{"manager": "kubectl", "operation": "Apply", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:spec": {"f:replicas": {}}}}]
        }});
        let lean: Lean = serde_json::from_value(object.clone()).expect("lean");
        let mut whole: Whole = serde_json::from_value(object).expect("whole");
        assert!(
            whole.metadata.managed_fields.is_some(),
            "the fixture has some"
        );
        whole.metadata.managed_fields = None;
        assert_eq!(lean.metadata, whole.metadata);
    }
}
