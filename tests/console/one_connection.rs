//! The console speaks HTTP/2 to the API servers (offered in the TLS
//! handshake, as client-go does): every watch and request to one cluster
//! shares one connection. Over HTTP/1.1 each open watch holds a connection
//! of its own (an open app: its objects' kinds, its Events, the apps of
//! each tool), and a request made while they are all busy waits for a new
//! TCP and TLS handshake.

use std::collections::HashSet;
use std::time::Duration;

use crate::common::*;
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};
use crate::tmux::Tmux;

/// A second kind, so the open app watches more than one.
const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n";

/// The port of the API server of `context`, from the kubeconfig.
fn api_server_port(context: &str) -> u16 {
    let out = kubectl(
        context,
        &[
            "config",
            "view",
            "--minify",
            "-o",
            "jsonpath={.clusters[0].cluster.server}",
        ],
    );
    let server = String::from_utf8_lossy(&out.stdout).to_string();
    let port = server.rsplit(':').next().and_then(|p| p.parse().ok());
    port.unwrap_or_else(|| panic!("no port in the server URL {server:?} of {context}"))
}

/// The sockets the process `pid` holds open (their inodes).
fn socket_inodes(pid: u32) -> HashSet<String> {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).expect("the console's fds");
    fds.filter_map(|fd| {
        let target = std::fs::read_link(fd.ok()?.path()).ok()?;
        let target = target.to_string_lossy();
        let inode = target.strip_prefix("socket:[")?.strip_suffix(']')?;
        Some(inode.to_string())
    })
    .collect()
}

/// Established TCP connections of `pid` to `port` (from the kernel's
/// socket tables: remote address `ip:PORT` in hex, state `01`).
fn connections_to(pid: u32, port: u16) -> usize {
    let inodes = socket_inodes(pid);
    let remote_port = format!(":{port:04X}");
    ["tcp", "tcp6"]
        .iter()
        .filter_map(|table| std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).ok())
        .flat_map(|text| {
            text.lines()
                .skip(1)
                .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .filter(|f| f.len() > 9 && f[2].ends_with(&remote_port) && f[3] == "01")
        .filter(|f| inodes.contains(&f[9]))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_app_s_watches_share_a_connection_per_cluster() {
    let ns = namespace("e2eoneconn", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "v1"));
    repo.write("app/deploy.yaml", DEPLOYMENT);
    repo.commit("settings and web v1");
    let app = app_for("staging", "oneconn", &ns, &repo, "app").await;

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    open_app(&t, &app);
    t.wait_for("settings", WAIT);
    // Let every watch of the open app start.
    std::thread::sleep(Duration::from_secs(2));
    let pid = t.pane_pid().expect("the console's pid");
    for context in ["staging", "prod"] {
        let open = connections_to(pid, api_server_port(context));
        // One, or now and then two: hyper dials in parallel for the first
        // requests and keeps a second handshake that completed after the
        // first learnt HTTP/2 (hyper-util's `Connecting::alpn_h2`). Over
        // HTTP/1.1 this console holds 11 to staging.
        assert!(
            (1..=2).contains(&open),
            "the console holds {open} connections to {context}'s API server"
        );
    }
}
