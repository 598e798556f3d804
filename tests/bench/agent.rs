//! Agent benchmark (issue 8): prints figures, asserts only that everything
//! converged, never how fast.
//!
//! 1. Commit → applied with a 5 s poll: 20 commits at random offsets to one
//!    automated app; p50, p95, max next to the bound (poll × 1.1 + one sync).
//! 2. 200 apps reconciled from cold (--concurrency 4 and 8), next to one
//!    `kubectl apply --server-side` of the same 200 ConfigMaps.
//! 3. One app of 1,000 ConfigMaps converged from agent start, next to one
//!    `kubectl apply --server-side` of the same 1,000 files.
//! 4. The agent's peak RSS (VmHWM) at the end of each figure.
//!
//! Flux's figures are printed only where Flux publishes one, with its source.
//! Run: `cargo bench -j 1 --bench agent` (RECON_BENCH_SEED=N fixes the offsets).

#[path = "../support/mod.rs"]
mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::ConfigMap;
use kube::Api;
use kube::api::ListParams;
use recon::engine::app::Application;
use support::agent::AgentProcess;
use support::cli::{AppSource, configmap, create_app_in, recon, text};
use support::gitrepo::TestRepo;

const FLUX_RESULTS: &str = "https://github.com/fluxcd/flux-benchmark/blob/main/RESULTS.md";
const NO_FLUX_FIGURE: &str = "Flux publishes no figure for this";

/// One row of the final table: figure, recon agent, baseline, target, Flux.
type Row = [String; 5];

/// Peak resident set of each agent, sampled before it stops.
#[derive(Default)]
struct Rss(Vec<(String, u64)>);

impl Rss {
    fn sample(&mut self, label: &str, agent: &AgentProcess) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", agent.pid()))
            .unwrap_or_else(|e| panic!("agent for {label} is gone ({e}); log:\n{}", tail(agent)));
        let kb = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM in /proc/PID/status");
        self.0.push((label.to_string(), kb));
    }
}

/// A small xorshift, so the commit offsets need no extra crate.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn seed() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let fresh = now.map_or(1, |d| d.as_nanos() as u64) | 1;
    let given = std::env::var("RECON_BENCH_SEED").ok();
    given.and_then(|v| v.parse().ok()).unwrap_or(fresh)
}

fn tail(agent: &AgentProcess) -> String {
    let log = agent.log_text();
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(80)..].join("\n")
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// How often to look, and for how long at most.
struct Wait(Duration, Duration);
const ONE_OBJECT: Wait = Wait(Duration::from_millis(50), Duration::from_secs(120));
const MANY_OBJECTS: Wait = Wait(Duration::from_millis(250), Duration::from_secs(900));

/// Polls `check` until it holds; panics with the agent's log when the agent
/// died or the wait's timeout passed. Returns the time since `since`.
async fn converge<F, Fut>(
    agent: &mut AgentProcess,
    what: &str,
    since: Instant,
    Wait(every, timeout): Wait,
    mut check: F,
) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    loop {
        if check().await {
            return since.elapsed();
        }
        assert!(
            agent.running(),
            "the agent exited while waiting for {what}; log:\n{}",
            tail(agent)
        );
        assert!(
            since.elapsed() < timeout,
            "{what}: not converged after {timeout:?}; agent log:\n{}",
            tail(agent)
        );
        tokio::time::sleep(every).await;
    }
}

async fn value_of(api: &Api<ConfigMap>, name: &str) -> Option<String> {
    let cm = api.get_opt(name).await.ok().flatten()?;
    cm.data?.get("value").cloned()
}

async fn app_in(ns: &str, name: &str, repo: &TestRepo, path: &str) {
    let url = repo.url();
    let source = AppSource {
        repo_url: &url,
        path,
        dest_ns: ns,
    };
    let spec = serde_json::json!({"syncPolicy": {"automated": true}});
    create_app_in("staging", ns, name, &source, spec).await;
}

/// Applications of `ns` whose status says Synced at `head`.
async fn synced_apps(api: &Api<Application>, head: &str) -> usize {
    let Ok(apps) = api.list(&ListParams::default()).await else {
        return 0;
    };
    apps.items
        .iter()
        .filter_map(|a| a.status.as_ref())
        .filter(|s| s.sync.status == "Synced" && s.sync.revision.as_deref() == Some(head))
        .count()
}

async fn configmaps(api: &Api<ConfigMap>) -> usize {
    let Ok(list) = api.list(&ListParams::default()).await else {
        return 0;
    };
    let ours = |c: &&ConfigMap| {
        c.metadata
            .name
            .as_deref()
            .is_some_and(|n| n.starts_with("cm-"))
    };
    list.items.iter().filter(ours).count()
}

