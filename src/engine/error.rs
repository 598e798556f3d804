//! Engine errors always name the app, and through their source, the file,
//! revision or object involved.

use crate::cluster::ClusterError;
use crate::engine::render::RenderError;
use crate::git::GitError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("app {app}: {source}")]
    Git {
        app: String,
        #[source]
        source: Box<GitError>,
    },
    #[error("app {app}: {source}")]
    Render {
        app: String,
        #[source]
        source: Box<RenderError>,
    },
    #[error("app {app}: {source}")]
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
