//! Starts and stops control planes through the `recon-testenv` supervisor.
//!
//! The supervisor's standard input is a lifeline: we hold the write end, and
//! when this process ends for any reason (even SIGKILL) the pipe closes and the
//! supervisor stops every control-plane process it started.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::compile::HarnessBinaries;
use super::compile_argocd::ensure_argocd_built;
use super::compile_flux::ensure_flux_built;

pub use super::error::TestEnvError;

/// What to start.
#[derive(Debug, Clone)]
pub struct StartOptions {
    /// Names of the control planes; each becomes a kubeconfig context
    /// (admin) and `<name>-readonly` (may only read).
    pub clusters: Vec<String>,
    /// Fake kwok nodes per cluster.
    pub nodes: u32,
    /// State directory; a fresh one under `target/testenv/run` by default.
    pub work_dir: Option<PathBuf>,
    /// Stop when this process ends. Off only for `recon demo --keep`.
    pub lifeline: bool,
    pub start_timeout: Duration,
    /// Clusters (among `clusters`) that also run Argo CD's application
    /// controller and repo-server; Argo CD is built on first use.
    pub argocd: Vec<String>,
    /// Clusters (among `clusters`) that also run Flux's source-controller
    /// and kustomize-controller; Flux is built on first use, and a Git
    /// smart-HTTP server for test repositories starts with it.
    pub flux: Vec<String>,
    /// kube-apiserver `--feature-gates` of every cluster (`WatchList=false`
    /// stands in for a server older than 1.34).
    pub apiserver_feature_gates: Option<String>,
}

impl StartOptions {
    pub fn new<S: Into<String>>(clusters: impl IntoIterator<Item = S>) -> Self {
        Self {
            clusters: clusters.into_iter().map(Into::into).collect(),
            nodes: 2,
            work_dir: None,
            lifeline: true,
            start_timeout: Duration::from_secs(300),
            argocd: Vec::new(),
            flux: Vec::new(),
            apiserver_feature_gates: None,
        }
    }

    /// Runs Argo CD on these of the clusters too.
    pub fn with_argocd<S: Into<String>>(mut self, clusters: impl IntoIterator<Item = S>) -> Self {
        self.argocd = clusters.into_iter().map(Into::into).collect();
        self
    }

    /// Starts every kube-apiserver with these `--feature-gates`.
    pub fn with_apiserver_feature_gates(mut self, gates: &str) -> Self {
        self.apiserver_feature_gates = Some(gates.to_string());
        self
    }

    /// Runs Flux on these of the clusters too.
    pub fn with_flux<S: Into<String>>(mut self, clusters: impl IntoIterator<Item = S>) -> Self {
        self.flux = clusters.into_iter().map(Into::into).collect();
        self
    }
}

/// One running control plane.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterEndpoint {
    pub name: String,
    pub context: String,
    pub readonly_context: String,
    pub server: String,
    pub dir: PathBuf,
    /// Every process of this cluster, Argo CD's included.
    pub pids: Vec<u32>,
    /// kwok's kubelet-like server (host:port) that every fake node
    /// advertises. It serves container logs from the files named by kwok
    /// `ClusterLogs`/`Logs` objects a test creates (see
    /// tests/testenv/cmd/recon-testenv/kwok_logs.go).
    #[serde(default)]
    pub kubelet: String,
    /// Present when Argo CD runs against this cluster.
    #[serde(default)]
    pub argocd: Option<ArgoCdEndpoint>,
    /// Present when Flux runs against this cluster.
    #[serde(default)]
    pub flux: Option<FluxEndpoint>,
}

/// Where Argo CD runs for one cluster (all on loopback). Its Applications
/// live in `namespace` of that cluster; there is no Argo CD API server.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArgoCdEndpoint {
    pub namespace: String,
    pub redis: String,
    pub repo_server: String,
    pub controller_metrics: String,
    pub repo_server_metrics: String,
    /// Process ids by component: redis, argocd-repo-server, argocd-application-controller.
    #[serde(default)]
    pub pids: std::collections::BTreeMap<String, u32>,
}

