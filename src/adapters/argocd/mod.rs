//! Argo CD Applications, read and driven through the Kubernetes API only
//! (the argoproj.io CRDs), never through Argo CD's API server: a kubeconfig
//! is all recon needs, so one console spans every cluster.

pub mod destination;
pub mod diff;
pub mod history;
pub mod model;
pub mod operate;
pub mod pause;
pub mod refresh;
pub mod source;
pub mod summary;

use crate::adapters::error::AdapterError;
use crate::cluster::{Cluster, Resolver, typed, whoami};
use crate::engine::audit::{self, AuditRecord};
use model::ArgoApp;

/// One Argo CD Application with the cluster it lives in (where Argo CD runs).
#[derive(Clone)]
pub struct ArgoHandle {
    pub cluster: Cluster,
    pub resolver: Resolver,
    pub app: ArgoApp,
}

impl ArgoHandle {
    /// `context/namespace/name`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.cluster.context, self.app.qualified_name())
    }

    /// `namespace/name`, as errors and records name it.
    pub fn name(&self) -> String {
        self.app.qualified_name()
    }

    /// The Application as the API server has it now.
    pub async fn fresh(&self) -> Result<ArgoApp, AdapterError> {
        typed::get::<ArgoApp>(&self.cluster, self.app.namespace(), self.app.name())
            .await
            .map_err(|e| AdapterError::cluster(&self.name(), e))?
            .ok_or_else(|| AdapterError::refused(&self.name(), "the Application no longer exists"))
    }

    /// A merge patch of the Application.
    pub async fn patch(&self, patch: &serde_json::Value) -> Result<ArgoApp, AdapterError> {
        typed::merge_patch::<ArgoApp>(&self.cluster, self.app.namespace(), self.app.name(), patch)
            .await
            .map_err(|e| AdapterError::cluster(&self.name(), e))
    }

    /// Who recon acts as on the Application's cluster.
    pub async fn actor(&self) -> Result<String, AdapterError> {
        whoami(&self.cluster)
            .await
            .map_err(|e| AdapterError::cluster(&self.name(), e))
    }

    /// An Event on the Application and a line in the audit journal.
    pub async fn record(&self, actor: &str, action: &str, revision: Option<&str>, details: String) {
        let mut rec = AuditRecord::named(&self.cluster, &self.name(), actor, action);
        rec.revision = revision.map(str::to_string);
        rec.details = details;
        let object = kube::Resource::object_ref(&self.app, &());
        audit::record_on(&self.cluster, &object, &rec).await;
    }
}
