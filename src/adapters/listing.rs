//! Every app of every tool in every cluster at once. Each cluster is asked
//! concurrently, and within it each tool's CRD, one list request each: a
//! cluster without a tool's CRD simply has none of its apps.

use std::sync::Arc;

use futures::future::join_all;
use kube::api::ListParams;

use super::argocd::model::ArgoApp;
use super::argocd::summary::summarize;
use super::flux::model::{FluxGitRepository, FluxKustomization};
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
    Flux(Box<FluxKustomization>),
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

fn error_of<T>(r: &Result<T, Arc<ClusterError>>) -> Option<Arc<ClusterError>> {
    r.as_ref().err().cloned()
}

pub async fn list_member(member: &Member, now: jiff::Timestamp) -> ClusterListing {
    let (recon, argo, flux, sources) = futures::join!(
        list_or_absent::<Application>(member),
        list_or_absent::<ArgoApp>(member),
        list_or_absent::<FluxKustomization>(member),
        list_or_absent::<FluxGitRepository>(member)
    );
    let context = member.context.clone();
    // A cluster that refuses one list is shown as unreadable: half a list
    // would look like apps that vanished.
    let failed = [
        error_of(&recon),
        error_of(&argo),
        error_of(&flux),
        error_of(&sources),
    ];
    if let Some(e) = failed.into_iter().flatten().next() {
        return ClusterListing {
            context,
            apps: Err(e),
            no_tool_installed: false,
        };
    }
    let recon = recon.ok().flatten();
    let argo = argo.ok().flatten();
    let flux = flux.ok().flatten();
    let sources = sources.ok().flatten().unwrap_or_default();
    let no_tool_installed = recon.is_none() && argo.is_none() && flux.is_none();
    let index = super::flux::summary::index_sources(&sources);
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
        .chain(flux.unwrap_or_default().into_iter().map(|k| ListedApp {
            summary: super::flux::summary::summarize(&context, &k, &index),
            application: AppObject::Flux(Box::new(k)),
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
