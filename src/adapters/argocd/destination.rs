//! Where an Argo CD app's objects live. `spec.destination.server` (or
//! `.name`, looked up in Argo CD's cluster Secrets) names a cluster; recon
//! reads it through the kubeconfig context whose API server is the same, and
//! never through the credentials Argo CD stores for it.

use k8s_openapi::api::core::v1::Secret;
use kube::api::ListParams;

use super::model::{ArgoApp, IN_CLUSTER_SERVER};
use crate::adapters::error::AdapterError;
use crate::cluster::{Cluster, Resolver, typed};
use crate::engine::fleet::Fleet;

/// Argo CD marks its cluster Secrets with this label
/// (`common/common.go`: LabelKeySecretType, LabelValueSecretTypeCluster).
const CLUSTER_SECRET_SELECTOR: &str = "argocd.argoproj.io/secret-type=cluster";
/// Namespace of Argo CD's control plane when the app lives elsewhere.
const ARGOCD_NAMESPACE: &str = "argocd";

/// A cluster to read an app's live objects from.
#[derive(Clone)]
pub struct Target {
    pub cluster: Cluster,
    pub resolver: Resolver,
    /// The server as the app names it, when it is not Argo CD's own cluster.
    pub remote: Option<String>,
}

/// The API server URL of a cluster Secret named `name` (only `name` and
/// `server` are read: the credentials are never looked at).
async fn server_named(
    home: &Cluster,
    app: &ArgoApp,
    name: &str,
) -> Result<Option<String>, AdapterError> {
    let params = ListParams::default().labels(CLUSTER_SECRET_SELECTOR);
    let mut namespaces = vec![app.namespace().to_string()];
    if app.namespace() != ARGOCD_NAMESPACE {
        namespaces.push(ARGOCD_NAMESPACE.into());
    }
    for ns in namespaces {
        let secrets = typed::list::<Secret>(home, Some(&ns), &params)
            .await
            .map_err(|e| AdapterError::cluster(&app.qualified_name(), e))?;
        for s in secrets.items {
            let Some(data) = s.data else { continue };
            let text = |k: &str| {
                data.get(k)
                    .and_then(|b| String::from_utf8(b.0.clone()).ok())
            };
            if text("name").as_deref() == Some(name) {
                return Ok(text("server"));
            }
        }
    }
    Ok(None)
}

/// The cluster the app deploys to, reached through the fleet's kubeconfig.
pub async fn resolve(
    fleet: &Fleet,
    home: &Cluster,
    home_resolver: &Resolver,
    app: &ArgoApp,
) -> Result<Target, AdapterError> {
    let d = &app.spec.destination;
    let server = match (d.server.as_deref(), d.name.as_deref()) {
        (Some(s), _) => s.to_string(),
        (None, Some("in-cluster")) | (None, None) => IN_CLUSTER_SERVER.to_string(),
        (None, Some(name)) => match server_named(home, app, name).await? {
            Some(s) => s,
            None => {
                return Err(AdapterError::NoContextForDestination {
                    app: app.qualified_name(),
                    destination: format!("cluster {name:?}"),
                    hint: format!("no Argo CD cluster Secret in {} names it", app.namespace()),
                });
            }
        },
    };
    if server == IN_CLUSTER_SERVER {
        return Ok(Target {
            cluster: home.clone(),
            resolver: home_resolver.clone(),
            remote: None,
        });
    }
    let Some(member) = fleet.member_for_server(&server).await else {
        return Err(AdapterError::NoContextForDestination {
            app: app.qualified_name(),
            destination: server.clone(),
            hint: format!("add a kubeconfig context whose cluster server is {server}"),
        });
    };
    match member.cluster {
        Ok(cluster) => Ok(Target {
            cluster,
            resolver: member.resolver,
            remote: Some(server),
        }),
        Err(message) => Err(AdapterError::NoContextForDestination {
            app: app.qualified_name(),
            destination: server,
            hint: format!("context {}: {message}", member.context),
        }),
    }
}
