//! recon shows an Argo CD app's live drift (rendered by recon, compared in
//! the cluster the app deploys to, through recon's own kubeconfig context)
//! and syncs it through Argo CD's `operation`.

use serde_json::Value;

use crate::fixtures::deployment;
use crate::support::argocd::{
    ARGOCD_CLUSTER, DEST_CLUSTER, IN_CLUSTER, application_without_self_heal, deploy, git_repo,
    jsonpath, kubectl, kubectl_json, recon, register_argocd_cluster, unique, wait_sync_status,
};
use crate::support::b64;
use crate::support::cli::text;

fn scale(context: &str, ns: &str, replicas: u32) {
    let out = kubectl(
        context,
        &[
            "-n",
            ns,
            "scale",
            "deployment",
            "web",
            &format!("--replicas={replicas}"),
        ],
    );
    assert!(out.status.success(), "kubectl scale: {out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_scaled_deployment_shows_replicas_drift_and_is_synced_through_argo_cd() {
    let ns = unique("drift");
    let name = unique("drift-web");
    let repo = git_repo(&[("web/deployment.yaml", &deployment("web", 2))]);
    deploy(&application_without_self_heal(
        &name, &repo, "web", IN_CLUSTER, &ns,
    ))
    .await;

    scale(ARGOCD_CLUSTER, &ns, 5);
    wait_sync_status(ARGOCD_CLUSTER, &name, "OutOfSync", 90).await;

    let out = recon(&["diff", &name]);
    let said = text(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "drift: exit 1 like kubectl diff: {said}"
    );
    assert!(
        said.contains("-  replicas: 5") && said.contains("+  replicas: 2"),
        "the diff names replicas: {said}"
    );
    assert!(
        !said.contains("recon.dev/"),
        "recon adds nothing of its own to an Argo CD app's objects: {said}"
    );

    let out = recon(&["diff", &name, "-o", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("diff JSON");
    assert_eq!(report["tool"], "argocd");
    assert_eq!(report["argocdSyncStatus"], "OutOfSync");

    let out = recon(&["sync", &name]);
    assert!(out.status.success(), "recon sync: {}", text(&out));
    let app = kubectl_json(
        ARGOCD_CLUSTER,
        &["-n", "argocd", "get", "application", &name],
    )
    .expect("app");
    assert_eq!(
        app["status"]["operationState"]["phase"], "Succeeded",
        "Argo CD ran the sync: {app}"
    );
    assert!(
        app["status"]["operationState"]["operation"]["initiatedBy"]["username"]
            .as_str()
            .is_some_and(|u| !u.is_empty()),
        "initiatedBy names the identity: {app}"
    );
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "deployment/web", "{.spec.replicas}"),
        "2",
        "kubectl confirms"
    );
    let out = recon(&["diff", &name]);
    assert_eq!(out.status.code(), Some(0), "in sync after: {}", text(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_deployed_to_a_second_cluster_is_read_through_its_own_context() {
    let server = register_argocd_cluster(ARGOCD_CLUSTER, DEST_CLUSTER, DEST_CLUSTER).await;
    let ns = unique("far");
    let name = unique("far-web");
    let repo = git_repo(&[("far/deployment.yaml", &deployment("web", 2))]);
    deploy(&application_without_self_heal(
        &name, &repo, "far", &server, &ns,
    ))
    .await;

    let out = recon(&["get", "apps", "-o", "json"]);
    let list: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let row = list["items"]
        .as_array()
        .and_then(|i| i.iter().find(|i| i["name"] == name.as_str()).cloned())
        .expect("listed");
    assert_eq!(
        row["cluster"], ARGOCD_CLUSTER,
        "the row names the cluster the Application lives in: {row}"
    );
    assert_eq!(
        row["destination"],
        server.as_str(),
        "and where it deploys: {row}"
    );

    scale(DEST_CLUSTER, &ns, 4);
    let out = recon(&["diff", &name]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("-  replicas: 4"),
        "drift read on {DEST_CLUSTER}: {said}"
    );
    assert!(
        said.contains(&format!("objects read in {DEST_CLUSTER}")),
        "says where it read: {said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_argo_cd_apps_secret_values_never_appear_in_its_diff() {
    const CANARY: &str = "canary-argo-s3cr3t";
    const CHANGED: &str = "changed-by-hand-s3cr3t";
    let ns = unique("sec");
    let name = unique("sec-app");
    let secret = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: {CANARY}\n"
    );
    let repo = git_repo(&[("sec/secret.yaml", &secret)]);
    deploy(&application_without_self_heal(
        &name, &repo, "sec", IN_CLUSTER, &ns,
    ))
    .await;
    let patch = format!(r#"{{"stringData":{{"password":"{CHANGED}"}}}}"#);
    let out = kubectl(
        ARGOCD_CLUSTER,
        &[
            "-n",
            &ns,
            "patch",
            "secret",
            "db",
            "--type=merge",
            "-p",
            &patch,
        ],
    );
    assert!(out.status.success(), "{out:?}");

    for args in [
        vec!["diff", name.as_str()],
        vec!["diff", name.as_str(), "-o", "json"],
        vec!["sync", name.as_str(), "--dry-run"],
    ] {
        let out = recon(&args);
        let said = text(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "`recon {}` sees the drift: {said}",
            args.join(" ")
        );
        assert!(
            !said.contains(CANARY) && !said.contains(CHANGED),
            "`recon {}` leaks a Secret value: {said}",
            args.join(" ")
        );
        assert!(
            !said.contains(&b64(CANARY)) && !said.contains(&b64(CHANGED)),
            "base64 leak: {said}"
        );
    }
}

/// Git goes away after Argo CD synced: `recon diff` of the Argo CD app
/// still answers from recon's cached clone, marked stale in JSON and on
/// stderr, instead of failing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_git_unreachable_an_argo_cd_apps_diff_comes_from_the_cache_marked_stale() {
    let ns = unique("gitdown");
    let name = unique("gitdown-web");
    let repo = git_repo(&[("web/deployment.yaml", &deployment("web", 2))]);
    deploy(&application_without_self_heal(
        &name, &repo, "web", IN_CLUSTER, &ns,
    ))
    .await;
    wait_sync_status(ARGOCD_CLUSTER, &name, "Synced", 90).await;
    let out = recon(&["diff", &name, "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "in sync: {}", text(&out));
    let fresh: Value = serde_json::from_slice(&out.stdout).expect("diff JSON");
    assert!(fresh.get("gitStale").is_none(), "{fresh}");

    let origin = repo.repo.path().to_path_buf();
    let away = origin.with_extension("unreachable");
    std::fs::rename(&origin, &away).expect("take the repository away");
    scale(ARGOCD_CLUSTER, &ns, 4);
    let out = recon(&["diff", &name, "-o", "json"]);
    std::fs::rename(&away, &origin).expect("bring the repository back");
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "drift, from the cache: {said}");
    let stale: Value = serde_json::from_slice(&out.stdout).expect("diff JSON");
    assert!(
        stale["gitStale"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("cannot fetch")),
        "{stale}"
    );
    assert!(
        stale["gitStale"]["lastFetched"].is_string(),
        "the cache's age is given: {stale}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Git cannot be fetched"),
        "{said}"
    );
}
