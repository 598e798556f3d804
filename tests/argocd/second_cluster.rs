//! An Application in Argo CD's cluster whose destination is another control
//! plane, registered with Argo CD's declarative cluster Secret.

use crate::fixtures::configmap;
use crate::support::argocd::{
    ARGOCD_CLUSTER, DEST_CLUSTER, application, git_repo, kubectl, kubectl_apply, kubectl_json,
    register_argocd_cluster, unique, wait_synced_healthy,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_is_synced_to_a_second_registered_cluster() {
    let server = register_argocd_cluster(ARGOCD_CLUSTER, DEST_CLUSTER, DEST_CLUSTER).await;
    let ns = unique("argo-remote");
    let app_name = unique("remote");
    let repo = git_repo(&[(
        "remote/config.yaml",
        &configmap("remote-config", "over-there"),
    )]);

    let out = kubectl_apply(
        ARGOCD_CLUSTER,
        &application(&app_name, &repo, "remote", &server, &ns),
    );
    assert!(out.status.success(), "kubectl apply Application: {out:?}");
    let app = wait_synced_healthy(ARGOCD_CLUSTER, &app_name, 120).await;
    assert_eq!(app["spec"]["destination"]["server"], server.as_str());

    let cm = kubectl_json(
        DEST_CLUSTER,
        &["-n", &ns, "get", "configmap", "remote-config"],
    )
    .expect("the ConfigMap exists on the second cluster");
    assert_eq!(cm["data"]["value"], "over-there", "{cm}");
    assert!(
        cm["metadata"]["annotations"]["argocd.argoproj.io/tracking-id"]
            .as_str()
            .is_some_and(|t| t.starts_with(&app_name)),
        "applied by Argo CD: {cm}"
    );
    // ...and only there: Argo CD's own cluster did not get it.
    let here = kubectl(
        ARGOCD_CLUSTER,
        &["-n", &ns, "get", "configmap", "remote-config"],
    );
    assert!(!here.status.success(), "not on {ARGOCD_CLUSTER}: {here:?}");
}
