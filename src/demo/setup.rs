//! Sets the demo up: two control planes, the demo repository, the CRD, three
//! apps in each cluster, synced; prod's worker pinned back after the bad
//! release, prod's api paused for a migration, and out-of-band drift on prod.

use std::time::Duration;

use kube::api::{Api, Patch, PatchParams};
use serde_json::json;

use super::history::{self, DemoRepo};
use crate::engine::app::{Application, SYSTEM_NAMESPACE};
use crate::engine::fleet::{AppHandle, Fleet};
use crate::engine::ops::{
    Engine, RollbackMode, RollbackOptions, SyncRequest, refresh, rollback, suspend, sync,
};
use crate::git::RepoCache;
use crate::testbed::{StartOptions, TestEnv, ensure_built};

pub struct DemoEnv {
    pub env: TestEnv,
    pub engine: Engine,
    pub fleet: Fleet,
}

pub const APPS: [&str; 3] = ["web", "api", "worker"];

pub use super::progress::Progress;

pub async fn prepare(keep: bool, p: &Progress) -> anyhow::Result<DemoEnv> {
    p.say("recon demo: building the local Kubernetes test bed if needed");
    let bins = tokio::task::spawn_blocking(|| {
        let p = Progress::new();
        ensure_built(&mut |l| p.say(l))
    })
    .await??;
    p.say("starting control planes `staging` and `prod` (etcd, kube-apiserver, controller-manager, scheduler, kwok)");
    let with_argocd = super::argocd::available();
    if with_argocd {
        p.say("and a real Argo CD beside prod (built from its Go module on first use: minutes)");
    } else {
        p.say("note: redis-server is not installed, so the demo runs without its Argo CD part (apt-get install redis-server)");
    }
    let env = tokio::task::spawn_blocking(move || {
        let p = Progress::new();
        let mut opts = StartOptions::new(["staging", "prod"]);
        if with_argocd {
            opts = opts.with_argocd([super::argocd::ARGOCD_CLUSTER]);
        }
        opts.lifeline = !keep;
        TestEnv::start(&bins, opts, &mut |l| p.say(l))
    })
    .await??;
    let repo_path = env.work_dir.join("demo-repo.git");
    let repo: DemoRepo = history::build(&repo_path)?;
    p.say(&format!(
        "demo Git repository with 14 commits: {}",
        repo.url
    ));
    let engine = Engine::new(RepoCache::new(env.work_dir.join("git-cache")));
    let fleet = Fleet::load(Some(&env.kubeconfig), &[], Duration::from_secs(5)).await?;
    for m in &fleet.members {
        let cluster = m.cluster.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
        crate::engine::install::install(cluster).await?;
        for app in APPS {
            create_app(
                cluster,
                app,
                &repo.url,
                app != "api" || m.context == "staging",
            )
            .await?;
        }
    }
    p.say("installed the Application CRD and 3 apps in each cluster; syncing");
    for app in APPS {
        for ctx in ["staging", "prod"] {
            let h = fleet
                .locate(&format!("{ctx}/{SYSTEM_NAMESPACE}/{app}"))
                .await?;
            let r = sync(&engine, &h, &SyncRequest::default(), &mut |_| {}).await?;
            p.say(&format!(
                "{ctx}/{app}: {} at {}",
                r.changes.summary(),
                r.short
            ));
        }
    }
    let worker = fleet
        .locate(&format!("prod/{SYSTEM_NAMESPACE}/worker"))
        .await?;
    rollback(
        &engine,
        &worker,
        &repo.worker_good,
        RollbackMode::Pin,
        RollbackOptions::default(),
        &mut |_| {},
    )
    .await?;
    p.say("prod/worker: rolled back (pinned) to the last good release");
    let api = fleet
        .locate(&format!("prod/{SYSTEM_NAMESPACE}/api"))
        .await?;
    suspend(
        &api,
        Some(Duration::from_secs(2 * 3600)),
        Some("DB migration window CHG-2291"),
    )
    .await?;
    p.say("prod/api: paused for 2h (DB migration window)");
    make_drift(&fleet).await?;
    for app in APPS {
        let h = fleet
            .locate(&format!("prod/{SYSTEM_NAMESPACE}/{app}"))
            .await?;
        refresh(&engine, &h).await?;
    }
    p.say("prod: made out-of-band changes (web scaled by hand, api config edited)");
    if with_argocd {
        let prod = fleet
            .members
            .iter()
            .find(|m| m.context == super::argocd::ARGOCD_CLUSTER)
            .and_then(|m| m.cluster.as_ref().ok())
            .ok_or_else(|| anyhow::anyhow!("the demo's prod cluster is not reachable"))?;
        super::argocd::setup(&env, prod, &repo.url, p).await?;
        match scale_by_hand(&fleet, "staging", "shop", "shop", 3).await {
            Ok(()) => p.say("staging: shop scaled by hand; Argo CD (no self-heal for shop-staging) marks it OutOfSync"),
            Err(e) => p.say(&format!("staging: could not scale shop by hand ({e}); no Argo CD drift to show")),
        }
    }
    Ok(DemoEnv { env, engine, fleet })
}

