//! `recon create app`: an Application made from flags, checked first: the
//! repository is fetched and the path rendered, and a render error (file and
//! line) refuses the app before anything is written.

use serde_json::json;

use crate::cluster::{Cluster, FIELD_MANAGER, typed, whoami};
use crate::engine::app::{
    Application, ApplicationSpec, CASCADE_FINALIZER, Destination, RenderKind, SYSTEM_NAMESPACE,
    Source, SyncPolicy,
};
use crate::engine::audit::{self, AuditRecord};
use crate::engine::error::EngineError;
use crate::engine::source::{Fetch, load_desired};

use super::{Engine, blocking};

/// What the flags (or the console's form) say the app is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewApp {
    pub name: String,
    /// Where the Application lives; `recon-system` by default.
    pub namespace: Option<String>,
    pub repo_url: String,
    pub path: String,
    pub revision: Option<String>,
    pub dest_namespace: Option<String>,
    pub render: RenderKind,
    pub automated: bool,
    pub prune: bool,
    pub self_heal: bool,
    /// Deleting the Application deletes its objects (finalizer).
    pub cascade_delete: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct CreateOptions {
    pub dry_run: bool,
    /// Replace an existing app of that name instead of refusing.
    pub upsert: bool,
}

pub struct Created {
    pub app: Application,
    pub actor: String,
    /// How many objects the path rendered to.
    pub objects: usize,
    pub revision: String,
}

impl NewApp {
    pub fn to_application(&self) -> Application {
        let mut app = Application::new(
            &self.name,
            ApplicationSpec {
                source: Source {
                    repo_url: self.repo_url.clone(),
                    target_revision: self.revision.clone().unwrap_or_else(|| "HEAD".into()),
                    path: self.path.clone(),
                    render: self.render,
                    helm: None,
                },
                destination: Destination {
                    namespace: self.dest_namespace.clone(),
                },
                sync_policy: SyncPolicy {
                    automated: self.automated,
                    prune: self.prune,
                    self_heal: self.self_heal,
                },
                cascade_delete: self.cascade_delete,
                ..Default::default()
            },
        );
        app.metadata.namespace = Some(
            self.namespace
                .clone()
                .unwrap_or_else(|| SYSTEM_NAMESPACE.into()),
        );
        if self.cascade_delete {
            app.metadata.finalizers = Some(vec![CASCADE_FINALIZER.into()]);
        }
        app
    }
}

/// Checks the source, then creates (or with `upsert` replaces) the app.
pub async fn create(
    engine: &Engine,
    cluster: &Cluster,
    new: &NewApp,
    opts: CreateOptions,
) -> Result<Created, EngineError> {
    let app = new.to_application();
    let id = app.tracking_id();
    if new.name.is_empty() || new.repo_url.is_empty() {
        return Err(EngineError::invalid(
            &id,
            "an app needs a name and a repository",
        ));
    }
    let repos = engine.repos.clone();
    let checked = app.clone();
    let desired = blocking(&id, move || {
        load_desired(&repos, &checked, None, Fetch::Always)
    })
    .await?;
    let actor = whoami(cluster)
        .await
        .map_err(|e| EngineError::cluster(&id, e))?;
    if opts.dry_run {
        return Ok(Created {
            app,
            actor,
            objects: desired.objects.len(),
            revision: desired.revision,
        });
    }
    let ns = app.metadata.namespace.clone().unwrap_or_default();
    let existing = typed::get::<Application>(cluster, &ns, &new.name)
        .await
        .map_err(|e| EngineError::cluster(&id, e))?;
    if existing.is_some() && !opts.upsert {
        return Err(EngineError::invalid(
            &id,
            format!(
                "an Application {id} already exists in {} (use --upsert to replace its spec)",
                cluster.context
            ),
        ));
    }
    let mut body = serde_json::to_value(&app)
        .map_err(|e| EngineError::invalid(&id, format!("cannot encode the Application: {e}")))?;
    body["apiVersion"] = json!("recon.dev/v1alpha1");
    body["kind"] = json!("Application");
    let created =
        typed::apply_namespaced::<Application>(cluster, &ns, &new.name, &body, FIELD_MANAGER)
            .await
            .map_err(|e| EngineError::cluster(&id, e))?;
    let mut rec = AuditRecord::new(
        cluster,
        &created,
        &actor,
        if existing.is_some() {
            "update"
        } else {
            "create"
        },
    );
    rec.revision = Some(desired.revision.clone());
    rec.details = format!(
        "{} {} path {} ({} objects at {})",
        if existing.is_some() {
            "replaced"
        } else {
            "created"
        },
        crate::git::redact_url(&new.repo_url),
        new.path,
        desired.objects.len(),
        desired.short
    );
    audit::record(cluster, &created, &rec).await;
    Ok(Created {
        app: created,
        actor,
        objects: desired.objects.len(),
        revision: desired.revision,
    })
}