/// Where Flux runs for one cluster (all on loopback). The controllers watch
/// every namespace; they record their events in `namespace`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FluxEndpoint {
    pub namespace: String,
    /// source-controller's artifact server, host:port.
    pub storage: String,
    pub source_controller_health: String,
    pub kustomize_controller_health: String,
    /// Process ids by component: source-controller, kustomize-controller.
    #[serde(default)]
    pub pids: std::collections::BTreeMap<String, u32>,
}

/// The Git smart-HTTP server started with Flux: the bare repository
/// `root/NAME.git` is fetched from `url/NAME.git`.
#[derive(Debug, Clone, Deserialize)]
pub struct GitHttpServer {
    pub url: String,
    pub root: PathBuf,
}

#[derive(Debug, Deserialize)]
pub(super) struct Event {
    pub(super) event: String,
    #[serde(default)]
    pub(super) cluster: Option<String>,
    #[serde(default)]
    pub(super) message: Option<String>,
    #[serde(default)]
    kubeconfig: Option<PathBuf>,
    #[serde(default)]
    clusters: Vec<ClusterEndpoint>,
    #[serde(default)]
    seconds: Option<f64>,
    #[serde(default)]
    git: Option<GitHttpServer>,
}

/// Running control planes; stopped on `stop()` or drop.
pub struct TestEnv {
    child: Child,
    // Behind mutexes so a TestEnv can live in a static shared by test threads.
    pub(super) lifeline: Option<std::sync::Mutex<ChildStdin>>,
    pub(super) events: std::sync::Mutex<Receiver<Event>>,
    pub kubeconfig: PathBuf,
    pub clusters: Vec<ClusterEndpoint>,
    /// Serves test repositories over HTTP; present when Flux runs.
    pub git: Option<GitHttpServer>,
    pub work_dir: PathBuf,
    /// Seconds each cluster took from launch to ready, as the supervisor measured.
    pub ready_seconds: Vec<(String, f64)>,
}

