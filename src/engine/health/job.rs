//! batch/v1 Job.

use serde_json::Value;

use super::fields::{condition, count_at, is_true_at};
use super::status::Health;

pub fn job(obj: &Value) -> Health {
    // FailureTarget (Kubernetes >= 1.31) is set before Failed while pods are
    // still being terminated; the outcome is already decided.
    for failed_type in ["Failed", "FailureTarget"] {
        if let Some(failed) = condition(obj, failed_type)
            && failed.is_true()
        {
            let detail = failed.reason_and_message();
            return Health::degraded(if detail.is_empty() {
                "Job failed".to_string()
            } else {
                detail
            });
        }
    }
    if let Some(complete) = condition(obj, "Complete")
        && complete.is_true()
    {
        return Health::healthy(if complete.message.is_empty() {
            "Job completed"
        } else {
            complete.message
        });
    }
    // spec.suspend is the intent; a Suspended=True condition left over while
    // the controller resumes the Job must not keep it shown as Suspended.
    if is_true_at(obj, &["spec", "suspend"]) {
        return Health::suspended("Job is suspended");
    }
    let active = count_at(obj, &["status", "active"]);
    let succeeded = count_at(obj, &["status", "succeeded"]);
    Health::progressing(format!(
        "Job is running: {active} active, {succeeded} succeeded"
    ))
}
