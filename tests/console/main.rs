//! The real console binary in a real terminal (tmux), against the real
//! control planes; kubectl checks what it did.

#[path = "../support/mod.rs"]
mod support;
mod tmux;

use std::time::Duration;

use support::cli::{create_app, get_app, paths, recon, text};
use support::gitrepo::TestRepo;
use support::{env, kubectl, namespace};
use tmux::Tmux;

const WAIT: Duration = Duration::from_secs(30);

fn configmap(name: &str, value: &str) -> String {
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  value: \"{value}\"\n"
    )
}

/// Environment for a console under test: the shared clusters, and a config
/// home of its own so no user keymap/theme/config leaks in.
fn console_env(config_home: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![
        ("KUBECONFIG", env().kubeconfig.display().to_string()),
        ("RECON_CACHE_DIR", paths().cache().display().to_string()),
        ("RECON_AUDIT_LOG", paths().audit().display().to_string()),
        ("XDG_CONFIG_HOME", config_home.display().to_string()),
        (
            "PATH",
            format!(
                "{}:{}",
                support::binaries().dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        ),
    ]
}

fn sync_cli(app: &str) {
    let out = recon(&["sync", app]);
    assert!(out.status.success(), "{}", text(&out));
}

fn kget(ctx: &str, ns: &str, what: &str, path: &str) -> String {
    let out = kubectl(
        ctx,
        &["get", "-n", ns, what, "-o", &format!("jsonpath={path}")],
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Opens the console, filters down to `app` and opens it.
fn open_app(t: &Tmux, app: &str) -> String {
    t.wait_for(app, WAIT);
    t.send(&["/"]);
    t.type_text(app);
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    t.wait_for("history of", WAIT)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_clusters_filter_open_live_drift_and_sync_restores_it() {
    let ns = namespace("e2e", &["staging", "prod"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "from-git"));
    repo.commit("settings from git");
    let (s_app, p_app) = (format!("shop-{ns}"), format!("billing-{ns}"));
    create_app(
        "staging",
        &s_app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    create_app(
        "prod",
        &p_app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    sync_cli(&s_app);
    sync_cli(&p_app);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    let screen = t.wait_until("both apps", WAIT, |s| {
        s.contains(&s_app) && s.contains(&p_app)
    });
    assert!(
        screen.contains("● staging") && screen.contains("● prod"),
        "{screen}"
    );
    let row = |s: &str, app: &str| {
        s.lines()
            .find(|l| l.contains(app))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        row(&screen, &s_app).contains("staging") && row(&screen, &p_app).contains("prod"),
        "{screen}"
    );

    // The filter narrows to one app.
    t.send(&["/"]);
    t.type_text(&s_app);
    let screen = t.wait_until("filtered list", WAIT, |s| {
        s.contains(&s_app) && !s.contains(&p_app)
    });
    assert!(screen.contains("Synced"), "{screen}");
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    let screen = t.wait_for("history of app", WAIT);
    assert!(
        screen.contains("settings from git") && screen.contains("ConfigMap"),
        "{screen}"
    );

    // Drift made with kubectl shows up by itself: no key is pressed.
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/settings",
            "-p",
            r#"{"data":{"value":"hand-edited"}}"#,
        ],
    );
    assert!(patched.status.success());
    let screen = t.wait_until("live drift", WAIT, |s| {
        s.contains("OutOfSync") && s.contains("hand-edited")
    });
    assert!(
        screen.contains("from-git"),
        "the diff shows Git's value: {screen}"
    );

    // Sync from the console: the confirmation shows the conflict, force, confirm.
    t.send(&["s"]);
    let screen = t.wait_for("sync ", WAIT);
    assert!(screen.contains("as admin"), "who will act: {screen}");
    t.wait_for("press f to force", WAIT);
    t.send(&["f"]);
    t.send(&["y"]);
    t.wait_for("configured", WAIT);
    assert_eq!(
        kget("staging", &ns, "configmap/settings", "{.data.value}"),
        "from-git"
    );
    t.send(&["Escape"]);
    t.wait_until("in sync again", WAIT, |s| !s.contains("OutOfSync"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_with_a_reason_and_roll_back_from_the_history_pane() {
    let ns = namespace("e2epause", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("release", "v1"));
    let c1 = repo.commit("release v1");
    repo.write("app/cm.yaml", configmap("release", "v2"));
    repo.commit("release v2");
    let app = format!("rel-{ns}");
    create_app(
        "staging",
        &app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    sync_cli(&app);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    open_app(&t, &app);

    // Pause for 30 minutes, saying why.
    t.send(&["p"]);
    t.wait_for("reason", WAIT);
    t.type_text("30m");
    t.send(&["Tab"]);
    t.type_text("incident 77 investigating");
    t.send(&["Enter"]);
    t.wait_until("paused", WAIT, |s| s.contains("paused by admin"));
    let spec = get_app("staging", &app).await.spec;
    assert!(spec.suspend);
    assert_eq!(
        spec.suspend_reason.as_deref(),
        Some("incident 77 investigating")
    );
    assert_eq!(spec.suspended_by.as_deref(), Some("admin"));
    assert!(spec.suspend_until.is_some());

    // Roll back to the older commit, picked in the history pane.
    t.send(&["Tab"]);
    t.send(&["Tab"]);
    t.send(&["j"]);
    t.send(&["r"]);
    let screen = t.wait_for("roll back", WAIT);
    assert!(screen.contains(&c1[..7]), "{screen}");
    t.send(&["y"]);
    t.wait_for("configured", WAIT);
    assert_eq!(
        kget("staging", &ns, "configmap/release", "{.data.value}"),
        "v1"
    );
    let status = get_app("staging", &app).await.status.expect("status");
    assert_eq!(status.pinned_revision.as_deref(), Some(c1.as_str()));
    assert!(
        status.history[0].result.starts_with("rollback (pin)"),
        "{:?}",
        status.history[0]
    );
    t.send(&["Escape"]);
    let screen = t.wait_until("history marks the pin", WAIT, |s| {
        s.lines().any(|l| l.contains(&c1[..7]) && l.contains('●'))
    });
    assert!(screen.contains("pin"), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readonly_refuses_sync_and_says_so() {
    let ns = namespace("e2ero", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("ro", "1"));
    repo.commit("ro");
    let app = format!("ro-{ns}");
    create_app(
        "staging",
        &app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    sync_cli(&app);
    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(80, 24, &console_env(home.path()), &["--readonly"]);
    t.wait_for(&app[..10], WAIT);
    t.send(&["/"]);
    t.type_text(&app);
    t.send(&["Enter"]);
    t.send(&["s"]);
    let screen = t.wait_for("read-only", WAIT);
    assert!(screen.contains("sync disabled"), "{screen}");
    assert!(
        !screen.contains("as admin"),
        "no confirmation opened: {screen}"
    );
}

fn cmdline(pid: u32) -> String {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    String::from_utf8_lossy(&raw).replace('\0', " ")
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| s.split_whitespace().nth(2).is_some_and(|st| st != "Z"))
}

fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // Field 4 of /proc/PID/stat is the parent pid (after "pid (comm) state").
        let ppid = stat
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(child);
        }
    }
    out
}

#[test]
fn the_demo_opens_with_both_clusters_and_quitting_leaves_no_process() {
    let _ = env();
    let home = tempfile::tempdir().expect("tempdir");
    let vars = vec![
        ("XDG_CONFIG_HOME", home.path().display().to_string()),
        (
            "RECON_AUDIT_LOG",
            home.path().join("audit.jsonl").display().to_string(),
        ),
    ];
    let t = Tmux::start(
        160,
        48,
        &vars,
        &[
            "demo",
            "--log-file",
            &home.path().join("demo.log").display().to_string(),
        ],
    );
    let screen = t.wait_until("the demo console", Duration::from_secs(240), |s| {
        s.contains("● staging") && s.contains("● prod") && s.contains("worker")
    });
    assert!(screen.contains("6 apps"), "{screen}");
    // The demo's own supervisor: a child of the recon process in this pane
    // (other demos or test beds on the machine are not ours to count).
    let recon_pid = t.pane_pid().expect("pane pid");
    let supervisors: Vec<u32> = children_of(recon_pid)
        .into_iter()
        .filter(|p| cmdline(*p).contains("recon-testenv up"))
        .collect();
    assert_eq!(
        supervisors.len(),
        1,
        "one demo supervisor under recon {recon_pid}: {supervisors:?}"
    );
    let mut pids = supervisors.clone();
    pids.extend(children_of(supervisors[0]));
    assert!(pids.len() >= 11, "supervisor + 2 x 5 components: {pids:?}");
    t.send(&["q"]);
    t.wait_until("the demo to exit", Duration::from_secs(60), |_| t.exited());
    let left: Vec<u32> = pids.into_iter().filter(|p| alive(*p)).collect();
    assert!(
        left.is_empty(),
        "processes left after quitting the demo: {left:?}\n{}",
        t.screen()
    );
    assert!(
        t.screen().contains("nothing left running"),
        "{}",
        t.screen()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_shows_its_change_and_secret_yaml_is_masked() {
    const CANARY: &str = "console-CANARY-s3cret";
    let ns = namespace("e2eyaml", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/a-cm.yaml", configmap("cfg", "first"));
    repo.write(
        "app/b-secret.yaml",
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: {CANARY}\n"),
    );
    repo.commit("first config");
    repo.write("app/a-cm.yaml", configmap("cfg", "second"));
    repo.commit("second config");
    let app = format!("yaml-{ns}");
    create_app(
        "staging",
        &app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    sync_cli(&app);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    open_app(&t, &app);
    // The Secret's live YAML: shown, with its value masked.
    t.send(&["j"]);
    let screen = t.wait_for("Secret", WAIT);
    assert!(screen.contains("creds"), "{screen}");
    t.send(&["y"]);
    let screen = t.wait_for("<masked", WAIT);
    assert!(screen.contains("password"), "{screen}");
    assert!(
        !screen.contains(CANARY),
        "the Secret value is on screen:\n{screen}"
    );
    t.send(&["Escape"]);
    // History pane: enter on the newest commit shows what it changed under the path.
    t.send(&["Tab"]);
    t.send(&["Tab"]);
    t.send(&["Enter"]);
    let screen = t.wait_until("the commit's change", WAIT, |s| {
        s.contains("second") && s.contains("first") && s.contains("a-cm.yaml")
    });
    assert!(!screen.contains(CANARY), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_that_goes_away_is_marked_unreachable_and_stale_without_hiding_the_others() {
    let lonely = recon::testbed::TestEnv::start(
        support::binaries(),
        recon::testbed::StartOptions::new(["lonely"]),
        &mut |l| eprintln!("[lonely] {l}"),
    )
    .expect("start a cluster of its own");
    // One kubeconfig holding the shared clusters and the one about to go away.
    let dir = tempfile::tempdir().expect("tempdir");
    let merged = format!(
        "{}:{}",
        env().kubeconfig.display(),
        lonely.kubeconfig.display()
    );
    let install = support::cli::recon_cmd(&["--context", "lonely", "install"])
        .env("KUBECONFIG", &merged)
        .output()
        .expect("install");
    assert!(install.status.success(), "{}", text(&install));
    let mut vars = console_env(dir.path());
    vars.retain(|(k, _)| *k != "KUBECONFIG");
    vars.push(("KUBECONFIG", merged));
    let t = Tmux::start(160, 48, &vars, &["--context", "staging,lonely"]);
    t.wait_until("both clusters reachable", WAIT, |s| {
        s.contains("● staging") && s.contains("● lonely")
    });
    lonely.stop().expect("stop the cluster");
    let screen = t.wait_until("lonely marked down", Duration::from_secs(60), |s| {
        s.contains("✗ lonely") && s.contains("stale")
    });
    assert!(
        screen.contains("● staging"),
        "the other cluster stays: {screen}"
    );
}
