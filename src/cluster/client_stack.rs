//! The HTTP client of one cluster: kube's default stack, HTTP/2 offered
//! (`multiplexed`), with a retry policy of our own. kube's `server_retry` retries 429/503/504 fifteen times with
//! delays doubling from 5 ms to 1000 s: against a restarted API server whose
//! custom resources still answer 503 for a moment, a watch then waited up
//! to 5 s after they were served again. Ours waits at most 500 ms between
//! tries and gives up after eight (~3 s), handing the error to the caller's
//! own backoff (watches retry every ≤2 s, see `watch::RetrySoon`).

use std::time::Duration;

use kube::client::ClientBuilder;
use kube::client::retry::RetryPolicy;
use kube::{Client, Config};
use tower::ServiceBuilder;
use tower::buffer::BufferLayer;
use tower::retry::RetryLayer;

const FIRST_RETRY: Duration = Duration::from_millis(50);
const LONGEST_RETRY: Duration = Duration::from_millis(500);
const RETRIES: u32 = 8;
/// Requests queued for the retrying service before callers wait.
const QUEUE: usize = 1024;

/// Builds the client; does not contact the cluster (an exec credential
/// plugin may run: call it off the async threads).
pub fn build(mut config: Config) -> Result<Client, kube::Error> {
    config.default_retry = false;
    let policy = RetryPolicy::new(FIRST_RETRY, LONGEST_RETRY, RETRIES, false)
        .map_err(|e| kube::Error::Service(Box::new(e)))?;
    let retrying = ServiceBuilder::new()
        .layer(RetryLayer::new(policy))
        // Retry needs a service it can clone; the default stack is boxed.
        .layer(BufferLayer::new(QUEUE));
    let client = if config.proxy_url.is_some() {
        // kube's own stack knows the proxies (HTTP/1.1 only).
        ClientBuilder::try_from(config)?
            .with_layer(&retrying)
            .build()
    } else {
        super::multiplexed::builder(&config)?
            .with_layer(&retrying)
            .build()
    };
    Ok(client)
}
