//! core/v1 Pod, as Argo CD judges it: gitops-engine
//! `pkg/health/health_pod.go`, with init containers and InvalidImageName also
//! counted as stuck (see the README's deliberate differences).

use serde_json::Value;

use super::fields::{annotation, array_at, at, condition, int_at, is_true_at, str_at};
use super::status::Health;

/// With this annotation (any value) a Running pod is judged like a
/// long-running one whatever its restartPolicy: for pods that an operator
/// runs with Never/OnFailure but which are not hooks.
const IGNORE_RESTART_POLICY_ANNOTATION: &str = "argocd.argoproj.io/ignore-restart-policy";

pub fn pod(obj: &Value) -> Health {
    let restart_policy = str_at(obj, &["spec", "restartPolicy"]).unwrap_or("Always");
    let pod_message = str_at(obj, &["status", "message"]).unwrap_or("");

    // Only long-running pods are judged on stuck containers: a pod with
    // restartPolicy Never/OnFailure is usually a hook or a job, and calling it
    // Degraded while an image is still being pulled would fail it too early.
    if restart_policy == "Always" {
        let stuck = stuck_containers(obj);
        if !stuck.is_empty() {
            return Health::degraded(stuck.join(", "));
        }
    }

    match str_at(obj, &["status", "phase"]).unwrap_or("") {
        "Pending" => Health::progressing(or_default(pod_message, "Pod is pending")),
        "Succeeded" => Health::healthy(or_default(pod_message, "Pod completed")),
        "Failed" => Health::degraded(failure_message(obj, pod_message)),
        "Running" => running(obj, restart_policy, pod_message),
        "" => Health::unknown(or_default(pod_message, "Pod has no phase")),
        other => Health::unknown(or_default(pod_message, &format!("Pod phase {other}"))),
    }
}

fn running(obj: &Value, restart_policy: &str, pod_message: &str) -> Health {
    if restart_policy != "Always" && annotation(obj, IGNORE_RESTART_POLICY_ANNOTATION).is_none() {
        // A finite pod (hook, job pod) is only done when it has Succeeded.
        return Health::progressing(or_default(pod_message, "Pod is running"));
    }
    let statuses = container_statuses(obj);
    let ready_count = statuses.iter().filter(|s| is_ready(s)).count();
    let summary = format!("{ready_count}/{} containers ready", statuses.len());
    if is_pod_ready(obj) {
        return Health::healthy(summary);
    }
    // Not ready and a container has already died once: it is crash-looping
    // or failing its probes, not still starting up.
    for status in &statuses {
        if let Some(terminated) = at(status, &["lastState", "terminated"]) {
            let container = container_name(status);
            let reason = str_at(terminated, &["reason"]).unwrap_or("terminated");
            return Health::degraded(format!(
                "container {container:?} is not ready and last terminated: {reason}"
            ));
        }
    }
    Health::progressing(summary)
}

/// The pod's own Ready condition (it accounts for readiness gates), as
/// kubectl's podutils.IsPodReady reads it: no condition, not ready.
fn is_pod_ready(obj: &Value) -> bool {
    condition(obj, "Ready").is_some_and(|ready| ready.is_true())
}

fn is_ready(status: &Value) -> bool {
    is_true_at(status, &["ready"])
}

fn container_name(status: &Value) -> &str {
    str_at(status, &["name"]).unwrap_or("?")
}

/// Init containers first: they run before, and block, the app containers.
/// (Argo CD looks only at app containers for stuck ones, so a crash-looping
/// init container leaves the pod Pending and Progressing there for ever.)
fn all_container_statuses(obj: &Value) -> impl Iterator<Item = &Value> {
    array_at(obj, &["status", "initContainerStatuses"])
        .iter()
        .chain(container_statuses(obj))
}

fn container_statuses(obj: &Value) -> Vec<&Value> {
    array_at(obj, &["status", "containerStatuses"])
        .iter()
        .collect()
}

/// Waiting reasons that will not resolve on their own: bad images, bad
/// config, crash loops. Kubelet names them Err*, *Error or *BackOff, as
/// Argo CD matches them, except InvalidImageName, which no retry fixes
/// either; recon adds it.
fn is_stuck_reason(reason: &str) -> bool {
    reason.starts_with("Err")
        || reason.ends_with("Error")
        || reason.ends_with("BackOff")
        || reason == "InvalidImageName"
}

/// Every stuck container, init containers first, as `container "name": Reason: message`.
fn stuck_containers(obj: &Value) -> Vec<String> {
    all_container_statuses(obj)
        .filter_map(stuck_container)
        .collect()
}

fn stuck_container(status: &Value) -> Option<String> {
    let waiting = at(status, &["state", "waiting"])?;
    let reason = str_at(waiting, &["reason"])?;
    if !is_stuck_reason(reason) {
        return None;
    }
    let container = container_name(status);
    let detail = str_at(waiting, &["message"]).unwrap_or("");
    Some(if detail.is_empty() {
        format!("container {container:?}: {reason}")
    } else {
        format!("container {container:?}: {reason}: {detail}")
    })
}

/// Why a Failed pod failed: the pod message if any, else the first container
/// that terminated with a message, OOM kill or non-zero exit code.
fn failure_message(obj: &Value, pod_message: &str) -> String {
    if !pod_message.is_empty() {
        return pod_message.to_string();
    }
    let from_container = all_container_statuses(obj).find_map(|status| {
        let terminated = at(status, &["state", "terminated"])?;
        let container = container_name(status);
        let message = str_at(terminated, &["message"]).unwrap_or("");
        let reason = str_at(terminated, &["reason"]).unwrap_or("");
        let exit_code = int_at(terminated, &["exitCode"]).unwrap_or(0);
        if !message.is_empty() {
            Some(format!("container {container:?}: {message}"))
        } else if reason == "OOMKilled" {
            Some(format!("container {container:?} was OOMKilled"))
        } else if exit_code != 0 {
            Some(format!(
                "container {container:?} failed with exit code {exit_code}"
            ))
        } else {
            None
        }
    });
    from_container.unwrap_or_else(|| {
        str_at(obj, &["status", "reason"])
            .map(|reason| format!("Pod failed: {reason}"))
            .unwrap_or_else(|| "Pod failed".to_string())
    })
}

fn or_default(message: &str, default: &str) -> String {
    if message.is_empty() {
        default.to_string()
    } else {
        message.to_string()
    }
}
