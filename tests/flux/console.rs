//! The real console in tmux over real Flux: a Kustomization listed with
//! the flux tool, a hand edit of the Deployment it applied shown as drift
//! naming the field, and `s` having Flux reconcile it away (kubectl checks).

use std::time::Duration;

use crate::fixtures::{configmap, deployment};
use crate::support::argocd::unique;
use crate::support::cli::paths;
use crate::support::cli::{recon_cmd_with, text};
use crate::support::flux::{
    FLUX_CLUSTER, flux_env, git_repository, kubectl, kubectl_apply, kubectl_json, kustomization,
    served_repo, wait_ready,
};
use crate::support::gitrepo::TestRepo;
use crate::tmux::Tmux;

const WAIT: Duration = Duration::from_secs(60);

fn replicas(ns: &str) -> i64 {
    kubectl_json(&["-n", ns, "get", "deployment", "web"])
        .map(|d| d["spec"]["replicas"].as_i64().unwrap_or_default())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_edit_of_a_flux_app_shows_as_drift_and_s_has_flux_reconcile_it_away() {
    let ns = unique("flux-console");
    let name = unique("web");
    let (_repo, url) = served_repo(&name, &[("deploy/web.yaml", &deployment("web", 2))]);
    kubectl_apply(&serde_json::json!({
        "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns},
    }));
    kubectl_apply(&git_repository(&name, &ns, &url, "1h"));
    // Flux's own interval must not heal the edit before `s` does.
    let mut ks = kustomization(&name, &ns, &name, "./deploy", &ns);
    ks["spec"]["interval"] = "1h".into();
    kubectl_apply(&ks);
    wait_ready("kustomization", &ns, &name, |_| true, 180).await;
    let scaled = kubectl(&["-n", &ns, "scale", "deployment", "web", "--replicas=5"]);
    assert!(scaled.status.success(), "{scaled:?}");

    // A recon app in the same cluster, to be listed beside the Flux one.
    let beside = format!("{name}-recon");
    let out = recon_cmd_with(
        &flux_env().kubeconfig,
        &["--context", FLUX_CLUSTER, "install"],
    )
    .output()
    .expect("recon install");
    assert!(out.status.success(), "{}", text(&out));
    let mut recon_repo = TestRepo::new();
    recon_repo.write("app/cm.yaml", configmap("beside", "v1"));
    recon_repo.commit("beside");
    kubectl_apply(&serde_json::json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": beside, "namespace": "recon-system"},
        "spec": {
            "source": {"repoURL": recon_repo.url(), "targetRevision": "main", "path": "app"},
            "destination": {"namespace": ns},
        },
    }));

    let home = tempfile::tempdir().expect("tempdir");
    let vars = vec![
        ("KUBECONFIG", flux_env().kubeconfig.display().to_string()),
        ("RECON_CACHE_DIR", paths().cache().display().to_string()),
        ("RECON_AUDIT_LOG", paths().audit().display().to_string()),
        ("XDG_CONFIG_HOME", home.path().display().to_string()),
    ];
    let t = Tmux::start(160, 48, &vars, &["--context", FLUX_CLUSTER]);
    let screen = t.wait_until("both apps listed", WAIT, |s| {
        s.contains(&name) && s.contains(&beside)
    });
    let tool_of = |app: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!(" {app} ")))
            .map(|l| l.split_whitespace().nth(1).unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert_eq!(tool_of(&name), "flux", "{screen}");
    assert_eq!(tool_of(&beside), "recon", "{screen}");
    t.send(&["/"]);
    t.type_text(&name);
    t.send(&["Enter"]);
    let screen = t.wait_for("flux", WAIT);
    assert!(screen.contains(&name), "{screen}");
    t.send(&["Enter"]);
    let screen = t.wait_until("the drift of replicas", WAIT, |s| {
        s.contains("replicas: 5") && s.contains("replicas: 2")
    });
    assert!(screen.contains("history of"), "{screen}");
    assert!(
        screen.contains("Flux: Reconcil"),
        "the applied commit carries Flux's own history note: {screen}"
    );
    assert!(
        !screen.contains("recon.dev/tracking-id"),
        "nothing of recon's is added to Flux's objects: {screen}"
    );

    t.send(&["s"]);
    let screen = t.wait_for("via Flux", WAIT);
    assert!(
        screen.contains("Flux reconciles GitRepository"),
        "the confirmation says what will happen: {screen}"
    );
    t.send(&["y"]);
    let screen = t.wait_for("reconciled by Flux", WAIT);
    assert!(!screen.contains("FAILED"), "{screen}");
    assert_eq!(replicas(&ns), 2, "Flux put Git's replicas back");
}

/// `r` on an older commit of a Flux app: the confirmation names the other
/// Kustomization of the same GitRepository (it moves too), `y` pins the
/// source and Flux applies that commit; kubectl sees it in both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_on_an_older_commit_pins_the_flux_source_after_naming_its_other_users() {
    let ns = unique("flux-console-pin");
    let ns_b = unique("flux-console-pin-b");
    let name = unique("pinned");
    let other = format!("{name}-b");
    let (mut repo, url) = served_repo(&name, &[("deploy/cm.yaml", &configmap("settings", "one"))]);
    let first = repo.head();
    repo.write("deploy/cm.yaml", configmap("settings", "two"));
    repo.commit("two");
    for n in [&ns, &ns_b] {
        kubectl_apply(&serde_json::json!({
            "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n},
        }));
    }
    kubectl_apply(&git_repository(&name, &ns, &url, "1h"));
    kubectl_apply(&kustomization(&name, &ns, &name, "./deploy", &ns));
    kubectl_apply(&kustomization(&other, &ns, &name, "./deploy", &ns_b));
    wait_ready("kustomization", &ns, &name, |_| true, 180).await;
    wait_ready("kustomization", &ns, &other, |_| true, 180).await;
    let value = |n: &str| {
        kubectl_json(&["-n", n, "get", "configmap", "settings"])
            .map(|c| c["data"]["value"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert_eq!(value(&ns), "two");

    let home = tempfile::tempdir().expect("tempdir");
    let vars = vec![
        ("KUBECONFIG", flux_env().kubeconfig.display().to_string()),
        ("RECON_CACHE_DIR", paths().cache().display().to_string()),
        ("RECON_AUDIT_LOG", paths().audit().display().to_string()),
        ("XDG_CONFIG_HOME", home.path().display().to_string()),
    ];
    let t = Tmux::start(160, 48, &vars, &["--context", FLUX_CLUSTER]);
    t.wait_for(&other, WAIT);
    t.send(&["/"]);
    // Both rows match; the first (sorted by name) is this app.
    t.type_text(&name);
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    t.wait_for("history of", WAIT);
    // The history pane, the older commit, roll back.
    t.send(&["Tab"]);
    t.send(&["Tab"]);
    t.send(&["j"]);
    t.send(&["r"]);
    let screen = t.wait_for("via Flux", WAIT);
    assert!(
        screen.contains(&format!("move with it: {ns}/{other}")),
        "the confirmation names the other Kustomization of the source: {screen}"
    );
    assert!(screen.contains(&first[..7]), "{screen}");
    t.send(&["y"]);
    let screen = t.wait_for("rolled back", WAIT);
    assert!(!screen.contains("FAILED"), "{screen}");
    assert_eq!(value(&ns), "one", "Flux applied the chosen commit");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while value(&ns_b) != "one" {
        assert!(
            std::time::Instant::now() < deadline,
            "the other Kustomization moved with its source"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}