/// One `kubectl apply --server-side -f DIR` into a fresh namespace; its wall
/// time, after checking all `count` objects arrived.
async fn kubectl_apply(dir: &Path, count: usize) -> Duration {
    let ns = support::namespace("bench-kubectl", &["staging"]).await;
    let dir = dir.display().to_string();
    let start = Instant::now();
    let out = support::kubectl(
        "staging",
        &["apply", "--server-side", "-n", &ns, "-f", &dir],
    );
    let took = start.elapsed();
    assert!(out.status.success(), "kubectl apply: {out:?}");
    let api: Api<ConfigMap> = Api::namespaced(support::client("staging").await, &ns);
    assert_eq!(configmaps(&api).await, count, "kubectl applied all");
    took
}

/// `n` ConfigMaps `cm-NNNN`, number `i` in repo directory `dir_of(i)`, and
/// the same files flat in a plain directory for kubectl.
fn write_configmaps(
    repo: &mut TestRepo,
    n: usize,
    dir_of: impl Fn(usize) -> String,
) -> tempfile::TempDir {
    let plain = tempfile::tempdir().expect("tempdir");
    for i in 0..n {
        let name = format!("cm-{i:04}");
        let body = configmap(&name, &format!("v{i}"));
        repo.write(&format!("{}/{name}.yaml", dir_of(i)), &body);
        std::fs::write(plain.path().join(format!("{name}.yaml")), &body).expect("write manifest");
    }
    plain
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

/// Samples the agent's peak RSS, then stops it and checks it exited cleanly.
fn stop(mut agent: AgentProcess, rss: &mut Rss, label: &str) {
    rss.sample(label, &agent);
    let code = agent.terminate();
    assert_eq!(code, Some(0), "{label}: agent exit; log:\n{}", tail(&agent));
}

async fn bench_commit_to_applied(rows: &mut Vec<Row>, rss: &mut Rss) {
    let ns = support::namespace("bench-poll", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("poll/cm.yaml", configmap("polled", "v0"));
    repo.commit("v0");
    app_in(&ns, "poll", &repo, "poll").await;
    let api: Api<ConfigMap> = Api::namespaced(support::client("staging").await, &ns);
    let mut agent = AgentProcess::start("staging", &ns, &["--interval", "5s"]);
    let seed = seed();
    let mut state = seed;
    let mut samples = Vec::new();
    for i in 0..=20 {
        if i > 0 {
            // A random phase against the agent's poll timer.
            tokio::time::sleep(Duration::from_millis(next_random(&mut state) % 5_000)).await;
            repo.write("poll/cm.yaml", configmap("polled", &format!("v{i}")));
            repo.commit(&format!("v{i}"));
        }
        let (committed, want) = (Instant::now(), format!("v{i}"));
        let what = format!("commit {want} to be applied");
        let took = converge(&mut agent, &what, committed, ONE_OBJECT, || {
            let (api, want) = (api.clone(), want.clone());
            async move { value_of(&api, "polled").await == Some(want) }
        })
        .await;
        // v0 is the first apply from cold, not a commit under a running poll.
        if i > 0 {
            samples.push(took);
        }
    }
    stop(agent, rss, "commit→applied");

    // One sync by hand with the agent stopped: the second term of the bound.
    repo.write("poll/cm.yaml", configmap("polled", "by-cli"));
    repo.commit("by-cli");
    let start = Instant::now();
    let out = recon(&["--context", "staging", "sync", &format!("{ns}/poll")]);
    let one_sync = start.elapsed();
    assert!(out.status.success(), "recon sync: {}", text(&out));
    assert_eq!(value_of(&api, "polled").await.as_deref(), Some("by-cli"));

    samples.sort();
    let (p50, p95) = (percentile(&samples, 0.50), percentile(&samples, 0.95));
    let max = samples[samples.len() - 1];
    let bound = Duration::from_secs_f64(5.0 * 1.1) + one_sync;
    let listed: Vec<String> = samples
        .iter()
        .map(|d| format!("{:.2}", d.as_secs_f64()))
        .collect();
    println!("\ncommit → applied, 5 s poll, 20 commits at random offsets (seed {seed})");
    println!("  samples (s): {}", listed.join(" "));
    let sync = secs(one_sync);
    println!(
        "  bound: 5 s × 1.1 jitter + one `recon sync` ({sync}) = {}",
        secs(bound)
    );
    rows.push([
        "commit→applied p50/p95/max".into(),
        format!("{} / {} / {}", secs(p50), secs(p95), secs(max)),
        format!("bound {}", secs(bound)),
        format!("p95 ≤ 7 s: {}", met(p95 <= Duration::from_secs(7))),
        NO_FLUX_FIGURE.into(),
    ]);
}

/// Starts an agent on `ns` and waits until `apps` Applications are Synced at
/// `head` and `objects` ConfigMaps exist; the time from the agent's start.
async fn from_cold(
    ns: &str,
    head: &str,
    counts: (usize, usize),
    args: &[&str],
    rss: &mut Rss,
) -> Duration {
    let (apps, objects) = counts;
    let client = support::client("staging").await;
    let app_api = Api::<Application>::namespaced(client.clone(), ns);
    let cm_api = Api::<ConfigMap>::namespaced(client, ns);
    let label = format!("{apps} app(s), {objects} objects, args {args:?}");
    let start = Instant::now();
    let mut agent = AgentProcess::start("staging", ns, args);
    let took =
        converge(&mut agent, &label, start, MANY_OBJECTS, || {
            let (app_api, cm_api) = (app_api.clone(), cm_api.clone());
            async move {
                synced_apps(&app_api, head).await == apps && configmaps(&cm_api).await == objects
            }
        })
        .await;
    stop(agent, rss, &label);
    took
}

async fn bench_cold_apps(rows: &mut Vec<Row>, rss: &mut Rss, concurrency: &str, kubectl: Duration) {
    const APPS: usize = 200;
    let ns = support::namespace("bench-cold", &["staging"]).await;
    let mut repo = TestRepo::new();
    let _plain = write_configmaps(&mut repo, APPS, |i| format!("apps/app-{i:04}"));
    let head = repo.commit("200 apps");
    for i in 0..APPS {
        let name = format!("app-{i:04}");
        app_in(&ns, &name, &repo, &format!("apps/{name}")).await;
    }
    let took = from_cold(
        &ns,
        &head,
        (APPS, APPS),
        &["--concurrency", concurrency],
        rss,
    )
    .await;
    let rate = APPS as f64 / took.as_secs_f64();
    let ratio = took.as_secs_f64() / kubectl.as_secs_f64();
    // Flux v2.6.0 kustomize-controller: Kustomizations of 4 objects each.
    let flux = format!(
        "Flux v2.6.0: 100 apps in 28 s = {:.1} apps/s, 500 in 2m2s = {:.1} apps/s \
         (4 objects/app, 2 CPU, --concurrent=20) ({FLUX_RESULTS})",
        100.0 / 28.0,
        500.0 / 122.0
    );
    rows.push([
        format!("200 apps cold, concurrency {concurrency}"),
        format!("{} = {rate:.1} apps/s", secs(took)),
        format!("kubectl {} (agent ×{ratio:.2})", secs(kubectl)),
        "-".into(),
        flux,
    ]);
}

async fn bench_thousand_objects(rows: &mut Vec<Row>, rss: &mut Rss) {
    const OBJECTS: usize = 1_000;
    let ns = support::namespace("bench-big", &["staging"]).await;
    let mut repo = TestRepo::new();
    let plain = write_configmaps(&mut repo, OBJECTS, |_| "big".into());
    let head = repo.commit("1,000 objects");
    app_in(&ns, "big", &repo, "big").await;
    let took = from_cold(&ns, &head, (1, OBJECTS), &[], rss).await;
    let kubectl = kubectl_apply(plain.path(), OBJECTS).await;
    let ratio = took.as_secs_f64() / kubectl.as_secs_f64();
    rows.push([
        "1,000 objects, one app".into(),
        secs(took),
        format!("kubectl {} (agent ×{ratio:.2})", secs(kubectl)),
        format!("≤ 60 s: {}", met(took <= Duration::from_secs(60))),
        format!("{NO_FLUX_FIGURE} (its benchmark has apps of 4 objects)"),
    ]);
}

fn report_rss(rows: &mut Vec<Row>, rss: &Rss) {
    println!("\nagent peak RSS (VmHWM) per run:");
    for (label, kb) in &rss.0 {
        println!("  {label:<52} {:>6.1} MB", *kb as f64 / 1024.0);
    }
    let max = rss.0.iter().map(|(_, kb)| *kb).max().expect("samples");
    let mb = max as f64 / 1024.0;
    rows.push([
        "agent peak RSS, max of runs".into(),
        format!("{mb:.1} MB"),
        "-".into(),
        format!("≤ 100 MB: {}", met(mb <= 100.0)),
        format!("Flux v2.6.0 kustomize-controller max memory: 32 Mi at 100 apps, 122 Mi at 500 ({FLUX_RESULTS})"),
    ]);
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `cargo bench` passes --bench; nothing else to parse.
    let (mut rows, mut rss) = (Vec::new(), Rss::default());
    bench_commit_to_applied(&mut rows, &mut rss).await;

    let mut repo = TestRepo::new();
    let plain = write_configmaps(&mut repo, 200, |_| "x".into());
    let kubectl_200 = kubectl_apply(plain.path(), 200).await;
    for concurrency in ["4", "8"] {
        bench_cold_apps(&mut rows, &mut rss, concurrency, kubectl_200).await;
    }

    bench_thousand_objects(&mut rows, &mut rss).await;
    report_rss(&mut rows, &rss);

    println!("\nrecon agent benchmark (staging control plane, same run, 2 shared cores)");
    let head = [
        "figure",
        "recon agent",
        "baseline (same run)",
        "target",
        "Flux (published)",
    ];
    for [a, b, c, d, e] in std::iter::once(head.map(String::from)).chain(rows) {
        println!("{a:<30} {b:<26} {c:<30} {d:<20} {e}");
    }
}
