//! Flux Kustomizations, read and driven through the Kubernetes API only,
//! as the `flux` CLI does: reconcile by annotation, suspend and resume by
//! `spec.suspend`. Flux's controllers do the applying; recon asks and
//! reports what they say.

pub mod history_notes;
pub mod inventory;
pub mod model;
pub mod operate;
pub mod pause;
pub mod pin;
pub mod project;
pub mod summary;

use crate::adapters::error::AdapterError;
use crate::cluster::{Cluster, typed, whoami};
use crate::engine::audit::{self, AuditRecord};
use model::{FluxGitRepository, FluxKustomization};

/// One Flux Kustomization with the cluster it lives in (where Flux runs).
#[derive(Clone)]
pub struct FluxHandle {
    pub cluster: Cluster,
    /// Kinds of the cluster the Kustomization applies to (its own).
    pub resolver: crate::cluster::Resolver,
    pub ks: FluxKustomization,
}

impl FluxHandle {
    /// `context/namespace/name`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.cluster.context, self.ks.qualified_name())
    }

    /// `namespace/name`, as errors and records name it.
    pub fn name(&self) -> String {
        self.ks.qualified_name()
    }

    /// The Kustomization as the API server has it now.
    pub async fn fresh(&self) -> Result<FluxKustomization, AdapterError> {
        typed::get::<FluxKustomization>(&self.cluster, self.ks.namespace(), self.ks.name())
            .await
            .map_err(|e| AdapterError::cluster(&self.name(), e))?
            .ok_or_else(|| {
                AdapterError::refused(&self.name(), "the Kustomization no longer exists")
            })
    }

    /// Its GitRepository as the API server has it now.
    pub async fn source(&self) -> Result<FluxGitRepository, AdapterError> {
        let kind = &self.ks.spec.source_ref.kind;
        let (ns, name) = self.ks.source_key();
        if kind != "GitRepository" {
            return Err(AdapterError::refused(
                &self.name(),
                format!(
                    "its source is a {kind} ({ns}/{name}); recon drives GitRepository sources only"
                ),
            ));
        }
        typed::get::<FluxGitRepository>(&self.cluster, &ns, &name)
            .await
            .map_err(|e| AdapterError::cluster(&self.name(), e))?
            .ok_or_else(|| {
                AdapterError::refused(
                    &self.name(),
                    format!("its source GitRepository {ns}/{name} does not exist"),
                )
            })
    }

    /// A merge patch of the Kustomization.
    pub async fn patch(
        &self,
        patch: &serde_json::Value,
    ) -> Result<FluxKustomization, AdapterError> {
        typed::merge_patch::<FluxKustomization>(
            &self.cluster,
            self.ks.namespace(),
            self.ks.name(),
            patch,
        )
        .await
        .map_err(|e| AdapterError::cluster(&self.name(), e))
    }

    /// Who recon acts as on the Kustomization's cluster.
    pub async fn actor(&self) -> Result<String, AdapterError> {
        whoami(&self.cluster)
            .await
            .map_err(|e| AdapterError::cluster(&self.name(), e))
    }

    /// An Event on the Kustomization and a line in the audit journal.
    pub async fn record(&self, actor: &str, action: &str, revision: Option<&str>, details: String) {
        let mut rec = AuditRecord::named(&self.cluster, &self.name(), actor, action);
        rec.revision = revision.map(str::to_string);
        rec.details = details;
        let object = kube::Resource::object_ref(&self.ks, &());
        audit::record_on(&self.cluster, &object, &rec).await;
    }
}
