//! Resource health assessment, in the spirit of Argo CD's gitops-engine
//! `pkg/health`: each live Kubernetes object (as JSON from the API server)
//! gets a [`HealthStatus`] and a short message for the terminal, and an
//! application's health is the [`worst`] of its resources.
//!
//! Rules live in one file per kind or family; [`assess`] routes by API group
//! and kind, and falls back to a generic `Ready`/`Available` condition rule.

mod apiservice;
mod cronjob;
mod daemonset;
mod deployment;
mod dispatch;
mod fields;
mod generic;
mod horizontal_pod_autoscaler;
mod ingress;
mod job;
mod namespace;
mod persistent_volume_claim;
mod pod;
mod replicaset;
mod service;
mod statefulset;
mod status;

#[cfg(test)]
mod tests;

pub use dispatch::assess;
pub use status::{Health, HealthStatus, worst};
