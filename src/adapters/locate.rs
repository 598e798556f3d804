//! Finding one app by name among every tool's apps: `APP` (unique across the
//! fleet), `NAMESPACE/APP` or `CONTEXT/NAMESPACE/APP`.

use futures::future::join_all;
use kube::api::ListParams;

use super::argocd::ArgoHandle;
use super::argocd::model::ArgoApp;
use super::flux::FluxHandle;
use super::flux::model::FluxKustomization;
use super::tool::Tool;
use crate::cluster::typed;
use crate::engine::error::EngineError;
use crate::engine::fleet::{AppHandle, Fleet, Member, parse_app_spec};

/// One app of one tool, with the cluster it lives in.
#[derive(Clone)]
pub enum Located {
    Recon(Box<AppHandle>),
    ArgoCd(Box<ArgoHandle>),
    Flux(Box<FluxHandle>),
}

impl Located {
    pub fn tool(&self) -> Tool {
        match self {
            Located::Recon(_) => Tool::Recon,
            Located::ArgoCd(_) => Tool::ArgoCd,
            Located::Flux(_) => Tool::Flux,
        }
    }

    pub fn full_name(&self) -> String {
        match self {
            Located::Recon(h) => h.full_name(),
            Located::ArgoCd(h) => h.full_name(),
            Located::Flux(h) => h.full_name(),
        }
    }
}

/// Objects of kind `K` named `name` in one member (in `ns` when given); a
/// missing CRD is none. Namespace and name known (the console's case): one
/// GET, not a list.
async fn named<K>(member: &Member, ns: Option<&str>, name: &str) -> Result<Vec<K>, String>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug,
{
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    let found = match ns {
        Some(ns) => typed::get::<K>(cluster, ns, name)
            .await
            .map(|a| a.into_iter().collect::<Vec<_>>()),
        None => typed::list::<K>(cluster, None, &ListParams::default())
            .await
            .map(|l| l.items),
    };
    match found {
        Ok(items) => Ok(items
            .into_iter()
            .filter(|k| k.meta().name.as_deref() == Some(name))
            .collect()),
        Err(e) if e.is_not_found() => Ok(vec![]),
        Err(e) => Err(e.to_string()),
    }
}

/// Argo CD apps of one member that match.
async fn argo_matches(
    member: &Member,
    ns: Option<&str>,
    name: &str,
) -> Result<Vec<ArgoHandle>, String> {
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    Ok(named::<ArgoApp>(member, ns, name)
        .await?
        .into_iter()
        .map(|app| ArgoHandle {
            cluster: cluster.clone(),
            resolver: member.resolver.clone(),
            app,
        })
        .collect())
}

/// Flux Kustomizations of one member that match.
async fn flux_matches(
    member: &Member,
    ns: Option<&str>,
    name: &str,
) -> Result<Vec<FluxHandle>, String> {
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    Ok(named::<FluxKustomization>(member, ns, name)
        .await?
        .into_iter()
        .map(|ks| FluxHandle {
            cluster: cluster.clone(),
            resolver: member.resolver.clone(),
            ks,
        })
        .collect())
}

/// Finds the app among all tools; `only` narrows to one tool.
pub async fn locate(fleet: &Fleet, spec: &str, only: Option<Tool>) -> Result<Located, EngineError> {
    let (ctx, ns, name) = parse_app_spec(spec)?;
    let recon = if only.is_none_or(|t| t == Tool::Recon) {
        fleet.locate(spec).await
    } else {
        Err(EngineError::AppNotFound {
            name: spec.into(),
            searched: "recon apps (not asked for)".into(),
        })
    };
    if only == Some(Tool::Recon) {
        return recon.map(|h| Located::Recon(Box::new(h)));
    }
    let members: Vec<&Member> = fleet
        .members
        .iter()
        .filter(|m| ctx.is_none_or(|c| c == m.context))
        .collect();
    let argo: Vec<Result<Vec<ArgoHandle>, String>> =
        join_all(members.iter().map(|m| argo_matches(m, ns, name))).await;
    let mut found: Vec<Located> = argo
        .into_iter()
        .filter_map(Result::ok)
        .flatten()
        .map(|h| Located::ArgoCd(Box::new(h)))
        .collect();
    if only.is_none_or(|t| t == Tool::Flux) {
        let flux = join_all(members.iter().map(|m| flux_matches(m, ns, name))).await;
        found.extend(
            flux.into_iter()
                .filter_map(Result::ok)
                .flatten()
                .map(|h| Located::Flux(Box::new(h))),
        );
    }
    let recon_error = match recon {
        Ok(h) => {
            found.push(Located::Recon(Box::new(h)));
            None
        }
        Err(e) => Some(e),
    };
    match (found.len(), recon_error) {
        (1, None | Some(EngineError::AppNotFound { .. })) => Ok(found.remove(0)),
        // Not an Argo CD app either: recon's answer says where it looked.
        (0, Some(e)) => Err(e),
        (0, None) => Err(EngineError::AppNotFound {
            name: spec.into(),
            searched: "every context".into(),
        }),
        // Ambiguous among recon apps, or a cluster that could not be read.
        (_, Some(e @ (EngineError::Ambiguous { .. } | EngineError::ClusterWide(_)))) => Err(e),
        _ => Err(EngineError::Ambiguous {
            name: spec.into(),
            candidates: found
                .iter()
                .map(|l| format!("{} ({})", l.full_name(), l.tool()))
                .collect(),
        }),
    }
}
