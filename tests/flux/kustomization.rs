//! A Kustomization created with kubectl becomes Ready by Flux itself, and
//! a new commit reaches the cluster once Flux is asked to reconcile.

use crate::fixtures::{configmap, deployment};
use crate::support::argocd::unique;
use crate::support::flux::{
    FLUX_CLUSTER, git_repository, kubectl_apply, kubectl_json, kustomization, request_reconcile,
    served_repo, wait_ready,
};

/// What a Flux v1 GitRepository reports as the revision of `main` at `sha`.
fn main_revision(sha: &str) -> String {
    format!("main@sha1:{sha}")
}

fn configmap_value(ns: &str) -> Result<String, String> {
    let cm = kubectl_json(&["-n", ns, "get", "configmap", "web-config"])?;
    Ok(cm["data"]["value"].as_str().unwrap_or_default().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kustomization_made_with_kubectl_is_applied_by_flux_and_follows_a_new_commit_on_request()
{
    let ns = unique("flux-web");
    let name = unique("web");
    let (mut repo, url) = served_repo(
        &name,
        &[
            ("deploy/web/deployment.yaml", &deployment("web", 2)),
            ("deploy/web/config.yaml", &configmap("web-config", "one")),
        ],
    );
    let first = repo.head();
    kubectl_apply(&serde_json::json!({
        "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns},
    }));
    // The source is fetched once at creation and then only every hour, so
    // the second commit can only arrive through the requested reconcile.
    kubectl_apply(&git_repository(&name, &ns, &url, "1h"));
    kubectl_apply(&kustomization(&name, &ns, &name, "./deploy/web", &ns));

    let source = wait_ready("gitrepository", &ns, &name, |_| true, 120).await;
    assert_eq!(
        source["status"]["artifact"]["revision"],
        main_revision(&first).as_str(),
        "GitRepository artifact: {source}"
    );
    let ks = wait_ready("kustomization", &ns, &name, |_| true, 180).await;
    assert_eq!(
        ks["status"]["lastAppliedRevision"],
        main_revision(&first).as_str(),
        "{ks}"
    );
    let inventory: Vec<&str> = ks["status"]["inventory"]["entries"]
        .as_array()
        .map(|e| e.iter().filter_map(|i| i["id"].as_str()).collect())
        .unwrap_or_default();
    for id in [
        format!("{ns}_web-config__ConfigMap"),
        format!("{ns}_web_apps_Deployment"),
    ] {
        assert!(
            inventory.contains(&id.as_str()),
            "{id} in inventory {inventory:?}"
        );
    }

    // kubectl sees what Flux applied, labelled as Flux's.
    assert_eq!(configmap_value(&ns).as_deref(), Ok("one"));
    let dep =
        kubectl_json(&["-n", &ns, "get", "deployment", "web"]).expect("kubectl get deployment");
    assert_eq!(
        dep["metadata"]["labels"]["kustomize.toolkit.fluxcd.io/name"],
        name.as_str(),
        "{dep}"
    );
    // `wait: true`: Ready only once the Deployment was available.
    assert_eq!(dep["status"]["availableReplicas"], 2, "{dep}");

    repo.write("deploy/web/config.yaml", configmap("web-config", "two"));
    let second = repo.commit("web-config: two");
    let asked_source = request_reconcile("gitrepository", &ns, &name);
    let asked_ks = request_reconcile("kustomization", &ns, &name);
    let source = wait_ready(
        "gitrepository",
        &ns,
        &name,
        // Both: the new revision, and the request seen (an interval may
        // bring the revision first, and the request is handled after).
        |s| {
            s["status"]["artifact"]["revision"] == main_revision(&second).as_str()
                && s["status"]["lastHandledReconcileAt"] == asked_source.as_str()
        },
        120,
    )
    .await;
    assert_eq!(
        source["status"]["lastHandledReconcileAt"],
        asked_source.as_str(),
        "source-controller handled the request: {source}"
    );
    let ks = wait_ready(
        "kustomization",
        &ns,
        &name,
        // The new artifact alone triggers a reconcile (a watch on the source),
        // which may apply the revision before the request is handled.
        |k| {
            k["status"]["lastAppliedRevision"] == main_revision(&second).as_str()
                && k["status"]["lastHandledReconcileAt"] == asked_ks.as_str()
        },
        120,
    )
    .await;
    assert_eq!(
        ks["status"]["lastHandledReconcileAt"],
        asked_ks.as_str(),
        "kustomize-controller handled the request: {ks}"
    );
    assert_eq!(
        configmap_value(&ns).as_deref(),
        Ok("two"),
        "in {FLUX_CLUSTER}"
    );
}