async fn create_app(
    cluster: &crate::cluster::Cluster,
    name: &str,
    url: &str,
    automated: bool,
) -> anyhow::Result<()> {
    let api: Api<Application> = Api::namespaced(cluster.client.clone(), SYSTEM_NAMESPACE);
    let app = json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": name, "namespace": SYSTEM_NAMESPACE},
        "spec": {
            "source": {"repoURL": url, "targetRevision": "main", "path": format!("apps/{name}")},
            "destination": {"namespace": name},
            "syncPolicy": {"automated": automated, "prune": true, "selfHeal": false},
        }
    });
    api.patch(
        name,
        &PatchParams::apply("recon-demo").force(),
        &Patch::Apply(&app),
    )
    .await?;
    Ok(())
}

/// `kubectl scale` of a Deployment, as an engineer would do it.
async fn scale_by_hand(
    fleet: &Fleet,
    ctx: &str,
    ns: &str,
    name: &str,
    replicas: u32,
) -> anyhow::Result<()> {
    let cluster = fleet
        .members
        .iter()
        .find(|m| m.context == ctx)
        .and_then(|m| m.cluster.as_ref().ok())
        .ok_or_else(|| anyhow::anyhow!("the demo's {ctx} cluster is not reachable"))?;
    let params = PatchParams {
        field_manager: Some("kubectl-scale".into()),
        ..Default::default()
    };
    let deploys: Api<k8s_openapi::api::apps::v1::Deployment> =
        Api::namespaced(cluster.client.clone(), ns);
    deploys
        .patch(
            name,
            &params,
            &Patch::Merge(json!({"spec": {"replicas": replicas}})),
        )
        .await?;
    Ok(())
}

/// What an engineer at 2 a.m. might do by hand: scale web, edit api's config.
async fn make_drift(fleet: &Fleet) -> anyhow::Result<()> {
    let prod: &AppHandle = &fleet
        .locate(&format!("prod/{SYSTEM_NAMESPACE}/web"))
        .await?;
    let client = prod.cluster.client.clone();
    let params = PatchParams {
        field_manager: Some("kubectl-edit".into()),
        ..Default::default()
    };
    let deploys: Api<k8s_openapi::api::apps::v1::Deployment> =
        Api::namespaced(client.clone(), "web");
    deploys
        .patch(
            "web",
            &params,
            &Patch::Merge(json!({"spec": {"replicas": 5}})),
        )
        .await?;
    let cms: Api<k8s_openapi::api::core::v1::ConfigMap> = Api::namespaced(client, "api");
    cms.patch(
        "api-config",
        &params,
        &Patch::Merge(json!({"data": {"LOG_LEVEL": "debug"}})),
    )
    .await?;
    Ok(())
}
