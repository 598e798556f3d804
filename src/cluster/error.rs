//! Cluster errors that say which context and which object, and tell a
//! forbidden request, a missing kind, a field-manager conflict and an
//! unreachable cluster apart (callers act differently on each).

use std::path::PathBuf;

use crate::error_chain::chain;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("cannot read kubeconfig {path}: {message}")]
    Kubeconfig { path: PathBuf, message: String },
    #[error("context {context:?} is not in the kubeconfig (it has: {available})")]
    UnknownContext { context: String, available: String },
    #[error("the kubeconfig has no contexts")]
    NoContexts,
    #[error("{context}: cannot build a client: {message}")]
    Config { context: String, message: String },
    #[error("{context}: cluster unreachable: {message}")]
    Unreachable { context: String, message: String },
    #[error("{context}: no answer within {after:?} ({what})")]
    Timeout {
        context: String,
        what: String,
        after: Duration,
    },
    #[error("{context}: forbidden: {what}: {message}")]
    Forbidden {
        context: String,
        what: String,
        message: String,
    },
    #[error(
        "{context}: {what}: the kind {kind} ({api_version}) is not served by the cluster (is its CRD installed?)"
    )]
    UnknownKind {
        context: String,
        what: String,
        api_version: String,
        kind: String,
    },
    #[error("{context}: {what}: conflict with field manager(s) {}: {message} (use --force to take the fields over)", managers.join(", "))]
    Conflict {
        context: String,
        what: String,
        managers: Vec<String>,
        message: String,
    },
    #[error("{context}: {what}: rejected by the API server ({code} {reason}): {message}")]
    Rejected {
        context: String,
        what: String,
        code: u16,
        reason: String,
        message: String,
    },
    #[error("{context}: {what}: {message}")]
    Other {
        context: String,
        what: String,
        message: String,
    },
}

impl ClusterError {
    /// Turns a kube error on `what` (e.g. "apply apps/Deployment shop/web") into
    /// one that keeps the context and the object.
    pub fn from_kube(context: &str, what: impl Into<String>, err: kube::Error) -> Self {
        let context = context.to_string();
        let what = what.into();
        match err {
            kube::Error::Api(status) => {
                let message = status.message.clone();
                match status.code {
                    403 => Self::Forbidden {
                        context,
                        what,
                        message,
                    },
                    409 if status.reason == "Conflict" && is_field_conflict(&status) => {
                        Self::Conflict {
                            context,
                            what,
                            managers: conflicting_managers(&status),
                            message,
                        }
                    }
                    code => Self::Rejected {
                        context,
                        what,
                        code,
                        reason: status.reason.clone(),
                        message,
                    },
                }
            }
            kube::Error::HyperError(e) => Self::Unreachable {
                context,
                message: chain(&e),
            },
            kube::Error::Service(e) => Self::Unreachable {
                context,
                message: chain(e.as_ref()),
            },
            other => Self::Other {
                context,
                what,
                message: kube_error_text(&other),
            },
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Rejected { code: 404, .. })
    }

    pub fn is_unreachable(&self) -> bool {
        matches!(self, Self::Unreachable { .. } | Self::Timeout { .. })
    }

    pub fn is_forbidden(&self) -> bool {
        matches!(self, Self::Forbidden { .. })
    }
}

/// The text of a kube error, each cause once. kube's own errors print their
/// cause inside their message (`"Error deserializing response: {0}"`) and
/// also return it from `source()`, so their message alone is complete;
/// hyper and tower, under them, leave causes to `source()`, so those chains
/// are walked. Told apart by variant, never by comparing texts.
pub fn kube_error_text(err: &kube::Error) -> String {
    match err {
        kube::Error::HyperError(e) => format!("HyperError: {}", chain(e)),
        kube::Error::Service(e) => format!("ServiceError: {}", chain(e.as_ref())),
        other => other.to_string(),
    }
}

/// The text of a watch error (kube-runtime's errors, like kube's, print the
/// kube error they wrap inside their message).
pub fn watch_error_text(err: &kube::runtime::watcher::Error) -> String {
    use kube::runtime::watcher::Error as Watch;
    match err {
        Watch::InitialListFailed(e) => {
            format!(
                "failed to perform initial object list: {}",
                kube_error_text(e)
            )
        }
        Watch::WatchStartFailed(e) => {
            format!("failed to start watching object: {}", kube_error_text(e))
        }
        Watch::WatchFailed(e) => format!("watch stream failed: {}", kube_error_text(e)),
        other => other.to_string(),
    }
}

fn is_field_conflict(status: &kube::core::Status) -> bool {
    status
        .details
        .as_ref()
        .is_some_and(|d| d.causes.iter().any(|c| c.reason == "FieldManagerConflict"))
        || status.message.contains("conflict")
}

/// Field managers named in a conflict, e.g. `conflict with "kubectl-edit" using apps/v1`.
fn conflicting_managers(status: &kube::core::Status) -> Vec<String> {
    let mut texts: Vec<&str> = vec![status.message.as_str()];
    if let Some(d) = &status.details {
        texts.extend(d.causes.iter().map(|c| c.message.as_str()));
    }
    let mut managers = Vec::new();
    for text in texts {
        let mut rest = text;
        while let Some(pos) = rest.find("conflict with \"") {
            rest = &rest[pos + "conflict with \"".len()..];
            if let Some(end) = rest.find('"') {
                let name = rest[..end].to_string();
                if !managers.contains(&name) {
                    managers.push(name);
                }
                rest = &rest[end..];
            }
        }
    }
    managers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict_status() -> kube::core::Status {
        serde_json::from_value(serde_json::json!({
            "status": "Failure",
            "code": 409,
            "reason": "Conflict",
            "message": "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas",
            "details": {"causes": [{"reason": "FieldManagerConflict", "message": "conflict with \"kubectl-edit\" using apps/v1", "field": ".spec.replicas"}]}
        }))
        .expect("status")
    }

    #[test]
    fn a_field_conflict_names_the_other_manager_once() {
        let err = ClusterError::from_kube(
            "prod",
            "apply Deployment shop/web",
            kube::Error::Api(Box::new(conflict_status())),
        );
        match &err {
            ClusterError::Conflict { managers, .. } => {
                assert_eq!(managers, &vec!["kubectl-edit".to_string()])
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        let text = err.to_string();
        assert!(
            text.contains("prod")
                && text.contains("Deployment shop/web")
                && text.contains("--force"),
            "{text}"
        );
    }

    #[test]
    fn forbidden_and_not_found_are_told_apart() {
        let mut st = conflict_status();
        st.code = 403;
        st.reason = "Forbidden".into();
        assert!(
            ClusterError::from_kube("c", "get x", kube::Error::Api(Box::new(st.clone())))
                .is_forbidden()
        );
        st.code = 404;
        st.reason = "NotFound".into();
        assert!(
            ClusterError::from_kube("c", "get x", kube::Error::Api(Box::new(st))).is_not_found()
        );
    }
}
