//! What can go wrong building or running the test bed, each naming what and where.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum TestEnvError {
    #[error(
        "the test bed needs the Go toolchain (1.26 or newer) to build the Kubernetes control plane; install it (e.g. `apt-get install golang-go` or from go.dev) and make sure `go` is on PATH"
    )]
    GoMissing,
    #[error("building {component} for the test bed failed; last lines of go build:\n{tail}")]
    Build {
        /// What was being built: "the control plane", "Argo CD", "Flux".
        component: &'static str,
        tail: String,
    },
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Argo CD was asked for on cluster {0:?}, which is not among the clusters to start")]
    ArgoCdClusterUnknown(String),
    #[error("Flux was asked for on cluster {0:?}, which is not among the clusters to start")]
    FluxClusterUnknown(String),
    #[error("the control planes did not start: {0}")]
    Start(String),
    #[error("the test bed could not {command}: {why}")]
    Command { command: String, why: String },
    #[error("the control planes did not stop within {0:?}")]
    StopTimeout(Duration),
}

impl TestEnvError {
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
