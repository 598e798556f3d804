//! Roll back the Flux way, since Flux has no rollback of its own: pin the
//! GitRepository to a commit (`spec.ref.commit`, which source-controller
//! checks out over every other ref field, flux source-controller
//! `api/v1/gitrepository_types.go`) and have Flux reconcile. Every
//! Kustomization of that source moves with it, so they are named before
//! anything is done. Resuming takes recon's pin off again.

use serde_json::json;

use super::FluxHandle;
use super::model::{FluxGitRepository, FluxKustomization};
use crate::adapters::error::AdapterError;
use crate::cluster::typed;
use crate::engine::ops::{Engine, blocking};

/// On a GitRepository recon pinned: the commit, so a resume knows the pin
/// is recon's to take off (a commit set by hand is left alone).
pub const PINNED_ANNOTATION: &str = "recon.dev/pinned-commit";
pub const PINNED_BY_ANNOTATION: &str = "recon.dev/pinned-by";

/// The other Kustomizations (any namespace) that use the same GitRepository:
/// a pin moves them too.
pub async fn others_of_source(handle: &FluxHandle) -> Result<Vec<String>, AdapterError> {
    let all = typed::list::<FluxKustomization>(&handle.cluster, None, &Default::default())
        .await
        .map_err(|e| AdapterError::cluster(&handle.name(), e))?;
    let source = handle.ks.source_key();
    let mut others: Vec<String> = all
        .items
        .iter()
        .filter(|k| k.spec.source_ref.kind == "GitRepository" && k.source_key() == source)
        .map(FluxKustomization::qualified_name)
        .filter(|n| *n != handle.name())
        .collect();
    others.sort();
    Ok(others)
}

/// The full commit `rev` names in the source's repository (fetched first;
/// the cache answers when Git is down and holds it).
pub async fn resolve_commit(
    engine: &Engine,
    handle: &FluxHandle,
    rev: &str,
) -> Result<String, AdapterError> {
    let source = handle.source().await?;
    let (repos, url, rev, name) = (
        engine.clone(),
        source.spec.url.clone(),
        rev.to_string(),
        handle.name(),
    );
    let id = name.clone();
    let sha = blocking(&name, move || {
        let git = |e| crate::engine::error::EngineError::git(&id, e);
        let repo = repos.repos.open(&url).map_err(git)?;
        let (resolved, _) = crate::engine::source::fetch_or_stale(&repo, &rev).map_err(git)?;
        Ok(resolved.id.to_string())
    })
    .await?;
    Ok(sha)
}

/// Pins the Kustomization's GitRepository to `commit` (a full sha).
pub async fn pin(handle: &FluxHandle, commit: &str) -> Result<String, AdapterError> {
    let source = handle.source().await?;
    let actor = handle.actor().await?;
    patch_source(
        handle,
        &source,
        &json!({
            "metadata": {"annotations": {
                PINNED_ANNOTATION: commit,
                PINNED_BY_ANNOTATION: actor,
            }},
            "spec": {"ref": {"commit": commit}},
        }),
    )
    .await?;
    handle
        .record(
            &actor,
            "rollback-pin",
            Some(commit),
            format!(
                "GitRepository {} pinned to {}",
                source.qualified_name(),
                crate::text::short_sha(commit)
            ),
        )
        .await;
    Ok(actor)
}

/// The rollback: pins the source to `commit` (a full sha) and has Flux
/// reconcile, following it to Flux's verdict; gives who acted. A failed
/// reconcile is an error that says the pin stays.
pub async fn roll_back(
    handle: &FluxHandle,
    commit: &str,
    limit: std::time::Duration,
) -> Result<String, AdapterError> {
    let actor = pin(handle, commit).await?;
    let done = super::operate::reconcile(handle, limit).await?;
    match done.failure {
        Some(why) => Err(AdapterError::refused(
            &handle.name(),
            format!(
                "pinned to {} by {actor}, but Flux's reconcile failed: {}",
                crate::text::short_sha(commit),
                crate::text::printable(&why)
            ),
        )),
        None => Ok(actor),
    }
}

/// Takes recon's pin off the source, if it has one; true when it did.
pub async fn unpin(handle: &FluxHandle, actor: &str) -> Result<bool, AdapterError> {
    let source = handle.source().await?;
    let pinned = source
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(PINNED_ANNOTATION))
        .cloned();
    let Some(pinned) = pinned else {
        return Ok(false);
    };
    patch_source(
        handle,
        &source,
        &json!({
            "metadata": {"annotations": {PINNED_ANNOTATION: null, PINNED_BY_ANNOTATION: null}},
            "spec": {"ref": {"commit": null}},
        }),
    )
    .await?;
    handle
        .record(
            actor,
            "resume",
            None,
            format!(
                "GitRepository {} unpinned from {}: it follows its ref again",
                source.qualified_name(),
                crate::text::short_sha(&pinned)
            ),
        )
        .await;
    Ok(true)
}

async fn patch_source(
    handle: &FluxHandle,
    source: &FluxGitRepository,
    patch: &serde_json::Value,
) -> Result<FluxGitRepository, AdapterError> {
    typed::merge_patch::<FluxGitRepository>(
        &handle.cluster,
        source.namespace(),
        source.name(),
        patch,
    )
    .await
    .map_err(|e| AdapterError::cluster(&handle.name(), e))
}
