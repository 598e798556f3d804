use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::*;

/// The value of the sample line starting with `series` (name and labels).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
}

#[test]
fn every_metric_and_label_value_is_exposed_from_the_start() {
    let text = Metrics::new().encode();
    for result in ["synced", "observed", "suspended", "failed"] {
        let series = format!("recon_agent_reconciles_total{{result=\"{result}\"}}");
        assert_eq!(sample(&text, &series), Some(0.0), "{series} in\n{text}");
    }
    for reason in [
        "git",
        "render",
        "apply",
        "cluster",
        "permission",
        "conflict",
        "other",
    ] {
        let series = format!("recon_agent_reconcile_failures_total{{reason=\"{reason}\"}}");
        assert_eq!(sample(&text, &series), Some(0.0), "{series} in\n{text}");
    }
    for gauge in [
        "recon_agent_apps_out_of_sync",
        "recon_agent_apps_suspended",
        "recon_agent_apps",
        "recon_agent_leader",
    ] {
        assert_eq!(sample(&text, gauge), Some(0.0), "{gauge} in\n{text}");
    }
    assert!(
        text.contains("# TYPE recon_agent_reconcile_duration_seconds histogram"),
        "{text}"
    );
    assert!(
        text.ends_with("# EOF\n"),
        "OpenMetrics ends with EOF: {text}"
    );
}

#[test]
fn reconciles_failures_and_gauges_count_what_was_reported() {
    let metrics = Metrics::new();
    let clone = metrics.clone();
    metrics.reconciled(ReconcileResult::Synced, Duration::from_millis(30));
    clone.reconciled(ReconcileResult::Synced, Duration::from_secs(90));
    metrics.reconciled(ReconcileResult::Failed, Duration::from_millis(5));
    metrics.failed(FailureReason::Permission);
    metrics.set_apps(7);
    metrics.set_out_of_sync(2);
    metrics.set_suspended(1);
    metrics.set_leader(true);
    let text = metrics.encode();
    let at = |series: &str| sample(&text, series).unwrap_or_else(|| panic!("{series} in\n{text}"));
    assert_eq!(at("recon_agent_reconciles_total{result=\"synced\"}"), 2.0);
    assert_eq!(at("recon_agent_reconciles_total{result=\"failed\"}"), 1.0);
    assert_eq!(at("recon_agent_reconciles_total{result=\"observed\"}"), 0.0);
    assert_eq!(
        at("recon_agent_reconcile_failures_total{reason=\"permission\"}"),
        1.0
    );
    assert_eq!(at("recon_agent_reconcile_duration_seconds_count"), 3.0);
    let sum = at("recon_agent_reconcile_duration_seconds_sum");
    assert!((sum - 90.035).abs() < 1e-6, "sum {sum}");
    // 5 ms is below the first bucket (10 ms); 90 s is inside the last (120 s).
    assert_eq!(
        at("recon_agent_reconcile_duration_seconds_bucket{le=\"0.01\"}"),
        1.0
    );
    assert_eq!(
        at("recon_agent_reconcile_duration_seconds_bucket{le=\"120.0\"}"),
        3.0
    );
    assert_eq!(at("recon_agent_apps"), 7.0);
    assert_eq!(at("recon_agent_apps_out_of_sync"), 2.0);
    assert_eq!(at("recon_agent_apps_suspended"), 1.0);
    assert_eq!(at("recon_agent_leader"), 1.0);
    metrics.set_leader(false);
    assert_eq!(sample(&metrics.encode(), "recon_agent_leader"), Some(0.0));
}

/// One HTTP/1.1 request over a plain TCP connection: (status, headers and body).
async fn get(addr: std::net::SocketAddr, method: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send request");
    let mut response = String::new();
    tokio::time::timeout(
        Duration::from_secs(10),
        stream.read_to_string(&mut response),
    )
    .await
    .expect("answer within 10s")
    .expect("read response");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line in {response:?}"));
    (status, response)
}

#[tokio::test]
async fn the_endpoint_serves_metrics_health_and_readiness_until_shutdown() {
    let metrics = Metrics::new();
    metrics.reconciled(ReconcileResult::Observed, Duration::from_millis(20));
    let (ready_tx, ready_rx) = tokio::sync::watch::channel(false);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let endpoint = Endpoint::bind("127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("bind");
    let addr = endpoint.local_addr();
    let server = tokio::spawn(endpoint.run(metrics.clone(), ready_rx, async move {
        let _ = stop_rx.await;
    }));

    let (status, body) = get(addr, "GET", "/metrics").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("recon_agent_reconciles_total{result=\"observed\"} 1"),
        "{body}"
    );
    assert!(body.contains("application/openmetrics-text"), "{body}");
    assert_eq!(get(addr, "GET", "/healthz").await.0, 200);
    assert_eq!(get(addr, "GET", "/readyz").await.0, 503, "not ready yet");
    ready_tx.send(true).expect("ready");
    assert_eq!(get(addr, "GET", "/readyz").await.0, 200, "ready now");
    ready_tx.send(false).expect("not ready");
    assert_eq!(get(addr, "GET", "/readyz").await.0, 503, "not ready again");
    assert_eq!(get(addr, "GET", "/nope").await.0, 404);
    assert_eq!(get(addr, "POST", "/metrics").await.0, 405);

    stop_tx.send(()).expect("stop");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops on shutdown")
        .expect("server task");
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "nothing listens after shutdown"
    );
}

#[tokio::test]
async fn a_taken_address_is_named_in_the_error() {
    let taken = Endpoint::bind("127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("bind");
    let addr = taken.local_addr();
    let (_tx, rx) = tokio::sync::watch::channel(true);
    let err = serve(addr, Metrics::new(), rx, std::future::pending())
        .await
        .expect_err("the address is taken");
    let text = err.to_string();
    assert!(text.contains(&addr.to_string()), "{text}");
    assert!(text.contains("already in use"), "{text}");
}
