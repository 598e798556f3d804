//! Console benchmark against real clusters, printing figures:
//! 1. time from start to the first full apps table (two clusters of 100 apps
//!    each), with the real binary in tmux, next to `kubectl get applications
//!    -A` on both contexts in the same run;
//! 2. CPU used by the console while idle for 60 s.
//!
//! Frame render time and bytes per scroll step: `cargo bench --bench console_render`.
//!
//! Run: `cargo bench --bench console` (RECON_BENCH_RUNS=N, RECON_IDLE_SECONDS=N).

mod measure;
#[path = "../support/mod.rs"]
mod support;
#[path = "../console/tmux.rs"]
#[allow(dead_code)] // the benchmark uses a part of it
mod tmux;

use std::process::Command;
use std::time::{Duration, Instant};

use kube::api::{Api, Patch, PatchParams};
use measure::{idle_cpu, median, ticks_per_second};
use recon::engine::app::{Application, SYSTEM_NAMESPACE};
use tmux::Tmux;

fn runs() -> usize {
    std::env::var("RECON_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

async fn create_apps(context: &str, n: usize) {
    support::cli::install();
    let api: Api<Application> = Api::namespaced(support::client(context).await, SYSTEM_NAMESPACE);
    for i in 0..n {
        let name = format!("bench-{i:03}");
        let app = serde_json::json!({
            "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
            "metadata": {"name": name, "namespace": SYSTEM_NAMESPACE},
            "spec": {"source": {"repoURL": "file:///nowhere", "targetRevision": "main", "path": format!("apps/{i}")}}
        });
        api.patch(
            &name,
            &PatchParams::apply("bench").force(),
            &Patch::Apply(&app),
        )
        .await
        .expect("create app");
    }
}

/// Starts the console in tmux: the session, and the time until the header
/// counts 200 apps.
fn first_table() -> (Tmux, Duration) {
    let home = std::env::temp_dir().join(format!("recon-bench-home-{}", std::process::id()));
    let env = [
        (
            "KUBECONFIG",
            support::env().kubeconfig.display().to_string(),
        ),
        ("XDG_CONFIG_HOME", home.display().to_string()),
    ];
    let start = Instant::now();
    let t = Tmux::start(160, 48, &env, &[]);
    t.time_until("the table filled", Duration::from_secs(60), |s| {
        s.contains("200 apps") && s.contains("bench-0")
    });
    (t, start.elapsed())
}

fn kubectl_both() -> Duration {
    let start = Instant::now();
    for ctx in ["staging", "prod"] {
        let out = Command::new(support::binaries().kubectl())
            .env("KUBECONFIG", &support::env().kubeconfig)
            .args(["--context", ctx, "get", "applications.recon.dev", "-A"])
            .output()
            .expect("kubectl");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).lines().count() >= 101);
    }
    start.elapsed()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    create_apps("staging", 100).await;
    create_apps("prod", 100).await;
    let mut recon_times = Vec::new();
    let mut kubectl_times = Vec::new();
    for _ in 0..runs() {
        kubectl_times.push(kubectl_both());
        recon_times.push(first_table().1);
    }
    let (r, k) = (median(recon_times), median(kubectl_times));

    let idle_secs: u64 = std::env::var("RECON_IDLE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let (t, _) = first_table();
    let pid = t.pane_pid().expect("the console's pid").to_string();
    std::thread::sleep(Duration::from_secs(2));
    let (idle_ticks, cpu_pct) = idle_cpu(&pid, idle_secs);
    drop(t);
    let hz = ticks_per_second();

    println!(
        "\nrecon console benchmark (median of {} runs, same clusters, same run)",
        runs()
    );
    println!(
        "first full apps table, 2 clusters x 100 apps: recon {:.0} ms   kubectl get applications -A (both contexts) {:.0} ms   recon/kubectl = {:.2}   (target < 0.5)",
        r.as_secs_f64() * 1e3,
        k.as_secs_f64() * 1e3,
        r.as_secs_f64() / k.as_secs_f64()
    );
    println!(
        "idle CPU over {idle_secs} s with 200 apps shown: {cpu_pct:.2}% of one core ({} ticks at {hz} Hz)   (target < 0.5%)",
        idle_ticks
    );
}
