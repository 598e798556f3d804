//! The agent's Deployment: one replica (a second would stand by on the
//! Lease), probes on the metrics endpoint, no root, a read-only root
//! filesystem with the Git cache and temp files on emptyDirs.

use serde_json::{Value, json};

use super::{AGENT_NAME, labels};
use crate::engine::app::SYSTEM_NAMESPACE;

/// Where the agent listens for /metrics, /healthz and /readyz.
pub const METRICS_PORT: u16 = 9090;
/// The Git cache and audit journal: an emptyDir, so a restarted pod clones again.
const CACHE_DIR: &str = "/var/cache/recon";
/// The uid of the image's `recon` user (Dockerfile).
const RUN_AS: i64 = 10001;

pub fn deployment(image: &str) -> Value {
    let selector = json!({"app.kubernetes.io/name": AGENT_NAME});
    let probe = |path: &str, period: u32| {
        json!({
            "httpGet": {"path": path, "port": "metrics"},
            "periodSeconds": period,
            "timeoutSeconds": 2,
            "failureThreshold": 3,
        })
    };
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": AGENT_NAME, "namespace": SYSTEM_NAMESPACE, "labels": labels()},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": selector},
            "template": {
                "metadata": {
                    "labels": labels(),
                    "annotations": {
                        "prometheus.io/scrape": "true",
                        "prometheus.io/port": METRICS_PORT.to_string(),
                        "prometheus.io/path": "/metrics",
                    },
                },
                "spec": {
                    "serviceAccountName": AGENT_NAME,
                    "securityContext": {
                        "runAsNonRoot": true,
                        "runAsUser": RUN_AS,
                        "runAsGroup": RUN_AS,
                        "fsGroup": RUN_AS,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [{
                        "name": "agent",
                        "image": image,
                        "args": ["agent", "--metrics-addr", format!("0.0.0.0:{METRICS_PORT}")],
                        "env": [
                            {"name": "RECON_CACHE_DIR", "value": format!("{CACHE_DIR}/repos")},
                            {"name": "RECON_AUDIT_LOG", "value": format!("{CACHE_DIR}/audit.jsonl")},
                            // Git and dirs look under $HOME; the root filesystem is read-only.
                            {"name": "HOME", "value": CACHE_DIR},
                            {"name": "TMPDIR", "value": "/tmp"},
                        ],
                        "ports": [{"name": "metrics", "containerPort": METRICS_PORT, "protocol": "TCP"}],
                        "livenessProbe": probe("/healthz", 20),
                        "readinessProbe": probe("/readyz", 10),
                        "resources": {
                            "requests": {"cpu": "100m", "memory": "128Mi"},
                            "limits": {"memory": "1Gi"},
                        },
                        "securityContext": {
                            "allowPrivilegeEscalation": false,
                            "readOnlyRootFilesystem": true,
                            "capabilities": {"drop": ["ALL"]},
                        },
                        "volumeMounts": [
                            {"name": "cache", "mountPath": CACHE_DIR},
                            {"name": "tmp", "mountPath": "/tmp"},
                        ],
                    }],
                    "volumes": [
                        {"name": "cache", "emptyDir": {"sizeLimit": "4Gi"}},
                        {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}},
                    ],
                },
            },
        },
    })
}
