//! The RBAC of `recon install --agent`, for real: the agent runs with a token
//! of its ServiceAccount (TokenRequest) and syncs an automated app, writes
//! its status and records an Event; with a role that lacks ConfigMaps, the
//! failure names the forbidden resource and the process ends normally.
//!
//! On a control plane of its own: `agent --once` reconciles every
//! Application of its cluster, so on the shared `staging` it would sync (or,
//! with the narrowed role, fail) other tests' apps as another identity.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use recon::testbed::{StartOptions, TestEnv};
use serde_json::{Value, json};

use crate::support::binaries;
use crate::support::cli::configmap;
use crate::support::gitrepo::TestRepo;

const CTX: &str = "rbac";
const AGENT_SA: &str = "system:serviceaccount:recon-system:recon-agent";

static RBAC_ENV: OnceLock<TestEnv> = OnceLock::new();

fn rbac_env() -> &'static TestEnv {
    RBAC_ENV.get_or_init(|| {
        match TestEnv::start(binaries(), StartOptions::new([CTX]), &mut |l| {
            eprintln!("[testbed rbac] {l}")
        }) {
            Ok(env) => env,
            Err(e) => panic!("the rbac control plane did not start: {e}"),
        }
    })
}

/// kubectl as admin on the rbac cluster, with `stdin` when given.
fn kubectl(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(binaries().kubectl());
    cmd.env("KUBECONFIG", &rbac_env().kubeconfig)
        .arg("--context")
        .arg(CTX)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("run kubectl");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).expect("kubectl stdin");
    }
    child.wait_with_output().expect("kubectl output")
}

