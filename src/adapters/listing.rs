//! Every app of every tool in every cluster at once. Each cluster is asked
//! concurrently, and within it each tool's CRD, one list request each: a
//! cluster without a tool's CRD simply has none of its apps.

use std::sync::Arc;

use futures::future::join_all;
use kube::api::ListParams;

use super::argocd::model::ArgoApp;
use super::argocd::summary::summarize;
use super::summary::{AppSummary, of_recon};
use crate::cluster::{ClusterError, typed};
use crate::engine::app::Application;
use crate::engine::fleet::{Fleet, Member};

/// One listed app: its row, and the tool's object as recon read it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ListedApp {
    #[serde(flatten)]
    pub summary: AppSummary,
    pub application: AppObject,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum AppObject {
    Recon(Box<Application>),
    ArgoCd(Box<ArgoApp>),
}

/// The apps of one cluster, or why they could not be read.
#[derive(Debug, Clone)]
pub struct ClusterListing {
    pub context: String,
    pub apps: Result<Vec<ListedApp>, Arc<ClusterError>>,
    /// The cluster answered but serves neither recon's nor Argo CD's CRD.
    pub no_tool_installed: bool,
}

/// `Ok(None)` when the CRD is not served.
async fn list_or_absent<K>(member: &Member) -> Result<Option<Vec<K>>, Arc<ClusterError>>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug,
{
    let cluster = member.cluster.as_ref().map_err(Clone::clone)?;
    match typed::list::<K>(cluster, None, &ListParams::default()).await {
        Ok(list) => Ok(Some(list.items)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(Arc::new(e)),
    }
}

fn unreachable_first(
    a: &Result<Option<Vec<Application>>, Arc<ClusterError>>,
    b: &Result<Option<Vec<ArgoApp>>, Arc<ClusterError>>,
) -> Option<Arc<ClusterError>> {
    match (a, b) {
        (Err(e), _) | (_, Err(e)) => Some(e.clone()),
        _ => None,
    }
}

pub async fn list_member(member: &Member, now: jiff::Timestamp) -> ClusterListing {
    let (recon, argo) = futures::join!(
        list_or_absent::<Application>(member),
        list_or_absent::<ArgoApp>(member)
    );
    let context = member.context.clone();
    // A cluster that refuses one list is shown as unreadable: half a list
    // would look like apps that vanished.
    if let Some(e) = unreachable_first(&recon, &argo) {
        return ClusterListing {
            context,
            apps: Err(e),
            no_tool_installed: false,
        };
    }
    let recon = recon.ok().flatten();
    let argo = argo.ok().flatten();
    let no_tool_installed = recon.is_none() && argo.is_none();
    let mut apps: Vec<ListedApp> = recon
        .unwrap_or_default()
        .into_iter()
        .map(|a| ListedApp {
            summary: of_recon(&context, &a, now),
            application: AppObject::Recon(Box::new(a)),
        })
        .chain(argo.unwrap_or_default().into_iter().map(|a| ListedApp {
            summary: summarize(&context, &a),
            application: AppObject::ArgoCd(Box::new(a)),
        }))
        .collect();
    apps.sort_by(|a, b| {
        let (a, b) = (&a.summary, &b.summary);
        (&a.namespace, &a.name, a.tool).cmp(&(&b.namespace, &b.name, b.tool))
    });
    ClusterListing {
        context,
        apps: Ok(apps),
        no_tool_installed,
    }
}

pub async fn list_fleet(fleet: &Fleet) -> Vec<ClusterListing> {
    let now = jiff::Timestamp::now();
    join_all(fleet.members.iter().map(|m| list_member(m, now))).await
}
