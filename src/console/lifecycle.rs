//! Create and delete from the console: the `c` form's app created with the
//! engine (its source fetched and rendered first), and `D`: the objects a
//! delete touches listed first, then the delete, each object's result
//! reported as it completes.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::actions::progress;
use super::context::{Shared, describe, finish};
use crate::cluster::whoami;
use crate::engine::app::RenderKind;
use crate::engine::ops::{self, CreateOptions, NewApp};
use crate::tui::{AppId, DeletePlanView, Msg, NewAppForm, SourceRender};

fn some(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

fn new_app(form: NewAppForm) -> NewApp {
    NewApp {
        name: form.name,
        namespace: None,
        repo_url: form.repo_url,
        path: form.path,
        revision: some(form.revision),
        dest_namespace: some(form.dest_namespace),
        render: match form.render {
            SourceRender::Plain => RenderKind::Plain,
            SourceRender::Kustomize => RenderKind::Kustomize,
        },
        automated: form.auto_sync,
        prune: form.prune,
        self_heal: form.self_heal,
        cascade_delete: form.cascade_delete,
    }
}

pub async fn create(
    inner: Arc<Shared>,
    request_id: u64,
    cluster: String,
    form: NewAppForm,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let member = inner
            .fleet
            .members
            .iter()
            .find(|m| m.context == cluster)
            .ok_or_else(|| format!("no context `{cluster}` in the kubeconfig"))?;
        let target = member
            .cluster
            .as_ref()
            .map_err(|e| format!("{cluster}: {e}"))?;
        let new = new_app(form);
        let created = ops::create(
            &inner.engine,
            target,
            &new,
            CreateOptions {
                dry_run: false,
                upsert: false,
            },
        )
        .await
        .map_err(|e| describe(&e))?;
        let ns = created.app.metadata.namespace.clone().unwrap_or_default();
        Ok(format!(
            "created {cluster}/{ns}/{} ({} objects at {}) as {}",
            new.name,
            created.objects,
            crate::text::short_sha(&created.revision),
            created.actor
        ))
    }
    .await;
    finish(&tx, request_id, result);
}

pub async fn plan_delete(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let actor = whoami(&handle.cluster).await.map_err(|e| describe(&e))?;
        let plan = ops::plan_delete(&handle).await.map_err(|e| describe(&e))?;
        let objects = plan.keys().iter().map(ToString::to_string).collect();
        Ok(DeletePlanView {
            app: app.clone(),
            objects,
            actor,
        })
    }
    .await;
    match result {
        Ok(plan) => {
            let _ = tx.send(Msg::DeletePlanReady { request_id, plan });
        }
        Err(e) => finish(&tx, request_id, Err(e)),
    }
}

pub async fn execute_delete(
    inner: Arc<Shared>,
    request_id: u64,
    app: AppId,
    cascade: bool,
    tx: UnboundedSender<Msg>,
) {
    let result = async {
        let handle = inner.locate_recon(&app).await?;
        let mut on_change = progress(tx.clone(), request_id);
        let deleted = ops::delete(&handle, cascade, &mut on_change)
            .await
            .map_err(|e| describe(&e))?;
        let count = deleted.changes.entries.len();
        let objects = if cascade {
            format!("with its {count} object(s)")
        } else {
            format!("{count} object(s) released and kept")
        };
        Ok(format!("deleted {app} {objects} as {}", deleted.actor))
    }
    .await;
    finish(&tx, request_id, result);
}
