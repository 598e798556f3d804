//! The apps table's first rows come from one streamed list per cluster
//! (`sendInitialEvents`) where the API server offers it, and from the paged
//! list where it refuses (a server older than 1.34, or WatchList off).
//! The API server's own metrics say which kind of request it served.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::support::gitrepo::TestRepo;
use crate::support::own_cluster::OwnCluster;
use crate::support::{binaries, kubectl, namespace};
use crate::tmux::Tmux;
use recon::testbed::StartOptions;

/// How many streamed lists (WatchList requests) of recon's Applications a
/// server has served, from its `/metrics` text.
fn streamed_lists_served(metrics: &str) -> u64 {
    metrics
        .lines()
        .filter(|l| l.starts_with("apiserver_watch_list_duration_seconds_count{"))
        .filter(|l| l.contains(r#"group="recon.dev""#) && l.contains(r#"resource="applications""#))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

fn staging_metrics() -> String {
    let out = kubectl("staging", &["get", "--raw", "/metrics"]);
    assert!(out.status.success(), "metrics of staging");
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_rows_come_from_one_streamed_list_where_the_server_offers_it() {
    let ns = namespace("e2estreamed", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "v1"));
    repo.commit("settings v1");
    let app = app_for("staging", "streamed", &ns, &repo, "app").await;
    let before = streamed_lists_served(&staging_metrics());

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    t.wait_for(&app, WAIT);
    // The server counts the list when its initial events are all sent.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut after = streamed_lists_served(&staging_metrics());
    while after <= before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        after = streamed_lists_served(&staging_metrics());
    }
    assert!(
        after > before,
        "staging served no streamed list of Applications ({before} before, {after} after the console showed its rows)"
    );
}

#[test]
fn a_server_that_refuses_streamed_lists_still_shows_its_apps() {
    let name = "elder";
    let elder = OwnCluster::start_with(
        name,
        StartOptions::new([name]).with_apiserver_feature_gates("WatchList=false"),
    );
    // The premise: this server rejects the streamed list outright.
    let refused = Command::new(binaries().kubectl())
        .env("KUBECONFIG", &elder.kubeconfig)
        .args([
            "get",
            "--raw",
            "/apis/recon.dev/v1alpha1/applications?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=2",
        ])
        .output()
        .expect("kubectl");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && said.contains("sendInitialEvents is forbidden"),
        "the server took a streamed list: {said}"
    );

    let repo = OwnCluster::repo_of(1, "from-git");
    elder.create_app("heirloom", &repo, "heirloom");
    let mut vars = console_env(elder.dir.path());
    vars.retain(|(k, _)| *k != "KUBECONFIG");
    vars.push(("KUBECONFIG", elder.kubeconfig.display().to_string()));
    let t = Tmux::start(160, 48, &vars, &[]);
    let screen = t.wait_for("heirloom", WAIT);
    assert!(screen.contains("● elder"), "the cluster is up:\n{screen}");
    let metrics = elder.kubectl(&["get", "--raw", "/metrics"]);
    assert_eq!(
        streamed_lists_served(&metrics),
        0,
        "no streamed list served"
    );
}
