use super::{case, check_all};

#[test]
fn job() {
    check_all(&[
        case!("job_complete.yaml" => Healthy, "Job completed"),
        case!("job_failed.yaml" => Degraded, "BackoffLimitExceeded: Job has reached the specified backoff limit"),
        case!("job_failure_target.yaml" => Degraded, "DeadlineExceeded: Job was active longer than specified deadline"),
        case!("job_suspended.yaml" => Suspended, "Job is suspended"),
        case!("job_resuming.yaml" => Progressing, "Job is running: 0 active"),
        case!("job_running.yaml" => Progressing, "Job is running: 1 active, 0 succeeded"),
    ]);
}

#[test]
fn cronjob() {
    check_all(&[
        case!("cronjob_scheduled.yaml" => Healthy, "last scheduled at 2025-02-04T08:30:00Z"),
        case!("cronjob_suspended.yaml" => Suspended, "CronJob is suspended"),
    ]);
}
