//! The fleet bench's baselines: kubectl listing every Application of the
//! 4 clusters, one after another and all at once, and the API servers'
//! answer alone (`kubectl get --raw`, not decoded).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::CLUSTERS;

pub fn kubectl(kubeconfig: &Path, context: &str) -> Command {
    let mut cmd = Command::new(crate::support::binaries().kubectl());
    cmd.env("KUBECONFIG", kubeconfig).args([
        "--context",
        context,
        "get",
        "applications.recon.dev",
        "-A",
    ]);
    cmd
}

pub fn check_listed(out: &std::process::Output, per_cluster: usize) {
    assert!(out.status.success(), "kubectl failed");
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(lines > per_cluster, "kubectl listed {lines} lines");
}

pub fn kubectl_one_after_another(kubeconfig: &Path, per_cluster: usize) -> Duration {
    let start = Instant::now();
    for ctx in CLUSTERS {
        check_listed(
            &kubectl(kubeconfig, ctx).output().expect("kubectl"),
            per_cluster,
        );
    }
    start.elapsed()
}

/// `kubectl get --raw` of every Application: the API server's answer in one
/// unpaged response, neither decoded nor printed — how much of a list's
/// time is the server's serving, not the client's decoding.
pub fn kubectl_raw(kubeconfig: &Path, context: &str) -> Command {
    let mut cmd = Command::new(crate::support::binaries().kubectl());
    cmd.env("KUBECONFIG", kubeconfig).args([
        "--context",
        context,
        "get",
        "--raw",
        "/apis/recon.dev/v1alpha1/applications",
    ]);
    cmd
}

pub fn check_raw(out: &std::process::Output, per_cluster: usize) {
    assert!(out.status.success(), "kubectl get --raw failed");
    // One per object (a list's items carry no kind).
    let objects = String::from_utf8_lossy(&out.stdout)
        .matches("\"creationTimestamp\"")
        .count();
    assert!(
        objects >= per_cluster,
        "kubectl get --raw had {objects} apps"
    );
}

/// `command` on every cluster at once; the time until all answered.
pub fn all_at_once(
    kubeconfig: &Path,
    per_cluster: usize,
    command: fn(&Path, &str) -> Command,
    check: fn(&std::process::Output, usize),
) -> Duration {
    let start = Instant::now();
    let children: Vec<_> = CLUSTERS
        .iter()
        .map(|ctx| {
            command(kubeconfig, ctx)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("kubectl")
        })
        .collect();
    for child in children {
        check(&child.wait_with_output().expect("kubectl"), per_cluster);
    }
    start.elapsed()
}
