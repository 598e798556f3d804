//! The agent's one decision, as a pure function so it is tested without a cluster.

use crate::engine::app::Application;
use crate::engine::drift::{DriftReport, DriftState};
use crate::engine::ops::SyncRequest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Apply Git now.
    Sync,
    /// Only record drift and health.
    Observe,
}

/// What the agent's own sync asks for.
pub fn auto_sync_request() -> SyncRequest {
    SyncRequest {
        label: "auto-sync".into(),
        // Git is the truth for an automated app: fields a hand edit took
        // over (kubectl patch, edit) are taken back, as Flux does.
        force: true,
        quiet_repeats: true,
        // Git down: keep the cluster equal to Git as last fetched.
        allow_stale: true,
        ..Default::default()
    }
}

/// For an automated, unpaused app: sync when Git has a revision the cluster
/// never got, when objects are missing, or when it drifted and self-heal is on.
pub fn decide(app: &Application, report: &DriftReport) -> Decision {
    if report.in_sync() && report.count(DriftState::Extra) == 0 {
        return Decision::Observe;
    }
    let deployed = app.status.as_ref().and_then(|s| s.sync.revision.as_deref());
    let new_revision = deployed != Some(report.revision.as_str());
    let missing = report.count(DriftState::Missing) > 0;
    if new_revision || missing || app.spec.sync_policy.self_heal {
        Decision::Sync
    } else {
        Decision::Observe
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::app::{ApplicationSpec, ApplicationStatus, SyncState};
    use crate::engine::drift::ObjectDrift;
    use crate::engine::health::Health;
    use crate::engine::render::ObjectKey;

    fn app(deployed: Option<&str>, self_heal: bool) -> Application {
        let mut spec = ApplicationSpec::default();
        spec.sync_policy.automated = true;
        spec.sync_policy.self_heal = self_heal;
        let mut a = Application::new("a", spec);
        a.status = Some(ApplicationStatus {
            sync: SyncState {
                status: "Synced".into(),
                revision: deployed.map(str::to_string),
                subject: None,
            },
            ..Default::default()
        });
        a
    }

    fn report(revision: &str, state: DriftState) -> DriftReport {
        DriftReport {
            app: "ns/a".into(),
            context: "c".into(),
            revision: revision.into(),
            objects: vec![ObjectDrift {
                key: ObjectKey {
                    group: String::new(),
                    kind: "ConfigMap".into(),
                    namespace: Some("ns".into()),
                    name: "c".into(),
                },
                source: None,
                state,
                diff: String::new(),
                live: None,
                desired: None,
                health: None,
                live_version: None,
                error: None,
            }],
            health: Health::healthy(""),
        }
    }

    #[test]
    fn a_new_commit_is_synced_even_without_self_heal() {
        assert_eq!(
            decide(
                &app(Some("old"), false),
                &report("new", DriftState::OutOfSync)
            ),
            Decision::Sync
        );
    }

    #[test]
    fn drift_at_the_deployed_revision_is_healed_only_with_self_heal() {
        assert_eq!(
            decide(
                &app(Some("r1"), false),
                &report("r1", DriftState::OutOfSync)
            ),
            Decision::Observe
        );
        assert_eq!(
            decide(&app(Some("r1"), true), &report("r1", DriftState::OutOfSync)),
            Decision::Sync
        );
    }

    #[test]
    fn missing_objects_are_created_and_an_in_sync_app_is_left_alone() {
        assert_eq!(
            decide(&app(Some("r1"), false), &report("r1", DriftState::Missing)),
            Decision::Sync
        );
        assert_eq!(
            decide(&app(Some("r1"), true), &report("r1", DriftState::Synced)),
            Decision::Observe
        );
    }
}
