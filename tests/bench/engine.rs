//! Engine benchmark: prints figures, asserts nothing about speed.
//!
//! 1. `recon diff` on an app of 200 objects next to `kubectl diff` of the
//!    same rendered objects against the same cluster, with no drift and with
//!    20 drifted objects; both must reach the same verdict.
//! 2. `recon history` on a 10,000-commit repository (the app path touched by
//!    5% of commits) next to `git log --format=%H -- PATH`.
//!
//! Run: `cargo bench --bench engine` (RECON_BENCH_RUNS=N to change repetitions).

#[path = "../support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::cli::{create_app, recon, recon_cmd, text};
use support::gitrepo::TestRepo;

fn runs() -> usize {
    std::env::var("RECON_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

/// Median wall time of `runs()` executions, and the last exit code.
fn time_cmd(mut make: impl FnMut() -> Command) -> (Duration, Option<i32>, String) {
    let mut times = Vec::new();
    let mut code = None;
    let mut out = String::new();
    for _ in 0..runs() {
        let mut cmd = make();
        let start = Instant::now();
        let o = cmd.output().expect("run");
        times.push(start.elapsed());
        code = o.status.code();
        out = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    times.sort();
    (times[times.len() / 2], code, out)
}

fn manifests(ns: &str, app_id: &str) -> Vec<(String, String)> {
    let ann = format!("  annotations:\n    recon.dev/tracking-id: {app_id}\n");
    let mut files = Vec::new();
    for i in 0..80 {
        files.push((format!("app/cm-{i:03}.yaml"), format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:03}\n  namespace: {ns}\n{ann}data:\n  value: \"v{i}\"\n  other: \"x\"\n")));
    }
    for i in 0..40 {
        files.push((format!("app/secret-{i:03}.yaml"), format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-{i:03}\n  namespace: {ns}\n{ann}stringData:\n  token: t-{i}\n")));
        files.push((format!("app/svc-{i:03}.yaml"), format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i:03}\n  namespace: {ns}\n{ann}spec:\n  selector:\n    app: d-{i:03}\n  ports:\n    - port: 80\n      targetPort: 8080\n")));
        files.push((format!("app/deploy-{i:03}.yaml"), format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d-{i:03}\n  namespace: {ns}\n{ann}spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: d-{i:03}\n  template:\n    metadata:\n      labels:\n        app: d-{i:03}\n    spec:\n      containers:\n        - name: main\n          image: nginx:1.27\n")));
    }
    files
}

/// The object exactly as recon applies it (with its config-hash annotation),
/// so kubectl diff compares the same configuration.
fn as_recon_applies(yaml: &str) -> String {
    let mut v: serde_json::Value = serde_yaml::from_str(yaml).expect("yaml");
    if v["kind"] != "Secret" {
        let hash = recon::engine::prepare::config_hash(&v);
        v["metadata"]["annotations"][recon::engine::app::CONFIG_HASH_ANNOTATION] =
            serde_json::Value::String(hash);
    }
    serde_yaml::to_string(&v).expect("yaml")
}

async fn bench_diff(report: &mut String) {
    let ns = support::namespace("bench", &["staging"]).await;
    let app = "bench-200";
    let app_id = format!("recon-system/{app}");
    let files = manifests(&ns, &app_id);
    assert_eq!(files.len(), 200);
    let mut repo = TestRepo::new();
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in &files {
        repo.write(path, content);
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, as_recon_applies(content)).expect("write");
    }
    repo.commit("200 objects");
    create_app(
        "staging",
        app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    let out = recon(&["sync", app]);
    assert!(out.status.success(), "{}", text(&out));
    let rendered = dir.path().join("app").display().to_string();
    let kubectl_diff = || {
        let mut c = Command::new(support::binaries().kubectl());
        // Same semantics as recon: server-side apply dry run as field manager recon.
        c.env("KUBECONFIG", &support::env().kubeconfig).args([
            "--context",
            "staging",
            "diff",
            "--server-side",
            "--force-conflicts",
            "--field-manager=recon",
            "-f",
            &rendered,
        ]);
        c
    };
    let recon_diff = || recon_cmd(&["--context", "staging", "diff", app]);

    for (label, drifted) in [("no drift", 0), ("20 drifted", 20)] {
        for i in 0..drifted {
            let patch = format!(r#"{{"data":{{"value":"drifted-{i}"}}}}"#);
            let o = support::kubectl(
                "staging",
                &[
                    "patch",
                    "-n",
                    &ns,
                    &format!("configmap/cm-{i:03}"),
                    "-p",
                    &patch,
                ],
            );
            assert!(o.status.success());
        }
        let (k_time, k_code, k_out) = time_cmd(kubectl_diff);
        let (r_time, r_code, r_out) = time_cmd(recon_diff);
        let k_objects = k_out.lines().filter(|l| l.starts_with("diff -u")).count();
        let r_objects =
            r_out.matches("\n+++ desired/").count() + usize::from(r_out.starts_with("--- live"));
        assert_eq!(
            k_code, r_code,
            "verdicts differ ({label}): kubectl exit {k_code:?}, recon exit {r_code:?}\n{r_out}"
        );
        assert_eq!(
            k_objects, drifted,
            "kubectl saw {k_objects} drifted objects\n{k_out}"
        );
        assert!(
            r_out.contains(&format!("{drifted} out of sync")),
            "recon: {r_out}"
        );
        let _ = r_objects;
        writeln!(
            report,
            "diff, 200 objects, {label:>10}: recon {:>7.1} ms   kubectl diff {:>7.1} ms   recon/kubectl = {:.3} (1/{:.1})   verdict exit {}",
            r_time.as_secs_f64() * 1e3,
            k_time.as_secs_f64() * 1e3,
            r_time.as_secs_f64() / k_time.as_secs_f64(),
            k_time.as_secs_f64() / r_time.as_secs_f64(),
            r_code.unwrap_or(-1)
        )
        .expect("write");
    }
}

/// A 10,000-commit repository made with `git fast-import`; 5% of commits touch `apps/web`.
fn history_repo(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("history.git");
    let ok = Command::new("git")
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&path)
        .status()
        .expect("git init");
    assert!(ok.success());
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .env("GIT_DIR", &path)
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    let mut stream = String::new();
    for i in 0..10_000u32 {
        let (file, body) = if i % 20 == 0 {
            (
                "apps/web/deploy.yaml".to_string(),
                format!(
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  rev: \"{i}\"\n"
                ),
            )
        } else {
            (
                format!("other/team-{}/file-{}.txt", i % 37, i % 101),
                format!("change {i}\n"),
            )
        };
        let _ = write!(
            stream,
            "commit refs/heads/main\ncommitter Dev <dev@example.com> {} +0000\ndata {}\ncommit {i}\nM 100644 inline {file}\ndata {}\n{body}\n",
            1_700_000_000 + u64::from(i) * 60,
            format!("commit {i}").len(),
            body.len()
        );
    }
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stream.as_bytes())
        .expect("feed fast-import");
    assert!(child.wait().expect("wait").success());
    path
}

async fn bench_history(report: &mut String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = history_repo(dir.path());
    let url = format!("file://{}", repo.display());
    let ns = support::namespace("benchhist", &["staging"]).await;
    create_app(
        "staging",
        "bench-history",
        &url,
        "apps/web",
        &ns,
        serde_json::json!({}),
    )
    .await;
    // The first call clones; measure steady state like git log on an existing repo.
    let warm = recon(&[
        "--context",
        "staging",
        "history",
        "bench-history",
        "-n",
        "0",
        "-o",
        "json",
    ]);
    assert!(warm.status.success(), "{}", text(&warm));
    let (r_time, _, r_out) = time_cmd(|| {
        recon_cmd(&[
            "--context",
            "staging",
            "history",
            "bench-history",
            "-n",
            "0",
            "-o",
            "json",
        ])
    });
    let (g_time, _, g_out) = time_cmd(|| {
        let mut c = Command::new("git");
        c.env("GIT_DIR", &repo)
            .args(["log", "--format=%H", "main", "--", "apps/web"]);
        c
    });
    let v: serde_json::Value =
        serde_json::from_str(&r_out[..r_out.rfind('}').map_or(0, |i| i + 1)])
            .expect("history json");
    let recon_ids: Vec<&str> = v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    let git_ids: Vec<&str> = g_out.lines().collect();
    assert_eq!(recon_ids.len(), 500, "5% of 10,000 commits");
    assert_eq!(
        recon_ids, git_ids,
        "recon and git list the same commits in the same order"
    );
    writeln!(
        report,
        "history, 10,000 commits, 500 on the path: recon history {:>7.1} ms   git log {:>7.1} ms   recon/git = {:.2}",
        r_time.as_secs_f64() * 1e3,
        g_time.as_secs_f64() * 1e3,
        r_time.as_secs_f64() / g_time.as_secs_f64()
    )
    .expect("write");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `cargo bench` passes --bench; nothing else to parse.
    let mut report = String::new();
    bench_diff(&mut report).await;
    bench_history(&mut report).await;
    println!(
        "\nrecon engine benchmark (median of {} runs each, same cluster, same run)\n{report}",
        runs()
    );
}
