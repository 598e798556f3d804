//! A control plane stopped and started again under an open console: the
//! rows and the open app's panes come back by themselves, within 5 s of the
//! API server answering again.

use std::time::{Duration, Instant};

use crate::common::*;
use crate::support::cli::{recon_cmd_with, text};
use crate::support::gitrepo::TestRepo;
use crate::tmux::Tmux;

/// What the issue asks for: recovered within 5 s of the API server's return.
const RECOVER_WITHIN: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_control_plane_restarted_under_an_open_console_is_recovered_within_5s() {
    // A control plane of its own: the shared ones must never go down.
    let phoenix = recon::testbed::TestEnv::start(
        crate::support::binaries(),
        recon::testbed::StartOptions::new(["phoenix"]),
        &mut |l| eprintln!("[phoenix] {l}"),
    )
    .expect("start a cluster of its own");
    let kubeconfig = phoenix.kubeconfig.clone();
    let kubectl = |args: &[&str]| {
        let out = std::process::Command::new(crate::support::binaries().kubectl())
            .env("KUBECONFIG", &kubeconfig)
            .args(args)
            .output()
            .expect("kubectl");
        assert!(out.status.success(), "kubectl {args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let recon = |args: &[&str]| {
        let out = recon_cmd_with(&kubeconfig, args).output().expect("recon");
        assert!(out.status.success(), "recon {args:?}: {}", text(&out));
    };
    recon(&["install"]);
    kubectl(&["create", "namespace", "shop"]);
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "from-git"));
    repo.commit("settings");
    let dir = tempfile::tempdir().expect("tempdir");
    let app_file = dir.path().join("app.yaml");
    let second_file = dir.path().join("second.yaml");
    let application = |name: &str| {
        format!(
            "apiVersion: recon.dev/v1alpha1\nkind: Application\nmetadata:\n  name: {name}\n  namespace: recon-system\nspec:\n  source:\n    repoURL: {}\n    targetRevision: main\n    path: app\n  destination:\n    namespace: shop\n",
            repo.url()
        )
    };
    std::fs::write(&app_file, application("shop")).expect("write the Application");
    std::fs::write(&second_file, application("shop-two")).expect("write the Application");
    kubectl(&["apply", "-f", &app_file.display().to_string()]);
    recon(&["sync", "shop"]);

    let mut vars = console_env(dir.path());
    vars.retain(|(k, _)| *k != "KUBECONFIG");
    vars.push(("KUBECONFIG", kubeconfig.display().to_string()));
    let t = Tmux::start(160, 48, &vars, &[]);
    t.wait_for("● phoenix", WAIT);
    open_app(&t, "shop");
    t.wait_for("settings", WAIT);

    phoenix
        .stop_component("phoenix", "kube-apiserver")
        .expect("stop kube-apiserver");
    t.wait_until("phoenix marked down", Duration::from_secs(60), |s| {
        s.contains("✗ phoenix")
    });
    phoenix
        .start_component("phoenix", "kube-apiserver")
        .expect("start kube-apiserver again");
    let back = Instant::now();

    // The open app's panes: a change made now shows in the drift pane.
    kubectl(&[
        "-n",
        "shop",
        "patch",
        "configmap",
        "settings",
        "--type=merge",
        "-p",
        r#"{"data":{"value":"changed-after-restart"}}"#,
    ]);
    kubectl(&["apply", "-f", &second_file.display().to_string()]);
    let screen = t.wait_until(
        "the app's drift pane shows the change",
        Duration::from_secs(30),
        |s| s.contains("● phoenix") && s.contains("changed-after-restart"),
    );
    let recovered = back.elapsed();
    eprintln!("recovered {recovered:?} after kube-apiserver answered again");
    assert!(
        recovered <= RECOVER_WITHIN,
        "recovered after {recovered:?}, more than {RECOVER_WITHIN:?}: {screen}"
    );
    // The rows too: an app created after the restart is listed.
    t.send(&["Escape"]);
    t.send(&["Escape"]);
    let screen = t.wait_until("the app created after the restart", WAIT, |s| {
        s.contains("shop-two")
    });
    let listed = back.elapsed();
    eprintln!("new app listed {listed:?} after kube-apiserver answered again");
    assert!(
        listed <= RECOVER_WITHIN,
        "listed after {listed:?}, more than {RECOVER_WITHIN:?}: {screen}"
    );
    phoenix.stop().expect("stop the cluster");
}
