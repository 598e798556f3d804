//! apiextensions.k8s.io/v1 CustomResourceDefinition, as Argo CD judges it:
//! gitops-engine `pkg/health/health_customresourcedefinition.go`.

use serde_json::Value;

use super::fields::conditions;
use super::status::Health;

pub fn custom_resource_definition(obj: &Value) -> Health {
    let all = conditions(obj);
    if all.is_empty() {
        return Health::progressing("Status conditions not found");
    }
    let mut established = false;
    let mut terminating = false;
    let mut names_not_accepted = false;
    let mut schema_violations = false;
    // Like Argo CD, the message comes from the last condition that spoke of a problem.
    let mut detail = "";
    for condition in &all {
        match condition.type_ {
            "Terminating" if condition.is_true() => {
                terminating = true;
                detail = condition.message;
            }
            "NamesAccepted" if condition.is_false() => {
                names_not_accepted = true;
                detail = condition.message;
            }
            "Established" if condition.is_true() => established = true,
            "Established" => detail = condition.message,
            "NonStructuralSchema" if condition.is_true() => {
                schema_violations = true;
                detail = condition.message;
            }
            _ => {}
        }
    }
    if terminating {
        Health::progressing(format!("CRD is being terminated: {detail}"))
    } else if names_not_accepted {
        Health::degraded(format!("CRD names have not been accepted: {detail}"))
    } else if !established {
        Health::degraded(format!("CRD is not established: {detail}"))
    } else if schema_violations {
        Health::degraded(format!("Schema violations found: {detail}"))
    } else {
        Health::healthy("CRD is healthy")
    }
}
