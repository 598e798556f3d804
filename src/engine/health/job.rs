//! batch/v1 Job, after Argo CD: gitops-engine `pkg/health/health_job.go`,
//! with two deliberate differences (see the README): FailureTarget counts as
//! failed, and Suspended follows `spec.suspend` rather than the condition.

use serde_json::Value;

use super::fields::{condition, count_at, is_true_at};
use super::status::Health;

pub fn job(obj: &Value) -> Health {
    // FailureTarget (Kubernetes >= 1.31) is set before Failed while pods are
    // still being terminated; the outcome is already decided. Argo CD waits
    // for Failed and shows the Job Progressing until then.
    for failed_type in ["Failed", "FailureTarget"] {
        if let Some(failed) = condition(obj, failed_type)
            && failed.is_true()
        {
            let detail = failed.message_or_reason();
            return Health::degraded(if detail.is_empty() {
                "Job failed"
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
    // spec.suspend is the intent. Argo CD reads the Suspended condition
    // instead, so it shows a Job suspended a moment ago as Progressing and one
    // just resumed (Suspended=False, pods starting) as Healthy.
    if is_true_at(obj, &["spec", "suspend"]) {
        return Health::suspended("Job is suspended");
    }
    let active = count_at(obj, &["status", "active"]);
    let succeeded = count_at(obj, &["status", "succeeded"]);
    Health::progressing(format!(
        "Job is running: {active} active, {succeeded} succeeded"
    ))
}
