//! The flags of `recon install` (apart from args.rs, which holds the rest).

use clap::{Args, ValueEnum};

use crate::engine::install::agent::{EXAMPLE_IMAGE, GroupResource};

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Also run the agent in the cluster: ServiceAccount, ClusterRole and
    /// bindings, a Role for its Lease, and a Deployment in recon-system.
    #[arg(long)]
    pub agent: bool,
    /// The agent's container image. The default is an example name: recon
    /// publishes no image; build the repository's Dockerfile and push it.
    #[arg(long, requires = "agent", default_value = EXAMPLE_IMAGE, value_name = "IMAGE")]
    pub image: String,
    /// Only let the agent change these resources (kubectl's RESOURCE[.GROUP]
    /// form, e.g. configmaps,deployments.apps). Default: every resource, as
    /// Argo CD's application controller.
    #[arg(long, requires = "agent", value_delimiter = ',', value_name = "RESOURCE[.GROUP],...",
          value_parser = GroupResource::parse)]
    pub agent_manage: Vec<GroupResource>,
    /// Print what would be applied and contact no cluster.
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run, print the objects: yaml (a stream for `kubectl apply -f -`) or json (a List).
    #[arg(short, long, value_enum, requires = "dry_run")]
    pub output: Option<ManifestFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ManifestFormat {
    Yaml,
    Json,
}
