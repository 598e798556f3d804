//! Container logs on the test bed. kwok serves `kubectl logs` for the fake
//! nodes from files named by kwok `ClusterLogs` objects (the supervisor
//! enables them; see tests/testenv/cmd/recon-testenv/kwok_logs.go). A test
//! makes one for its namespace, pointing at files of its own, and appends
//! lines to them; `kubectl logs -f` follows what is appended.

use std::io::Write;
use std::path::PathBuf;

use super::kubectl;

pub struct PodLogFiles {
    _dir: tempfile::TempDir,
    /// Every container's current log, in every pod of the namespace.
    pub current: PathBuf,
    /// What `--previous` reads.
    pub previous: PathBuf,
    context: String,
    name: String,
}

impl PodLogFiles {
    /// Serves the logs of every pod in `namespace` of `context` from two
    /// fresh files (empty until lines are appended).
    pub fn serve(context: &str, namespace: &str) -> PodLogFiles {
        let dir = tempfile::tempdir().expect("tempdir");
        let current = dir.path().join("current.log");
        let previous = dir.path().join("previous.log");
        for file in [&current, &previous] {
            std::fs::write(file, "").expect("create log file");
        }
        let name = format!("recon-test-{namespace}");
        let manifest = serde_json::json!({
            "apiVersion": "kwok.x-k8s.io/v1alpha1",
            "kind": "ClusterLogs",
            "metadata": {"name": name},
            "spec": {
                "selector": {"matchNamespaces": [namespace]},
                "logs": [{
                    "logsFile": current,
                    "previousLogsFile": previous,
                    "follow": true,
                }],
            },
        });
        let path = dir.path().join("clusterlogs.json");
        std::fs::write(&path, manifest.to_string()).expect("write manifest");
        let out = kubectl(context, &["apply", "-f", &path.display().to_string()]);
        assert!(
            out.status.success(),
            "kubectl apply ClusterLogs: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        PodLogFiles {
            _dir: dir,
            current,
            previous,
            context: context.to_string(),
            name,
        }
    }

    /// Appends `line` to the current log, in the CRI format kwok reads
    /// (`<RFC 3339 time> stdout F <text>`), as a container runtime writes it.
    pub fn append(&self, line: &str) {
        append_cri(&self.current, line);
    }

    pub fn append_previous(&self, line: &str) {
        append_cri(&self.previous, line);
    }
}

fn append_cri(path: &PathBuf, line: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open log file");
    writeln!(file, "{} stdout F {line}", jiff::Timestamp::now()).expect("append log line");
}

impl Drop for PodLogFiles {
    fn drop(&mut self) {
        let _ = kubectl(
            &self.context,
            &["delete", "clusterlogs", &self.name, "--wait=false"],
        );
    }
}
