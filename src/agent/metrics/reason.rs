//! The fixed label values of the agent's metrics: how a reconcile ended and,
//! when it failed, why. Fixed so a dashboard's queries and alerts keep
//! matching, and so an error text never becomes a label (unbounded series,
//! and it could quote a value).

use prometheus_client::encoding::{EncodeLabelValue, LabelValueEncoder};

use crate::cluster::ClusterError;
use crate::engine::error::EngineError;

/// How one reconcile ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReconcileResult {
    /// Objects were applied (Git moved on, or drift was healed).
    Synced,
    /// Only drift and health were measured into the status.
    Observed,
    /// The app is paused: nothing applied.
    Suspended,
    Failed,
}

impl ReconcileResult {
    pub const ALL: [ReconcileResult; 4] = [
        ReconcileResult::Synced,
        ReconcileResult::Observed,
        ReconcileResult::Suspended,
        ReconcileResult::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReconcileResult::Synced => "synced",
            ReconcileResult::Observed => "observed",
            ReconcileResult::Suspended => "suspended",
            ReconcileResult::Failed => "failed",
        }
    }
}

/// Why a reconcile failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureReason {
    /// Fetching or reading the repository.
    Git,
    /// Turning the files into objects (bad YAML, kustomize, a bad annotation).
    Render,
    /// The API server refused an object (invalid, a kind it does not serve).
    Apply,
    /// The cluster did not answer, answered with a server error, or no
    /// client could be built for it.
    Cluster,
    /// 401 or 403: the agent's identity may not do this.
    Permission,
    /// Another field manager owns the fields, or the object changed under us.
    Conflict,
    Other,
}

impl FailureReason {
    pub const ALL: [FailureReason; 7] = [
        FailureReason::Git,
        FailureReason::Render,
        FailureReason::Apply,
        FailureReason::Cluster,
        FailureReason::Permission,
        FailureReason::Conflict,
        FailureReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FailureReason::Git => "git",
            FailureReason::Render => "render",
            FailureReason::Apply => "apply",
            FailureReason::Cluster => "cluster",
            FailureReason::Permission => "permission",
            FailureReason::Conflict => "conflict",
            FailureReason::Other => "other",
        }
    }

    /// Classifies an engine error by its variant (and for cluster errors,
    /// by the HTTP code kept in them), never by its text.
    pub fn of(err: &EngineError) -> FailureReason {
        match err {
            EngineError::Git { .. } | EngineError::StaleGit { .. } => FailureReason::Git,
            // `Invalid` is what the engine says of unusable desired state
            // (a bad sync-wave annotation, say): a rendering problem.
            EngineError::Render { .. } | EngineError::Invalid { .. } => FailureReason::Render,
            EngineError::Cluster { source, .. } => Self::of_cluster(source),
            EngineError::ClusterWide(source) => Self::of_cluster(source),
            // The live state moved between plan and apply.
            EngineError::PlanChanged { .. } => FailureReason::Conflict,
            EngineError::AppNotFound { .. }
            | EngineError::Ambiguous { .. }
            | EngineError::Task { .. } => FailureReason::Other,
        }
    }

    pub fn of_cluster(err: &ClusterError) -> FailureReason {
        match err {
            ClusterError::Forbidden { .. } => FailureReason::Permission,
            ClusterError::Conflict { .. } => FailureReason::Conflict,
            ClusterError::UnknownKind { .. } => FailureReason::Apply,
            ClusterError::Rejected { code, .. } => match code {
                401 | 403 => FailureReason::Permission,
                // An optimistic-lock conflict (resourceVersion).
                409 => FailureReason::Conflict,
                // Too many requests and server errors: the cluster's trouble.
                429 | 500.. => FailureReason::Cluster,
                _ => FailureReason::Apply,
            },
            ClusterError::Unreachable { .. }
            | ClusterError::Timeout { .. }
            | ClusterError::Config { .. }
            | ClusterError::Kubeconfig { .. }
            | ClusterError::UnknownContext { .. }
            | ClusterError::NoContexts => FailureReason::Cluster,
            ClusterError::Other { .. } => FailureReason::Other,
        }
    }
}

impl EncodeLabelValue for ReconcileResult {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.as_str(), encoder)
    }
}

impl EncodeLabelValue for FailureReason {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.as_str(), encoder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(code: u16, reason: &str) -> ClusterError {
        let status: kube::core::Status = serde_json::from_value(serde_json::json!({
            "status": "Failure", "code": code, "reason": reason,
            "message": format!("{reason} for the test"),
        }))
        .expect("status");
        ClusterError::from_kube(
            "staging",
            "apply ConfigMap shop/web",
            kube::Error::Api(Box::new(status)),
        )
    }

    fn reason_of(code: u16, reason: &str) -> FailureReason {
        FailureReason::of(&EngineError::cluster(
            "staging/recon-system/web",
            api_error(code, reason),
        ))
    }

    #[test]
    fn http_codes_from_the_api_server_are_classified() {
        assert_eq!(reason_of(403, "Forbidden"), FailureReason::Permission);
        assert_eq!(reason_of(401, "Unauthorized"), FailureReason::Permission);
        assert_eq!(reason_of(409, "Conflict"), FailureReason::Conflict);
        assert_eq!(reason_of(422, "Invalid"), FailureReason::Apply);
        assert_eq!(reason_of(503, "ServiceUnavailable"), FailureReason::Cluster);
        assert_eq!(reason_of(429, "TooManyRequests"), FailureReason::Cluster);
    }

    #[test]
    fn a_cluster_wide_error_is_classified_like_an_app_one() {
        let err = EngineError::from(api_error(403, "Forbidden"));
        assert_eq!(FailureReason::of(&err), FailureReason::Permission);
        let unreachable = EngineError::from(ClusterError::Unreachable {
            context: "prod".into(),
            message: "connection refused".into(),
        });
        assert_eq!(FailureReason::of(&unreachable), FailureReason::Cluster);
    }

    #[test]
    fn git_and_render_errors_keep_their_kind() {
        let git = EngineError::git(
            "staging/recon-system/web",
            crate::git::GitError::PathNotFound {
                url: "file:///repo".into(),
                rev: "main".into(),
                path: "apps/web".into(),
            },
        );
        assert_eq!(FailureReason::of(&git), FailureReason::Git);
        let invalid = EngineError::invalid("staging/recon-system/web", "bad sync-wave");
        assert_eq!(FailureReason::of(&invalid), FailureReason::Render);
    }

    #[test]
    fn label_values_are_lowercase_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for r in FailureReason::ALL {
            let s = r.as_str();
            assert_eq!(s, s.to_lowercase());
            assert!(seen.insert(s), "{s} twice");
        }
        for r in ReconcileResult::ALL {
            assert_eq!(r.as_str(), r.as_str().to_lowercase());
            assert!(seen.insert(r.as_str()), "{} twice", r.as_str());
        }
    }
}
