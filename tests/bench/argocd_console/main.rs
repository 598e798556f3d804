//! Console benchmark over a real Argo CD, printing figures: two control
//! planes (`ops`, `ops2`) each running Argo CD's application controller,
//! repo-server and redis with 100 automated Applications that Argo CD itself
//! has synced; then, in the same run:
//! 1. time from start to the first full apps table (200 Argo CD apps) with
//!    the real binary in tmux, next to `kubectl get applications.argoproj.io
//!    -A` on both contexts one after the other (as a user would);
//! 2. the requests the console made to the API servers, from its kube
//!    client's debug log (one list + one watch per cluster and tool, none per app);
//! 3. RSS of Argo CD's processes per cluster while the 200 apps exist.
//!
//! Run: `cargo bench --bench argocd_console` (RECON_BENCH_RUNS=N, default 5).

#[path = "../../support/mod.rs"]
mod support;

mod bed;
mod console;

use std::path::Path;
use std::time::{Duration, Instant};

use bed::{APPS_PER_CLUSTER, CLUSTERS};

fn runs() -> usize {
    std::env::var("RECON_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1)
}

fn kubectl_both(kubeconfig: &Path) -> Duration {
    let start = Instant::now();
    for ctx in CLUSTERS {
        let out = bed::kubectl(
            kubeconfig,
            ctx,
            &["get", "applications.argoproj.io", "-A"],
            None,
        );
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).lines().count() > APPS_PER_CLUSTER);
    }
    start.elapsed()
}

/// (median, min, max) in ms.
fn stats(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(v[v.len() / 2]), ms(v[0]), ms(v[v.len() - 1]))
}

fn main() {
    let begin = Instant::now();
    let env = bed::start();
    let up = begin.elapsed();
    let kubeconfig = env.kubeconfig.clone();
    let repo = bed::repo();
    for ctx in CLUSTERS {
        bed::create_apps(&kubeconfig, ctx, &repo);
    }
    let synced = bed::wait_all_synced(&kubeconfig, Duration::from_secs(1800));
    let total_apps = APPS_PER_CLUSTER * CLUSTERS.len();
    let home = tempfile::tempdir().expect("tempdir");

    let mut recon_times = Vec::new();
    let mut kubectl_times = Vec::new();
    for i in 0..runs() {
        kubectl_times.push(kubectl_both(&kubeconfig));
        let session = format!("recon-argobench-{}-{i}", std::process::id());
        let (_console, took) =
            console::first_table(&kubeconfig, home.path(), &session, "info", total_apps, 40);
        recon_times.push(took);
    }

    // One more console, not timed, with the kube client's requests logged,
    // left open 10 s after its table is full.
    let session = format!("recon-argobench-{}-log", std::process::id());
    let filter = "info,kube_client=debug,recon::cluster::multiplexed=debug";
    let (console, _) =
        console::first_table(&kubeconfig, home.path(), &session, filter, total_apps, 40);
    std::thread::sleep(Duration::from_secs(10));
    let rss = bed::rss_report(&env);
    drop(console);
    let requests = console::requests(&console::log_path(home.path(), &session));

    let (rm, rmin, rmax) = stats(recon_times);
    let (km, kmin, kmax) = stats(kubectl_times);
    println!(
        "\nrecon console over a real Argo CD (2 control planes, each with Argo CD's controller, repo-server and redis; {} runs, same clusters, same run)",
        runs()
    );
    println!(
        "setup: control planes + Argo CD up in {:.0} s; Argo CD synced all {total_apps} apps in {:.0} s",
        up.as_secs_f64(),
        synced.as_secs_f64()
    );
    println!(
        "first full apps table, 2 clusters x {APPS_PER_CLUSTER} Argo CD apps (\"{total_apps} apps\" and the rows drawn, 160x48):"
    );
    println!(
        "  recon console                                        median {rm:.0} ms  min {rmin:.0}  max {rmax:.0}"
    );
    println!(
        "  kubectl get applications.argoproj.io -A, ops then ops2 median {km:.0} ms  min {kmin:.0}  max {kmax:.0}"
    );
    println!(
        "  recon/kubectl (medians) = {:.2}   (target <= 0.5)",
        rm / km
    );
    println!(
        "requests the console made in its first ~10 s after the table was full (the client's debug log, {} in all):",
        requests.total
    );
    for ((server, group), (lists, watches, per_app)) in &requests.apps {
        let cluster = env
            .clusters
            .iter()
            .find(|c| c.server.trim_end_matches('/') == server)
            .map_or(server.as_str(), |c| c.name.as_str());
        println!(
            "  {cluster} applications.{group}: {lists} list, {watches} watch, {per_app} per app"
        );
    }
    for (code, n) in &requests.failed {
        println!("  of them answered with error status {code}: {n}");
    }
    for (what, n) in &requests.other {
        println!("  {what}: {n}");
    }
    println!(
        "RSS of Argo CD's processes with the {total_apps} apps (from /proc/PID/status VmRSS):"
    );
    for line in &rss {
        println!("{line}");
    }
    println!("bench end to end: {:.0} s", begin.elapsed().as_secs_f64());

    let per_app: usize = requests.apps.values().map(|v| v.2).sum();
    assert!(
        requests.total > 0,
        "no requests logged: is the client's debug log (recon::cluster::multiplexed) on?"
    );
    assert_eq!(
        per_app, 0,
        "the console made requests per app: {requests:?}"
    );
}
