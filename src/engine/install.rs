//! The Application CRD and the recon-system namespace, by server-side apply
//! (idempotent), and a wait until the CRD is served.

use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::CustomResourceExt;
use kube::api::{Api, ObjectMeta, Patch, PatchParams};

use crate::cluster::{Cluster, ClusterError};
use crate::engine::app::{Application, FIELD_MANAGER, SYSTEM_NAMESPACE};

pub async fn install(cluster: &Cluster) -> Result<(), ClusterError> {
    let crd = Application::crd();
    let crd_name = crd.metadata.name.clone().unwrap_or_default();
    let params = PatchParams::apply(FIELD_MANAGER).force();
    let crds: Api<CustomResourceDefinition> = Api::all(cluster.client.clone());
    cluster
        .call(
            format!("apply CustomResourceDefinition {crd_name}"),
            crds.patch(&crd_name, &params, &Patch::Apply(&crd)),
        )
        .await?;
    let mut ns = Namespace {
        metadata: ObjectMeta {
            name: Some(SYSTEM_NAMESPACE.into()),
            ..Default::default()
        },
        ..Default::default()
    };
    // SSA needs the type fields in the body.
    let ns_body = serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": SYSTEM_NAMESPACE}});
    ns.metadata.labels = None;
    let namespaces: Api<Namespace> = Api::all(cluster.client.clone());
    cluster
        .call(
            format!("apply Namespace {SYSTEM_NAMESPACE}"),
            namespaces.patch(SYSTEM_NAMESPACE, &params, &Patch::Apply(&ns_body)),
        )
        .await?;
    for _ in 0..120 {
        if let Ok(crd) = crds.get(&crd_name).await
            && crd
                .status
                .and_then(|s| s.conditions)
                .unwrap_or_default()
                .iter()
                .any(|c| c.type_ == "Established" && c.status == "True")
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    Err(ClusterError::Other {
        context: cluster.context.clone(),
        what: format!("install {crd_name}"),
        message: "the CRD was not Established within 30s".into(),
    })
}
