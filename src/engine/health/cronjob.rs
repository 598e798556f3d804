//! batch/v1 CronJob.
//!
//! Limitation: whether the last run failed lives on the child Job objects,
//! which this function cannot see from the CronJob alone. So a CronJob is
//! Healthy unless suspended; the Jobs it creates carry their own health.

use serde_json::Value;

use super::fields::{is_true_at, str_at};
use super::status::Health;

pub fn cronjob(obj: &Value) -> Health {
    if is_true_at(obj, &["spec", "suspend"]) {
        return Health::suspended("CronJob is suspended");
    }
    match str_at(obj, &["status", "lastScheduleTime"]) {
        Some(time) => Health::healthy(format!("last scheduled at {time}")),
        None => Health::healthy("not scheduled yet"),
    }
}
