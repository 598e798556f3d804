//! Routes an object to the rule for its API group and kind.

use serde_json::Value;

use super::apiservice::apiservice;
use super::cronjob::cronjob;
use super::custom_resource_definition::custom_resource_definition;
use super::daemonset::daemonset;
use super::deployment::deployment;
use super::fields::{at, has_finalizer, shorten_message, str_at};
use super::generic::generic;
use super::horizontal_pod_autoscaler::horizontal_pod_autoscaler;
use super::ingress::ingress;
use super::job::job;
use super::namespace::namespace;
use super::persistent_volume_claim::persistent_volume_claim;
use super::pod::pod;
use super::pod_disruption_budget::pod_disruption_budget;
use super::replicaset::replicaset;
use super::service::service;
use super::statefulset::statefulset;
use super::status::Health;

/// The health of one live object, or None when its kind has no notion of
/// health (ConfigMap, Secret, RBAC, ServiceAccount...) and it carries no
/// Ready/Available condition either.
pub fn assess(obj: &Value) -> Option<Health> {
    let health = assess_unshortened(obj)?;
    Some(Health {
        message: shorten_message(&health.message),
        ..health
    })
}

fn assess_unshortened(obj: &Value) -> Option<Health> {
    // Finalizers can hold an object in this state for a long time; whatever
    // its status says, it is on its way out. Argo CD's own hook finalizer is
    // the exception: a hook is judged on its status until Argo CD releases it
    // (gitops-engine pkg/health/health.go, GetResourceHealth).
    if at(obj, &["metadata", "deletionTimestamp"]).is_some_and(|t| !t.is_null())
        && !has_finalizer(obj, ARGO_HOOK_FINALIZER)
    {
        return Some(Health::progressing("Pending deletion"));
    }
    let kind = str_at(obj, &["kind"]).unwrap_or("");
    let group = api_group(str_at(obj, &["apiVersion"]).unwrap_or(""));
    match rule_for(group, kind) {
        Some(rule) => Some(rule(obj)),
        None => generic(obj),
    }
}

/// Argo CD puts this on hook resources so that it can read their outcome
/// before they are gone.
const ARGO_HOOK_FINALIZER: &str = "argocd.argoproj.io/hook-finalizer";

type Rule = fn(&Value) -> Health;

/// Kinds are matched together with their group so that a CRD that happens
/// to be called "Deployment" or "Job" falls through to the generic rule.
fn rule_for(group: &str, kind: &str) -> Option<Rule> {
    let rule: Rule = match (group, kind) {
        // extensions/v1beta1 still appears in old manifests and exports.
        ("apps" | "extensions", "Deployment") => deployment,
        ("apps", "StatefulSet") => statefulset,
        ("apps" | "extensions", "DaemonSet") => daemonset,
        ("apps" | "extensions", "ReplicaSet") => replicaset,
        ("", "Pod") => pod,
        ("", "Service") => service,
        ("", "PersistentVolumeClaim") => persistent_volume_claim,
        ("", "Namespace") => namespace,
        ("networking.k8s.io" | "extensions", "Ingress") => ingress,
        ("batch", "Job") => job,
        ("batch", "CronJob") => cronjob,
        ("autoscaling", "HorizontalPodAutoscaler") => horizontal_pod_autoscaler,
        ("apiregistration.k8s.io", "APIService") => apiservice,
        ("apiextensions.k8s.io", "CustomResourceDefinition") => custom_resource_definition,
        ("policy", "PodDisruptionBudget") => pod_disruption_budget,
        _ => return None,
    };
    Some(rule)
}

/// "apps/v1" -> "apps"; the core group ("v1") is "".
fn api_group(api_version: &str) -> &str {
    match api_version.split_once('/') {
        Some((group, _version)) => group,
        None => "",
    }
}
