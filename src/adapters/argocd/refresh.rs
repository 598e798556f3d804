//! Refresh: ask Argo CD to compare the app with Git again now, by the
//! annotation its controller watches for and removes when done
//! (`argocd app get --refresh` does the same: server/application Get).

use serde_json::json;

use super::ArgoHandle;
use super::model::REFRESH_ANNOTATION;
use crate::adapters::error::AdapterError;

/// `hard` also drops Argo CD's manifest cache.
pub async fn refresh(handle: &ArgoHandle, hard: bool) -> Result<String, AdapterError> {
    let actor = handle.actor().await?;
    let kind = if hard { "hard" } else { "normal" };
    handle
        .patch(&json!({"metadata": {"annotations": {REFRESH_ANNOTATION: kind}}}))
        .await?;
    handle
        .record(&actor, "refresh", None, format!("{kind} refresh requested"))
        .await;
    Ok(actor)
}
