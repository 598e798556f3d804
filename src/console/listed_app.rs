//! recon's Application as the apps table's watch decodes it: the app
//! whole but its metadata's `managedFields` (see `cluster::lean_meta`).

use std::borrow::Cow;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Resource;
use serde::Deserialize;

use crate::cluster::lean_meta::without_managed_fields;
use crate::engine::app::{Application, ApplicationSpec, ApplicationStatus};

#[derive(Clone, Debug)]
pub struct ListedApp(pub Application);

impl<'de> Deserialize<'de> for ListedApp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Lean {
            #[serde(default, deserialize_with = "without_managed_fields")]
            metadata: ObjectMeta,
            #[serde(default)]
            spec: ApplicationSpec,
            #[serde(default)]
            status: Option<ApplicationStatus>,
        }
        let lean = Lean::deserialize(d)?;
        Ok(ListedApp(Application {
            metadata: lean.metadata,
            spec: lean.spec,
            status: lean.status,
        }))
    }
}

impl Resource for ListedApp {
    type DynamicType = ();
    type Scope = k8s_openapi::NamespaceResourceScope;

    fn kind(dt: &()) -> Cow<'_, str> {
        Application::kind(dt)
    }
    fn group(dt: &()) -> Cow<'_, str> {
        Application::group(dt)
    }
    fn version(dt: &()) -> Cow<'_, str> {
        Application::version(dt)
    }
    fn plural(dt: &()) -> Cow<'_, str> {
        Application::plural(dt)
    }
    fn meta(&self) -> &ObjectMeta {
        &self.0.metadata
    }
    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.0.metadata
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_as_the_application_does_but_the_managed_fields() {
        let object = serde_json::json!({
            "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
            "metadata": {"name": "web", "namespace": "recon-system", "generation": 2,
                "managedFields": [{"manager": "recon", "operation": "Apply",
                    "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]},
            "spec": {"source": {"repoURL": "https://git.example/r.git", "targetRevision": "main", "path": "app"},
                "destination": {"namespace": "shop"}},
            "status": {"sync": {"status": "Synced", "revision": "abc"}}
        });
        let ListedApp(listed) = serde_json::from_value(object.clone()).expect("listed");
        let mut whole: Application = serde_json::from_value(object).expect("whole");
        assert!(whole.metadata.managed_fields.is_some());
        whole.metadata.managed_fields = None;
        assert_eq!(listed.metadata, whole.metadata);
        assert_eq!(listed.spec, whole.spec);
        assert_eq!(listed.status, whole.status);
    }
}
