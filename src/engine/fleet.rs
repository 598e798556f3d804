//! Every cluster of the kubeconfig at once. Each is asked concurrently with
//! its own timeout: one unreachable cluster shows up as such and never hides
//! or delays the others.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures::future::join_all;
use kube::api::ListParams;
use kube::config::Kubeconfig;

use crate::cluster::{
    Cluster, ClusterError, Resolver, connect, read_kubeconfig, same_server, select_contexts,
    server_of, typed,
};
use crate::engine::app::Application;
use crate::engine::error::EngineError;

#[derive(Clone)]
pub struct Member {
    pub context: String,
    /// The API server URL the kubeconfig gives for the context.
    pub server: Option<String>,
    /// Why the context could not be reached is kept as it was, typed.
    pub cluster: Result<Cluster, Arc<ClusterError>>,
    pub resolver: Resolver,
}

#[derive(Clone)]
pub struct Fleet {
    pub members: Vec<Member>,
    /// Kept to reach a context the fleet does not list (another tool's
    /// destination cluster, say).
    kubeconfig: Option<Kubeconfig>,
    timeout: Duration,
}

/// The Applications of one cluster, or why they could not be read.
#[derive(Debug, Clone)]
pub struct ClusterApps {
    pub context: String,
    pub apps: Result<Vec<Application>, Arc<ClusterError>>,
    /// The cluster answered but does not serve the Application CRD.
    pub not_installed: bool,
}

/// One app, with the cluster it lives in.
#[derive(Clone)]
pub struct AppHandle {
    pub cluster: Cluster,
    pub resolver: Resolver,
    pub app: Application,
}

impl AppHandle {
    /// `context/namespace/name`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.cluster.context, self.app.tracking_id())
    }
}

impl Fleet {
    pub async fn load(
        kubeconfig: Option<&Path>,
        wanted: &[String],
        timeout: Duration,
    ) -> Result<Fleet, ClusterError> {
        if in_cluster_wanted(kubeconfig, wanted) {
            return Ok(Self::in_cluster(timeout));
        }
        let (kc, _) = read_kubeconfig(kubeconfig)?;
        let names = select_contexts(&kc, wanted)?;
        let members = join_all(names.into_iter().map(|name| {
            let kc = &kc;
            async move {
                let cluster = connect(kc, &name, timeout).await.map_err(Arc::new);
                Member {
                    server: server_of(kc, &name),
                    context: name,
                    cluster,
                    resolver: Resolver::new(),
                }
            }
        }))
        .await;
        Ok(Fleet {
            members,
            kubeconfig: Some(kc),
            timeout,
        })
    }

    /// One member, `in-cluster`: the pod's own API server and ServiceAccount
    /// token (kube re-reads the token as the kubelet rotates it).
    fn in_cluster(timeout: Duration) -> Fleet {
        let config_error = |message: String| {
            Arc::new(ClusterError::Config {
                context: IN_CLUSTER_CONTEXT.into(),
                message,
            })
        };
        let (server, cluster) = match kube::Config::incluster() {
            Ok(mut config) => {
                config.connect_timeout = Some(timeout);
                let server = config.cluster_url.to_string();
                let default_namespace = config.default_namespace.clone();
                let cluster = crate::cluster::build_client(config)
                    .map(|client| Cluster {
                        context: IN_CLUSTER_CONTEXT.into(),
                        client,
                        default_namespace,
                        timeout,
                    })
                    .map_err(|e| config_error(crate::cluster::kube_error_text(&e)));
                (Some(server), cluster)
            }
            Err(e) => (None, Err(config_error(e.to_string()))),
        };
        let member = Member {
            context: IN_CLUSTER_CONTEXT.into(),
            server,
            cluster,
            resolver: Resolver::new(),
        };
        Fleet::of(vec![member], timeout)
    }

    /// The kubeconfig's current context, as kubectl would use it.
    pub fn current_context(&self) -> Option<&str> {
        self.kubeconfig.as_ref()?.current_context.as_deref()
    }

    /// A fleet of the given members (tests, benchmarks).
    pub fn of(members: Vec<Member>, timeout: Duration) -> Fleet {
        Fleet {
            members,
            kubeconfig: None,
            timeout,
        }
    }

    /// The member, or a new connection through the first kubeconfig context,
    /// whose API server is `server`. `None` when no context reaches it.
    pub async fn member_for_server(&self, server: &str) -> Option<Member> {
        if let Some(m) = self
            .members
            .iter()
            .find(|m| m.server.as_deref().is_some_and(|s| same_server(s, server)))
        {
            return Some(m.clone());
        }
        let kc = self.kubeconfig.as_ref()?;
        let context = kc
            .contexts
            .iter()
            .map(|c| c.name.clone())
            .find(|c| server_of(kc, c).is_some_and(|s| same_server(&s, server)))?;
        let cluster = connect(kc, &context, self.timeout).await.map_err(Arc::new);
        Some(Member {
            server: Some(server.to_string()),
            context,
            cluster,
            resolver: Resolver::new(),
        })
    }

    pub async fn list_apps(&self) -> Vec<ClusterApps> {
        join_all(self.members.iter().map(list_member_apps)).await
    }

