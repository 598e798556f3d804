//! `recon install --agent`: the agent's ServiceAccount, RBAC and Deployment
//! in recon-system, each by server-side apply (idempotent), or printed for
//! `--dry-run -o yaml`. The manifests are built here once, so what is
//! printed is exactly what is applied.

mod deployment;
mod rbac;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use serde_json::{Value, json};

pub use deployment::METRICS_PORT;
pub use rbac::{GroupResource, Manage};

use crate::cluster::{Cluster, ClusterError, typed};
use crate::engine::app::FIELD_MANAGER;

/// The ServiceAccount, roles, bindings and Deployment are all named so.
pub const AGENT_NAME: &str = "recon-agent";
/// The agent's leader-election Lease in recon-system.
pub const LEASE_NAME: &str = "recon-agent";
/// An example: recon publishes no image; build one from the Dockerfile and
/// push it where the cluster pulls from.
pub const EXAMPLE_IMAGE: &str = "ghcr.io/recon-dev/recon:0.1";

#[derive(Debug, Clone)]
pub struct AgentOptions {
    pub image: String,
    pub manage: Manage,
}

fn labels() -> Value {
    json!({"app.kubernetes.io/name": AGENT_NAME, "app.kubernetes.io/part-of": "recon"})
}

/// In the order they are applied: the identity, what it may do, then the
/// Deployment that runs as it.
pub fn agent_manifests(opts: &AgentOptions) -> Vec<Value> {
    vec![
        rbac::service_account(),
        rbac::cluster_role(&opts.manage),
        rbac::cluster_role_binding(),
        rbac::lease_role(),
        rbac::lease_role_binding(),
        deployment::deployment(&opts.image),
    ]
}

/// `Kind name` or `Kind namespace/name`, as the output names an object.
pub fn describe(object: &Value) -> String {
    let kind = object["kind"].as_str().unwrap_or_default();
    let name = object["metadata"]["name"].as_str().unwrap_or_default();
    match object["metadata"]["namespace"].as_str() {
        Some(ns) => format!("{kind} {ns}/{name}"),
        None => format!("{kind} {name}"),
    }
}

/// Applies every agent manifest; returns what was applied, described.
pub async fn apply_agent(
    cluster: &Cluster,
    opts: &AgentOptions,
) -> Result<Vec<String>, ClusterError> {
    let mut applied = Vec::new();
    for object in agent_manifests(opts) {
        apply_one(cluster, &object).await?;
        applied.push(describe(&object));
    }
    Ok(applied)
}

async fn apply_one(cluster: &Cluster, object: &Value) -> Result<(), ClusterError> {
    let name = object["metadata"]["name"].as_str().unwrap_or_default();
    let ns = object["metadata"]["namespace"].as_str().unwrap_or_default();
    match object["kind"].as_str().unwrap_or_default() {
        "ServiceAccount" => {
            typed::apply_namespaced::<ServiceAccount>(cluster, ns, name, object, FIELD_MANAGER)
                .await
                .map(drop)
        }
        "ClusterRole" => {
            typed::apply_cluster_scoped::<ClusterRole>(cluster, name, object, FIELD_MANAGER)
                .await
                .map(drop)
        }
        "ClusterRoleBinding" => {
            typed::apply_cluster_scoped::<ClusterRoleBinding>(cluster, name, object, FIELD_MANAGER)
                .await
                .map(drop)
        }
        "Role" => typed::apply_namespaced::<Role>(cluster, ns, name, object, FIELD_MANAGER)
            .await
            .map(drop),
        "RoleBinding" => {
            typed::apply_namespaced::<RoleBinding>(cluster, ns, name, object, FIELD_MANAGER)
                .await
                .map(drop)
        }
        "Deployment" => {
            typed::apply_namespaced::<Deployment>(cluster, ns, name, object, FIELD_MANAGER)
                .await
                .map(drop)
        }
        other => Err(ClusterError::Other {
            context: cluster.context.clone(),
            what: format!("apply {}", describe(object)),
            message: format!("recon install does not apply the kind {other}"),
        }),
    }
}

#[cfg(test)]
mod tests;
