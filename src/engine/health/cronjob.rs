//! batch/v1 CronJob, as Argo CD judges it:
//! argo-cd `resource_customizations/batch/CronJob/health.lua`.
//!
//! The CronJob's own status says enough: `active` lists running Jobs, and a
//! `lastSuccessfulTime` older than `lastScheduleTime` with nothing running
//! means the last scheduled run did not succeed.

use jiff::Timestamp;
use serde_json::Value;

use super::fields::{array_at, at, is_true_at, str_at};
use super::status::Health;

pub fn cronjob(obj: &Value) -> Health {
    if is_true_at(obj, &["spec", "suspend"]) {
        return Health::suspended("CronJob is Suspended");
    }
    if at(obj, &["status"]).is_none_or(Value::is_null) {
        return Health::progressing("Waiting for CronJob");
    }
    // Argo CD accepts that a CronJob is Progressing while its Jobs run, even
    // if that makes the app Progressing on every schedule.
    let active = array_at(obj, &["status", "active"]).len();
    if active > 0 {
        return Health::progressing(format!("Waiting for {active} Jobs to complete"));
    }
    let Some(scheduled) = str_at(obj, &["status", "lastScheduleTime"]) else {
        // Nothing in the status tells a missed schedule from one not due yet.
        return Health::healthy("");
    };
    match str_at(obj, &["status", "lastSuccessfulTime"]) {
        Some(succeeded) if !is_earlier(succeeded, scheduled) => {
            Health::healthy("CronJob has completed its last execution successfully")
        }
        _ => Health::degraded("CronJob has not completed its last execution successfully"),
    }
}

/// `a < b` as instants; Argo CD compares the strings, which is the same for
/// the API server's `…Z` timestamps, so that is the fallback for odd input.
fn is_earlier(a: &str, b: &str) -> bool {
    match (a.parse::<Timestamp>(), b.parse::<Timestamp>()) {
        (Ok(a), Ok(b)) => a < b,
        _ => a < b,
    }
}
