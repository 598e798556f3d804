//! `recon get apps` across clusters: one down (connection refused) and one
//! that accepts connections but never answers; neither hides the others.

use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::cli::{create_app, recon_cmd};
use crate::support::gitrepo::TestRepo;
use crate::support::{env, namespace};

/// The shared kubeconfig plus contexts `down` (nothing listens) and `silent`
/// (a listener that never answers), written to a file of its own.
fn kubeconfig_with_broken_clusters(dir: &std::path::Path, silent_port: u16) -> std::path::PathBuf {
    let text = std::fs::read_to_string(&env().kubeconfig).expect("kubeconfig");
    let mut kc: serde_yaml::Value = serde_yaml::from_str(&text).expect("yaml");
    let closed = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    for (name, port) in [("down", closed), ("silent", silent_port)] {
        let cluster: serde_yaml::Value = serde_yaml::from_str(&format!(
            "name: {name}\ncluster:\n  server: https://127.0.0.1:{port}\n  insecure-skip-tls-verify: true\n"
        ))
        .expect("cluster");
        let user: serde_yaml::Value =
            serde_yaml::from_str(&format!("name: {name}\nuser:\n  token: nothing\n"))
                .expect("user");
        let ctx: serde_yaml::Value = serde_yaml::from_str(&format!(
            "name: {name}\ncontext:\n  cluster: {name}\n  user: {name}\n"
        ))
        .expect("ctx");
        kc["clusters"]
            .as_sequence_mut()
            .expect("clusters")
            .push(cluster);
        kc["users"].as_sequence_mut().expect("users").push(user);
        kc["contexts"]
            .as_sequence_mut()
            .expect("contexts")
            .push(ctx);
    }
    let path = dir.join("kubeconfig-with-broken");
    std::fs::write(&path, serde_yaml::to_string(&kc).expect("yaml")).expect("write");
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apps_of_reachable_clusters_are_listed_and_broken_ones_say_why() {
    let ns = namespace("list", &["staging", "prod"]).await;
    let mut repo = TestRepo::new();
    repo.write("a/cm.yaml", crate::fixtures::configmap("c", "1"));
    repo.commit("c");
    let (s_app, p_app) = (format!("stg-{ns}"), format!("prd-{ns}"));
    create_app(
        "staging",
        &s_app,
        &repo.url(),
        "a",
        &ns,
        serde_json::json!({}),
    )
    .await;
    create_app("prod", &p_app, &repo.url(), "a", &ns, serde_json::json!({})).await;
    crate::fixtures::recon_ok(&["sync", &s_app], 0);

    // Accepts TCP but never speaks TLS: only a timeout gets us past it.
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent_port = silent.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("tempdir");
    let kubeconfig = kubeconfig_with_broken_clusters(dir.path(), silent_port);

    let mut cmd = recon_cmd(&["--timeout", "2s", "get", "apps"]);
    cmd.env("KUBECONFIG", &kubeconfig)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawn");
    let started = Instant::now();
    let out = child.wait_with_output().expect("wait");
    // A guard against hanging forever, far above the 2 s timeout (not a speed check).
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "get apps hung on a silent cluster"
    );
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some cluster unreadable: exit 1\n{stdout}{stderr}"
    );

    let header = stdout.lines().next().expect("header");
    for col in [
        "CLUSTER",
        "NAMESPACE",
        "NAME",
        "SYNC",
        "HEALTH",
        "REVISION",
        "SUSPENDED",
        "AGE",
    ] {
        assert!(header.contains(col), "missing column {col}: {header}");
    }
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"))
            .to_string()
    };
    let staging_row = row(&s_app);
    assert!(
        staging_row.starts_with("staging")
            && staging_row.contains("Synced")
            && staging_row.contains("Healthy"),
        "{staging_row}"
    );
    assert!(row(&p_app).starts_with("prod"), "{stdout}");
    for broken in ["down", "silent"] {
        let r = stdout
            .lines()
            .find(|l| l.starts_with(broken))
            .unwrap_or_else(|| panic!("no row for {broken}:\n{stdout}"));
        assert!(r.contains("Unreachable"), "{r}");
        assert!(stderr.contains(broken), "stderr names {broken}: {stderr}");
    }
    assert!(
        stderr.contains("within 2s") || stderr.contains("no answer"),
        "the silent cluster timed out: {stderr}"
    );

    let mut cmd = recon_cmd(&["--timeout", "2s", "get", "apps", "-o", "json"]);
    cmd.env("KUBECONFIG", &kubeconfig);
    let out = cmd.output().expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let clusters = v["clusters"].as_array().expect("clusters");
    let reachable = |n: &str| {
        clusters
            .iter()
            .find(|c| c["context"] == n)
            .map(|c| c["reachable"].clone())
    };
    assert_eq!(reachable("staging"), Some(serde_json::json!(true)));
    assert_eq!(reachable("down"), Some(serde_json::json!(false)));
    assert!(
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["cluster"] == "prod"
                && i["application"]["metadata"]["name"] == p_app.as_str())
    );
    drop(silent);
}
