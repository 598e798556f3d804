//! kube's HTTP stack, but offering HTTP/2 in the TLS handshake (ALPN), as
//! client-go does: every request and watch to one API server then shares a
//! single connection. kube 5 speaks HTTP/1.1 only, where each open watch
//! holds a connection of its own and a request made while the pooled ones
//! are busy (an app just opened: its resource tree's lists in flight) waits
//! for a new TCP and TLS handshake, ~46 ms here, four times the incremental
//! drift's whole dry run. kube's own issue: kube-rs/kube#1923 (HTTP/2 there
//! breaks its websocket upgrades, which recon does not use).
//!
//! The layers are kube's (`make_generic_builder` in kube-client's
//! `client/builder.rs`), in its order, from kube's own `ConfigExt`.

use std::time::Duration;

use http::{Request, Response};
use http_body_util::BodyExt;
use hyper_rustls::FixedServerNameResolver;
use hyper_timeout::TimeoutConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use kube::Config;
use kube::client::{Body, ClientBuilder, ConfigExt, DynBody, RustlsTlsError};
use tower::util::BoxService;
use tower::{BoxError, ServiceBuilder, ServiceExt};
use tower_http::trace::TraceLayer;

/// The boxed service kube's `Client` is built on.
pub type Service = BoxService<Request<Body>, Response<Box<DynBody>>, BoxError>;

/// A connection with no frame for this long is pinged; one that does not
/// answer the ping within `PING_TIMEOUT` is closed, failing its watches so
/// they start again on a new one (client-go's HTTP/2 health check: 30 s,
/// 15 s). With one connection carrying every watch, a silently dead one
/// must not go unnoticed.
const PING_AFTER: Duration = Duration::from_secs(30);
const PING_TIMEOUT: Duration = Duration::from_secs(15);

/// The client stack for `config` (no proxy: kube's own stack handles those).
pub fn builder(config: &Config) -> Result<ClientBuilder<Service>, kube::Error> {
    let mut tcp = HttpConnector::new();
    tcp.enforce_http(false);
    // HTTP/2 writes a request as several frames: with Nagle's algorithm the
    // second waits for the server's delayed ACK of the first (40 ms).
    tcp.set_nodelay(true);
    let mut https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config.rustls_client_config()?)
        .https_or_http();
    if let Some(name) = &config.tls_server_name {
        let name = name
            .clone()
            .try_into()
            .map_err(|e| kube::Error::RustlsTls(RustlsTlsError::InvalidServerName(e)))?;
        https = https.with_server_name_resolver(FixedServerNameResolver::new(name));
    }
    let https = https.enable_http1().enable_http2().wrap_connector(tcp);
    let mut connector = TimeoutConnector::new(https);
    connector.set_connect_timeout(config.connect_timeout);
    connector.set_read_timeout(config.read_timeout);
    connector.set_write_timeout(config.write_timeout);
    connector.set_reset_reader_on_write(config.reset_reader_on_write);
    let http: hyper_util::client::legacy::Client<_, Body> =
        hyper_util::client::legacy::Builder::new(TokioExecutor::new())
            .timer(TokioTimer::new())
            .http2_keep_alive_interval(PING_AFTER)
            .http2_keep_alive_timeout(PING_TIMEOUT)
            .http2_keep_alive_while_idle(true)
            .build(connector);

    let service = ServiceBuilder::new()
        .layer(config.base_uri_layer())
        .option_layer(config.auth_layer()?)
        .layer(config.extra_headers_layer()?)
        .layer(
            // One debug line per request, method and URL (never headers):
            // what the benches count requests by.
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<Body>| {
                    tracing::debug_span!("HTTP", http.method = %req.method(), http.url = %req.uri())
                })
                .on_request(|_: &Request<Body>, _: &tracing::Span| tracing::debug!("requesting")),
        )
        .map_err(BoxError::from)
        .service(http)
        .map_response(|response: Response<_>| {
            response.map(|body| Box::new(body.map_err(BoxError::from)) as Box<DynBody>)
        });
    Ok(ClientBuilder::new(
        BoxService::new(service),
        config.default_namespace.clone(),
    ))
}
