//! recon's test bed running a real Argo CD (v3, application controller and
//! repo-server, built from its Go module): Applications created with kubectl
//! are synced by Argo CD itself, in its own cluster and in a second one.
//! Nothing here writes an Application's status: Argo CD does.

#[path = "../support/mod.rs"]
mod support;

#[path = "../console/tmux.rs"]
#[allow(dead_code)]
mod tmux;

mod console;
mod fixtures;
mod in_cluster;
mod lifecycle;
mod recon_drift_sync;
mod recon_lists;
mod recon_rollback_pause;
mod second_cluster;
