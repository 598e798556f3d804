//! Real Argo CD for tests: control planes `ops` (runs Argo CD's application
//! controller and repo-server) and `dest` (a second cluster, which Argo CD
//! deploys to once `register_argocd_cluster` made it known), started once per
//! test binary that asks, apart from the `staging`/`prod` pair of `env()`.
//! Argo CD has no API server here: Applications are created and read with
//! kubectl in namespace `argocd` of `ops`, as a GitOps console sees them.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::{Api, Patch, PatchParams};
use recon::testbed::{StartOptions, TestEnv};
use serde_json::{Value, json};

use super::gitrepo::TestRepo;
use super::{binaries, client_for, eventually, log};

/// The cluster Argo CD runs in (its Applications live there).
pub const ARGOCD_CLUSTER: &str = "ops";
/// A second cluster without Argo CD, for Applications deployed from `ops`.
pub const DEST_CLUSTER: &str = "dest";
pub const ARGOCD_NAMESPACE: &str = "argocd";
/// What an Application's `spec.destination.server` says for its own cluster.
pub const IN_CLUSTER: &str = "https://kubernetes.default.svc";

static ARGO_ENV: OnceLock<TestEnv> = OnceLock::new();

/// `ops` with Argo CD and `dest` without, shared by this test binary.
pub fn argocd_env() -> &'static TestEnv {
    ARGO_ENV.get_or_init(|| {
        let opts = StartOptions::new([ARGOCD_CLUSTER, DEST_CLUSTER]).with_argocd([ARGOCD_CLUSTER]);
        match TestEnv::start(binaries(), opts, &mut |l| log(l)) {
            Ok(env) => {
                log(&format!(
                    "ready with Argo CD: {:?} kubeconfig {}",
                    env.ready_seconds,
                    env.kubeconfig.display()
                ));
                env
            }
            Err(e) => panic!("control planes with Argo CD did not start: {e}"),
        }
    })
}

/// A client for a context of the Argo CD test bed's kubeconfig.
pub async fn client(context: &str) -> Client {
    client_for(&argocd_env().kubeconfig, context).await
}

/// The test bed's kubectl against the Argo CD test bed's kubeconfig.
pub fn kubectl(context: &str, args: &[&str]) -> Output {
    kubectl_with_stdin(context, args, None)
}

/// `kubectl apply -f -` of one object (JSON is YAML).
pub fn kubectl_apply(context: &str, object: &Value) -> Output {
    kubectl_with_stdin(context, &["apply", "-f", "-"], Some(object.to_string()))
}

fn kubectl_with_stdin(context: &str, args: &[&str], stdin: Option<String>) -> Output {
    kubectl_on(&argocd_env().kubeconfig, context, args, stdin.as_deref())
}

/// The test bed's kubectl against any `kubeconfig`, optionally fed `stdin`.
pub fn kubectl_on(
    kubeconfig: &std::path::Path,
    context: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> Output {
    let mut child = Command::new(binaries().kubectl())
        .env("KUBECONFIG", kubeconfig)
        .arg("--context")
        .arg(context)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubectl");
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(input.as_bytes())
            .expect("write kubectl stdin");
    }
    child.wait_with_output().expect("wait for kubectl")
}

/// `kubectl get ... -o json`, parsed; Err with kubectl's message otherwise.
pub fn kubectl_json(context: &str, args: &[&str]) -> Result<Value, String> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", "json"]);
    let out = kubectl(context, &all);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("kubectl output is not JSON: {e}"))
}

/// The API server URL of `context` and the admin credentials for it, as
/// the test bed's kubeconfig holds them: (server, token, CA data base64).
fn context_credentials(context: &str) -> (String, String, String) {
    let path = &argocd_env().kubeconfig;
    let text = std::fs::read_to_string(path).expect("read the test bed's kubeconfig");
    let kc: Value = serde_yaml::from_str(&text).expect("kubeconfig is YAML");
    let named = |list: &str, name: &str| -> Value {
        kc[list]
            .as_array()
            .and_then(|items| items.iter().find(|i| i["name"] == name))
            .cloned()
            .unwrap_or_else(|| panic!("no {list} entry {name} in {}", path.display()))
    };
    let ctx = named("contexts", context);
    let cluster = named("clusters", ctx["context"]["cluster"].as_str().unwrap_or(""));
    let user = named("users", ctx["context"]["user"].as_str().unwrap_or(""));
    let field = |v: &Value, what: &str| {
        v.as_str()
            .unwrap_or_else(|| panic!("context {context} has no {what}"))
            .to_string()
    };
    (
        field(&cluster["cluster"]["server"], "server"),
        field(&user["user"]["token"], "token"),
        field(
            &cluster["cluster"]["certificate-authority-data"],
            "certificate-authority-data",
        ),
    )
}

/// Makes `target_ctx` a cluster Argo CD (running in `argocd_ctx`) can deploy
/// to, under `name`, with the target's admin token: Argo CD's declarative
/// cluster Secret. Returns the server URL Applications name as destination.
pub async fn register_argocd_cluster(argocd_ctx: &str, target_ctx: &str, name: &str) -> String {
    let (server, token, ca_data) = context_credentials(target_ctx);
    // caData is PEM bytes, which JSON carries as base64: the kubeconfig's
    // certificate-authority-data already is exactly that.
    let config = json!({"bearerToken": token, "tlsClientConfig": {"caData": ca_data}});
    let secret = json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {
            "name": format!("cluster-{name}"),
            "namespace": ARGOCD_NAMESPACE,
            "labels": {"argocd.argoproj.io/secret-type": "cluster"},
        },
        "type": "Opaque",
        "stringData": {"name": name, "server": server, "config": config.to_string()},
    });
    let api: Api<Secret> = Api::namespaced(client(argocd_ctx).await, ARGOCD_NAMESPACE);
    api.patch(
        &format!("cluster-{name}"),
        &PatchParams::apply("recon-test").force(),
        &Patch::Apply(&secret),
    )
    .await
    .unwrap_or_else(|e| {
        panic!("register cluster {name} ({target_ctx}) with Argo CD in {argocd_ctx}: {e}")
    });
    server
}

