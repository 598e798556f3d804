//! Read-only lookups: the YAML of a resource (live or desired, Secrets
//! masked), what a commit changed under the app's path, a Git fetch.

use crate::engine::triage::get_owned;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, describe, finish};
use super::map::patch_lines;
use crate::adapters::Located;
use crate::cluster::live;
use crate::engine::mask::mask_object;
use crate::engine::ops::{DiffOptions, blocking, diff};
use crate::engine::source::Fetch;
use crate::engine::textdiff::yaml_of;
use crate::tui::{AppId, Msg, ResourceRef};

pub async fn yaml(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    resource: Option<ResourceRef>,
    want_live: bool,
    tx: UnboundedSender<Msg>,
) {
    let result: Result<String, String> = async {
        let located = inner.locate(&app).await?;
        let Some(r) = resource else {
            return match &located {
                Located::Recon(h) => serde_yaml::to_string(&h.app),
                Located::ArgoCd(h) => serde_yaml::to_string(&h.app),
                Located::Flux(h) => serde_yaml::to_string(&h.ks),
            }
            .map_err(|e| e.to_string());
        };
        let (handle, stamp) = inner.render_handle(&located, Fetch::IfMissing).await?;
        let opts = DiffOptions {
            fetch: Fetch::IfMissing,
            stamp,
            ..Default::default()
        };
        let outcome = diff(&inner.engine, &handle, &opts)
            .await
            .map_err(|e| describe(&e))?;
        let matches = |k: &crate::engine::render::ObjectKey| {
            k.kind == r.kind
                && k.name == r.name
                && k.namespace.clone().unwrap_or_default() == r.namespace
        };
        if want_live {
            let Some(obj) = outcome.desired.iter().find(|o| matches(&o.key)) else {
                if let Some(extra) = outcome.extras.iter().find(|e| matches(&e.key)) {
                    return Ok(yaml_of(&mask_object(&extra.live)));
                }
                // An object the app's objects own (a Pod of its Deployment).
                return match get_owned(&handle.cluster, &r.kind, &r.namespace, &r.name)
                    .await
                    .map_err(|e| describe(&e))?
                {
                    Some(v) => Ok(yaml_of(&mask_object(&v))),
                    None => Err(format!("{r} is not part of {app}")),
                };
            };
            let Some(resolved) = &obj.resolved else {
                return Err(format!(
                    "{r}: its kind is not served yet (CRD not installed)"
                ));
            };
            let ns = obj.key.namespace.as_deref();
            match live::get(&handle.cluster, resolved, ns, &obj.key.name)
                .await
                .map_err(|e| e.to_string())?
            {
                Some(v) => Ok(yaml_of(&mask_object(&v))),
                None => Ok(format!("# {r} is not in the cluster\n")),
            }
        } else {
            let obj = outcome
                .desired
                .iter()
                .find(|o| matches(&o.key))
                .ok_or_else(|| format!("{r} is not in Git at {}", outcome.source.short))?;
            Ok(yaml_of(&mask_object(&obj.object)))
        }
    }
    .await;
    match result {
        Ok(text) => {
            let _ = tx.send(Msg::Yaml { request_id, text });
        }
        Err(e) => finish(&tx, request_id, Err(e)),
    }
}

pub async fn commit_diff(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    commit: String,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let located = inner.locate(&app).await?;
        let (handle, _) = inner.render_handle(&located, Fetch::IfMissing).await?;
        let repos = inner.engine.repos.clone();
        let src = handle.app.spec.source.clone();
        let id = handle.app.tracking_id();
        blocking(&id.clone(), move || {
            let repo = repos
                .open(&src.repo_url)
                .map_err(|e| crate::engine::error::EngineError::git(&id, e))?;
            repo.commit_diff(&commit, &src.path)
                .map_err(|e| crate::engine::error::EngineError::git(&id, e))
        })
        .await
        .map_err(|e| crate::error_chain::chain(&e))
    }
    .await;
    match result {
        Ok(patch) => {
            let _ = tx.send(Msg::CommitDiff {
                request_id,
                lines: patch_lines(&patch),
            });
        }
        Err(e) => finish(&tx, request_id, Err(e)),
    }
}

pub async fn refresh_git(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let repos = inner.engine.repos.clone();
        let url = handle.app.spec.source.repo_url.clone();
        let id = handle.app.tracking_id();
        blocking(&id.clone(), move || {
            let repo = repos
                .open(&url)
                .map_err(|e| crate::engine::error::EngineError::git(&id, e))?;
            repo.fetch()
                .map_err(|e| crate::engine::error::EngineError::git(&id, e))?;
            Ok(format!("fetched {}", crate::git::redact_url(&url)))
        })
        .await
        .map_err(|e| crate::error_chain::chain(&e))
    }
    .await;
    finish(&tx, request_id, result);
}
