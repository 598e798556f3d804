//! recon on Flux's own Kustomizations, with the real controllers running:
//! listed beside the others, suspended and resumed the Flux way, reconciled
//! by `recon sync`, and Flux's own failure message shown for a broken path.

use std::time::Duration;

use serde_json::Value;

use crate::fixtures::configmap;
use crate::support::argocd::unique;
use crate::support::cli::{recon_cmd_with, text};
use crate::support::eventually;
use crate::support::flux::{
    FLUX_CLUSTER, flux_env, git_repository, kubectl_apply, kubectl_json, kustomization,
    request_reconcile, served_repo, wait_ready,
};

fn recon(args: &[&str]) -> std::process::Output {
    let mut all = vec!["--context", FLUX_CLUSTER];
    all.extend_from_slice(args);
    recon_cmd_with(&flux_env().kubeconfig, &all)
        .output()
        .expect("run recon")
}

/// The row `recon get apps -o json` gives for `ns/name`.
fn row(ns: &str, name: &str) -> Value {
    let out = recon(&["get", "apps", "-o", "json"]);
    let list: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("get apps -o json: {e}: {}", text(&out)));
    list["items"]
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .find(|i| i["namespace"] == ns && i["name"] == name)
                .cloned()
        })
        .unwrap_or_else(|| panic!("{ns}/{name} not listed: {list}"))
}

