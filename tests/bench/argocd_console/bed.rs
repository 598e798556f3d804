//! The test bed of this benchmark: control planes `ops` and `ops2`, each
//! running a real Argo CD (application controller, repo-server, redis) that
//! syncs 100 Applications of its own, each one ConfigMap from a `file://`
//! repository into its own namespace.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use recon::testbed::{StartOptions, TestEnv};
use serde_json::{Value, json};

use crate::support;
use crate::support::argocd::{ARGOCD_NAMESPACE, IN_CLUSTER, application, git_repo};
use crate::support::gitrepo::TestRepo;

pub const CLUSTERS: [&str; 2] = ["ops", "ops2"];
pub const APPS_PER_CLUSTER: usize = 100;

/// Both control planes, both with Argo CD.
pub fn start() -> TestEnv {
    let opts = StartOptions::new(CLUSTERS).with_argocd(CLUSTERS);
    TestEnv::start(support::binaries(), opts, &mut |l| {
        eprintln!("[testbed] {l}")
    })
    .unwrap_or_else(|e| panic!("control planes with Argo CD did not start: {e}"))
}

/// The test bed's kubectl against `kubeconfig`, optionally fed `stdin`.
pub fn kubectl(kubeconfig: &Path, context: &str, args: &[&str], stdin: Option<&str>) -> Output {
    support::argocd::kubectl_on(kubeconfig, context, args, stdin)
}

pub fn app_name(i: usize) -> String {
    format!("bench-{i:03}")
}

/// One repository, one path per app, each path one small ConfigMap.
pub fn repo() -> TestRepo {
    let files: Vec<(String, String)> = (0..APPS_PER_CLUSTER)
        .map(|i| {
            let cm = format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\ndata:\n  app: \"{}\"\n",
                app_name(i)
            );
            (format!("apps/{i:03}/config.yaml"), cm)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    git_repo(&refs)
}

/// Creates the 100 Applications of `context` with one `kubectl apply`.
pub fn create_apps(kubeconfig: &Path, context: &str, repo: &TestRepo) {
    let items: Vec<Value> = (0..APPS_PER_CLUSTER)
        .map(|i| {
            let path = format!("apps/{i:03}");
            application(&app_name(i), repo, &path, IN_CLUSTER, &app_name(i))
        })
        .collect();
    let list = json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string();
    let out = kubectl(kubeconfig, context, &["apply", "-f", "-"], Some(&list));
    assert!(
        out.status.success(),
        "create Applications on {context}: {out:?}"
    );
}

/// (Synced with its operation ended, Healthy, total) as kubectl shows them.
fn counts(kubeconfig: &Path, context: &str) -> (usize, usize, usize) {
    let out = kubectl(
        kubeconfig,
        context,
        &[
            "-n",
            ARGOCD_NAMESPACE,
            "get",
            "applications.argoproj.io",
            "-o",
            "json",
        ],
        None,
    );
    let list: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let items = list["items"].as_array().cloned().unwrap_or_default();
    let synced = items
        .iter()
        .filter(|a| {
            a["status"]["sync"]["status"] == "Synced"
                && a["status"]["operationState"]["phase"] != "Running"
                && a.get("operation").is_none()
        })
        .count();
    let healthy = items
        .iter()
        .filter(|a| a["status"]["health"]["status"] == "Healthy")
        .count();
    (synced, healthy, items.len())
}

/// Waits until Argo CD itself has synced every app on both clusters.
pub fn wait_all_synced(kubeconfig: &Path, timeout: Duration) -> Duration {
    let start = Instant::now();
    let mut last_report = Instant::now();
    loop {
        let per: Vec<(usize, usize, usize)> =
            CLUSTERS.iter().map(|c| counts(kubeconfig, c)).collect();
        if per.iter().all(|&(s, _, _)| s == APPS_PER_CLUSTER) {
            eprintln!("[bench] Argo CD synced all apps: {per:?} (synced, healthy, total)");
            return start.elapsed();
        }
        if last_report.elapsed() > Duration::from_secs(15) {
            eprintln!(
                "[bench] {:.0} s: (synced, healthy, total) per cluster {per:?}",
                start.elapsed().as_secs_f64()
            );
            last_report = Instant::now();
        }
        assert!(
            start.elapsed() < timeout,
            "Argo CD did not sync all apps within {timeout:?}: {per:?}"
        );
        std::thread::sleep(Duration::from_secs(2));
    }
}

/// Resident set size of a process, KiB, from /proc.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One line per cluster: RSS of each of Argo CD's processes and their sum.
pub fn rss_report(env: &TestEnv) -> Vec<String> {
    env.clusters
        .iter()
        .filter_map(|c| {
            let argo = c.argocd.as_ref()?;
            let mut total = 0;
            let parts: Vec<String> = argo
                .pids
                .iter()
                .map(|(name, pid)| {
                    let kib = rss_kib(*pid).unwrap_or(0);
                    total += kib;
                    format!("{name} {:.0} MiB", kib as f64 / 1024.0)
                })
                .collect();
            Some(format!(
                "  {}: {}   total {:.0} MiB",
                c.name,
                parts.join(", "),
                total as f64 / 1024.0
            ))
        })
        .collect()
}
