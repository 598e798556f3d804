//! Odd input must never panic: wrong types read as absent.

use serde_json::json;

use super::super::{HealthStatus, assess};

#[test]
fn wrong_types_are_treated_as_absent() {
    // replicas as a string is ignored (defaults to 1); counters as strings read as 0.
    let deployment = json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "generation": "4"},
        "spec": {"replicas": "3", "paused": "true"},
        "status": {"updatedReplicas": "1", "conditions": "none"}
    });
    let health = assess(&deployment).map(|h| (h.status, h.message));
    assert_eq!(
        health,
        Some((
            HealthStatus::Progressing,
            "Waiting for rollout to finish: 0 out of 1 new replicas have been updated..."
                .to_string()
        ))
    );
}

#[test]
fn missing_sections_do_not_panic() {
    let kinds = [
        ("apps/v1", "Deployment"),
        ("apps/v1", "StatefulSet"),
        ("apps/v1", "DaemonSet"),
        ("apps/v1", "ReplicaSet"),
        ("v1", "Pod"),
        ("v1", "Service"),
        ("v1", "PersistentVolumeClaim"),
        ("v1", "Namespace"),
        ("networking.k8s.io/v1", "Ingress"),
        ("batch/v1", "Job"),
        ("batch/v1", "CronJob"),
        ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ("apiregistration.k8s.io/v1", "APIService"),
        ("autoscaling/v1", "HorizontalPodAutoscaler"),
        ("policy/v1", "PodDisruptionBudget"),
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ];
    for (api_version, kind) in kinds {
        let bare = json!({"apiVersion": api_version, "kind": kind});
        assert!(
            assess(&bare).is_some(),
            "{kind} should always have a health"
        );
        let garbage = json!({
            "apiVersion": api_version,
            "kind": kind,
            "metadata": [],
            "spec": 7,
            "status": {"conditions": [1, "x", {"status": "True"}], "containerStatuses": {}}
        });
        assert!(assess(&garbage).is_some(), "{kind} with garbage fields");
    }
    assert_eq!(assess(&json!(null)), None);
    assert_eq!(assess(&json!("Deployment")), None);
}

#[test]
fn long_multi_line_messages_are_shortened_for_the_table() {
    let long_line = "x".repeat(500);
    let pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p"},
        "status": {"phase": "Failed", "message": format!("\n  first line  \n{long_line}")}
    });
    let health = assess(&pod).map(|h| h.message);
    assert_eq!(health.as_deref(), Some("first line"));

    let pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p"},
        "status": {"phase": "Failed", "message": long_line}
    });
    let message = assess(&pod).map(|h| h.message).unwrap_or_default();
    assert_eq!(message.chars().count(), 160);
    assert!(message.ends_with('…'));
}

#[test]
fn null_deletion_timestamp_is_not_deletion() {
    let namespace = json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": "shop", "deletionTimestamp": null},
        "status": {"phase": "Active"}
    });
    assert_eq!(
        assess(&namespace).map(|h| h.status),
        Some(HealthStatus::Healthy)
    );
}
