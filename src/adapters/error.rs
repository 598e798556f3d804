//! Errors of the adapter layer: each names the app (`context/namespace/name`
//! or `namespace/name`) and keeps its cause as a typed source.

use crate::cluster::ClusterError;
use crate::engine::error::EngineError;

#[derive(Debug, thiserror::Error)]
pub enum AdapterError {
    #[error("app {app}")]
    Cluster {
        app: String,
        #[source]
        source: Box<ClusterError>,
    },
    #[error(transparent)]
    Engine(#[from] Box<EngineError>),
    #[error(
        "app {app}: Argo CD is already running an operation ({what}); wait for it to finish or terminate it in Argo CD"
    )]
    OperationInProgress { app: String, what: String },
    #[error("app {app}: {message}")]
    Refused { app: String, message: String },
    #[error(
        "app {app}: its destination {destination} is not reachable through any kubeconfig context ({hint})"
    )]
    NoContextForDestination {
        app: String,
        destination: String,
        hint: String,
    },
    #[error("app {app}: Argo CD's operation ended {phase}: {message}")]
    OperationFailed {
        app: String,
        phase: String,
        message: String,
    },
    #[error(
        "app {app}: Argo CD did not finish the operation within {seconds} s (last phase: {phase})"
    )]
    OperationTimeout {
        app: String,
        seconds: u64,
        phase: String,
    },
}

impl AdapterError {
    pub fn cluster(app: &str, source: ClusterError) -> Self {
        Self::Cluster {
            app: app.to_string(),
            source: Box::new(source),
        }
    }

    pub fn refused(app: &str, message: impl Into<String>) -> Self {
        Self::Refused {
            app: app.to_string(),
            message: message.into(),
        }
    }
}

impl From<EngineError> for AdapterError {
    fn from(e: EngineError) -> Self {
        Self::Engine(Box::new(e))
    }
}
