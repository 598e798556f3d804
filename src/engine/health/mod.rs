//! Resource health assessment, in the spirit of Argo CD's gitops-engine
//! `pkg/health`: each live Kubernetes object (as JSON from the API server)
//! gets a [`HealthStatus`] and a short message for the terminal, and an
//! application's health is the [`worst`] of its resources.
//!
//! Rules live in one file per kind or family; [`assess`] routes by API group
//! and kind, and falls back to a generic `Ready`/`Available` condition rule.
//! Each rule follows Argo CD's (gitops-engine `pkg/health/health_*.go`, or
//! argo-cd `resource_customizations/<group>/<kind>/health.lua`), named in its
//! file; where recon judges differently on purpose, the rule says why and the
//! README lists it.

mod apiservice;
mod cronjob;
mod custom_resource_definition;
mod daemonset;
mod deployment;
mod dispatch;
pub mod fields;
mod generic;
mod horizontal_pod_autoscaler;
mod ingress;
mod job;
mod namespace;
mod persistent_volume_claim;
mod pod;
mod pod_disruption_budget;
mod replicaset;
mod service;
mod statefulset;
mod status;

#[cfg(test)]
mod tests;

pub use dispatch::assess;
pub use status::{Health, HealthStatus, worst};
