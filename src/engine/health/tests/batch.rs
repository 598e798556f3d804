use super::{case, check_all};

#[test]
fn job() {
    check_all(
        "argoproj/gitops-engine pkg/health/health_job.go",
        &[
            case!("job_complete.yaml" => Healthy, "Job completed"),
            case!("job_failed.yaml" => Degraded, "Job has reached the specified backoff limit"),
            case!("job_suspended.yaml" => Suspended, "Job is suspended"),
            case!("job_running.yaml" => Progressing, "Job is running: 1 active, 0 succeeded"),
        ],
    );
}

#[test]
fn cronjob() {
    check_all(
        "argoproj/argo-cd resource_customizations/batch/CronJob/health.lua",
        &[
            case!("cronjob_scheduled.yaml" => Healthy, "CronJob has completed its last execution successfully"),
            case!("cronjob_last_run_failed.yaml" => Degraded, "CronJob has not completed its last execution successfully"),
            case!("cronjob_never_succeeded.yaml" => Degraded, "CronJob has not completed its last execution successfully"),
            case!("cronjob_active.yaml" => Progressing, "Waiting for 1 Jobs to complete"),
            case!("cronjob_never_scheduled.yaml" => Healthy, ""),
            case!("cronjob_no_status.yaml" => Progressing, "Waiting for CronJob"),
            case!("cronjob_suspended.yaml" => Suspended, "CronJob is Suspended"),
            case!("cronjob_suspended_last_run_failed.yaml" => Suspended, "CronJob is Suspended"),
        ],
    );
}
