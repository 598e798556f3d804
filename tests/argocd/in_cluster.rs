//! An automated Application deploying to Argo CD's own cluster.

use crate::fixtures::{configmap, deployment};
use crate::support::argocd::{
    ARGOCD_CLUSTER, IN_CLUSTER, application, git_repo, kubectl_apply, kubectl_json, unique,
    wait_synced_healthy,
};
use crate::support::eventually;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_automated_application_is_synced_and_healthy_by_argo_cd_itself() {
    let ns = unique("argo-web");
    let app_name = unique("web");
    let repo = git_repo(&[
        ("apps/web/deployment.yaml", &deployment("web", 2)),
        ("apps/web/config.yaml", &configmap("web-config", "one")),
    ]);
    let head = repo.head();

    let out = kubectl_apply(
        ARGOCD_CLUSTER,
        &application(&app_name, &repo, "apps/web", IN_CLUSTER, &ns),
    );
    assert!(out.status.success(), "kubectl apply Application: {out:?}");

    let app = wait_synced_healthy(ARGOCD_CLUSTER, &app_name, 120).await;
    assert_eq!(
        app["status"]["sync"]["revision"],
        head.as_str(),
        "synced revision: {app}"
    );
    assert_eq!(
        app["status"]["operationState"]["phase"], "Succeeded",
        "the automated sync ran: {app}"
    );
    assert!(
        app["status"]["history"]
            .as_array()
            .is_some_and(|h| !h.is_empty()),
        "a history entry: {app}"
    );
    // --persist-resource-health: per-resource health is in the CRD.
    let resources = app["status"]["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let dep = resources
        .iter()
        .find(|r| r["kind"] == "Deployment" && r["name"] == "web")
        .unwrap_or_else(|| panic!("Deployment web in status.resources: {app}"));
    assert_eq!(dep["health"]["status"], "Healthy", "{dep}");
    assert_eq!(dep["status"], "Synced", "{dep}");
    assert!(
        resources
            .iter()
            .any(|r| r["kind"] == "ConfigMap" && r["name"] == "web-config"),
        "ConfigMap in status.resources: {app}"
    );

    // The objects are really there, applied by Argo CD (its tracking annotation).
    let live = kubectl_json(ARGOCD_CLUSTER, &["-n", &ns, "get", "deployment", "web"])
        .expect("kubectl get deployment");
    assert_eq!(live["status"]["availableReplicas"], 2, "{live}");
    let tracking = live["metadata"]["annotations"]["argocd.argoproj.io/tracking-id"]
        .as_str()
        .unwrap_or_default();
    assert!(
        tracking.starts_with(&format!("{app_name}:apps/Deployment:{ns}/web")),
        "tracking id {tracking:?} on {live}"
    );
    eventually("kubectl sees Running pods of web", 60, || {
        let pods = kubectl_json(ARGOCD_CLUSTER, &["-n", &ns, "get", "pods", "-l", "app=web"]);
        std::future::ready(pods.map(|p| {
            p["items"].as_array().is_some_and(|items| {
                items.len() == 2 && items.iter().all(|i| i["status"]["phase"] == "Running")
            })
        }))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_heal_restores_a_value_changed_by_hand() {
    let ns = unique("argo-heal");
    let app_name = unique("heal");
    let repo = git_repo(&[("cfg/config.yaml", &configmap("settings", "from-git"))]);
    let out = kubectl_apply(
        ARGOCD_CLUSTER,
        &application(&app_name, &repo, "cfg", IN_CLUSTER, &ns),
    );
    assert!(out.status.success(), "kubectl apply Application: {out:?}");
    wait_synced_healthy(ARGOCD_CLUSTER, &app_name, 120).await;

    let patch = r#"{"data":{"value":"by-hand"}}"#;
    let out = crate::support::argocd::kubectl(
        ARGOCD_CLUSTER,
        &[
            "-n",
            &ns,
            "patch",
            "configmap",
            "settings",
            "--type=merge",
            "-p",
            patch,
        ],
    );
    assert!(out.status.success(), "kubectl patch: {out:?}");
    eventually("Argo CD self-heal puts the Git value back", 90, || {
        let cm = kubectl_json(ARGOCD_CLUSTER, &["-n", &ns, "get", "configmap", "settings"]);
        std::future::ready(cm.map(|c| c["data"]["value"] == "from-git"))
    })
    .await;
}
