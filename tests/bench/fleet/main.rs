//! Fleet benchmark: 10,000 recon Applications over 4 real control planes
//! (each with its own context and identity), started by this bench and
//! stopped when it ends. Prints, each next to its baseline in the same run:
//! 1. start → the first full apps table (the header counts every app) of
//!    the real binary in tmux, next to `kubectl get applications -A` against
//!    the 4 contexts, one after another and all at once, and to the API
//!    servers' answer alone (`kubectl get --raw`, all at once, not decoded);
//! 2. the console's memory with every row live (RSS now, and its peak);
//! 3. a change to one app (its status patched through the API) → its row on
//!    screen;
//! 4. CPU while idle with the watches open on all clusters.
//!
//! Frame time and a filter keystroke at 10,000 rows are measured in-process
//! by `cargo bench --bench console_render` (exact per frame, no tmux).
//!
//! Run: `cargo bench --bench fleet` (RECON_FLEET_APPS=N apps in all,
//! RECON_BENCH_RUNS=N, RECON_IDLE_SECONDS=N). Needs ~2 GB of memory for the
//! 4 control planes; everything stops when the bench exits.

mod baselines;
#[path = "../measure.rs"]
mod measure;
#[path = "../../support/mod.rs"]
mod support;
#[path = "../../console/tmux.rs"]
#[allow(dead_code)] // the benchmark uses a part of it
mod tmux;

use std::path::Path;
use std::time::{Duration, Instant};

use baselines::{
    all_at_once, check_listed, check_raw, kubectl, kubectl_one_after_another, kubectl_raw,
};
use futures::StreamExt;
use kube::api::{Api, Patch, PatchParams, PostParams};
use measure::{cpu_ticks, idle_cpu, median, ticks_per_second};
use recon::engine::app::{Application, SYSTEM_NAMESPACE};
use recon::testbed::{StartOptions, TestEnv};
use serde_json::json;
use tmux::Tmux;

const CLUSTERS: [&str; 4] = ["fleet-a", "fleet-b", "fleet-c", "fleet-d"];
const IN_FLIGHT: usize = 16;
const KINDS: [&str; 3] = ["Deployment", "Service", "ConfigMap"];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

fn name_of(i: usize) -> String {
    format!("app-{i:05}")
}

/// An Application as the agent leaves it: synced, healthy, with history,
/// resources and a condition, so both clients read objects of a real size.
fn application(i: usize) -> (Application, serde_json::Value) {
    let name = name_of(i);
    let sha = format!("{:040x}", (i as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let app = json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": name, "namespace": SYSTEM_NAMESPACE,
                     "labels": {"team": format!("team-{}", i % 40)}},
        "spec": {
            "source": {"repoURL": format!("https://git.example.com/fleet/repo-{}.git", i % 50),
                       "targetRevision": "main", "path": format!("apps/{name}")},
            "destination": {"namespace": format!("ns-{}", i % 200)},
            "syncPolicy": {"automated": true, "selfHeal": true}
        }
    });
    let status = json!({"status": {
        "sync": {"status": "Synced", "revision": sha, "subject": format!("deploy {name} v{}", i % 97)},
        "health": {"status": "Healthy"},
        "history": (0..3).map(|h| json!({
            "revision": sha, "deployedAt": format!("2026-11-{:02}T10:00:00Z", 10 + h),
            "initiator": "system:serviceaccount:recon-system:recon-agent",
            "result": "sync: 3 configured"})).collect::<Vec<_>>(),
        "resources": KINDS.iter().map(|k| json!({
            "group": if *k == "Deployment" {"apps"} else {""}, "version": "v1", "kind": k,
            "namespace": format!("ns-{}", i % 200), "name": name, "status": "Synced",
            "health": "Healthy"})).collect::<Vec<_>>(),
        "conditions": [{"type": "Ready", "status": "True", "reason": "Reconciled",
                        "message": "in sync at the target revision"}],
        "reconciledAt": "2026-11-30T10:00:00Z"
    }});
    (
        serde_json::from_value(app).expect("a valid Application"),
        status,
    )
}

