//! Fixture-driven tests: each YAML file in `../fixtures/` is a live object
//! as the API server returns it, paired with the health we expect.

mod batch;
mod cluster;
mod deliberate;
mod generic;
mod lenient;
mod networking_storage;
mod pod;
mod policy;
mod workloads;
mod worst;

use super::{HealthStatus, assess};

/// One row of a table-driven test.
pub(super) struct Case {
    pub fixture: &'static str,
    pub yaml: &'static str,
    /// None when the object must have no health at all.
    pub expected: Option<(HealthStatus, &'static str)>,
}

/// Builds a [`Case`] from a fixture file name, the expected status and a
/// substring the message must contain.
macro_rules! case {
    ($file:literal => none) => {
        super::Case {
            fixture: $file,
            yaml: include_str!(concat!("../fixtures/", $file)),
            expected: None,
        }
    };
    ($file:literal => $status:ident, $message:literal) => {
        super::Case {
            fixture: $file,
            yaml: include_str!(concat!("../fixtures/", $file)),
            expected: Some((super::HealthStatus::$status, $message)),
        }
    };
}
pub(super) use case;

pub(super) fn parse_fixture(case: &Case) -> serde_json::Value {
    serde_yaml::from_str(case.yaml)
        .unwrap_or_else(|err| panic!("fixture {} is not valid YAML: {err}", case.fixture))
}

/// Runs every case and reports all mismatches at once, so one broken rule
/// does not hide the others. `argo_rule` names the Argo CD file the cases
/// follow (repository and path), so a failure says whose judgement it broke.
pub(super) fn check_all(argo_rule: &str, cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let actual = assess(&parse_fixture(case));
        let matches = match (&case.expected, &actual) {
            (None, None) => true,
            (Some((status, message)), Some(health)) => {
                health.status == *status && health.message.contains(message)
            }
            _ => false,
        };
        if !matches {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.fixture, case.expected, actual
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "mismatches with {argo_rule}:\n{}",
        failures.join("\n")
    );
}
