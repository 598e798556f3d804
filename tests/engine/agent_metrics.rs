//! The agent's /metrics, /healthz and /readyz, read over HTTP from a running
//! agent while it syncs a real app.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::agent_controller::{app_in, wait_value};
use crate::fixtures::*;
use crate::support::agent::AgentProcess;
use crate::support::gitrepo::TestRepo;
use crate::support::{eventually, namespace};

/// GET `path`: (status code, body).
fn get(addr: &str, path: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut reply = String::new();
    stream
        .read_to_string(&mut reply)
        .map_err(|e| e.to_string())?;
    let code = reply
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("no status line: {reply}"))?;
    let body = reply
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    Ok((code, body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_agent_serves_its_metrics_health_and_readiness() {
    let ns = namespace("agent-metrics", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("measured", "v1"))
        .write("broken/cm.yaml", "kind: [\n");
    repo.commit("v1");
    let auto = serde_json::json!({"syncPolicy": {"automated": true}});
    app_in(&ns, "app", &repo, "app", auto.clone()).await;
    app_in(&ns, "broken", &repo, "broken", auto).await;
    let agent = AgentProcess::start("staging", &ns, &["--metrics-addr", "127.0.0.1:0"]);
    wait_value(&ns, "measured", "v1", 30).await;

    let mut addr = String::new();
    eventually("the agent to say where it serves", 10, || {
        let found = agent
            .log_text()
            .lines()
            .find(|l| l.contains("agent: serving /metrics"))
            .and_then(|l| l.split("addr=").nth(1))
            .map(|a| a.split_whitespace().next().unwrap_or_default().to_string());
        if let Some(a) = found {
            addr = a;
        }
        let ready = !addr.is_empty();
        async move { Ok(ready) }
    })
    .await;
    assert_eq!(get(&addr, "/healthz").map(|r| r.0), Ok(200));
    assert_eq!(
        get(&addr, "/readyz").map(|r| r.0),
        Ok(200),
        "ready once it leads"
    );
    let wanted = [
        "recon_agent_leader 1",
        r#"recon_agent_reconciles_total{result="synced"} 1"#,
        r#"recon_agent_reconcile_failures_total{reason="render"}"#,
        "recon_agent_reconcile_duration_seconds_bucket",
        "recon_agent_apps 2",
    ];
    let mut last = String::new();
    eventually(
        "the metrics to show the sync, the failure and the gauges",
        20,
        || {
            let body = get(&addr, "/metrics").map(|r| r.1).unwrap_or_default();
            let ok = wanted.iter().all(|w| body.contains(w))
                && !body.contains(r#"recon_agent_reconcile_failures_total{reason="render"} 0"#);
            last = body;
            async move { Ok(ok) }
        },
    )
    .await;
    assert!(!last.is_empty());
}
