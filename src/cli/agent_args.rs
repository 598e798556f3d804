//! The flags of `recon agent`.

use std::time::Duration;

use clap::Args;

use crate::duration_input::parse as parse_duration;

#[derive(Debug, Args)]
pub struct AgentArgs {
    /// How often each app is checked against Git when it sets no `spec.interval`
    /// (jittered by up to 10%). Changes in the cluster are seen at once, by watch.
    #[arg(long, default_value = "1m", value_parser = parse_duration)]
    pub interval: Duration,
    /// Reconcile every app once and exit: 0 when all succeeded, 1 when any failed.
    #[arg(long)]
    pub once: bool,
    /// Only the Applications of this namespace (default: all namespaces).
    #[arg(long, short = 'n', value_name = "NAMESPACE")]
    pub namespace: Option<String>,
    /// Apps reconciled at once per cluster.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// First retry delay of a failing app; doubled per failure up to --retry-max.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub retry_base: Duration,
    /// Longest retry delay of a failing app.
    #[arg(long, default_value = "5m", value_parser = parse_duration)]
    pub retry_max: Duration,
    /// Namespace of the leader-election Lease (`recon-agent`).
    #[arg(long, default_value = "recon-system", value_name = "NAMESPACE")]
    pub lease_namespace: String,
    /// How long a leader that stopped renewing keeps the Lease.
    #[arg(long, default_value = "15s", value_parser = parse_duration)]
    pub lease_duration: Duration,
    /// Act without a Lease: only when no other agent can run on the cluster.
    #[arg(long)]
    pub no_leader_election: bool,
    /// Serve Prometheus /metrics, /healthz and /readyz here (e.g. 0.0.0.0:9090).
    /// /readyz answers 200 once the cluster answers, leading or standing by.
    #[arg(long, value_name = "ADDR:PORT")]
    pub metrics_addr: Option<std::net::SocketAddr>,
}
