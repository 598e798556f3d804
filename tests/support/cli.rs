//! Runs the real `recon` binary against the shared control planes, with its
//! Git cache, audit journal and log in a directory of this test binary, so
//! tests can read every byte recon wrote (for the Secret-leak checks).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use kube::api::{Api, Patch, PatchParams};
use recon::engine::app::{Application, SYSTEM_NAMESPACE};
use serde_json::json;

use super::env;

pub struct Paths {
    pub root: tempfile::TempDir,
}

static PATHS: OnceLock<Paths> = OnceLock::new();
static INSTALLED: OnceLock<()> = OnceLock::new();

pub fn paths() -> &'static Paths {
    PATHS.get_or_init(|| Paths {
        root: tempfile::tempdir().expect("tempdir"),
    })
}

impl Paths {
    pub fn cache(&self) -> PathBuf {
        self.root.path().join("cache")
    }
    pub fn audit(&self) -> PathBuf {
        self.root.path().join("audit.jsonl")
    }
    pub fn log(&self) -> PathBuf {
        self.root.path().join("recon.log")
    }
}

/// `recon ARGS` with the shared kubeconfig; kubectl from the test bed first on PATH.
pub fn recon_cmd(args: &[&str]) -> Command {
    recon_cmd_with(&env().kubeconfig, args)
}

/// `recon ARGS` with another test bed's kubeconfig (Argo CD's).
pub fn recon_cmd_with(kubeconfig: &std::path::Path, args: &[&str]) -> Command {
    recon_cmd_logging_to(kubeconfig, &paths().log(), args)
}

/// `recon ARGS` logging to `log` (an agent under test keeps its own log).
pub fn recon_cmd_logging_to(
    kubeconfig: &std::path::Path,
    log: &std::path::Path,
    args: &[&str],
) -> Command {
    let p = paths();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recon"));
    let path = format!(
        "{}:{}",
        super::binaries().dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.env("KUBECONFIG", kubeconfig)
        .env("RECON_CACHE_DIR", p.cache())
        .env("RECON_AUDIT_LOG", p.audit())
        .env("RECON_LOG", "debug")
        .env("PATH", path)
        .arg("--log-file")
        .arg(log)
        .args(args);
    cmd
}

pub fn recon(args: &[&str]) -> Output {
    recon_cmd(args).output().expect("run recon")
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Installs the Application CRD in both shared clusters, once.
pub fn install() {
    INSTALLED.get_or_init(|| {
        let out = recon(&["install", "--context", "staging,prod"]);
        assert!(out.status.success(), "recon install failed: {}", text(&out));
    });
}

/// Creates (or replaces) an Application in `context`.
pub async fn create_app(
    context: &str,
    name: &str,
    repo_url: &str,
    path: &str,
    dest_ns: &str,
    extra_spec: serde_json::Value,
) {
    let source = AppSource {
        repo_url,
        path,
        dest_ns,
    };
    create_app_in(context, SYSTEM_NAMESPACE, name, &source, extra_spec).await
}

/// Where an app's objects come from and go to.
pub struct AppSource<'a> {
    pub repo_url: &'a str,
    pub path: &'a str,
    pub dest_ns: &'a str,
}

/// Creates (or replaces) an Application in namespace `app_ns` of `context`.
pub async fn create_app_in(
    context: &str,
    app_ns: &str,
    name: &str,
    source: &AppSource<'_>,
    extra_spec: serde_json::Value,
) {
    let AppSource {
        repo_url,
        path,
        dest_ns,
    } = *source;
    install();
    let api: Api<Application> = Api::namespaced(super::client(context).await, app_ns);
    let mut spec = json!({
        "source": {"repoURL": repo_url, "targetRevision": "main", "path": path},
        "destination": {"namespace": dest_ns},
    });
    if let (Some(base), Some(extra)) = (spec.as_object_mut(), extra_spec.as_object()) {
        for (k, v) in extra {
            base.insert(k.clone(), v.clone());
        }
    }
    let app = json!({
        "apiVersion": "recon.dev/v1alpha1", "kind": "Application",
        "metadata": {"name": name, "namespace": app_ns},
        "spec": spec,
    });
    api.patch(
        name,
        &PatchParams::apply("recon-test").force(),
        &Patch::Apply(&app),
    )
    .await
    .unwrap_or_else(|e| panic!("create Application {name} in {context}: {e}"));
}

/// A ConfigMap with one `value`, the manifest most tests need.
pub fn configmap(name: &str, value: &str) -> String {
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  value: \"{value}\"\n"
    )
}

/// Creates Application `<prefix>-<ns>` in `context` for `path` of `repo`,
/// deploying to `ns` with the default spec; returns its name.
pub async fn app_for(
    context: &str,
    prefix: &str,
    ns: &str,
    repo: &super::gitrepo::TestRepo,
    path: &str,
) -> String {
    let app = format!("{prefix}-{ns}");
    create_app(context, &app, &repo.url(), path, ns, serde_json::json!({})).await;
    app
}

pub async fn get_app(context: &str, name: &str) -> Application {
    let api: Api<Application> = Api::namespaced(super::client(context).await, SYSTEM_NAMESPACE);
    api.get(name)
        .await
        .unwrap_or_else(|e| panic!("get Application {name}: {e}"))
}
