//! A control plane stopped and started again under an open console: the
//! rows and the open app's panes come back by themselves, within 5 s of the
//! API server answering again.

use std::time::{Duration, Instant};

use crate::common::*;
use crate::support::own_cluster::OwnCluster;
use crate::tmux::Tmux;

/// What the issue asks for: recovered within 5 s of the API server's return.
const RECOVER_WITHIN: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_control_plane_restarted_under_an_open_console_is_recovered_within_5s() {
    // A control plane of its own: the shared ones must never go down.
    let phoenix = OwnCluster::start("phoenix");
    let repo = OwnCluster::repo_of(1, "from-git");
    phoenix.create_app("shop", &repo, "shop");
    phoenix.recon(&["sync", "shop"]);

    let mut vars = console_env(phoenix.dir.path());
    vars.retain(|(k, _)| *k != "KUBECONFIG");
    vars.push(("KUBECONFIG", phoenix.kubeconfig.display().to_string()));
    let t = Tmux::start(160, 48, &vars, &[]);
    t.wait_for("● phoenix", WAIT);
    open_app(&t, "shop");
    t.wait_for("cm-000", WAIT);

    phoenix
        .env
        .stop_component("phoenix", "kube-apiserver")
        .expect("stop kube-apiserver");
    t.wait_until("phoenix marked down", Duration::from_secs(60), |s| {
        s.contains("✗ phoenix")
    });
    phoenix
        .env
        .start_component("phoenix", "kube-apiserver")
        .expect("start kube-apiserver again");
    let back = Instant::now();

    // The open app's panes: a change made now shows in the drift pane.
    phoenix.kubectl(&[
        "-n",
        "shop",
        "patch",
        "configmap",
        "cm-000",
        "--type=merge",
        "-p",
        r#"{"data":{"value":"changed-after-restart"}}"#,
    ]);
    let second = OwnCluster::repo_of(1, "second");
    phoenix.create_app("shop-two", &second, "shop");
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
    phoenix.env.stop().expect("stop the cluster");
}
