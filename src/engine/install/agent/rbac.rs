//! The least the agent's ServiceAccount needs, as RBAC objects: its own
//! Applications (with status and finalizers), Events, whoami, Argo CD apps
//! (to lift expired pauses), its leader-election Lease, and the objects it
//! applies from Git. What it applies is everything by default, as Argo CD's
//! application-controller; `--agent-manage` narrows it to listed resources.

use serde_json::{Value, json};

use super::{AGENT_NAME, LEASE_NAME, labels};
use crate::engine::app::SYSTEM_NAMESPACE;

/// What the agent may create, change and delete for the apps it syncs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manage {
    /// `*` on `*`.
    Everything,
    /// Only these (group, resource) pairs; `*` may stand for either.
    Only(Vec<GroupResource>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupResource {
    /// "" is the core group.
    pub group: String,
    /// The plural resource name (`deployments`), or `*`.
    pub resource: String,
}

impl GroupResource {
    /// kubectl's `RESOURCE[.GROUP]` form (`create clusterrole --resource`):
    /// `configmaps`, `deployments.apps`, `*.networking.k8s.io`.
    pub fn parse(text: &str) -> Result<GroupResource, String> {
        let text = text.trim();
        let (resource, group) = text.split_once('.').unwrap_or((text, ""));
        let resource_ok = resource == "*"
            || (!resource.is_empty()
                && resource
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        let group_ok = group == "*"
            || group
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        if !resource_ok || !group_ok {
            return Err(format!(
                "{text:?} is not RESOURCE[.GROUP]: name the plural, lowercase resource as \
                 `kubectl api-resources` shows it, e.g. configmaps, deployments.apps, *.networking.k8s.io"
            ));
        }
        Ok(GroupResource {
            group: group.to_string(),
            resource: resource.to_string(),
        })
    }
}

/// What syncing, pruning and watching an app's objects takes.
const MANAGE_VERBS: [&str; 7] = [
    "get", "list", "watch", "create", "update", "patch", "delete",
];

fn rule(groups: &[&str], resources: &[&str], verbs: &[&str]) -> Value {
    json!({"apiGroups": groups, "resources": resources, "verbs": verbs})
}

/// The agent's own needs, whatever it manages.
fn own_rules() -> Vec<Value> {
    vec![
        rule(
            &["recon.dev"],
            &["applications"],
            &["get", "list", "watch", "patch", "update"],
        ),
        rule(
            &["recon.dev"],
            &["applications/status"],
            &["get", "patch", "update"],
        ),
        // Adding and dropping the cascade-delete finalizer.
        rule(&["recon.dev"], &["applications/finalizers"], &["update"]),
        // Events on Applications: kube's recorder uses events.k8s.io; the
        // core group is kept for tools that write the older kind.
        rule(&["", "events.k8s.io"], &["events"], &["create", "patch"]),
        // Who acted, for status history, Events and the audit journal.
        rule(
            &["authentication.k8s.io"],
            &["selfsubjectreviews"],
            &["create"],
        ),
        // Argo CD apps paused by recon get automated sync back on time.
        rule(
            &["argoproj.io"],
            &["applications"],
            &["get", "list", "patch"],
        ),
    ]
}

fn manage_rules(manage: &Manage) -> Vec<Value> {
    match manage {
        Manage::Everything => vec![rule(&["*"], &["*"], &["*"])],
        Manage::Only(pairs) => {
            // One rule per group, in the order given.
            let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
            for p in pairs {
                match groups.iter_mut().find(|(g, _)| *g == p.group) {
                    Some((_, resources)) => {
                        if !resources.contains(&p.resource.as_str()) {
                            resources.push(&p.resource)
                        }
                    }
                    None => groups.push((&p.group, vec![&p.resource])),
                }
            }
            groups
                .into_iter()
                .map(|(g, resources)| rule(&[g], &resources, &MANAGE_VERBS))
                .collect()
        }
    }
}

pub fn service_account() -> Value {
    json!({
        "apiVersion": "v1", "kind": "ServiceAccount",
        "metadata": {"name": AGENT_NAME, "namespace": SYSTEM_NAMESPACE, "labels": labels()},
    })
}

pub fn cluster_role(manage: &Manage) -> Value {
    let mut rules = own_rules();
    rules.extend(manage_rules(manage));
    json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": AGENT_NAME, "labels": labels()},
        "rules": rules,
    })
}

fn subject() -> Value {
    json!([{"kind": "ServiceAccount", "name": AGENT_NAME, "namespace": SYSTEM_NAMESPACE}])
}

pub fn cluster_role_binding() -> Value {
    json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
        "metadata": {"name": AGENT_NAME, "labels": labels()},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": AGENT_NAME},
        "subjects": subject(),
    })
}

/// The leader-election Lease, in recon-system only. `create` cannot be
/// limited to a name (the object does not exist yet); the rest can.
pub fn lease_role() -> Value {
    json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": AGENT_NAME, "namespace": SYSTEM_NAMESPACE, "labels": labels()},
        "rules": [
            rule(&["coordination.k8s.io"], &["leases"], &["create"]),
            {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"],
             "resourceNames": [LEASE_NAME], "verbs": ["get", "update"]},
        ],
    })
}

pub fn lease_role_binding() -> Value {
    json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": AGENT_NAME, "namespace": SYSTEM_NAMESPACE, "labels": labels()},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": AGENT_NAME},
        "subjects": subject(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_resource_forms_parse_and_kinds_are_refused() {
        let cm = GroupResource::parse("configmaps").expect("core");
        assert_eq!(
            (cm.group.as_str(), cm.resource.as_str()),
            ("", "configmaps")
        );
        let d = GroupResource::parse("deployments.apps").expect("apps");
        assert_eq!(
            (d.group.as_str(), d.resource.as_str()),
            ("apps", "deployments")
        );
        let any = GroupResource::parse("*.networking.k8s.io").expect("wildcard");
        assert_eq!(any.group, "networking.k8s.io");
        let err = GroupResource::parse("Deployment").expect_err("a kind is not a resource");
        assert!(err.contains("deployments.apps"), "{err}");
        assert!(GroupResource::parse("").is_err());
    }

    #[test]
    fn narrowed_management_has_one_rule_per_group_and_no_wildcard() {
        let pairs = ["configmaps", "deployments.apps", "services", "configmaps"]
            .iter()
            .map(|t| GroupResource::parse(t).expect("parse"))
            .collect();
        let role = cluster_role(&Manage::Only(pairs));
        let rules = role["rules"].as_array().expect("rules");
        let core: Vec<&Value> = rules
            .iter()
            .filter(|r| r["apiGroups"] == json!([""]))
            .collect();
        assert_eq!(core.len(), 1, "{rules:?}");
        assert_eq!(core[0]["resources"], json!(["configmaps", "services"]));
        assert!(
            !rules.iter().any(|r| r["resources"] == json!(["*"])),
            "no wildcard: {rules:?}"
        );
        let everything = cluster_role(&Manage::Everything);
        assert!(
            everything["rules"]
                .as_array()
                .expect("rules")
                .iter()
                .any(|r| r["apiGroups"] == json!(["*"]) && r["verbs"] == json!(["*"]))
        );
    }
}
