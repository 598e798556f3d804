//! The demo's Argo CD part: a real Argo CD (controller and repo-server, no
//! API server) runs beside `prod` and manages `shop` there and, as a central
//! Argo CD does, `shop-staging` on the `staging` cluster (registered with
//! Argo CD's declarative cluster Secret). recon shows both beside its own
//! apps. Skipped, with a note, where `redis-server` is not installed.

use std::time::Duration;

use k8s_openapi::api::core::v1::Secret;
use kube::api::{Patch, PatchParams};
use serde_json::json;

use super::progress::Progress;
use crate::adapters::argocd::model::ArgoApp;
use crate::cluster::{Cluster, typed};
use crate::testbed::TestEnv;

/// The cluster Argo CD runs beside in the demo.
pub const ARGOCD_CLUSTER: &str = "prod";
const NAMESPACE: &str = "argocd";

/// Whether the machine can run Argo CD (it needs Redis).
pub fn available() -> bool {
    crate::testbed::which("redis-server").is_some()
}

/// The staging cluster's server URL, token and CA, from the demo kubeconfig.
fn credentials(env: &TestEnv, context: &str) -> anyhow::Result<(String, String, String)> {
    let kc = kube::config::Kubeconfig::read_from(&env.kubeconfig)?;
    let ctx = kc
        .contexts
        .iter()
        .find(|c| c.name == context)
        .and_then(|c| c.context.clone())
        .ok_or_else(|| {
            anyhow::anyhow!("context {context} is not in {}", env.kubeconfig.display())
        })?;
    let cluster = kc
        .clusters
        .iter()
        .find(|c| c.name == ctx.cluster)
        .and_then(|c| c.cluster.clone())
        .ok_or_else(|| anyhow::anyhow!("cluster of context {context} not found"))?;
    let token = kc
        .auth_infos
        .iter()
        .find(|u| Some(&u.name) == ctx.user.as_ref())
        .and_then(|u| u.auth_info.clone())
        .and_then(|a| a.token)
        .map(|t| secrecy::ExposeSecret::expose_secret(&t).to_string())
        .ok_or_else(|| anyhow::anyhow!("no token for context {context}"))?;
    Ok((
        cluster.server.unwrap_or_default(),
        token,
        cluster.certificate_authority_data.unwrap_or_default(),
    ))
}

fn application(name: &str, url: &str, server: &str, self_heal: bool) -> serde_json::Value {
    json!({
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
        "metadata": {"name": name, "namespace": NAMESPACE},
        "spec": {
            "project": "default",
            "source": {"repoURL": url, "targetRevision": "main", "path": "apps/shop"},
            "destination": {"server": server, "namespace": "shop"},
            "syncPolicy": {
                "automated": {"prune": true, "selfHeal": self_heal},
                "syncOptions": ["CreateNamespace=true"],
            },
        },
    })
}

/// Registers staging with Argo CD, creates the two Applications and waits
/// until Argo CD has synced them.
pub async fn setup(
    env: &TestEnv,
    argocd: &Cluster,
    repo_url: &str,
    p: &Progress,
) -> anyhow::Result<()> {
    let (server, token, ca) = credentials(env, "staging")?;
    let config = json!({"bearerToken": token, "tlsClientConfig": {"caData": ca}});
    let secret = json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "cluster-staging", "namespace": NAMESPACE,
                     "labels": {"argocd.argoproj.io/secret-type": "cluster"}},
        "stringData": {"name": "staging", "server": server, "config": config.to_string()},
    });
    let params = PatchParams::apply("recon-demo").force();
    let secrets: kube::Api<Secret> = kube::Api::namespaced(argocd.client.clone(), NAMESPACE);
    secrets
        .patch("cluster-staging", &params, &Patch::Apply(&secret))
        .await?;
    let apps: kube::Api<ArgoApp> = kube::Api::namespaced(argocd.client.clone(), NAMESPACE);
    for (name, dest, heal) in [
        (
            "shop",
            crate::adapters::argocd::model::IN_CLUSTER_SERVER,
            true,
        ),
        ("shop-staging", server.as_str(), false),
    ] {
        apps.patch(
            name,
            &params,
            &Patch::Apply(&application(name, repo_url, dest, heal)),
        )
        .await?;
    }
    p.say("Argo CD: Applications shop (prod) and shop-staging (prod → staging) created; Argo CD syncs them");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    loop {
        let list = typed::list::<ArgoApp>(argocd, Some(NAMESPACE), &Default::default()).await?;
        let synced = list
            .items
            .iter()
            .filter(|a| {
                a.status.as_ref().is_some_and(|s| s.sync.status == "Synced")
                    && !a.operation_in_progress()
            })
            .count();
        if synced >= 2 {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            p.say("Argo CD has not synced both apps within 90 s; the console shows where they are");
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
