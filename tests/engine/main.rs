//! The GitOps engine and its command line, against real control planes and
//! real Git repositories, checked with kubectl.

#[path = "../support/mod.rs"]
mod support;

mod agent;
mod agent_controller;
mod agent_faults;
mod agent_metrics;
mod agent_rbac;
mod api_server_dies;
mod bad_input;
mod batch;
mod drift_and_sync;
mod fixtures;
mod get_apps;
mod git_down;
mod helm;
mod kubeconfig_faults;
mod lifecycle;
mod pause_and_rollback;
mod prune_and_order;
mod readme;
mod secrets;
