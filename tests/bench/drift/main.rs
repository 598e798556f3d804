//! Incremental drift benchmark, printing figures: an app of 200 ConfigMaps
//! open in the real console (tmux, shared test bed), one of its objects
//! edited in the cluster; the time from the edit's answer to the drift pane
//! showing the new value. Only that object is diffed again (one dry run).
//!
//! Baselines in the same run, on the same 200 objects: `recon diff` of the
//! whole app (what the console did on every change before, after a 300 ms
//! debounce) and `kubectl diff --server-side`.
//!
//! The agent's self-heal takes the same path: an automated, self-healing
//! app of 200 ConfigMaps, one edited by hand; the time from the edit's
//! answer to Git's value back, next to `recon sync` of the whole app after
//! the same edit (what a whole reconcile does) in the same run.
//!
//! Run: `cargo bench --bench drift` (RECON_BENCH_RUNS=N, RECON_DRIFT_OBJECTS=N).

mod agent_heal;
#[path = "../measure.rs"]
mod measure;
#[path = "../../support/mod.rs"]
mod support;
#[path = "../../console/tmux.rs"]
#[allow(dead_code)] // the benchmark uses a part of it
mod tmux;

use std::process::Command;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};
use measure::median;
use serde_json::json;
use support::cli::{configmap, create_app, paths, recon, text};
use support::gitrepo::TestRepo;
use tmux::Tmux;

const WAIT: Duration = Duration::from_secs(60);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn timed(mut run: impl FnMut(), times: usize) -> Duration {
    median(
        (0..times)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .collect(),
    )
}

fn object_name(i: usize) -> String {
    format!("cm-{i:03}")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let runs = env_number("RECON_BENCH_RUNS", 10);
    let objects = env_number("RECON_DRIFT_OBJECTS", 200);
    let ns = support::namespace("drift", &["staging"]).await;
    let mut repo = TestRepo::new();
    let manifests = tempfile::tempdir().expect("tempdir");
    for i in 0..objects {
        let doc = configmap(&object_name(i), "from-git");
        repo.write(&format!("app/{}.yaml", object_name(i)), doc.clone());
        let namespaced = doc.replace("metadata:\n", &format!("metadata:\n  namespace: {ns}\n"));
        std::fs::write(manifests.path().join(format!("{i}.yaml")), namespaced).expect("write");
    }
    repo.commit("200 settings");
    let app = format!("drift-{ns}");
    create_app("staging", &app, &repo.url(), "app", &ns, json!({})).await;
    let synced = recon(&["sync", &app]);
    assert!(synced.status.success(), "{}", text(&synced));

    let home = tempfile::tempdir().expect("tempdir");
    let console_env = vec![
        (
            "KUBECONFIG",
            support::env().kubeconfig.display().to_string(),
        ),
        ("RECON_CACHE_DIR", paths().cache().display().to_string()),
        ("RECON_AUDIT_LOG", paths().audit().display().to_string()),
        ("XDG_CONFIG_HOME", home.path().display().to_string()),
    ];
    let t = Tmux::start(160, 48, &console_env, &[]);
    t.wait_for(&app, WAIT);
    t.send(&["/"]);
    t.type_text(&app);
    t.send(&["Enter"]);
    // Opened: the commits (Git) come ahead of the drift (200 dry runs).
    let opened = Instant::now();
    t.send_now(&["Enter"]);
    let history_shown = opened.elapsed()
        + t.time_until("the history pane's commits", WAIT, |s| {
            s.contains("history of") && s.contains("200 settings")
        });
    let drift_shown =
        opened.elapsed() + t.time_until("the app's objects", WAIT, |s| s.contains(&object_name(0)));

    // The first object (selected, its diff in the drift pane) is edited.
    let edited = object_name(0);
    let api: Api<ConfigMap> = Api::namespaced(support::client("staging").await, &ns);
    let mut to_pane = Vec::new();
    for run in 0..runs {
        let value = format!("hand-edit-{run}");
        let start = Instant::now();
        api.patch(
            &edited,
            &PatchParams::default(),
            &Patch::Merge(json!({"data": {"value": value}})),
        )
        .await
        .expect("edit the object");
        let answered = start.elapsed();
        let shown = t.time_until("the edited value in the drift pane", WAIT, |s| {
            s.contains(&value) && s.contains("OutOfSync")
        });
        to_pane.push(answered + shown);
        std::thread::sleep(Duration::from_millis(300));
    }
    let worst = to_pane.iter().max().copied().unwrap_or_default();
    let samples: Vec<String> = to_pane.iter().map(|d| format!("{:.0}", ms(*d))).collect();
    let incremental = median(to_pane);

    let whole_app = timed(
        || {
            let out = recon(&["diff", &app, "-o", "json"]);
            // 1: differences found (the edited object).
            assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        },
        5,
    );
    let kubectl_diff = timed(
        || {
            let out = Command::new(support::binaries().kubectl())
                .env("KUBECONFIG", &support::env().kubeconfig)
                .args([
                    "--context",
                    "staging",
                    "diff",
                    "--server-side",
                    "--force-conflicts",
                    "-f",
                ])
                .arg(manifests.path())
                .output()
                .expect("kubectl diff");
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        },
        5,
    );
    drop(t);
    let heal = agent_heal::measure(&repo, objects, runs).await;

    println!(
        "\nrecon incremental drift benchmark ({objects} objects in one app, median of {runs} edits, same run)"
    );
    println!(
        "app opened -> history pane's commits {:.0} ms, resources and drift {:.0} ms (the commits do not wait for the drift)",
        ms(history_shown),
        ms(drift_shown)
    );
    println!(
        "one object edited -> drift pane shows it: {:.0} ms median, {:.0} ms worst   (target <= 50 ms)   samples in order (ms): {}",
        ms(incremental),
        ms(worst),
        samples.join(" ")
    );
    println!(
        "whole app again: recon diff {:.0} ms (the console's old path: 300 ms debounce + this = {:.0} ms)   kubectl diff --server-side {:.0} ms",
        ms(whole_app),
        300.0 + ms(whole_app),
        ms(kubectl_diff)
    );
    println!(
        "incremental / recon diff = {:.2}   incremental / kubectl diff = {:.2}",
        ms(incremental) / ms(whole_app),
        ms(incremental) / ms(kubectl_diff)
    );
    println!(
        "agent self-heal, one object edited by hand: healed {:.0} ms median, {:.0} ms worst (incl. the controller's 50 ms debounce)   recon sync of the whole app {:.0} ms   ratio {:.2}",
        ms(heal.healed),
        ms(heal.worst),
        ms(heal.whole_sync),
        ms(heal.healed) / ms(heal.whole_sync)
    );
}
