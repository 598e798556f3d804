//! `recon delete APP [--cascade]`, done as carefully as prune. Without
//! cascade the Application goes and its objects stay, released: recon's
//! tracking annotation is removed so no later prune can touch them. With
//! cascade the objects this app tracks are deleted first, each re-checked
//! just before (still tracked by this app, same uid), in reverse sync order;
//! the Application goes only when every one of them went.

use serde_json::json;

use crate::cluster::{live, typed, whoami};
use crate::engine::app::{
    Application, CASCADE_FINALIZER, CONFIG_HASH_ANNOTATION, TRACKING_ANNOTATION,
};
use crate::engine::audit::{self, AuditRecord, AuditResult};
use crate::engine::changeset::{Change, ChangeSet, Outcome};
use crate::engine::error::EngineError;
use crate::engine::execute::{SyncOptions, execute};
use crate::engine::fleet::AppHandle;
use crate::engine::inventory::{ExtraObject, read_live};
use crate::engine::plan::{Plan, Step, prune_order};
use crate::engine::render::ObjectKey;

/// What a delete would touch: the objects that carry this app's tracking id.
pub struct DeletePlan {
    pub objects: Vec<ExtraObject>,
}

impl DeletePlan {
    /// The objects in the order a cascade deletes them.
    pub fn keys(&self) -> Vec<ObjectKey> {
        prune_order(&self.objects)
            .into_iter()
            .map(|o| o.key.clone())
            .collect()
    }
}

pub struct Deleted {
    pub actor: String,
    pub changes: ChangeSet,
}

pub async fn plan_delete(handle: &AppHandle) -> Result<DeletePlan, EngineError> {
    let view = read_live(&handle.cluster, &handle.resolver, &handle.app, &[]).await?;
    Ok(DeletePlan {
        objects: view.extras,
    })
}

/// Removes recon's annotations from one object, if it is still this app's.
async fn release(handle: &AppHandle, obj: &ExtraObject) -> Change {
    let key = obj.key.clone();
    let patch = json!({"metadata": {"annotations": {TRACKING_ANNOTATION: null, CONFIG_HASH_ANNOTATION: null}}});
    match live::merge_patch(
        &handle.cluster,
        &obj.resolved,
        key.namespace.as_deref(),
        &key.name,
        &patch,
    )
    .await
    {
        Ok(_) => Change {
            object: key,
            outcome: Outcome::Configured,
            reason: Some("released: recon's tracking annotation removed, the object stays".into()),
        },
        Err(e) if e.is_not_found() => Change {
            object: key,
            outcome: Outcome::Unchanged,
            reason: Some("already gone".into()),
        },
        Err(e) => Change {
            object: key,
            outcome: Outcome::Failed,
            reason: Some(e.to_string()),
        },
    }
}

/// The Application without recon's finalizer, then deleted.
async fn remove_application(handle: &AppHandle) -> Result<(), EngineError> {
    let id = handle.app.tracking_id();
    let ns = handle.app.metadata.namespace.clone().unwrap_or_default();
    let name = handle.app.metadata.name.clone().unwrap_or_default();
    let finalizers: Vec<String> = handle
        .app
        .metadata
        .finalizers
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f != CASCADE_FINALIZER)
        .collect();
    if handle
        .app
        .metadata
        .finalizers
        .as_ref()
        .is_some_and(|f| f.iter().any(|x| x == CASCADE_FINALIZER))
    {
        typed::merge_patch::<Application>(
            &handle.cluster,
            &ns,
            &name,
            &json!({"metadata": {"finalizers": finalizers}}),
        )
        .await
        .map_err(|e| EngineError::cluster(&id, e))?;
    }
    typed::delete::<Application>(&handle.cluster, &ns, &name)
        .await
        .map_err(|e| EngineError::cluster(&id, e))?;
    Ok(())
}

/// Deletes the app (and with `cascade` its objects). Nothing is lost on a
/// failure: the Application stays whenever one of its objects could not be
/// deleted or released, so the command can be run again.
pub async fn delete(
    handle: &AppHandle,
    cascade: bool,
    on_change: &mut (dyn FnMut(&Change) + Send),
) -> Result<Deleted, EngineError> {
    let id = handle.app.tracking_id();
    let actor = whoami(&handle.cluster)
        .await
        .map_err(|e| EngineError::cluster(&id, e))?;
    let plan = plan_delete(handle).await?;
    let changes = if cascade {
        let steps = prune_order(&plan.objects)
            .into_iter()
            .cloned()
            .map(Step::Prune)
            .collect();
        let prune_plan = Plan {
            steps,
            ..Default::default()
        };
        execute(
            &handle.cluster,
            &handle.resolver,
            &id,
            &prune_plan,
            SyncOptions::default(),
            on_change,
        )
        .await
    } else {
        let mut set = ChangeSet::default();
        for obj in &plan.objects {
            let change = release(handle, obj).await;
            on_change(&change);
            set.entries.push(change);
        }
        set
    };
    let mut rec = AuditRecord::new(
        &handle.cluster,
        &handle.app,
        &actor,
        if cascade { "delete-cascade" } else { "delete" },
    );
    if changes.failed() {
        rec.result = AuditResult::Failed(changes.failed_objects());
        rec.details = format!("the Application stays: {}", changes.summary());
        audit::record(&handle.cluster, &handle.app, &rec).await;
        return Err(EngineError::invalid(
            &id,
            format!(
                "not deleted: {} (the Application stays; run it again)",
                changes.failed_objects()
            ),
        ));
    }
    remove_application(handle).await?;
    rec.details = if cascade {
        format!("deleted with its objects: {}", changes.summary())
    } else {
        format!(
            "deleted; {} objects released and left in the cluster",
            changes.entries.len()
        )
    };
    audit::record(&handle.cluster, &handle.app, &rec).await;
    Ok(Deleted { actor, changes })
}
