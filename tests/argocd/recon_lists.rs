//! recon lists Argo CD's Applications beside its own, from the Kubernetes API
//! only, and refuses every action for an identity that may only read.

use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::fixtures::configmap;
use crate::support::argocd::{
    ARGOCD_CLUSTER, IN_CLUSTER, application, deploy, git_repo, kubectl_apply, recon, unique,
    wait_synced_healthy,
};
use crate::support::cli::text;

static RECON_INSTALLED: OnceLock<()> = OnceLock::new();

/// recon's own CRD on Argo CD's cluster, so both tools' apps live there.
pub fn install_recon() {
    RECON_INSTALLED.get_or_init(|| {
        let out = recon(&["install", "--context", ARGOCD_CLUSTER]);
        assert!(out.status.success(), "recon install: {}", text(&out));
    });
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_apps_lists_an_argo_cd_app_synced_by_argo_cd_beside_a_recon_app() {
    install_recon();
    let ns = unique("mixed");
    let argo_name = unique("argo-web");
    let recon_name = unique("recon-web");
    let repo = git_repo(&[("web/config.yaml", &configmap("web-config", "one"))]);
    let out = kubectl_apply(
        ARGOCD_CLUSTER,
        &application(&argo_name, &repo, "web", IN_CLUSTER, &ns),
    );
    assert!(out.status.success(), "{out:?}");
    let recon_app = json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": recon_name, "namespace": "recon-system"},
        "spec": {"source": {"repoURL": repo.url(), "targetRevision": "main", "path": "web"},
                 "destination": {"namespace": format!("{ns}-r")}},
    });
    assert!(kubectl_apply(ARGOCD_CLUSTER, &recon_app).status.success());
    wait_synced_healthy(ARGOCD_CLUSTER, &argo_name, 120).await;

    let out = recon(&["get", "apps", "-o", "json", "--context", ARGOCD_CLUSTER]);
    assert!(out.status.success(), "{}", text(&out));
    let list: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let find = |name: &str| {
        items(&list)
            .into_iter()
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("{name} listed: {list}"))
    };
    let argo = find(&argo_name);
    assert_eq!(argo["tool"], "argocd", "{argo}");
    assert_eq!(argo["sync"], "Synced", "Argo CD's own sync status: {argo}");
    assert_eq!(argo["health"], "Healthy", "{argo}");
    assert_eq!(argo["autoSync"], true, "{argo}");
    assert_eq!(argo["revision"], repo.head().as_str(), "{argo}");
    assert_eq!(find(&recon_name)["tool"], "recon");

    let wide = recon(&["get", "apps", "-o", "wide", "--context", ARGOCD_CLUSTER]);
    let table = String::from_utf8_lossy(&wide.stdout).to_string();
    let line = table
        .lines()
        .find(|l| l.contains(&argo_name))
        .unwrap_or_else(|| panic!("{argo_name} in\n{table}"));
    assert!(
        line.contains("argocd") && line.contains("Synced") && line.contains("Healthy"),
        "{line}"
    );
    assert!(
        table.lines().next().is_some_and(|h| h.contains("TOOL")),
        "{table}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_identity_sees_argo_cd_apps_and_every_action_is_refused() {
    let ns = unique("ro");
    let name = unique("ro-web");
    let repo = git_repo(&[("ro/config.yaml", &configmap("ro-config", "one"))]);
    deploy(&application(&name, &repo, "ro", IN_CLUSTER, &ns)).await;
    let ro = format!("{ARGOCD_CLUSTER}-readonly");

    let out = recon(&["get", "apps", "--context", &ro]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&name),
        "{}",
        text(&out)
    );

    let app = format!("{ro}/argocd/{name}");
    let head = repo.head();
    for args in [
        vec!["sync", app.as_str()],
        vec!["suspend", app.as_str(), "--reason", "test"],
        vec!["resume", app.as_str()],
        vec!["rollback", app.as_str(), head.as_str()],
    ] {
        let mut all = vec!["--context", ro.as_str()];
        all.extend(args.iter());
        let out = recon(&all);
        let said = text(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "`recon {}` must fail: {said}",
            args.join(" ")
        );
        assert!(
            said.contains("forbidden") && said.contains(&name),
            "`recon {}` says why and names the app: {said}",
            args.join(" ")
        );
    }
    // Nothing was written: Argo CD's app is as it was.
    let after = crate::support::argocd::kubectl_json(
        ARGOCD_CLUSTER,
        &["-n", "argocd", "get", "application", &name],
    )
    .expect("get app");
    assert!(
        after.get("operation").is_none(),
        "no operation requested: {after}"
    );
    assert!(
        after["spec"]["syncPolicy"]["automated"]
            .get("enabled")
            .is_none(),
        "auto-sync untouched: {after}"
    );
}
