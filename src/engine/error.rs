//! Engine errors always name the app, and through their source, the file,
//! revision or object involved. The message names only the app: the cause
//! is the `source()`, added once by `crate::error_chain::chain` wherever an
//! error is shown.

use crate::cluster::ClusterError;
use crate::engine::render::RenderError;
use crate::git::GitError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("app {app}")]
    Git {
        app: String,
        #[source]
        source: Box<GitError>,
    },
    #[error("app {app}")]
    Render {
        app: String,
        #[source]
        source: Box<RenderError>,
    },
    #[error("app {app}")]
    Cluster {
        app: String,
        #[source]
        source: Box<ClusterError>,
    },
    #[error(transparent)]
    ClusterWide(Box<ClusterError>),
    #[error("no Application named {name:?} in {searched}")]
    AppNotFound { name: String, searched: String },
    #[error("{name:?} is ambiguous: it matches {}; name it as CONTEXT/NAMESPACE/APP", candidates.join(", "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("app {app}: {message}")]
    Invalid { app: String, message: String },
    /// What was confirmed is no longer what would be done: nothing was applied.
    #[error("app {app}: the plan changed since it was confirmed ({what}); nothing was applied")]
    PlanChanged { app: String, what: String },
    /// Git could not be fetched and the caller did not say the cache may stand in.
    #[error(
        "app {app}: Git cannot be fetched ({error}); the cached clone ({age}) would be applied: pass --allow-stale (in the console: confirm twice) to sync from it"
    )]
    StaleGit {
        app: String,
        error: String,
        age: String,
    },
    #[error("app {app}: background task failed: {message}")]
    Task { app: String, message: String },
}

impl EngineError {
    pub fn git(app: &str, source: GitError) -> Self {
        Self::Git {
            app: app.to_string(),
            source: Box::new(source),
        }
    }
    pub fn render(app: &str, source: RenderError) -> Self {
        Self::Render {
            app: app.to_string(),
            source: Box::new(source),
        }
    }
    pub fn cluster(app: &str, source: ClusterError) -> Self {
        Self::Cluster {
            app: app.to_string(),
            source: Box::new(source),
        }
    }
    pub fn invalid(app: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            app: app.to_string(),
            message: message.into(),
        }
    }
}

impl From<ClusterError> for EngineError {
    fn from(e: ClusterError) -> Self {
        Self::ClusterWide(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_chain::chain;

    #[test]
    fn the_app_and_the_cause_are_each_said_once() {
        let cause = GitError::PathNotFound {
            url: "file:///repo".into(),
            rev: "main".into(),
            path: "apps/web".into(),
        };
        let err = EngineError::git("staging/recon-system/web", cause);
        assert_eq!(err.to_string(), "app staging/recon-system/web");
        assert_eq!(
            chain(&err),
            "app staging/recon-system/web: path \"apps/web\" not found at main in file:///repo"
        );
    }
}