impl TestEnv {
    pub fn start(
        bins: &HarnessBinaries,
        opts: StartOptions,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Self, TestEnvError> {
        let work_dir = opts
            .work_dir
            .clone()
            .unwrap_or_else(|| default_work_dir(bins));
        if let Some(unknown) = opts.argocd.iter().find(|a| !opts.clusters.contains(a)) {
            return Err(TestEnvError::ArgoCdClusterUnknown(unknown.clone()));
        }
        if let Some(unknown) = opts.flux.iter().find(|f| !opts.clusters.contains(f)) {
            return Err(TestEnvError::FluxClusterUnknown(unknown.clone()));
        }
        let mut cmd = Command::new(bins.supervisor());
        cmd.arg("up")
            .arg(format!("--bin-dir={}", bins.dir.display()))
            .arg(format!("--work-dir={}", work_dir.display()))
            .arg(format!("--cluster={}", opts.clusters.join(",")))
            .arg(format!("--nodes={}", opts.nodes))
            .arg(format!("--lifeline={}", opts.lifeline));
        if !opts.argocd.is_empty() {
            let argo = ensure_argocd_built(progress)?;
            cmd.arg(format!("--argocd={}", opts.argocd.join(",")))
                .arg(format!("--argocd-bin-dir={}", argo.dir.display()));
        }
        if !opts.flux.is_empty() {
            let flux = ensure_flux_built(progress)?;
            cmd.arg(format!("--flux={}", opts.flux.join(",")))
                .arg(format!("--flux-bin-dir={}", flux.dir.display()));
        }
        if let Some(gates) = &opts.apiserver_feature_gates {
            cmd.arg(format!("--apiserver-feature-gates={gates}"));
        }
        cmd.stdin(if opts.lifeline {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
        if !opts.lifeline {
            // A kept demo must outlive us: a session of its own escapes our signals.
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| TestEnvError::io("start", &bins.supervisor(), e))?;
        let lifeline = child.stdin.take().map(std::sync::Mutex::new);
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| TestEnvError::Start("supervisor has no stdout".into()))?;
        let (tx, events) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(ev) = serde_json::from_str::<Event>(&line)
                    && tx.send(ev).is_err()
                {
                    break;
                }
            }
        });
        let mut env = TestEnv {
            child,
            lifeline,
            events: std::sync::Mutex::new(events),
            kubeconfig: work_dir.join("kubeconfig"),
            clusters: Vec::new(),
            git: None,
            work_dir,
            ready_seconds: Vec::new(),
        };
        env.wait_ready(opts.start_timeout, progress)?;
        Ok(env)
    }

    fn wait_ready(
        &mut self,
        timeout: Duration,
        progress: &mut dyn FnMut(&str),
    ) -> Result<(), TestEnvError> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let next = match self.events.lock() {
                Ok(rx) => rx.recv_timeout(left),
                Err(_) => Err(RecvTimeoutError::Disconnected),
            };
            match next {
                Ok(ev) => match ev.event.as_str() {
                    "ready" => {
                        if let Some(k) = ev.kubeconfig {
                            self.kubeconfig = k;
                        }
                        self.clusters = ev.clusters;
                        self.git = ev.git;
                        return Ok(());
                    }
                    "error" => return Err(TestEnvError::Start(ev.message.unwrap_or_default())),
                    _ => {
                        let cluster = ev.cluster.unwrap_or_default();
                        let msg = ev.message.unwrap_or_default();
                        if let Some(s) = ev.seconds {
                            self.ready_seconds.push((cluster.clone(), s));
                        }
                        progress(&format!("{cluster}: {msg}"));
                    }
                },
                Err(RecvTimeoutError::Timeout) => {
                    return Err(TestEnvError::Start(format!("not ready after {timeout:?}")));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(TestEnvError::Start(
                        "the supervisor exited before the clusters were ready".into(),
                    ));
                }
            }
        }
    }

    pub fn cluster(&self, name: &str) -> Option<&ClusterEndpoint> {
        self.clusters.iter().find(|c| c.name == name)
    }

    /// Process id of the supervisor (its children are the components).
    pub fn supervisor_pid(&self) -> u32 {
        self.child.id()
    }

    /// Detaches a kept environment: it keeps running after we exit.
    pub fn detach(mut self) -> (PathBuf, u32) {
        self.lifeline = None;
        let out = (self.kubeconfig.clone(), self.child.id());
        std::mem::forget(self);
        out
    }

    /// Stops every control plane and waits until all their processes are gone.
    pub fn stop(mut self) -> Result<(), TestEnvError> {
        self.shutdown(Duration::from_secs(30))
    }

    fn shutdown(&mut self, grace: Duration) -> Result<(), TestEnvError> {
        // Closing the lifeline asks the supervisor to stop; a signal covers the detached case.
        if self.lifeline.take().is_none()
            && let Ok(pid) = libc::pid_t::try_from(self.child.id())
        {
            // SAFETY: kill(2) with a pid we spawned and have not reaped yet.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        Err(TestEnvError::StopTimeout(grace))
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.shutdown(Duration::from_secs(20));
        }
    }
}

/// Removes work dirs under `run/` whose supervisor is no longer alive (left
/// by a crash or a killed run): each holds a few hundred MB of etcd data.
fn sweep_stale_runs(run_root: &Path) {
    let Ok(entries) = std::fs::read_dir(run_root) else {
        return;
    };
    for entry in entries.flatten() {
        let dir = entry.path();
        let pid = std::fs::read_to_string(dir.join("supervisor.pid"))
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok());
        let alive = pid.is_some_and(|p| Path::new(&format!("/proc/{p}")).exists());
        // A supervisor starting right now may not have written its pid yet.
        let recent = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < std::time::Duration::from_secs(60));
        if !alive && !recent {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

fn default_work_dir(bins: &HarnessBinaries) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let root = bins
        .dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir);
    let run_root = root.join("run");
    sweep_stale_runs(&run_root);
    run_root.join(format!("{}-{nanos:x}", std::process::id()))
}
