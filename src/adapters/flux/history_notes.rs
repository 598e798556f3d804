//! What Flux's own `status.history` says of a commit: how its reconciles
//! of that revision ended, how many there were and when the last was, to
//! stand beside the commit in recon's history of the path.

use super::model::{FluxKustomization, revision_sha};

/// E.g. `Flux: ReconciliationSucceeded, 3 reconciles, last 2026-12-02T14:02:11Z`.
pub fn note_for(ks: &FluxKustomization, commit: &str) -> Option<String> {
    let history = &ks.status.as_ref()?.history;
    let snapshot = history.iter().find(|s| {
        s.metadata
            .get("revision")
            .is_some_and(|r| !r.is_empty() && commit.starts_with(revision_sha(r)))
    })?;
    Some(format!(
        "Flux: {}, {} reconcile{}, last {}",
        snapshot.last_reconciled_status,
        snapshot.total_reconciliations,
        if snapshot.total_reconciliations == 1 {
            ""
        } else {
            "s"
        },
        snapshot.last_reconciled
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_flux_reconciled_gets_its_snapshot_and_others_none() {
        // As kustomize-controller v1.9.6 writes it (Upsert in fluxcd/pkg meta).
        let ks: FluxKustomization = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "apps"},
            "spec": {"sourceRef": {"kind": "GitRepository", "name": "repo"}, "path": "./deploy"},
            "status": {"history": [
                {"digest": "sha256:1", "firstReconciled": "2026-12-02T14:00:00Z",
                 "lastReconciled": "2026-12-02T14:02:11Z", "lastReconciledDuration": "1.2s",
                 "lastReconciledStatus": "ReconciliationSucceeded", "totalReconciliations": 3,
                 "metadata": {"revision": "main@sha1:0123456789abcdef"}},
                {"digest": "sha256:2", "firstReconciled": "2026-12-02T13:00:00Z",
                 "lastReconciled": "2026-12-02T13:00:00Z", "lastReconciledDuration": "1s",
                 "lastReconciledStatus": "HealthCheckFailed", "totalReconciliations": 1,
                 "metadata": {"revision": "main@sha1:fedcba9876543210"}}
            ]}
        }))
        .expect("kustomization");
        assert_eq!(
            note_for(&ks, "0123456789abcdef").as_deref(),
            Some("Flux: ReconciliationSucceeded, 3 reconciles, last 2026-12-02T14:02:11Z")
        );
        assert_eq!(
            note_for(&ks, "fedcba9876543210").as_deref(),
            Some("Flux: HealthCheckFailed, 1 reconcile, last 2026-12-02T13:00:00Z")
        );
        assert_eq!(note_for(&ks, "aaaaaaaa"), None);
    }
}
