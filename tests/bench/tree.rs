//! Resource tree benchmark, printing figures (it asserts only that each
//! scene is what it claims to be):
//! 1. against a real control plane: an app of 200 Deployments (3 replicas
//!    each: 200 ReplicaSets, 600 Pods run by kwok) is opened in the real
//!    console in tmux at 160x48; time from Enter to the full tree (the pane
//!    title counts 200 objects and 800 owned), next to `kubectl get
//!    deployments,replicasets,pods` of the same namespace in the same run;
//! 2. frame time of that view at 160x48: `view::draw` into a TestBackend
//!    with 200 objects and 800 owned rows, reached through `update`.
//!
//! Run: `cargo bench --bench tree` (RECON_BENCH_RUNS=N, default 3).

mod measure;
#[path = "../support/mod.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use measure::median;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recon::tui::model_tree::{AppTree, TreeItem};
use recon::tui::state::State;
use recon::tui::{
    Action, AppDetail, AppId, AppRow, ClusterInfo, Effect, Msg, ResourceRef, ResourceRow, Status,
    Theme, Tone, update, view,
};
use support::gitrepo::TestRepo;

const DEPLOYMENTS: usize = 200;
const REPLICAS: usize = 3;
const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn runs() -> usize {
    std::env::var("RECON_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

fn deployment(i: usize) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d{i:03}\nspec:\n  replicas: {REPLICAS}\n  selector:\n    matchLabels:\n      app: d{i:03}\n  template:\n    metadata:\n      labels:\n        app: d{i:03}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n"
    )
}

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux");
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn screen(session: &str) -> String {
    tmux(&["capture-pane", "-p", "-t", session])
}

