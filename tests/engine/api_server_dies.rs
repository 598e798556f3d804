//! The API server dies in the middle of a sync: the sync reports every
//! object, and what it says was applied is what the cluster holds once the
//! API server is back. Nothing is pruned or called Missing on a failed read.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::support::cli::text;
use crate::support::own_cluster::OwnCluster;

const OBJECTS: usize = 300;
/// Requests the sync has in flight at once (its default `--concurrency`):
/// at most these may have reached the cluster while their answer was lost.
const IN_FLIGHT: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_cut_by_a_dying_api_server_reports_exactly_what_it_applied() {
    let own = OwnCluster::start("dying");
    let repo = OwnCluster::repo_of(OBJECTS, "v1");
    own.create_app("big", &repo, "big");

    let count = || {
        let out = std::process::Command::new(crate::support::binaries().kubectl())
            .env("KUBECONFIG", &own.kubeconfig)
            .args(["get", "configmaps", "-n", "big", "-o", "name"])
            .output()
            .expect("kubectl");
        out.status.success().then(|| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.strip_prefix("configmap/"))
                .filter(|n| n.starts_with("cm-"))
                .map(str::to_string)
                .collect::<BTreeSet<String>>()
        })
    };
    let child = own
        .recon_cmd(&["sync", "big", "-o", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start recon sync");
    // Stop kube-apiserver once the sync is well under way.
    let deadline = Instant::now() + Duration::from_secs(60);
    while count().map_or(0, |c| c.len()) < 20 {
        assert!(Instant::now() < deadline, "the sync never started creating");
        std::thread::sleep(Duration::from_millis(20));
    }
    let cut = Instant::now();
    own.env
        .stop_component("dying", "kube-apiserver")
        .expect("stop kube-apiserver");
    let out = child.wait_with_output().expect("recon sync ends");
    eprintln!(
        "recon sync ended {:?} after the API server died",
        cut.elapsed()
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "not clean: exit 1: {}",
        text(&out)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    let entries = report["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), OBJECTS, "every object reported: {report}");
    let named = |outcome: &str| -> BTreeSet<String> {
        entries
            .iter()
            .filter(|e| e["outcome"] == outcome)
            .filter_map(|e| e["object"]["name"].as_str().map(str::to_string))
            .collect()
    };
    let (applied, failed) = (named("created"), named("failed"));
    assert_eq!(
        applied.len() + failed.len() + named("skipped").len(),
        OBJECTS,
        "each object created, failed or skipped: {report}"
    );
    assert!(!failed.is_empty(), "the cut failed some objects: {report}");
    assert!(
        named("pruned").is_empty(),
        "nothing pruned on failed reads: {report}"
    );

    own.env
        .start_component("dying", "kube-apiserver")
        .expect("start kube-apiserver again");
    let deadline = Instant::now() + Duration::from_secs(60);
    let present = loop {
        if let Some(present) = count() {
            break present;
        }
        assert!(Instant::now() < deadline, "the API server came back");
        std::thread::sleep(Duration::from_millis(250));
    };
    let missing: Vec<&String> = applied.difference(&present).collect();
    assert!(
        missing.is_empty(),
        "reported created but not in the cluster: {missing:?}"
    );
    let unreported: Vec<&String> = present.difference(&applied).collect();
    assert!(
        unreported.iter().all(|n| failed.contains(*n)),
        "in the cluster, not reported created, and not reported failed either: {unreported:?}"
    );
    assert!(
        unreported.len() <= IN_FLIGHT,
        "only requests in flight at the cut may have landed unseen: {unreported:?}"
    );
    eprintln!(
        "{} created, {} failed, {} of the failed landed (in flight at the cut)",
        applied.len(),
        failed.len(),
        unreported.len()
    );

    // Measured again with the API server back: Missing only for what is absent.
    let out = own
        .recon_cmd(&["diff", "big", "-o", "json"])
        .output()
        .expect("diff");
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).expect("diff JSON");
    let missing_now = diff["objects"]
        .as_array()
        .map(|o| o.iter().filter(|o| o["state"] == "Missing").count())
        .unwrap_or(usize::MAX);
    assert_eq!(missing_now, OBJECTS - present.len(), "{}", text(&out));
    own.env.stop().expect("stop the cluster");
}
