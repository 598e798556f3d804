//! The apps of a batch: every app of every member whose labels match a
//! Kubernetes label selector, evaluated by each API server.

use futures::future::join_all;
use kube::api::ListParams;

use super::{BatchError, BatchOutcome, BatchResult};
use crate::adapters::argocd::ArgoHandle;
use crate::adapters::argocd::model::ArgoApp;
use crate::adapters::flux::FluxHandle;
use crate::adapters::flux::model::FluxKustomization;
use crate::adapters::locate::Located;
use crate::adapters::tool::Tool;
use crate::cluster::typed;
use crate::engine::app::Application;
use crate::engine::fleet::{AppHandle, Fleet, Member};

/// The apps matching a label selector in every member, and the members that
/// could not be read (said, never silently left out).
pub struct Matched {
    pub apps: Vec<Located>,
    pub unreadable: Vec<BatchResult>,
}

/// Objects of kind `K` whose labels match `selector`, asked of the API
/// server (the selector is evaluated there); a CRD not served is none.
async fn labelled<K>(member: &Member, selector: &str) -> Result<Vec<K>, String>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug,
{
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    match typed::list::<K>(cluster, None, &ListParams::default().labels(selector)).await {
        Ok(list) => Ok(list.items),
        Err(e) if e.is_not_found() => Ok(Vec::new()),
        Err(e) => Err(crate::error_chain::chain(&e)),
    }
}

async fn match_member(
    member: &Member,
    selector: &str,
    only: Option<Tool>,
) -> Result<Vec<Located>, String> {
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    let wants = |t: Tool| only.is_none_or(|o| o == t);
    let (recon, argo, flux) = futures::join!(
        async {
            if wants(Tool::Recon) {
                labelled::<Application>(member, selector).await
            } else {
                Ok(Vec::new())
            }
        },
        async {
            if wants(Tool::ArgoCd) {
                labelled::<ArgoApp>(member, selector).await
            } else {
                Ok(Vec::new())
            }
        },
        async {
            if wants(Tool::Flux) {
                labelled::<FluxKustomization>(member, selector).await
            } else {
                Ok(Vec::new())
            }
        }
    );
    let mut found: Vec<Located> = recon?
        .into_iter()
        .map(|app| {
            Located::Recon(Box::new(AppHandle {
                cluster: cluster.clone(),
                resolver: member.resolver.clone(),
                app,
            }))
        })
        .collect();
    found.extend(argo?.into_iter().map(|app| {
        Located::ArgoCd(Box::new(ArgoHandle {
            cluster: cluster.clone(),
            resolver: member.resolver.clone(),
            app,
        }))
    }));
    found.extend(flux?.into_iter().map(|ks| {
        Located::Flux(Box::new(FluxHandle {
            cluster: cluster.clone(),
            resolver: member.resolver.clone(),
            ks,
        }))
    }));
    Ok(found)
}

/// Every app of every member whose labels match `selector`
/// (Kubernetes label selector syntax: `team=shop,tier!=db`, `env in (a,b)`).
pub async fn select(
    fleet: &Fleet,
    selector: &str,
    only: Option<Tool>,
) -> Result<Matched, BatchError> {
    let per_member = join_all(
        fleet
            .members
            .iter()
            .map(|m| match_member(m, selector, only)),
    )
    .await;
    let mut matched = Matched {
        apps: Vec::new(),
        unreadable: Vec::new(),
    };
    for (member, found) in fleet.members.iter().zip(per_member) {
        match found {
            Ok(apps) => matched.apps.extend(apps),
            Err(why) => matched.unreadable.push(BatchResult {
                app: format!("{}/*", member.context),
                tool: only.unwrap_or(Tool::Recon),
                outcome: BatchOutcome::Failed,
                message: format!("cannot list apps in {}: {why}", member.context),
            }),
        }
    }
    if matched.apps.is_empty() && matched.unreadable.is_empty() {
        let contexts: Vec<&str> = fleet.members.iter().map(|m| m.context.as_str()).collect();
        return Err(BatchError::NoMatch {
            selector: selector.to_string(),
            contexts: contexts.join(", "),
        });
    }
    matched.apps.sort_by_key(Located::full_name);
    Ok(matched)
}
