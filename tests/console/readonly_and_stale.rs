//! Read-only refusal, and a cluster that goes away.

use std::time::Duration;

use crate::common::*;
use crate::support::cli::text;
use crate::support::gitrepo::TestRepo;
use crate::support::{env, namespace};
use crate::tmux::Tmux;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readonly_refuses_sync_and_says_so() {
    let ns = namespace("e2ero", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("ro", "1"));
    repo.commit("ro");
    let app = app_for("staging", "ro", &ns, &repo, "app").await;
    sync_cli(&app);
    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(80, 24, &console_env(home.path()), &["--readonly"]);
    t.wait_for(&app[..10], WAIT);
    t.send(&["/"]);
    t.type_text(&app);
    t.send(&["Enter"]);
    t.send(&["s"]);
    let screen = t.wait_for("read-only", WAIT);
    assert!(screen.contains("sync disabled"), "{screen}");
    assert!(
        !screen.contains("as admin"),
        "no confirmation opened: {screen}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_that_goes_away_is_marked_unreachable_and_stale_without_hiding_the_others() {
    let lonely = recon::testbed::TestEnv::start(
        crate::support::binaries(),
        recon::testbed::StartOptions::new(["lonely"]),
        &mut |l| eprintln!("[lonely] {l}"),
    )
    .expect("start a cluster of its own");
    // One kubeconfig holding the shared clusters and the one about to go away.
    let dir = tempfile::tempdir().expect("tempdir");
    let merged = format!(
        "{}:{}",
        env().kubeconfig.display(),
        lonely.kubeconfig.display()
    );
    let install = crate::support::cli::recon_cmd(&["--context", "lonely", "install"])
        .env("KUBECONFIG", &merged)
        .output()
        .expect("install");
    assert!(install.status.success(), "{}", text(&install));
    let mut vars = console_env(dir.path());
    vars.retain(|(k, _)| *k != "KUBECONFIG");
    vars.push(("KUBECONFIG", merged));
    let t = Tmux::start(160, 48, &vars, &["--context", "staging,lonely"]);
    t.wait_until("both clusters reachable", WAIT, |s| {
        s.contains("● staging") && s.contains("● lonely")
    });
    lonely.stop().expect("stop the cluster");
    let screen = t.wait_until("lonely marked down", Duration::from_secs(60), |s| {
        s.contains("✗ lonely") && s.contains("stale")
    });
    assert!(
        screen.contains("● staging"),
        "the other cluster stays: {screen}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_accepts_and_never_answers_is_marked_unreachable_not_healthy() {
    // A hung load balancer: the TCP connection opens, nothing ever answers.
    let hung = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = hung.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("tempdir");
    let extra = dir.path().join("hung-kubeconfig");
    std::fs::write(
        &extra,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: hung\n  cluster:\n    server: https://127.0.0.1:{port}\nusers:\n- name: hung\n  user:\n    token: x\ncontexts:\n- name: hung\n  context:\n    cluster: hung\n    user: hung\n"
        ),
    )
    .expect("write kubeconfig");
    let merged = format!("{}:{}", env().kubeconfig.display(), extra.display());
    let mut vars = console_env(dir.path());
    vars.retain(|(k, _)| *k != "KUBECONFIG");
    vars.push(("KUBECONFIG", merged));
    let t = Tmux::start(
        160,
        48,
        &vars,
        &["--context", "staging,hung", "--timeout", "3s"],
    );
    // Within the 3 s timeout plus a redraw, not the client's 5-minute read timeout.
    let screen = t.wait_until(
        "the hung cluster marked down",
        Duration::from_secs(10),
        |s| s.contains("✗ hung") && s.contains("● staging"),
    );
    // The connect timeout catches a TLS handshake that never ends; a server
    // that shakes hands and never answers is caught by the first-answer timeout.
    assert!(
        screen.contains("deadline has elapsed") || screen.contains("no answer within 3s"),
        "{screen}"
    );
    drop(hung);
}
