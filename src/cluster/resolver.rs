//! Discovery: which API resource serves an apiVersion/kind, and whether it is
//! namespaced. Cached per group-version; `invalidate` after CRDs are applied.

use std::collections::HashMap;
use std::sync::Arc;

use kube::core::{ApiResource, GroupVersion};
use kube::discovery::{ApiCapabilities, Scope, oneshot};
use tokio::sync::Mutex;

use super::contexts::Cluster;
use super::error::ClusterError;

#[derive(Debug, Clone)]
pub struct Resolved {
    pub resource: ApiResource,
    pub namespaced: bool,
}

type GroupResources = Arc<Vec<(ApiResource, ApiCapabilities)>>;

#[derive(Clone, Default)]
pub struct Resolver {
    cache: Arc<Mutex<HashMap<String, Option<GroupResources>>>>,
}

impl Resolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forget everything (new CRDs may now be served).
    pub async fn invalidate(&self) {
        self.cache.lock().await.clear();
    }

    /// Resolves `api_version` + `kind`; an unserved kind is `UnknownKind`.
    pub async fn resolve(
        &self,
        cluster: &Cluster,
        api_version: &str,
        kind: &str,
    ) -> Result<Resolved, ClusterError> {
        let unknown = || ClusterError::UnknownKind {
            context: cluster.context.clone(),
            what: format!("resolve {kind}"),
            api_version: api_version.to_string(),
            kind: kind.to_string(),
        };
        let resources = self
            .group_resources(cluster, api_version)
            .await?
            .ok_or_else(unknown)?;
        resources
            .iter()
            .find(|(ar, _)| ar.kind == kind)
            .map(|(ar, caps)| Resolved {
                resource: ar.clone(),
                namespaced: caps.scope == Scope::Namespaced,
            })
            .ok_or_else(unknown)
    }

    async fn group_resources(
        &self,
        cluster: &Cluster,
        api_version: &str,
    ) -> Result<Option<GroupResources>, ClusterError> {
        if let Some(hit) = self.cache.lock().await.get(api_version) {
            return Ok(hit.clone());
        }
        let gv: GroupVersion = api_version.parse().map_err(|_| ClusterError::Other {
            context: cluster.context.clone(),
            what: "discovery".into(),
            message: format!("invalid apiVersion {api_version:?}"),
        })?;
        let fetched = match cluster
            .call(
                format!("discover {api_version}"),
                oneshot::pinned_group(&cluster.client, &gv),
            )
            .await
        {
            Ok(group) => Some(Arc::new(group.versioned_resources(&gv.version))),
            Err(e) if e.is_not_found() => None,
            Err(e) => return Err(e),
        };
        self.cache
            .lock()
            .await
            .insert(api_version.to_string(), fetched.clone());
        Ok(fetched)
    }
}