fn wait(session: &str, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let s = screen(session);
        if done(&s) {
            return start.elapsed();
        }
        assert!(start.elapsed() < timeout, "{what} never came:\n{s}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Pods created (kwok's two nodes hold only so many: the rest stay Pending,
/// which the tree shows just the same).
fn pods_created(ns: &str) -> usize {
    let out = support::kubectl("staging", &["get", "pods", "-n", ns, "-o", "name"]);
    String::from_utf8_lossy(&out.stdout).lines().count()
}

/// Opens the app in a fresh console and times Enter → the full tree.
fn open_to_tree(app: &str, run: usize) -> Duration {
    let session = format!("recon-tree-bench-{}-{run}", std::process::id());
    let home = std::env::temp_dir().join(format!("recon-tree-bench-home-{}", std::process::id()));
    tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        &WIDTH.to_string(),
        "-y",
        &HEIGHT.to_string(),
        "env",
        &format!("KUBECONFIG={}", support::env().kubeconfig.display()),
        &format!("XDG_CONFIG_HOME={}", home.display()),
        env!("CARGO_BIN_EXE_recon"),
        "--context",
        "staging",
    ]);
    wait(&session, "the app's row", Duration::from_secs(60), |s| {
        s.contains(app)
    });
    tmux(&["send-keys", "-t", &session, "/"]);
    tmux(&["send-keys", "-t", &session, "-l", app]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    let full = format!(
        "resources ({DEPLOYMENTS}, {} owned)",
        DEPLOYMENTS * (1 + REPLICAS)
    );
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let took = wait(&session, "the full tree", Duration::from_secs(120), |s| {
        s.contains(&full)
    });
    tmux(&["kill-session", "-t", &session]);
    took
}

fn kubectl_same_objects(ns: &str) -> Duration {
    let start = Instant::now();
    let out = support::kubectl(
        "staging",
        &["get", "deployments,replicasets,pods", "-n", ns],
    );
    let took = start.elapsed();
    assert!(out.status.success());
    let rows = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with("NAME"))
        .count();
    assert!(
        rows >= DEPLOYMENTS * (2 + REPLICAS),
        "kubectl listed {rows} objects"
    );
    took
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

/// The app view of an app of 200 Deployments, each with a ReplicaSet of
/// three pods, one of them Pending, reached through `update`.
fn tree_state() -> State {
    let id = AppId::new("staging", "recon-system", "big");
    let healthy = || Status::new("Healthy", Tone::Good);
    let row = AppRow {
        id: id.clone(),
        sync: Status::new("Synced", Tone::Good),
        health: Status::new("Progressing", Tone::Progress),
        revision_short: "a1b2c3d".into(),
        revision_subject: "200 deployments".into(),
        last_sync: None,
        paused: None,
        pinned: None,
        auto_sync: true,
        operation: None,
        destination: None,
    };
    let mut state = State::new(jiff::Timestamp::UNIX_EPOCH)
        .with_size(WIDTH, HEIGHT)
        .with_clusters(vec![ClusterInfo::reachable("staging")])
        .with_apps(vec![row]);
    update(
        &mut state,
        Msg::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    let effects = update(&mut state, Msg::Action(Action::Open));
    let Some(Effect::LoadDetail { request_id, .. }) = effects.first().cloned() else {
        panic!("opening the app asks for its detail: {effects:?}");
    };
    let reference = |kind: &str, name: String| ResourceRef {
        kind: kind.into(),
        namespace: "big".into(),
        name,
    };
    let resources: Vec<ResourceRow> = (0..DEPLOYMENTS)
        .map(|i| ResourceRow {
            kind: "Deployment".into(),
            namespace: "big".into(),
            name: format!("d{i:03}"),
            sync: Status::new("Synced", Tone::Good),
            health: healthy(),
            message: format!("{REPLICAS} of {REPLICAS} replicas available"),
        })
        .collect();
    let mut items = Vec::new();
    for i in 0..DEPLOYMENTS {
        let root = reference("Deployment", format!("d{i:03}"));
        let rs = format!("d{i:03}-5d8c7b9f4");
        items.push(TreeItem {
            root: root.clone(),
            depth: 1,
            reference: reference("ReplicaSet", rs.clone()),
            health: healthy(),
            reason: String::new(),
            folded: false,
        });
        for p in 0..REPLICAS {
            let pending = i == 7 && p == 0;
            items.push(TreeItem {
                root: root.clone(),
                depth: 2,
                reference: reference("Pod", format!("{rs}-x{p}k2q")),
                health: if pending {
                    Status::new("Progressing", Tone::Progress)
                } else {
                    healthy()
                },
                reason: if pending {
                    "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."
                        .into()
                } else {
                    String::new()
                },
                folded: false,
            });
        }
    }
    let detail = AppDetail {
        id,
        resources,
        app_diff: Vec::new(),
        resource_diffs: Default::default(),
        history: Vec::new(),
        branch: "main".into(),
        source_path: "apps/big".into(),
        drift_summary: "in sync".into(),
        git_stale: None,
    };
    update(&mut state, Msg::DetailLoaded { request_id, detail });
    let tree = AppTree {
        items,
        why: Some("Pod d007-5d8c7b9f4-x0k2q Pending: 0/2 nodes are available".into()),
        events: Vec::new(),
    };
    update(&mut state, Msg::TreeUpdated { request_id, tree });
    let rows = state.app_view().map_or(0, |v| v.pane_rows().len());
    assert_eq!(
        rows,
        DEPLOYMENTS * (2 + REPLICAS),
        "every object and owned object is a row"
    );
    state
}

fn frame_times(state: &State, theme: &Theme, frames: usize) -> (Duration, Duration) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");
    let mut samples: Vec<Duration> = (0..frames + 100)
        .map(|_| {
            let start = Instant::now();
            terminal
                .draw(|f| view::draw(f, state, theme))
                .expect("draw");
            start.elapsed()
        })
        .skip(100)
        .collect();
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len().max(1) as u32;
    (mean, samples[samples.len() * 99 / 100])
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let theme = Theme::default();
    let state = tree_state();
    let (mean, p99) = frame_times(&state, &theme, 2_000);
    let mut scrolled = state.clone();
    for _ in 0..400 {
        update(&mut scrolled, Msg::Action(Action::MoveDown));
    }
    let (mean_mid, p99_mid) = frame_times(&scrolled, &theme, 2_000);
    let frames = format!(
        "frame, app view with 1,000 tree rows at {WIDTH}x{HEIGHT}: top {:.0} µs mean, {:.0} µs p99; 400 rows down {:.0} µs mean, {:.0} µs p99   (target < 1 ms)",
        mean.as_secs_f64() * 1e6,
        p99.as_secs_f64() * 1e6,
        mean_mid.as_secs_f64() * 1e6,
        p99_mid.as_secs_f64() * 1e6,
    );
    println!("{frames}");

    let ns = support::namespace("treebench", &["staging"]).await;
    let mut repo = TestRepo::new();
    for i in 0..DEPLOYMENTS {
        repo.write(&format!("app/d{i:03}.yaml"), deployment(i));
    }
    repo.commit("200 deployments");
    let app = support::cli::app_for("staging", "tree", &ns, &repo, "app").await;
    let out = support::cli::recon(&["sync", &app]);
    assert!(out.status.success(), "{}", support::cli::text(&out));
    let start = Instant::now();
    while pods_created(&ns) < DEPLOYMENTS * REPLICAS {
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "600 pods were never created"
        );
        std::thread::sleep(Duration::from_secs(1));
    }
    println!(
        "600 pods created {:.0} s after the sync",
        start.elapsed().as_secs_f64()
    );
    let mut recon_times = Vec::new();
    let mut kubectl_times = Vec::new();
    for run in 0..runs() {
        kubectl_times.push(kubectl_same_objects(&ns));
        recon_times.push(open_to_tree(&app, run));
    }
    let (r, k) = (median(recon_times), median(kubectl_times));
    println!(
        "\nresource tree benchmark (median of {} runs, same cluster, same run)",
        runs()
    );
    println!(
        "open an app of 200 Deployments (200 ReplicaSets, 600 Pods) to its full tree, real terminal: recon {}   kubectl get deployments,replicasets,pods -n NS: {}   recon/kubectl = {:.2}",
        ms(r),
        ms(k),
        r.as_secs_f64() / k.as_secs_f64()
    );
    println!("{frames}");
}
