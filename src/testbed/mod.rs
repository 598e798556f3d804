//! The test bed: real Kubernetes control planes on loopback, built from the
//! upstream Go modules under `tests/testenv`. Used by the integration tests
//! and by `recon demo`; not part of what recon needs in production.

mod compile;
mod launch;
mod repo_builder;

pub use compile::{HarnessBinaries, ensure_built, testenv_source_dir};
pub use launch::{ClusterEndpoint, StartOptions, TestEnv, TestEnvError};
pub use repo_builder::RepoBuilder;
