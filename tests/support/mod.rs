//! Shared support for integration tests: real control planes named `staging`
//! and `prod`, started once per test binary and stopped when it exits (the
//! supervisor's lifeline closes with the process). `argocd::argocd_env()`
//! starts another pair, `ops` (with a real Argo CD) and `dest`, for the
//! binaries that need Argo CD; `flux::flux_env()` one cluster, `flux`, with
//! real Flux controllers and a Git HTTP server.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use k8s_openapi::api::core::v1::Namespace;
use kube::api::{Api, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use recon::testbed::{
    HarnessBinaries, HelmBinary, StartOptions, TestEnv, ensure_built, ensure_helm_built,
};

pub const CLUSTERS: [&str; 2] = ["staging", "prod"];

static BINARIES: OnceLock<HarnessBinaries> = OnceLock::new();
static ENV: OnceLock<TestEnv> = OnceLock::new();
static HELM: OnceLock<HelmBinary> = OnceLock::new();

fn log(line: &str) {
    eprintln!("[testbed] {line}");
}

/// The built control-plane programs (built on first use in this process).
pub fn binaries() -> &'static HarnessBinaries {
    BINARIES.get_or_init(|| match ensure_built(&mut |l| log(l)) {
        Ok(b) => b,
        Err(e) => panic!("test bed build failed: {e}"),
    })
}

/// The test bed's helm (built on first use in this process); tests hand it
/// to recon as `RECON_HELM`.
pub fn helm() -> &'static HelmBinary {
    HELM.get_or_init(|| match ensure_helm_built(&mut |l| log(l)) {
        Ok(b) => b,
        Err(e) => panic!("helm build failed: {e}"),
    })
}

/// The shared `staging` and `prod` control planes of this test binary.
pub fn env() -> &'static TestEnv {
    ENV.get_or_init(|| {
        match TestEnv::start(binaries(), StartOptions::new(CLUSTERS), &mut |l| log(l)) {
            Ok(env) => {
                log(&format!(
                    "ready: {:?} kubeconfig {}",
                    env.ready_seconds,
                    env.kubeconfig.display()
                ));
                env
            }
            Err(e) => panic!("control planes did not start: {e}"),
        }
    })
}

/// A client for one context of the shared kubeconfig. Made per test because a
/// kube client lives on the runtime that created it.
pub async fn client(context: &str) -> Client {
    client_for(&env().kubeconfig, context).await
}

pub async fn client_for(kubeconfig: &Path, context: &str) -> Client {
    let kc = Kubeconfig::read_from(kubeconfig).expect("read test kubeconfig");
    let opts = KubeConfigOptions {
        context: Some(context.to_string()),
        ..Default::default()
    };
    let config = Config::from_custom_kubeconfig(kc, &opts)
        .await
        .expect("kubeconfig context");
    Client::try_from(config).expect("kube client")
}

static NS_COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh namespace for one test, created in each given context.
pub async fn namespace(prefix: &str, contexts: &[&str]) -> String {
    let n = NS_COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!("{prefix}-{}-{n}", std::process::id());
    for ctx in contexts {
        let api: Api<Namespace> = Api::all(client(ctx).await);
        let ns: Namespace = serde_json::from_value(serde_json::json!({
            "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}
        }))
        .expect("namespace object");
        api.create(&PostParams::default(), &ns)
            .await
            .expect("create test namespace");
    }
    name
}

/// Runs the real kubectl (built with the control planes, same version) against
/// the shared kubeconfig.
pub fn kubectl(context: &str, args: &[&str]) -> Output {
    Command::new(binaries().kubectl())
        .env("KUBECONFIG", &env().kubeconfig)
        .arg("--context")
        .arg(context)
        .args(args)
        .output()
        .expect("run kubectl")
}

/// Polls an async condition until it holds or the timeout passes.
pub async fn eventually<F, Fut>(what: &str, timeout_secs: u64, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool, String>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(timeout_secs);
    let mut last = String::new();
    loop {
        match check().await {
            Ok(true) => return,
            Ok(false) => {}
            Err(e) => last = e,
        }
        if std::time::Instant::now() > deadline {
            panic!("timed out after {timeout_secs}s waiting for {what} (last error: {last})");
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

/// Whether process `pid` still runs.
pub fn alive(pid: u32) -> bool {
    // A reaped process has no /proc entry; a zombie would still show "Z".
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.split_whitespace().nth(2).is_none_or(|s| s != "Z"),
        Err(_) => false,
    }
}

/// Waits up to 10 s for every process to end; returns those still running.
pub async fn wait_all_gone(pids: &[u32]) -> Vec<u32> {
    for _ in 0..100 {
        if pids.iter().all(|p| !alive(*p)) {
            return vec![];
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    pids.iter().copied().filter(|p| alive(*p)).collect()
}

/// Standard base64 (with padding), written here so the leak checks do not
/// trust the codec they check.
pub fn b64(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub mod agent;
pub mod argocd;
pub mod cli;
pub mod flux;
pub mod gitrepo;
pub mod own_cluster;
pub mod podlogs;
pub mod ports;
