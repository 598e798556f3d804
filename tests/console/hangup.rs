//! The SSH connection drops during a sync: tmux's session is killed, so the
//! console gets SIGHUP with its terminal gone. The sync in flight either
//! finishes and is recorded, or (past `--exit-grace`) is recorded as
//! interrupted; no process is left either way.

use std::time::{Duration, Instant};

use crate::common::*;
use crate::support::cli::paths;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

/// Enough objects that the sync is still running when the session dies.
const OBJECTS: usize = 300;

/// A console with an app of OBJECTS ConfigMaps open, never synced, its
/// sync confirmation shown. The repository and config home live as long.
struct BigApp {
    t: Tmux,
    app: String,
    ns: String,
    pid: u32,
    _repo: TestRepo,
    _home: tempfile::TempDir,
}

/// An app of OBJECTS ConfigMaps, never synced: (app, namespace, repository).
async fn big_app(prefix: &str) -> (String, String, TestRepo) {
    let ns = namespace(prefix, &["staging"]).await;
    let mut repo = TestRepo::new();
    for i in 0..OBJECTS {
        repo.write(
            &format!("app/cm-{i:03}.yaml"),
            configmap(&format!("cm-{i:03}"), "v1"),
        );
    }
    repo.commit("many settings");
    let app = app_for("staging", prefix, &ns, &repo, "app").await;
    (app, ns, repo)
}

async fn console_on_a_big_app(prefix: &str, args: &[&str]) -> BigApp {
    let (app, ns, repo) = big_app(prefix).await;
    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), args);
    let pid = t.pane_pid().expect("the console's pid");
    open_app(&t, &app);
    t.send(&["s"]);
    t.wait_for("dry run:", WAIT);
    BigApp {
        t,
        app,
        ns,
        pid,
        _repo: repo,
        _home: home,
    }
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

/// Kills the tmux session (as a dropped SSH connection does) once the sync
/// has started, and waits for the console to be gone.
fn hang_up_during_the_sync(t: &Tmux, pid: u32, within: Duration) -> Duration {
    t.send(&["y"]);
    let confirmed = Instant::now();
    t.wait_for("created", Duration::from_secs(120));
    eprintln!("first object created {:?} after y", confirmed.elapsed());
    let status = std::process::Command::new("tmux")
        .args(["kill-session", "-t", &t.name])
        .status()
        .expect("tmux kill-session");
    assert!(status.success());
    let hung_up = Instant::now();
    while alive(pid) {
        assert!(
            hung_up.elapsed() < within,
            "the console is still running {within:?} after SIGHUP"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    hung_up.elapsed()
}

/// The journal's records of `action` on `app`.
fn journal_records(app: &str, action: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(paths().audit())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|r| {
            r["app"]
                .as_str()
                .is_some_and(|a| a.ends_with(&format!("/{app}")))
        })
        .filter(|r| r["action"] == action)
        .collect()
}

fn configmaps_in(ns: &str) -> usize {
    let out = crate::support::kubectl("staging", &["get", "configmaps", "-n", ns, "-o", "name"]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("configmap/cm-"))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sighup_during_a_sync_lets_it_finish_and_records_it() {
    // Bound by name: the repository must outlive the sync.
    let BigApp {
        t,
        app,
        ns,
        pid,
        _repo,
        _home,
    } = console_on_a_big_app("e2ehup", &[]).await;
    let gone = hang_up_during_the_sync(&t, pid, Duration::from_secs(90));
    eprintln!("the console exited {gone:?} after SIGHUP");
    assert_eq!(configmaps_in(&ns), OBJECTS, "the sync finished");
    let records = journal_records(&app, "sync");
    assert_eq!(records.len(), 1, "one record of the sync: {records:?}");
    assert_eq!(records[0]["result"], "ok", "{records:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_cut_short_by_the_exit_grace_is_recorded_as_interrupted() {
    // Bound by name: the repository must outlive the sync.
    let BigApp {
        t,
        app,
        ns,
        pid,
        _repo,
        _home,
    } = console_on_a_big_app("e2ehupcut", &["--exit-grace", "0s"]).await;
    hang_up_during_the_sync(&t, pid, Duration::from_secs(30));
    let applied = configmaps_in(&ns);
    eprintln!("{applied} of {OBJECTS} objects applied before the console exited");
    let records = journal_records(&app, "sync");
    assert_eq!(records.len(), 1, "one record of the sync: {records:?}");
    assert_eq!(records[0]["result"]["failed"], "interrupted", "{records:?}");
    assert!(
        records[0]["details"]
            .as_str()
            .is_some_and(|d| d.contains("the console exited before the sync ended")),
        "{records:?}"
    );
}

/// The same for `recon sync` itself run in the SSH session: SIGHUP no
/// longer ends it, so the sync finishes and is journaled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sighup_during_a_cli_sync_lets_it_finish_and_records_it() {
    let (app, ns, _repo) = big_app("e2ehupcli").await;
    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &["sync", &app]);
    let pid = t.pane_pid().expect("recon sync's pid");
    t.wait_for("created", WAIT);
    let status = std::process::Command::new("tmux")
        .args(["kill-session", "-t", &t.name])
        .status()
        .expect("tmux kill-session");
    assert!(status.success());
    let hung_up = Instant::now();
    while alive(pid) {
        assert!(
            hung_up.elapsed() < Duration::from_secs(90),
            "recon sync still running 90 s after SIGHUP"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("recon sync exited {:?} after SIGHUP", hung_up.elapsed());
    assert_eq!(configmaps_in(&ns), OBJECTS, "the sync finished");
    let records = journal_records(&app, "sync");
    assert_eq!(records.len(), 1, "one record of the sync: {records:?}");
    assert_eq!(records[0]["result"], "ok", "{records:?}");
}
