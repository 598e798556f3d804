use super::{case, check_all};

#[test]
fn pod_disruption_budget() {
    check_all(
        "argoproj/argo-cd resource_customizations/policy/PodDisruptionBudget/health.lua",
        &[
            case!("pdb_sufficient_pods.yaml" => Healthy, "PodDisruptionBudget has SufficientPods"),
            case!("pdb_insufficient_pods.yaml" => Healthy, "PodDisruptionBudget has InsufficientPods"),
            case!("pdb_sync_failed.yaml" => Degraded, "PodDisruptionBudget has SyncFailed"),
            case!("pdb_no_status.yaml" => Progressing, "Waiting for status"),
        ],
    );
}
