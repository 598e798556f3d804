//! The test bed: real Kubernetes control planes on loopback, built from the
//! upstream Go modules under `tests/testenv`. Used by the integration tests
//! and by `recon demo`; not part of what recon needs in production.

mod compile;
mod compile_argocd;
mod compile_flux;
mod compile_helm;
mod error;
mod faults;
mod go_module;
mod launch;
mod repo_builder;

pub(crate) use compile::which;
pub use compile::{HarnessBinaries, ensure_built, testenv_source_dir};
pub use compile_argocd::{ARGOCD_GOTOOLCHAIN, ArgoCdBinaries, ensure_argocd_built};
pub use compile_flux::{FLUX_GOTOOLCHAIN, FluxBinaries, ensure_flux_built};
pub use compile_helm::{HelmBinary, ensure_helm_built};
pub use launch::{
    ArgoCdEndpoint, ClusterEndpoint, FluxEndpoint, GitHttpServer, StartOptions, TestEnv,
    TestEnvError,
};
pub use repo_builder::RepoBuilder;
