//! The cascade-delete finalizer of recon's Applications.

use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;

/// The cascade-delete finalizer: added to apps that ask for it, dropped from
/// apps that no longer do, and carried out (objects first, then the
/// Application) for an app being deleted. True when the app is being deleted.
pub async fn finalize(handle: &mut AppHandle) -> Result<bool, EngineError> {
    use crate::engine::app::CASCADE_FINALIZER;
    let finalizers = handle.app.metadata.finalizers.clone().unwrap_or_default();
    let has = finalizers.iter().any(|f| f == CASCADE_FINALIZER);
    if handle.app.metadata.deletion_timestamp.is_some() {
        if has {
            crate::engine::ops::delete(handle, true, &mut |_| {}).await?;
            tracing::info!(app = %handle.full_name(), "agent: deleted with its objects (cascade finalizer)");
        }
        return Ok(true);
    }
    let wanted = handle.app.spec.cascade_delete;
    if wanted != has {
        let mut next: Vec<String> = finalizers
            .into_iter()
            .filter(|f| f != CASCADE_FINALIZER)
            .collect();
        if wanted {
            next.push(CASCADE_FINALIZER.into());
        }
        let ns = handle.app.metadata.namespace.clone().unwrap_or_default();
        let name = handle.app.metadata.name.clone().unwrap_or_default();
        handle.app = crate::cluster::typed::merge_patch::<crate::engine::app::Application>(
            &handle.cluster,
            &ns,
            &name,
            &serde_json::json!({"metadata": {"finalizers": next}}),
        )
        .await
        .map_err(|e| EngineError::cluster(&handle.app.tracking_id(), e))?;
    }
    Ok(false)
}
