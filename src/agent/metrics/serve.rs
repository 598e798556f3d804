//! The agent's HTTP endpoint: GET /metrics (OpenMetrics text), /healthz (200
//! while the process serves) and /readyz (200 only while the agent says it
//! is ready, else 503: the kubelet's readiness probe and a Service read it).
//! hyper's HTTP/1 server, one task per connection, all ended at shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::{CONTENT_TYPE as METRICS_CONTENT_TYPE, Metrics};

/// A client that opens a connection and sends nothing holds a task; this
/// bounds how long.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr} for /metrics, /healthz and /readyz: {}", bind_reason(.source))]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

fn bind_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => {
            "the address is already in use (another program listens there; choose another address)"
        }
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (ports below 1024 need privileges)"
        }
        std::io::ErrorKind::AddrNotAvailable => "no interface of this machine has that address",
        _ => "the system refused",
    }
}

/// A bound endpoint, not yet serving: `local_addr` tells the port when
/// `:0` was asked for.
pub struct Endpoint {
    listener: TcpListener,
    addr: SocketAddr,
}

impl Endpoint {
    pub async fn bind(addr: SocketAddr) -> Result<Endpoint, ServeError> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { addr, source })?;
        Ok(Endpoint { listener, addr })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` completes; open connections are then closed.
    pub async fn run(
        self,
        metrics: Metrics,
        ready: watch::Receiver<bool>,
        shutdown: impl Future<Output = ()> + Send,
    ) {
        let mut connections = JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, _peer)) => {
                        let (metrics, ready) = (metrics.clone(), ready.clone());
                        connections.spawn(async move {
                            let service = service_fn(move |req| {
                                let response = respond(&req, &metrics, &ready);
                                async move { Ok::<_, Infallible>(response) }
                            });
                            let served = http1::Builder::new()
                                .timer(TokioTimer::new())
                                .header_read_timeout(HEADER_READ_TIMEOUT)
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                            if let Err(e) = served {
                                tracing::debug!(error = %e, "metrics endpoint: connection ended with an error");
                            }
                        });
                    }
                    // Out of file descriptors and the like: the next accept
                    // may succeed; a tight loop would only burn the CPU.
                    Err(e) => {
                        tracing::warn!(error = %e, addr = %self.addr, "metrics endpoint: accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
            }
        }
        connections.shutdown().await;
    }
}

/// Binds `addr` and serves until `shutdown` completes.
pub async fn serve(
    addr: SocketAddr,
    metrics: Metrics,
    ready: watch::Receiver<bool>,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServeError> {
    Endpoint::bind(addr)
        .await?
        .run(metrics, ready, shutdown)
        .await;
    Ok(())
}

fn respond(
    req: &Request<Incoming>,
    metrics: &Metrics,
    ready: &watch::Receiver<bool>,
) -> Response<Full<Bytes>> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "only GET\n");
        r.headers_mut()
            .insert(ALLOW, hyper::header::HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    match req.uri().path() {
        "/metrics" => {
            let mut r = Response::new(Full::new(Bytes::from(metrics.encode())));
            r.headers_mut().insert(
                CONTENT_TYPE,
                hyper::header::HeaderValue::from_static(METRICS_CONTENT_TYPE),
            );
            r
        }
        "/healthz" => text(StatusCode::OK, "ok\n"),
        "/readyz" if *ready.borrow() => text(StatusCode::OK, "ready\n"),
        "/readyz" => text(StatusCode::SERVICE_UNAVAILABLE, "not ready\n"),
        _ => text(
            StatusCode::NOT_FOUND,
            "not found: this endpoint serves /metrics, /healthz and /readyz\n",
        ),
    }
}

fn text(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *r.status_mut() = status;
    r.headers_mut().insert(
        CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}