async fn create_apps(kubeconfig: &Path, context: &str, indexes: Vec<usize>) {
    let client = support::client_for(kubeconfig, context).await;
    let api: Api<Application> = Api::namespaced(client, SYSTEM_NAMESPACE);
    let total = indexes.len();
    let done = futures::stream::iter(indexes)
        .map(|i| {
            let api = api.clone();
            async move {
                let (app, status) = application(i);
                let name = name_of(i);
                api.create(&PostParams::default(), &app)
                    .await
                    .unwrap_or_else(|e| panic!("{context}: create {name}: {e}"));
                api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
                    .await
                    .unwrap_or_else(|e| panic!("{context}: status of {name}: {e}"));
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .count()
        .await;
    assert_eq!(done, total);
}

/// Long enough for 10,000 rows from 4 busy clusters.
const SCREEN_WAIT: Duration = Duration::from_secs(120);

/// Starts the console in tmux: the session, and the time until the header
/// counts `total` apps.
fn first_table(kubeconfig: &Path, total: usize) -> (Tmux, Duration) {
    let home = std::env::temp_dir().join(format!("recon-fleet-home-{}", std::process::id()));
    let env = [
        ("KUBECONFIG", kubeconfig.display().to_string()),
        ("XDG_CONFIG_HOME", home.display().to_string()),
    ];
    let start = Instant::now();
    let t = Tmux::start(160, 48, &env, &[]);
    let header = format!(" {total} apps");
    t.time_until(&header, SCREEN_WAIT, |s| {
        s.contains(&header) && s.lines().nth(3).is_some_and(|row| row.contains("app-"))
    });
    (t, start.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn proc_status_kb(pid: &str, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Narrows the table to one app with the filter, patches that app's sync
/// status and times the patch's answer → the row showing it.
async fn change_to_row(kubeconfig: &Path, t: &Tmux, i: usize) -> Duration {
    let name = name_of(i);
    let context = CLUSTERS[i % CLUSTERS.len()];
    // Escape then a key at once reads as Alt+key: let the Escape go alone.
    t.send(&["Escape"]);
    t.send_now(&["/"]);
    t.send_now(&["-l", &name]);
    t.send_now(&["Enter"]);
    // Only that app is left (the filter ranks it first; rows whose columns
    // merely scatter its letters may follow).
    let first_row = |s: &str| s.lines().nth(3).unwrap_or_default().to_string();
    t.time_until("the filtered row", SCREEN_WAIT, |s| {
        first_row(s).contains(&name)
    });
    let api: Api<Application> = Api::namespaced(
        support::client_for(kubeconfig, context).await,
        SYSTEM_NAMESPACE,
    );
    let patch = json!({"status": {"sync": {"status": "OutOfSync"}}});
    api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .expect("patch the app's status");
    t.time_until("the changed row", SCREEN_WAIT, |s| {
        s.lines()
            .any(|l| l.contains(&name) && l.contains("OutOfSync"))
    })
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let total = env_number("RECON_FLEET_APPS", 10_000);
    let runs = env_number("RECON_BENCH_RUNS", 3);
    let idle_secs = env_number("RECON_IDLE_SECONDS", 30) as u64;
    let per_cluster = total / CLUSTERS.len();
    let total = per_cluster * CLUSTERS.len();

    let started = Instant::now();
    let env = TestEnv::start(support::binaries(), StartOptions::new(CLUSTERS), &mut |l| {
        eprintln!("[fleet] {l}")
    })
    .expect("start the fleet's control planes");
    let kubeconfig = env.kubeconfig.clone();
    let install =
        support::cli::recon_cmd_with(&kubeconfig, &["install", "--context", &CLUSTERS.join(",")])
            .output()
            .expect("recon install");
    assert!(install.status.success(), "recon install failed");
    eprintln!(
        "[fleet] {} control planes up in {:?}",
        CLUSTERS.len(),
        started.elapsed()
    );

    let creating = Instant::now();
    let per_context: Vec<Vec<usize>> = (0..CLUSTERS.len())
        .map(|c| (0..total).filter(|i| i % CLUSTERS.len() == c).collect())
        .collect();
    futures::future::join_all(
        CLUSTERS
            .iter()
            .zip(per_context)
            .map(|(ctx, indexes)| create_apps(&kubeconfig, ctx, indexes)),
    )
    .await;
    eprintln!("[fleet] {total} apps created in {:?}", creating.elapsed());

    let (mut recon_times, mut sequential, mut parallel) = (Vec::new(), Vec::new(), Vec::new());
    let mut raw = Vec::new();
    // The console's own CPU until the first table (user + system ticks).
    let mut first_cpu = Vec::new();
    let mut console = None;
    for _ in 0..runs {
        // The previous run's console is gone before this run measures.
        drop(console.take());
        sequential.push(kubectl_one_after_another(&kubeconfig, per_cluster));
        parallel.push(all_at_once(&kubeconfig, per_cluster, kubectl, check_listed));
        raw.push(all_at_once(
            &kubeconfig,
            per_cluster,
            kubectl_raw,
            check_raw,
        ));
        let (t, time) = first_table(&kubeconfig, total);
        recon_times.push(time);
        let pid = t.pane_pid().expect("the console's pid").to_string();
        first_cpu.push(cpu_ticks(&pid));
        console = Some(t);
    }
    let Some(t) = console else {
        panic!("RECON_BENCH_RUNS must be at least 1");
    };
    let pid = t.pane_pid().expect("the console's pid").to_string();
    std::thread::sleep(Duration::from_secs(2));
    let (rss, peak) = (
        proc_status_kb(&pid, "VmRSS:"),
        proc_status_kb(&pid, "VmHWM:"),
    );

    let mut changes = Vec::new();
    for trial in 0..5 {
        changes.push(change_to_row(&kubeconfig, &t, (trial * 2_011 + 7) % total).await);
    }
    t.send(&["Escape"]);
    t.send_now(&["Escape"]);
    std::thread::sleep(Duration::from_secs(2));
    let (idle_ticks, cpu_pct) = idle_cpu(&pid, idle_secs);
    drop(t);
    let hz = ticks_per_second();

    let (r, seq, par) = (median(recon_times), median(sequential), median(parallel));
    let worst_change = changes.iter().max().copied().unwrap_or_default();
    println!(
        "\nrecon fleet benchmark: {total} apps over {} control planes (median of {runs} runs, same clusters, same run)",
        CLUSTERS.len()
    );
    println!(
        "first full apps table: recon {}   kubectl get applications -A on the {} contexts: one after another {} (recon/kubectl = {:.2}), all at once {} (recon/kubectl = {:.2})   (target <= 0.5)",
        ms(r),
        CLUSTERS.len(),
        ms(seq),
        r.as_secs_f64() / seq.as_secs_f64(),
        ms(par),
        r.as_secs_f64() / par.as_secs_f64()
    );
    println!(
        "console memory with {total} rows live: RSS {:.1} MB, peak {:.1} MB   (target <= 80 MB)",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    println!(
        "one app's change -> its row on screen (5 apps): median {}, worst {}   (target <= 1 s)",
        ms(median(changes)),
        ms(worst_change)
    );
    println!(
        "idle CPU over {idle_secs} s, watches open on {} clusters, {total} rows: {cpu_pct:.2}% of one core ({} ticks at {hz} Hz)   (target < 0.5%)",
        CLUSTERS.len(),
        idle_ticks
    );
    first_cpu.sort_unstable();
    println!(
        "console CPU until the first full table (user + system): median {} ms of {} ms",
        first_cpu[first_cpu.len() / 2] as f64 / hz * 1000.0,
        r.as_millis()
    );
    let raw = median(raw);
    println!(
        "the API servers' unpaged answer alone (kubectl get --raw of every Application, all {} at once, not decoded): {} (kubectl's paged, decoded, printed list: {}; recon: {})",
        CLUSTERS.len(),
        ms(raw),
        ms(par),
        ms(r)
    );
    drop(env);
}
