//! The real console in tmux over the Argo CD test bed: recon's and Argo CD's
//! apps in one list, and `s` syncs one of each (recon applies its own;
//! Argo CD's sync goes through its `operation`, kubectl checks both).

use std::time::Duration;

use serde_json::json;

use crate::fixtures::{configmap, deployment};
use crate::recon_lists::install_recon;
use crate::support::argocd::{
    ARGOCD_CLUSTER, IN_CLUSTER, application_without_self_heal, argocd_env, git_repo, jsonpath,
    kubectl, kubectl_apply, kubectl_json, unique, wait_sync_status, wait_synced_healthy,
};
use crate::support::cli::paths;
use crate::tmux::Tmux;

const WAIT: Duration = Duration::from_secs(60);

fn console_env(home: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![
        ("KUBECONFIG", argocd_env().kubeconfig.display().to_string()),
        ("RECON_CACHE_DIR", paths().cache().display().to_string()),
        ("RECON_AUDIT_LOG", paths().audit().display().to_string()),
        ("XDG_CONFIG_HOME", home.display().to_string()),
    ]
}

/// From the apps list: filter to `app`, open it, sync with `s` then `y`.
fn sync_from_console(t: &Tmux, app: &str, done: &str) -> String {
    t.send(&["/"]);
    t.type_text(app);
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    t.wait_for("history of", WAIT);
    t.send(&["s"]);
    // The dialog's frame is drawn first; "as admin" comes with the plan.
    t.wait_for("as admin", WAIT);
    t.send(&["y"]);
    let screen = t.wait_for(done, WAIT);
    t.send(&["Escape"]);
    t.send(&["Escape"]);
    t.send(&["Escape"]);
    screen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_lists_recon_and_argo_cd_apps_together_and_syncs_one_of_each() {
    install_recon();
    let ns = unique("tui");
    let argo_app = unique("tui-argo");
    let recon_app = unique("tui-recon");
    let repo = git_repo(&[
        ("argo/deployment.yaml", &deployment("web", 2)),
        ("mine/config.yaml", &configmap("mine", "from-git")),
    ]);
    assert!(
        kubectl_apply(
            ARGOCD_CLUSTER,
            &application_without_self_heal(&argo_app, &repo, "argo", IN_CLUSTER, &ns)
        )
        .status
        .success()
    );
    let recon_ns = format!("{ns}-r");
    assert!(
        kubectl(ARGOCD_CLUSTER, &["create", "namespace", &recon_ns])
            .status
            .success()
    );
    let app = json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": recon_app, "namespace": "recon-system"},
        "spec": {"source": {"repoURL": repo.url(), "targetRevision": "main", "path": "mine"},
                 "destination": {"namespace": recon_ns}},
    });
    assert!(kubectl_apply(ARGOCD_CLUSTER, &app).status.success());
    wait_synced_healthy(ARGOCD_CLUSTER, &argo_app, 120).await;
    let scaled = kubectl(
        ARGOCD_CLUSTER,
        &["-n", &ns, "scale", "deployment", "web", "--replicas=4"],
    );
    assert!(scaled.status.success(), "{scaled:?}");
    wait_sync_status(ARGOCD_CLUSTER, &argo_app, "OutOfSync", 90).await;

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    let screen = t.wait_until("both tools' apps", WAIT, |s| {
        s.contains(&argo_app) && s.contains(&recon_app)
    });
    let row = |s: &str, app: &str| {
        s.lines()
            .find(|l| l.contains(app))
            .unwrap_or_default()
            .to_string()
    };
    assert!(screen.contains("TOOL"), "{screen}");
    assert!(
        row(&screen, &argo_app).contains("argocd") && row(&screen, &argo_app).contains("OutOfSync"),
        "{screen}"
    );
    assert!(row(&screen, &recon_app).contains("recon"), "{screen}");

    // recon's own app: recon applies it.
    sync_from_console(&t, &recon_app, "created");
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &recon_ns, "configmap/mine", "{.data.value}"),
        "from-git"
    );

    // Argo CD's app: the drift shows replicas, and Argo CD does the sync.
    t.send(&["/"]);
    t.type_text(&argo_app);
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    let screen = t.wait_until("Argo CD drift", WAIT, |s| {
        s.contains("replicas: 4") && s.contains("replicas: 2")
    });
    assert!(screen.contains("Argo CD: OutOfSync"), "{screen}");
    // Scaled again while the app is open: that object alone is compared
    // again and the pane follows, no key pressed.
    let rescaled = kubectl(
        ARGOCD_CLUSTER,
        &["-n", &ns, "scale", "deployment", "web", "--replicas=6"],
    );
    assert!(rescaled.status.success(), "{rescaled:?}");
    t.wait_until("the new replicas in the drift", WAIT, |s| {
        s.contains("replicas: 6") && s.contains("replicas: 2")
    });
    t.send(&["Escape"]);
    t.send(&["Escape"]);
    let screen = sync_from_console(&t, &argo_app, "Succeeded");
    assert!(
        screen.contains("deployment.apps/web"),
        "Argo CD's per-resource result: {screen}"
    );
    let live = kubectl_json(
        ARGOCD_CLUSTER,
        &["-n", "argocd", "get", "application", &argo_app],
    )
    .expect("app");
    assert_eq!(
        live["status"]["operationState"]["phase"], "Succeeded",
        "{live}"
    );
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "deployment/web", "{.spec.replicas}"),
        "2"
    );
    t.wait_until("the row turns Synced", WAIT, |s| {
        s.lines()
            .any(|l| l.contains(&argo_app) && l.contains("Synced") && !l.contains("OutOfSync"))
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_and_roll_back_an_argo_cd_app_from_the_console() {
    let ns = unique("tui-rb");
    let app = unique("tui-rb");
    let mut repo = git_repo(&[("rel/config.yaml", &configmap("release", "v1"))]);
    let first = repo.head();
    repo.write("rel/config.yaml", configmap("release", "v2"));
    repo.commit("release v2");
    let spec = crate::support::argocd::application(&app, &repo, "rel", IN_CLUSTER, &ns);
    assert!(kubectl_apply(ARGOCD_CLUSTER, &spec).status.success());
    wait_synced_healthy(ARGOCD_CLUSTER, &app, 120).await;

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    t.wait_for(&app, WAIT);
    t.send(&["/"]);
    t.type_text(&app);
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    t.wait_for("history of", WAIT);

    // `p`: automated sync off, with who, why and until when.
    t.send(&["p"]);
    t.wait_for("reason", WAIT);
    t.type_text("30m");
    t.send(&["Tab"]);
    t.type_text("incident 9");
    t.send(&["Enter"]);
    t.wait_for("auto-sync off", WAIT);
    let live = kubectl_json(
        ARGOCD_CLUSTER,
        &["-n", "argocd", "get", "application", &app],
    )
    .expect("app");
    assert_eq!(
        live["spec"]["syncPolicy"]["automated"]["enabled"], false,
        "{live}"
    );
    assert_eq!(
        live["metadata"]["annotations"]["recon.dev/pause-reason"], "incident 9",
        "{live}"
    );

    // `r` on the older commit: the confirmation shows its dry-run diff; Argo CD syncs it.
    t.send(&["Tab"]);
    t.send(&["Tab"]);
    t.send(&["j"]);
    t.send(&["r"]);
    // The title comes first; the dry run's diff (Git's "v1") after it.
    let screen = t.wait_until("the rollback's dry run", WAIT, |s| {
        s.contains("roll back") && s.contains("v1") && s.contains("as admin")
    });
    assert!(screen.contains(&first[..7]), "{screen}");
    t.send(&["y"]);
    t.wait_for("Succeeded", WAIT);
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "configmap/release", "{.data.value}"),
        "v1"
    );
    let live = kubectl_json(
        ARGOCD_CLUSTER,
        &["-n", "argocd", "get", "application", &app],
    )
    .expect("app");
    let last = live["status"]["history"]
        .as_array()
        .and_then(|h| h.last().cloned())
        .unwrap_or_default();
    assert_eq!(
        last["revision"],
        first.as_str(),
        "Argo CD's history has the rollback: {live}"
    );
}