    /// Finds `APP` (unique across the fleet) or `CONTEXT/NAMESPACE/APP`.
    pub async fn locate(&self, spec: &str) -> Result<AppHandle, EngineError> {
        let (ctx, ns, name) = parse_app_spec(spec)?;
        let members: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| ctx.is_none_or(|c| c == m.context))
            .collect();
        if members.is_empty() {
            let known: Vec<&str> = self.members.iter().map(|m| m.context.as_str()).collect();
            return Err(EngineError::AppNotFound {
                name: spec.into(),
                searched: format!(
                    "contexts {} (no context {:?})",
                    known.join(", "),
                    ctx.unwrap_or_default()
                ),
            });
        }
        let listed = join_all(members.iter().map(|m| list_member_apps(m))).await;
        let mut found: Vec<AppHandle> = Vec::new();
        let mut unreachable: Vec<String> = Vec::new();
        for (member, cluster_apps) in members.iter().zip(listed) {
            match (&member.cluster, cluster_apps.apps) {
                (Ok(cluster), Ok(apps)) => found.extend(
                    apps.into_iter()
                        .filter(|a| {
                            a.metadata.name.as_deref() == Some(name)
                                && ns.is_none_or(|n| a.metadata.namespace.as_deref() == Some(n))
                        })
                        .map(|app| AppHandle {
                            cluster: cluster.clone(),
                            resolver: member.resolver.clone(),
                            app,
                        }),
                ),
                (Err(e), _) => unreachable.push(format!("{} ({e})", member.context)),
                (_, Err(e)) => unreachable.push(format!("{} ({e})", member.context)),
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => {
                let searched = members
                    .iter()
                    .map(|m| m.context.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut searched = format!("contexts {searched}");
                if !unreachable.is_empty() {
                    searched.push_str(&format!("; could not read {}", unreachable.join(", ")));
                }
                Err(EngineError::AppNotFound {
                    name: spec.into(),
                    searched,
                })
            }
            _ => Err(EngineError::Ambiguous {
                name: spec.into(),
                candidates: found.iter().map(AppHandle::full_name).collect(),
            }),
        }
    }
}

/// The context name of the cluster a pod runs in.
pub const IN_CLUSTER_CONTEXT: &str = "in-cluster";

/// In a pod (KUBERNETES_SERVICE_HOST is set) with no kubeconfig named and
/// none at the default path, use the pod's ServiceAccount, as kubectl does.
fn in_cluster_wanted(kubeconfig: Option<&Path>, wanted: &[String]) -> bool {
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let default_exists = dirs::home_dir().is_some_and(|h| h.join(".kube").join("config").exists());
    in_cluster_applies(
        kubeconfig.is_some() || env_set("KUBECONFIG") || default_exists,
        env_set("KUBERNETES_SERVICE_HOST"),
        wanted,
    )
}

fn in_cluster_applies(has_kubeconfig: bool, in_pod: bool, wanted: &[String]) -> bool {
    in_pod
        && !has_kubeconfig
        && (wanted.is_empty() || wanted.iter().all(|w| w == IN_CLUSTER_CONTEXT))
}

/// `APP`, `NAMESPACE/APP` or `CONTEXT/NAMESPACE/APP` → (context, namespace, name).
pub fn parse_app_spec(spec: &str) -> Result<(Option<&str>, Option<&str>, &str), EngineError> {
    let parts: Vec<&str> = spec.split('/').collect();
    match parts.as_slice() {
        [name] => Ok((None, None, *name)),
        [ns, name] => Ok((None, Some(*ns), *name)),
        [ctx, ns, name] => Ok((Some(*ctx), Some(*ns), *name)),
        _ => Err(EngineError::AppNotFound {
            name: spec.into(),
            searched: "(use APP or CONTEXT/NAMESPACE/APP)".into(),
        }),
    }
}

async fn list_member_apps(member: &Member) -> ClusterApps {
    let context = member.context.clone();
    let cluster = match &member.cluster {
        Ok(c) => c,
        Err(e) => {
            return ClusterApps {
                context,
                apps: Err(e.clone()),
                not_installed: false,
            };
        }
    };
    match typed::list::<Application>(cluster, None, &ListParams::default()).await {
        Ok(list) => ClusterApps {
            context,
            apps: Ok(list.items),
            not_installed: false,
        },
        Err(e) if e.is_not_found() => ClusterApps {
            context,
            apps: Ok(vec![]),
            not_installed: true,
        },
        Err(e) => ClusterApps {
            context,
            apps: Err(Arc::new(e)),
            not_installed: false,
        },
    }
}

#[cfg(test)]
mod in_cluster_tests {
    use super::{IN_CLUSTER_CONTEXT, in_cluster_applies};

    #[test]
    fn a_pod_without_a_kubeconfig_uses_its_service_account() {
        assert!(in_cluster_applies(false, true, &[]));
        assert!(in_cluster_applies(
            false,
            true,
            &[IN_CLUSTER_CONTEXT.into()]
        ));
        assert!(!in_cluster_applies(true, true, &[]), "a kubeconfig wins");
        assert!(!in_cluster_applies(false, false, &[]), "not in a pod");
        assert!(
            !in_cluster_applies(false, true, &["prod".into()]),
            "a named context is looked up in the kubeconfig (and its absence reported)"
        );
    }
}