fn kubectl_ok(args: &[&str], stdin: Option<&str>) -> String {
    let out = kubectl(args, stdin);
    assert!(
        out.status.success(),
        "kubectl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn kubectl_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["-o", "json"]);
    serde_json::from_str(&kubectl_ok(&all, None)).expect("kubectl json")
}

fn apply(object: &Value) {
    kubectl_ok(&["apply", "-f", "-"], Some(&object.to_string()));
}

/// Where one recon run keeps its Git cache, audit journal and log.
struct RunDir {
    dir: tempfile::TempDir,
}

impl RunDir {
    fn new() -> Self {
        RunDir {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }
    fn log(&self) -> PathBuf {
        self.dir.path().join("recon.log")
    }

    /// `recon ARGS` with `kubeconfig`.
    fn recon(&self, kubeconfig: &Path, args: &[&str]) -> Output {
        let path = format!(
            "{}:{}",
            binaries().dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new(env!("CARGO_BIN_EXE_recon"))
            .env("KUBECONFIG", kubeconfig)
            .env("RECON_CACHE_DIR", self.dir.path().join("cache"))
            .env("RECON_AUDIT_LOG", self.dir.path().join("audit.jsonl"))
            .env("RECON_LOG", "info")
            .env("PATH", path)
            .arg("--log-file")
            .arg(self.log())
            .args(args)
            .output()
            .expect("run recon")
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A kubeconfig for the rbac cluster (its server and CA) that acts with
/// `token`.
fn token_kubeconfig(dir: &Path, token: &str) -> PathBuf {
    let admin = kube::config::Kubeconfig::read_from(&rbac_env().kubeconfig).expect("kubeconfig");
    let cluster_name = admin
        .contexts
        .iter()
        .find(|c| c.name == CTX)
        .and_then(|c| c.context.as_ref())
        .map(|c| c.cluster.clone())
        .expect("rbac context");
    let cluster = admin
        .clusters
        .iter()
        .find(|c| c.name == cluster_name)
        .and_then(|c| c.cluster.as_ref())
        .expect("rbac cluster");
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: {CTX}\n  cluster:\n    server: {}\n    certificate-authority-data: {}\nusers:\n- name: agent\n  user:\n    token: {token}\ncontexts:\n- name: {CTX}\n  context:\n    cluster: {CTX}\n    user: agent\ncurrent-context: {CTX}\n",
        cluster.server.as_deref().expect("server"),
        cluster
            .certificate_authority_data
            .as_deref()
            .expect("CA data"),
    );
    let path = dir.join("agent.kubeconfig");
    std::fs::write(&path, text).expect("write kubeconfig");
    path
}

/// A token of ServiceAccount `sa` in recon-system, from the TokenRequest API.
fn mint_token(sa: &str) -> String {
    let token = kubectl_ok(
        &[
            "create",
            "token",
            sa,
            "-n",
            "recon-system",
            "--duration",
            "1h",
        ],
        None,
    );
    let token = token.trim().to_string();
    assert!(!token.is_empty(), "kubectl create token printed nothing");
    token
}

fn automated_app(name: &str, repo: &TestRepo, path: &str, dest_ns: &str) -> Value {
    json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": name, "namespace": "recon-system"},
        "spec": {
            "source": {"repoURL": repo.url(), "targetRevision": "main", "path": path},
            "destination": {"namespace": dest_ns},
            "syncPolicy": {"automated": true},
        },
    })
}

/// Ended by itself, not by a signal or a panic.
/// The agent ended with `code` (0: every app reconciled; 2: an app failed,
/// said on stderr), not a crash.
fn assert_exit(out: &Output, code: i32, what: &str) {
    let all = text(out);
    assert_eq!(out.status.code(), Some(code), "{what}:\n{all}");
    assert!(!all.contains("panicked"), "{what} panicked:\n{all}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_service_account_can_sync_and_a_missing_permission_is_named() {
    let run = RunDir::new();
    let admin = &rbac_env().kubeconfig;

    // Installed with admin credentials.
    let out = run.recon(admin, &["--context", CTX, "install", "--agent"]);
    assert!(
        out.status.success(),
        "recon install --agent: {}",
        text(&out)
    );
    let said = text(&out);
    for object in [
        "ServiceAccount recon-system/recon-agent",
        "ClusterRole recon-agent",
        "ClusterRoleBinding recon-agent",
        "Role recon-system/recon-agent",
        "RoleBinding recon-system/recon-agent",
        "Deployment recon-system/recon-agent",
    ] {
        assert!(
            said.contains(&format!("{object} applied")),
            "{object}: {said}"
        );
    }
    let deployment = kubectl_json(&["get", "deployment", "recon-agent", "-n", "recon-system"]);
    assert_eq!(
        deployment["spec"]["template"]["spec"]["serviceAccountName"],
        "recon-agent"
    );

    // The printed objects are what kubectl takes (checked by the API server,
    // nothing created), and printing contacts no cluster.
    let printed = run.recon(
        Path::new("/nonexistent/kubeconfig"),
        &["install", "--agent", "--dry-run", "-o", "yaml"],
    );
    assert!(printed.status.success(), "dry-run: {}", text(&printed));
    let yaml = String::from_utf8_lossy(&printed.stdout).into_owned();
    assert_eq!(
        yaml.lines().filter(|l| *l == "---").count(),
        8,
        "CRD, Namespace and six agent objects:\n{yaml}"
    );
    let checked = kubectl_ok(&["apply", "--dry-run=server", "-f", "-"], Some(&yaml));
    assert!(checked.contains("deployment.apps/recon-agent"), "{checked}");

    let ns = format!("rbac-{}", std::process::id());
    kubectl_ok(&["create", "namespace", &ns], None);
    let mut repo = TestRepo::new();
    repo.write("ok/cm.yaml", configmap("agent-made", "v1"))
        .write("denied/cm.yaml", configmap("never-made", "v1"));
    repo.commit("v1");
    apply(&automated_app("rbac-ok", &repo, "ok", &ns));

    // The agent as its ServiceAccount: sync, status, Event.
    let token = mint_token("recon-agent");
    let kubeconfig = token_kubeconfig(run.dir.path(), &token);
    let out = run.recon(&kubeconfig, &["agent", "--once"]);
    assert_exit(&out, 0, "agent --once as recon-agent");
    let log = std::fs::read_to_string(run.log()).unwrap_or_default();
    assert!(!log.contains(&token), "the token is never logged");
    let cm = kubectl_json(&["get", "configmap", "agent-made", "-n", &ns]);
    assert_eq!(
        cm["data"]["value"],
        "v1",
        "synced by the agent: {}\n{log}",
        text(&out)
    );
    let app = kubectl_json(&["get", "application", "rbac-ok", "-n", "recon-system"]);
    assert_eq!(app["status"]["sync"]["status"], "Synced", "{app}");
    assert_eq!(
        app["status"]["history"][0]["initiator"], AGENT_SA,
        "the sync is recorded as the ServiceAccount's: {app}"
    );
    let events = kubectl_json(&["get", "events.events.k8s.io", "-n", "recon-system"]);
    let on_app: Vec<&Value> = events["items"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["regarding"]["name"] == "rbac-ok")
        .collect();
    assert!(
        on_app
            .iter()
            .any(|e| e["note"].as_str().is_some_and(|n| n.contains(AGENT_SA))),
        "an Event on the app names the agent: {on_app:?}"
    );

    // A role without ConfigMaps (what `--agent-manage` makes), bound to a
    // second ServiceAccount.
    kubectl_ok(
        &["delete", "application", "rbac-ok", "-n", "recon-system"],
        None,
    );
    let out = run.recon(
        admin,
        &[
            "install",
            "--agent",
            "--agent-manage",
            "deployments.apps,services",
            "--dry-run",
            "-o",
            "json",
        ],
    );
    assert!(out.status.success(), "dry-run: {}", text(&out));
    let list: Value = serde_json::from_slice(&out.stdout).expect("a List");
    let mut role = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|o| o["kind"] == "ClusterRole")
        .cloned()
        .expect("a ClusterRole");
    assert!(
        !role["rules"].to_string().contains("\"*\""),
        "narrowed: {role}"
    );
    role["metadata"]["name"] = json!("recon-agent-narrow");
    apply(&role);
    apply(&json!({"apiVersion": "v1", "kind": "ServiceAccount",
        "metadata": {"name": "recon-agent-narrow", "namespace": "recon-system"}}));
    apply(&json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
        "metadata": {"name": "recon-agent-narrow"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "recon-agent-narrow"},
        "subjects": [{"kind": "ServiceAccount", "name": "recon-agent-narrow", "namespace": "recon-system"}],
    }));
    apply(&automated_app("rbac-denied", &repo, "denied", &ns));

    let narrow = RunDir::new();
    let kubeconfig = token_kubeconfig(narrow.dir.path(), &mint_token("recon-agent-narrow"));
    let out = narrow.recon(&kubeconfig, &["agent", "--once"]);
    assert_exit(&out, 2, "agent --once without ConfigMaps");
    assert!(
        text(&out).contains("1 of 1 apps failed"),
        "the exit says how many failed: {}",
        text(&out)
    );
    let missing = kubectl(&["get", "configmap", "never-made", "-n", &ns], None);
    assert!(!missing.status.success(), "nothing was applied");
    // Where a person looks: the command's output, its log, the app's status.
    let app = kubectl_json(&["get", "application", "rbac-denied", "-n", "recon-system"]);
    let ready = app["status"]["conditions"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["type"] == "Ready"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        ready["status"], "False",
        "a Ready condition says it failed: {app}"
    );
    assert_eq!(
        ready["reason"], "Forbidden",
        "and why, as a fixed reason: {ready}"
    );
    let reported = format!(
        "{}\n{}\n{}",
        text(&out),
        std::fs::read_to_string(narrow.log()).unwrap_or_default(),
        app["status"]
    );
    let denial = reported
        .lines()
        .find(|l| l.contains("rbac-denied") && l.contains("forbidden"))
        .unwrap_or_else(|| panic!("no line names the app and the denial:\n{reported}"));
    // The API server's words, as logged or as quoted inside the status JSON.
    let names_resource = denial.contains(r#"resource "configmaps""#)
        || denial.contains(r#"resource \"configmaps\""#);
    let names_verb = ["get", "list", "watch", "create", "patch"]
        .iter()
        .any(|verb| denial.contains(&format!("cannot {verb} resource")));
    assert!(
        names_resource && names_verb,
        "the denial names the verb and the resource: {denial}"
    );
    assert!(
        denial.contains("system:serviceaccount:recon-system:recon-agent-narrow"),
        "and who was denied: {denial}"
    );
}
