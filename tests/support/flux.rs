//! Real Flux for tests: one control plane, `flux`, running Flux's
//! source-controller and kustomize-controller (built from their Go
//! modules), started once per test binary that asks, with the test bed's Git
//! smart-HTTP server for repositories (Flux fetches over http(s) or ssh
//! only, never file://). GitRepository and Kustomization objects are created
//! and read with kubectl; nothing here writes their status: Flux does.

use std::process::Output;
use std::sync::OnceLock;

use recon::testbed::{GitHttpServer, StartOptions, TestEnv};
use serde_json::{Value, json};

use super::argocd::kubectl_on;
use super::gitrepo::TestRepo;
use super::{binaries, eventually, log};

/// The cluster Flux runs in; its objects and what it applies live there.
pub const FLUX_CLUSTER: &str = "flux";
pub const SOURCE_API: &str = "source.toolkit.fluxcd.io/v1";
pub const KUSTOMIZE_API: &str = "kustomize.toolkit.fluxcd.io/v1";
/// The annotation `flux reconcile` sets to ask for a reconcile now.
pub const REQUESTED_AT: &str = "reconcile.fluxcd.io/requestedAt";

static FLUX_ENV: OnceLock<TestEnv> = OnceLock::new();

/// `flux` with Flux and the Git HTTP server, shared by this test binary.
pub fn flux_env() -> &'static TestEnv {
    FLUX_ENV.get_or_init(|| {
        let opts = StartOptions::new([FLUX_CLUSTER]).with_flux([FLUX_CLUSTER]);
        match TestEnv::start(binaries(), opts, &mut |l| log(l)) {
            Ok(env) => {
                log(&format!(
                    "ready with Flux: {:?} kubeconfig {}",
                    env.ready_seconds,
                    env.kubeconfig.display()
                ));
                env
            }
            Err(e) => panic!("control plane with Flux did not start: {e}"),
        }
    })
}

/// The Git smart-HTTP server that started with Flux.
pub fn git_server() -> &'static GitHttpServer {
    flux_env()
        .git
        .as_ref()
        .unwrap_or_else(|| panic!("the test bed started Flux without its Git HTTP server"))
}

/// A bare repository `name.git` in the Git server's root with `files`
/// committed on `main`, and the http:// URL Flux fetches it from.
pub fn served_repo(name: &str, files: &[(&str, &str)]) -> (TestRepo, String) {
    let git = git_server();
    let mut repo = TestRepo::at(&git.root.join(format!("{name}.git")));
    for (path, content) in files {
        repo.write(path, content);
    }
    repo.commit("manifests for Flux");
    (repo, format!("{}/{name}.git", git.url))
}

/// The test bed's kubectl against the Flux cluster.
pub fn kubectl(args: &[&str]) -> Output {
    kubectl_on(&flux_env().kubeconfig, FLUX_CLUSTER, args, None)
}

/// `kubectl apply -f -` of one object (JSON is YAML); panics on failure.
pub fn kubectl_apply(object: &Value) {
    let out = kubectl_on(
        &flux_env().kubeconfig,
        FLUX_CLUSTER,
        &["apply", "-f", "-"],
        Some(&object.to_string()),
    );
    assert!(
        out.status.success(),
        "kubectl apply {} {}: {}",
        object["kind"],
        object["metadata"]["name"],
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `kubectl get ... -o json`, parsed; Err with kubectl's message otherwise.
pub fn kubectl_json(args: &[&str]) -> Result<Value, String> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", "json"]);
    let out = kubectl(&all);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("kubectl output is not JSON: {e}"))
}

/// A GitRepository following `main` of `url`, fetched every `interval`.
pub fn git_repository(name: &str, ns: &str, url: &str, interval: &str) -> Value {
    json!({
        "apiVersion": SOURCE_API, "kind": "GitRepository",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"url": url, "ref": {"branch": "main"}, "interval": interval},
    })
}

/// A Kustomization applying `path` of GitRepository `source` (same
/// namespace) into `target_ns`, pruning, and Ready only once what it
/// applied is healthy (`wait`).
pub fn kustomization(name: &str, ns: &str, source: &str, path: &str, target_ns: &str) -> Value {
    json!({
        "apiVersion": KUSTOMIZE_API, "kind": "Kustomization",
        "metadata": {"name": name, "namespace": ns},
        "spec": {
            "sourceRef": {"kind": "GitRepository", "name": source},
            "path": path,
            "targetNamespace": target_ns,
            "prune": true,
            "wait": true,
            "timeout": "2m",
            "interval": "10s",
            "retryInterval": "5s",
        },
    })
}

/// Asks Flux to reconcile `kind/name` now, as `flux reconcile` does: the
/// requestedAt annotation with the current time. Returns the value set,
/// which Flux copies to `status.lastHandledReconcileAt` once handled.
pub fn request_reconcile(kind: &str, ns: &str, name: &str) -> String {
    let token = jiff::Timestamp::now().to_string();
    let out = kubectl(&[
        "annotate",
        "--overwrite",
        "-n",
        ns,
        kind,
        name,
        &format!("{REQUESTED_AT}={token}"),
    ]);
    assert!(
        out.status.success(),
        "kubectl annotate {kind} {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    token
}

/// The Ready condition of a Flux object, when Flux has judged its current
/// generation (an older verdict does not count).
pub fn ready_condition(obj: &Value) -> Option<&Value> {
    let current = obj["status"]["observedGeneration"] == obj["metadata"]["generation"];
    obj["status"]["conditions"]
        .as_array()?
        .iter()
        .find(|c| c["type"] == "Ready")
        .filter(|_| current)
}

/// Waits until Flux itself marks `kind/name` Ready=True and `also` holds;
/// returns the object as kubectl shows it.
pub async fn wait_ready(
    kind: &str,
    ns: &str,
    name: &str,
    also: impl Fn(&Value) -> bool,
    timeout_secs: u64,
) -> Value {
    let mut last = Value::Null;
    eventually(
        &format!("Flux {kind} {ns}/{name} Ready"),
        timeout_secs,
        || {
            let result = kubectl_json(&["-n", ns, "get", kind, name]).and_then(|obj| {
                let ready = ready_condition(&obj).is_some_and(|c| c["status"] == "True");
                let summary = format!(
                    "generation {} status {}",
                    obj["metadata"]["generation"], obj["status"]
                );
                let done = ready && also(&obj);
                last = obj;
                if done { Ok(true) } else { Err(summary) }
            });
            std::future::ready(result)
        },
    )
    .await;
    last
}
