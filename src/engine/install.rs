//! The Application CRD and the recon-system namespace, by server-side apply
//! (idempotent), and a wait until the CRD is served. `agent` adds what runs
//! the agent in the cluster.

pub mod agent;

use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::CustomResourceExt;

use crate::cluster::{Cluster, ClusterError, typed};
use crate::engine::app::{Application, FIELD_MANAGER, SYSTEM_NAMESPACE};

/// The CRD as an apply body.
pub fn crd_manifest() -> Result<serde_json::Value, serde_json::Error> {
    let mut crd = serde_json::to_value(Application::crd())?;
    crate::engine::app_columns::add_to(&mut crd);
    Ok(crd)
}

/// SSA needs the type fields in the body.
pub fn namespace_manifest() -> serde_json::Value {
    serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": SYSTEM_NAMESPACE}})
}

pub async fn install(cluster: &Cluster) -> Result<(), ClusterError> {
    let crd_name = Application::crd_name();
    let crd_body = crd_manifest().map_err(|e| ClusterError::Other {
        context: cluster.context.clone(),
        what: format!("encode CustomResourceDefinition {crd_name}"),
        message: e.to_string(),
    })?;
    typed::apply_cluster_scoped::<CustomResourceDefinition>(
        cluster,
        crd_name,
        &crd_body,
        FIELD_MANAGER,
    )
    .await?;
    typed::apply_cluster_scoped::<Namespace>(
        cluster,
        SYSTEM_NAMESPACE,
        &namespace_manifest(),
        FIELD_MANAGER,
    )
    .await?;
    if typed::wait_crd_established(cluster, crd_name, Duration::from_secs(30)).await {
        return Ok(());
    }
    Err(ClusterError::Other {
        context: cluster.context.clone(),
        what: format!("install {crd_name}"),
        message: "the CRD was not Established within 30s".into(),
    })
}
