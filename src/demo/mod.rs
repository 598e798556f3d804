//! `recon demo`: two local clusters, a demo Git repository with a believable
//! history, apps installed and synced, some drift, and the console on them.
//! The user's own kubeconfig is never read or touched.

mod history;
mod manifests;
mod setup;

pub use setup::{DemoEnv, Progress, prepare};