fn value(ns: &str) -> String {
    kubectl_json(&["-n", ns, "get", "configmap", "settings"])
        .map(|cm| cm["data"]["value"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

fn namespace(ns: &str) {
    kubectl_apply(&serde_json::json!({
        "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns},
    }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flux_kustomization_is_listed_paused_resumed_and_reconciled_by_recon() {
    let ns = unique("flux-recon");
    let name = unique("cfg");
    let (mut repo, url) = served_repo(&name, &[("deploy/cm.yaml", &configmap("settings", "one"))]);
    namespace(&ns);
    // The source polls hourly: new commits arrive only when reconciled.
    kubectl_apply(&git_repository(&name, &ns, &url, "1h"));
    kubectl_apply(&kustomization(&name, &ns, &name, "./deploy", &ns));
    wait_ready("kustomization", &ns, &name, |_| true, 180).await;

    let listed = row(&ns, &name);
    assert_eq!(listed["tool"], "flux", "{listed}");
    assert_eq!(listed["sync"], "Synced", "{listed}");
    assert_eq!(listed["health"], "Healthy", "{listed}");
    let head = repo.head();
    assert!(
        listed["revision"]
            .as_str()
            .is_some_and(|r| head.starts_with(r) && r.len() >= 7),
        "the applied revision {} is the head {head}",
        listed["revision"]
    );

    let app = format!("{ns}/{name}");
    let out = recon(&["suspend", &app, "--reason", "incident 42"]);
    assert!(out.status.success(), "{}", text(&out));
    let ks = kubectl_json(&["-n", &ns, "get", "kustomization", &name]).expect("get");
    assert_eq!(
        ks["spec"]["suspend"], true,
        "Flux's own switch is set: {ks}"
    );
    assert!(
        row(&ns, &name)["paused"]["reason"] == "incident 42",
        "who and why are kept: {}",
        row(&ns, &name)
    );

    repo.write("deploy/cm.yaml", configmap("settings", "two"));
    let second = repo.commit("two");
    request_reconcile("gitrepository", &ns, &name);
    wait_ready(
        "gitrepository",
        &ns,
        &name,
        |g| {
            g["status"]["artifact"]["revision"]
                .as_str()
                .is_some_and(|r| r.ends_with(&second))
        },
        60,
    )
    .await;
    // Longer than the Kustomization's 10 s interval: a suspended one is left alone.
    tokio::time::sleep(Duration::from_secs(12)).await;
    assert_eq!(
        value(&ns),
        "one",
        "suspended: the new commit is not applied"
    );
    assert_eq!(
        row(&ns, &name)["sync"],
        "OutOfSync",
        "but the row says Git moved"
    );

    let out = recon(&["resume", &app]);
    assert!(out.status.success(), "{}", text(&out));
    let out = recon(&["sync", &app]);
    assert!(out.status.success(), "recon sync: {}", text(&out));
    assert_eq!(
        value(&ns),
        "two",
        "recon sync made Flux apply the new commit"
    );
    let ks = kubectl_json(&["-n", &ns, "get", "kustomization", &name]).expect("get");
    assert_eq!(ks["spec"]["suspend"], false, "{ks}");
    assert!(
        ks["status"]["lastAppliedRevision"]
            .as_str()
            .is_some_and(|r| r.ends_with(&second)),
        "Flux applied it: {ks}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kustomization_with_a_broken_path_shows_fluxs_own_message() {
    let ns = unique("flux-broken");
    let name = unique("broken");
    let (_repo, url) = served_repo(&name, &[("deploy/cm.yaml", &configmap("settings", "one"))]);
    namespace(&ns);
    kubectl_apply(&git_repository(&name, &ns, &url, "1h"));
    kubectl_apply(&kustomization(&name, &ns, &name, "./no-such-dir", &ns));
    let mut flux_says = String::new();
    eventually("Flux to fail the Kustomization", 120, || {
        let msg = kubectl_json(&["-n", &ns, "get", "kustomization", &name])
            .ok()
            .and_then(|ks| {
                ks["status"]["conditions"]
                    .as_array()?
                    .iter()
                    .find(|c| c["type"] == "Ready" && c["status"] == "False")
                    .and_then(|c| c["message"].as_str().map(str::to_string))
            });
        let done = msg.is_some();
        if let Some(m) = msg {
            flux_says = m;
        }
        std::future::ready(Ok(done))
    })
    .await;
    let listed = row(&ns, &name);
    assert_eq!(listed["health"], "Degraded", "{listed}");
    let shown = listed["healthMessage"].as_str().unwrap_or_default();
    assert!(
        shown.contains(flux_says.lines().next().unwrap_or_default()),
        "Flux's message {flux_says:?} is shown: {listed}"
    );
}

async fn wait_value(ns: &str, wanted: &str, secs: u64) {
    eventually(&format!("{ns}'s settings to hold {wanted:?}"), secs, || {
        std::future::ready(Ok(value(ns) == wanted))
    })
    .await;
}

/// Flux has no rollback: recon pins the GitRepository to the commit, names
/// every other Kustomization of that source first (they move too), and
/// resume takes the pin off so Flux follows the branch again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rollback_pins_the_source_names_its_other_users_and_resume_unpins() {
    let ns = unique("flux-pin");
    let ns_b = unique("flux-pin-b");
    let name = unique("pin");
    let other = format!("{name}-b");
    let (mut repo, url) = served_repo(&name, &[("deploy/cm.yaml", &configmap("settings", "one"))]);
    let first = repo.head();
    repo.write("deploy/cm.yaml", configmap("settings", "two"));
    repo.commit("two");
    namespace(&ns);
    namespace(&ns_b);
    kubectl_apply(&git_repository(&name, &ns, &url, "1h"));
    kubectl_apply(&kustomization(&name, &ns, &name, "./deploy", &ns));
    kubectl_apply(&kustomization(&other, &ns, &name, "./deploy", &ns_b));
    wait_ready("kustomization", &ns, &name, |_| true, 180).await;
    wait_ready("kustomization", &ns, &other, |_| true, 180).await;
    assert_eq!(value(&ns), "two");

    let app = format!("{ns}/{name}");
    let out = recon(&["rollback", &app, &first[..7]]);
    let said = text(&out);
    assert!(out.status.success(), "recon rollback: {said}");
    assert!(
        said.contains(&format!("move with it: {ns}/{other}")),
        "the other Kustomization of the source is named: {said}"
    );
    assert_eq!(
        value(&ns),
        "one",
        "the live object equals the chosen commit"
    );
    let source = kubectl_json(&["-n", &ns, "get", "gitrepository", &name]).expect("get");
    assert_eq!(source["spec"]["ref"]["commit"], first.as_str(), "{source}");
    wait_value(&ns_b, "one", 60).await;
    let listed = row(&ns, &name);
    assert!(
        listed["paused"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("pinned")),
        "the row says it is held: {listed}"
    );

    // Diff and history of the Flux app: in sync at the pin, and the pinned
    // commit is the deployed one among the path's commits.
    let out = recon(&["diff", &app]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "in sync at the pin: {}",
        text(&out)
    );
    let out = recon(&["history", &app, "-o", "json"]);
    let history: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("history JSON: {e}: {}", text(&out)));
    let rows = history["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "both commits of deploy/: {history}");
    let deployed: Vec<&str> = rows
        .iter()
        .filter(|r| r["deployed"] == true)
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(deployed, vec![first.as_str()], "{history}");

    let out = recon(&["resume", &app]);
    assert!(out.status.success(), "{}", text(&out));
    let source = kubectl_json(&["-n", &ns, "get", "gitrepository", &name]).expect("get");
    assert!(
        source["spec"]["ref"]["commit"].is_null(),
        "unpinned: {source}"
    );
    assert_eq!(source["spec"]["ref"]["branch"], "main", "{source}");
    wait_value(&ns, "two", 90).await;
}
