//! One client per kubeconfig context, each with its own timeout, so one
//! unreachable cluster never hides or blocks the others.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use super::error::ClusterError;

/// A cluster as the kubeconfig names it.
#[derive(Clone)]
pub struct Cluster {
    pub context: String,
    pub client: Client,
    /// The context's namespace, or "default".
    pub default_namespace: String,
    pub timeout: Duration,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("context", &self.context)
            .finish()
    }
}

/// Reads the kubeconfig: the given path (a `:`-separated list is merged, as
/// kubectl does), or $KUBECONFIG, or ~/.kube/config.
pub fn read_kubeconfig(path: Option<&Path>) -> Result<(Kubeconfig, PathBuf), ClusterError> {
    let raw = match path {
        Some(p) => p.to_path_buf(),
        None => match std::env::var_os("KUBECONFIG") {
            Some(v) if !v.is_empty() => PathBuf::from(v),
            _ => dirs::home_dir()
                .unwrap_or_default()
                .join(".kube")
                .join("config"),
        },
    };
    let mut merged: Option<Kubeconfig> = None;
    for part in std::env::split_paths(&raw) {
        if part.as_os_str().is_empty() {
            continue;
        }
        // kube's kubeconfig errors print their cause in their message.
        let kc = Kubeconfig::read_from(&part).map_err(|e| ClusterError::Kubeconfig {
            path: part.clone(),
            message: e.to_string(),
        })?;
        merged = Some(match merged {
            None => kc,
            Some(m) => m.merge(kc).map_err(|e| ClusterError::Kubeconfig {
                path: part.clone(),
                message: e.to_string(),
            })?,
        });
    }
    let kc = merged.ok_or_else(|| ClusterError::Kubeconfig {
        path: raw.clone(),
        message: "no file".into(),
    })?;
    Ok((kc, raw))
}

/// The contexts to use: those asked for (in that order), or all of them.
pub fn select_contexts(kc: &Kubeconfig, wanted: &[String]) -> Result<Vec<String>, ClusterError> {
    let all: Vec<String> = kc.contexts.iter().map(|c| c.name.clone()).collect();
    if all.is_empty() {
        return Err(ClusterError::NoContexts);
    }
    if wanted.is_empty() {
        return Ok(one_context_per_server(kc, all));
    }
    wanted
        .iter()
        .map(|w| {
            if all.contains(w) {
                Ok(w.clone())
            } else {
                Err(ClusterError::UnknownContext {
                    context: w.clone(),
                    available: all.join(", "),
                })
            }
        })
        .collect()
}

/// Several contexts often reach one cluster (an admin and a read-only user):
/// listing all of them would show every app twice. Keep the first context of
/// each API server, the current context winning.
fn one_context_per_server(kc: &Kubeconfig, mut names: Vec<String>) -> Vec<String> {
    if let Some(current) = &kc.current_context
        && let Some(pos) = names.iter().position(|n| n == current)
    {
        let cur = names.remove(pos);
        names.insert(0, cur);
    }
    let server_of = |ctx: &str| server_of(kc, ctx);
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<String> = names
        .into_iter()
        .filter(|n| server_of(n).is_none_or(|s| seen.insert(s)))
        .collect();
    // Back to kubeconfig order, which users recognise.
    let order: Vec<&String> = kc.contexts.iter().map(|c| &c.name).collect();
    kept.sort_by_key(|n| order.iter().position(|o| *o == n));
    kept
}

/// The API server URL a context reaches, as the kubeconfig says.
pub fn server_of(kc: &Kubeconfig, context: &str) -> Option<String> {
    let cluster = kc
        .contexts
        .iter()
        .find(|c| c.name == context)?
        .context
        .as_ref()?
        .cluster
        .clone();
    kc.clusters
        .iter()
        .find(|c| c.name == cluster)?
        .cluster
        .as_ref()?
        .server
        .clone()
}

/// Whether two API server URLs name the same server (case of the scheme and
/// host, a trailing slash and a default port do not matter).
pub fn same_server(a: &str, b: &str) -> bool {
    fn canonical(url: &str) -> String {
        let url = url.trim().trim_end_matches('/').to_ascii_lowercase();
        url.strip_suffix(":443")
            .filter(|u| u.starts_with("https://"))
            .map(str::to_string)
            .unwrap_or(url)
    }
    canonical(a) == canonical(b)
}

/// Builds a client for one context. Does not contact the cluster.
pub async fn connect(
    kc: &Kubeconfig,
    context: &str,
    timeout: Duration,
) -> Result<Cluster, ClusterError> {
    let opts = KubeConfigOptions {
        context: Some(context.to_string()),
        ..Default::default()
    };
    let mut config = Config::from_custom_kubeconfig(kc.clone(), &opts)
        .await
        .map_err(|e| ClusterError::Config {
            context: context.to_string(),
            message: e.to_string(),
        })?;
    config.connect_timeout = Some(timeout);
    let default_namespace = config.default_namespace.clone();
    // Building the client runs an exec credential plugin (EKS, GKE, AKS) as
    // a blocking child process: off the async threads, and bounded by the
    // cluster's timeout, so a plugin that hangs holds up no other cluster.
    let build = tokio::task::spawn_blocking(move || super::client_stack::build(config));
    let client = match tokio::time::timeout(timeout, build).await {
        Ok(Ok(Ok(client))) => client,
        Ok(Ok(Err(e))) => {
            return Err(ClusterError::Config {
                context: context.to_string(),
                message: super::error::kube_error_text(&e),
            });
        }
        Ok(Err(e)) => {
            return Err(ClusterError::Config {
                context: context.to_string(),
                message: format!("building the client failed: {e}"),
            });
        }
        Err(_) => {
            return Err(ClusterError::Timeout {
                context: context.to_string(),
                what: "get credentials (the kubeconfig's exec plugin did not answer)".into(),
                after: timeout,
            });
        }
    };
    Ok(Cluster {
        context: context.to_string(),
        client,
        default_namespace,
        timeout,
    })
}

impl Cluster {
    /// Runs one request with this cluster's timeout, mapping errors with context.
    pub async fn call<T, F>(&self, what: impl Into<String>, fut: F) -> Result<T, ClusterError>
    where
        F: std::future::Future<Output = Result<T, kube::Error>>,
    {
        let what = what.into();
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => match ClusterError::from_kube(&self.context, what.clone(), e) {
                // The connect timeout fired inside the client: say so in our terms.
                ClusterError::Unreachable { message, .. }
                    if message.contains("deadline has elapsed") =>
                {
                    Err(ClusterError::Timeout {
                        context: self.context.clone(),
                        what,
                        after: self.timeout,
                    })
                }
                other => Err(other),
            },
            Err(_) => Err(ClusterError::Timeout {
                context: self.context.clone(),
                what,
                after: self.timeout,
            }),
        }
    }
}

#[cfg(test)]
mod server_tests {
    use super::same_server;

    #[test]
    fn same_server_ignores_case_slash_and_default_port() {
        assert!(same_server(
            "https://10.0.0.1:6443/",
            "https://10.0.0.1:6443"
        ));
        assert!(same_server(
            "https://API.example.com",
            "https://api.example.com:443"
        ));
        assert!(!same_server(
            "https://127.0.0.1:6443",
            "https://127.0.0.1:6444"
        ));
    }
}