/// A bare Git repository with `files` committed on `main`; Argo CD's
/// repo-server reads it through its `file://` URL with the real git.
pub fn git_repo(files: &[(&str, &str)]) -> TestRepo {
    let mut repo = TestRepo::new();
    for (path, content) in files {
        repo.write(path, content);
    }
    repo.commit("manifests for Argo CD");
    repo
}

/// An Argo CD Application in project `default` deploying `path` of `repo`
/// at `main` to `namespace` on `server`, synced automatically (with prune
/// and self-heal) and creating its namespace.
pub fn application(
    name: &str,
    repo: &TestRepo,
    path: &str,
    server: &str,
    namespace: &str,
) -> Value {
    json!({
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
        "metadata": {"name": name, "namespace": ARGOCD_NAMESPACE},
        "spec": {
            "project": "default",
            "source": {"repoURL": repo.url(), "targetRevision": "main", "path": path},
            "destination": {"server": server, "namespace": namespace},
            "syncPolicy": {
                "automated": {"prune": true, "selfHeal": true},
                "syncOptions": ["CreateNamespace=true"],
            },
        },
    })
}

/// Waits until Argo CD itself reports the Application Synced and Healthy;
/// returns it as kubectl shows it.
pub async fn wait_synced_healthy(context: &str, name: &str, timeout_secs: u64) -> Value {
    let mut last = Value::Null;
    eventually(
        &format!("Argo CD Application {name} Synced/Healthy"),
        timeout_secs,
        || {
            let got = kubectl_json(
                context,
                &["-n", ARGOCD_NAMESPACE, "get", "application", name],
            );
            let ok = match &got {
                Ok(app) => {
                    app["status"]["sync"]["status"] == "Synced"
                        && app["status"]["health"]["status"] == "Healthy"
                        // Argo CD reports Synced before its operation has ended.
                        && app["status"]["operationState"]["phase"] != "Running"
                        && app.get("operation").is_none()
                }
                Err(_) => false,
            };
            let result = match got {
                Ok(app) => {
                    let summary = format!(
                        "sync {} health {} conditions {}",
                        app["status"]["sync"]["status"],
                        app["status"]["health"]["status"],
                        app["status"]["conditions"]
                    );
                    last = app;
                    if ok { Ok(true) } else { Err(summary) }
                }
                Err(e) => Err(e),
            };
            std::future::ready(result)
        },
    )
    .await;
    last
}

static APP_COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A name no other test of this binary uses, for Applications and namespaces.
pub fn unique(prefix: &str) -> String {
    let n = APP_COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    format!("{prefix}-{}-{n}", std::process::id())
}

/// `recon ARGS` against the Argo CD test bed (`ops` and `dest`).
pub fn recon(args: &[&str]) -> Output {
    super::cli::recon_cmd_with(&argocd_env().kubeconfig, args)
        .output()
        .expect("run recon")
}

/// An Application like `application`, with automated sync but no self-heal:
/// a hand edit stays until someone syncs (Argo CD marks it OutOfSync).
pub fn application_without_self_heal(
    name: &str,
    repo: &TestRepo,
    path: &str,
    server: &str,
    namespace: &str,
) -> Value {
    let mut app = application(name, repo, path, server, namespace);
    app["spec"]["syncPolicy"]["automated"] = json!({"prune": true, "selfHeal": false});
    app
}

/// Waits until Argo CD reports the Application's sync status as `wanted`.
pub async fn wait_sync_status(context: &str, name: &str, wanted: &str, timeout_secs: u64) -> Value {
    let mut last = Value::Null;
    eventually(
        &format!("Argo CD Application {name} {wanted}"),
        timeout_secs,
        || {
            let got = kubectl_json(
                context,
                &["-n", ARGOCD_NAMESPACE, "get", "application", name],
            );
            let result = match got {
                Ok(app) => {
                    let status = app["status"]["sync"]["status"].clone();
                    last = app;
                    if status == wanted {
                        Ok(true)
                    } else {
                        Err(format!("sync status {status}"))
                    }
                }
                Err(e) => Err(e),
            };
            std::future::ready(result)
        },
    )
    .await;
    last
}

/// One field of an object, by kubectl jsonpath.
pub fn jsonpath(context: &str, ns: &str, what: &str, path: &str) -> String {
    let out = kubectl(
        context,
        &["get", "-n", ns, what, "-o", &format!("jsonpath={path}")],
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Creates the Application in Argo CD's cluster with kubectl and waits until
/// Argo CD itself has synced it; returns it as kubectl shows it.
pub async fn deploy(app: &Value) -> Value {
    let name = app["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let out = kubectl_apply(ARGOCD_CLUSTER, app);
    assert!(
        out.status.success(),
        "kubectl apply Application {name}: {out:?}"
    );
    wait_synced_healthy(ARGOCD_CLUSTER, &name, 120).await
}

/// Waits until a field of an object (kubectl jsonpath) reads `wanted`.
pub async fn wait_field(context: &str, ns: &str, what: &str, path: &str, wanted: &str, secs: u64) {
    eventually(&format!("{what} {path} = {wanted}"), secs, || {
        std::future::ready(Ok(jsonpath(context, ns, what, path) == wanted))
    })
    .await;
}
