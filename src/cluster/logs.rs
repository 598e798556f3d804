//! Pod logs: which pods a resource stands for (a Pod, or a workload's pods
//! by its label selector), and one container's log as a stream of lines.

use futures::{AsyncBufReadExt, Stream, TryStreamExt};
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::api::{Api, ListParams, LogParams};

use super::contexts::Cluster;
use super::error::ClusterError;
use super::typed;

/// Kinds whose pods the logs viewer can find.
pub const WORKLOAD_KINDS: [&str; 5] = [
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
];

/// One pod whose logs can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodLogTarget {
    pub name: String,
    /// Regular containers first, then init containers, in spec order.
    pub containers: Vec<String>,
    /// Creation time, for "newest first".
    pub created: Option<jiff::Timestamp>,
}

/// What to read of one container's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRequest {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub follow: bool,
    /// The previous (crashed) instance of the container.
    pub previous: bool,
    /// Only the last lines; `None` reads the whole log.
    pub tail_lines: Option<i64>,
}

/// The pods `kind namespace/name` stands for, newest first: the Pod itself,
/// or the pods matching a workload's `spec.selector`.
pub async fn pods_for(
    cluster: &Cluster,
    kind: &str,
    namespace: &str,
    name: &str,
) -> Result<Vec<PodLogTarget>, ClusterError> {
    let missing = || ClusterError::Other {
        context: cluster.context.clone(),
        what: format!("logs of {kind} {namespace}/{name}"),
        message: "not found in the cluster".to_string(),
    };
    if kind == "Pod" {
        let pod = typed::get::<Pod>(cluster, namespace, name)
            .await?
            .ok_or_else(missing)?;
        return Ok(vec![target_of(&pod)]);
    }
    let selector = match kind {
        "Deployment" => typed::get::<Deployment>(cluster, namespace, name)
            .await?
            .and_then(|o| o.spec.map(|s| s.selector)),
        "StatefulSet" => typed::get::<StatefulSet>(cluster, namespace, name)
            .await?
            .and_then(|o| o.spec.map(|s| s.selector)),
        "DaemonSet" => typed::get::<DaemonSet>(cluster, namespace, name)
            .await?
            .and_then(|o| o.spec.map(|s| s.selector)),
        "ReplicaSet" => typed::get::<ReplicaSet>(cluster, namespace, name)
            .await?
            .and_then(|o| o.spec.map(|s| s.selector)),
        "Job" => typed::get::<Job>(cluster, namespace, name)
            .await?
            .and_then(|o| o.spec.and_then(|s| s.selector)),
        other => {
            return Err(ClusterError::Other {
                context: cluster.context.clone(),
                what: format!("logs of {other} {namespace}/{name}"),
                message: format!(
                    "a {other} has no logs (only Pods and {})",
                    WORKLOAD_KINDS.join(", ")
                ),
            });
        }
    }
    .ok_or_else(missing)?;
    let query = selector_query(&selector).ok_or_else(|| ClusterError::Other {
        context: cluster.context.clone(),
        what: format!("logs of {kind} {namespace}/{name}"),
        message: "its selector selects nothing".to_string(),
    })?;
    let pods = typed::list::<Pod>(
        cluster,
        Some(namespace),
        &ListParams::default().labels(&query),
    )
    .await?;
    let mut targets: Vec<PodLogTarget> = pods.items.iter().map(target_of).collect();
    // The name breaks ties the same way each time.
    targets.sort_by(|a, b| b.created.cmp(&a.created).then(a.name.cmp(&b.name)));
    Ok(targets)
}

fn target_of(pod: &Pod) -> PodLogTarget {
    let spec = pod.spec.as_ref();
    let regular = spec.into_iter().flat_map(|s| s.containers.iter());
    let init = spec
        .and_then(|s| s.init_containers.as_ref())
        .into_iter()
        .flatten();
    PodLogTarget {
        name: pod.metadata.name.clone().unwrap_or_default(),
        containers: regular.chain(init).map(|c| c.name.clone()).collect(),
        created: pod.metadata.creation_timestamp.as_ref().map(|t| t.0),
    }
}

/// A label selector as the API's `labelSelector` query; `None` when it is
/// empty (an empty selector would match every pod of the namespace).
pub fn selector_query(selector: &LabelSelector) -> Option<String> {
    let mut terms: Vec<String> = selector
        .match_labels
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for expr in selector.match_expressions.iter().flatten() {
        let values = expr.values.clone().unwrap_or_default().join(",");
        terms.push(match expr.operator.as_str() {
            "In" => format!("{} in ({values})", expr.key),
            "NotIn" => format!("{} notin ({values})", expr.key),
            "Exists" => expr.key.clone(),
            "DoesNotExist" => format!("!{}", expr.key),
            // Unknown operators would be refused by the API server anyway.
            other => format!("{} {other} ({values})", expr.key),
        });
    }
    (!terms.is_empty()).then(|| terms.join(","))
}

/// One container's log, line by line (without line ends). Opening the
/// stream is bounded by the cluster's timeout; a followed stream then lasts
/// until the container ends or the caller drops it.
pub async fn stream(
    cluster: &Cluster,
    req: &LogRequest,
) -> Result<impl Stream<Item = Result<String, ClusterError>> + use<>, ClusterError> {
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &req.namespace);
    let params = LogParams {
        container: Some(req.container.clone()),
        follow: req.follow,
        previous: req.previous,
        tail_lines: req.tail_lines,
        ..LogParams::default()
    };
    let what = format!(
        "logs of {}/{} container {}",
        req.namespace, req.pod, req.container
    );
    let reader = cluster
        .call(what.clone(), api.log_stream(&req.pod, &params))
        .await?;
    let context = cluster.context.clone();
    Ok(reader.lines().map_err(move |e| ClusterError::Other {
        context: context.clone(),
        what: what.clone(),
        message: e.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    #[test]
    fn selector_query_joins_labels_and_expressions() {
        let selector = LabelSelector {
            match_labels: Some([("app".to_string(), "web".to_string())].into()),
            match_expressions: Some(vec![
                LabelSelectorRequirement {
                    key: "tier".into(),
                    operator: "In".into(),
                    values: Some(vec!["a".into(), "b".into()]),
                },
                LabelSelectorRequirement {
                    key: "canary".into(),
                    operator: "DoesNotExist".into(),
                    values: None,
                },
            ]),
        };
        assert_eq!(
            selector_query(&selector).as_deref(),
            Some("app=web,tier in (a,b),!canary")
        );
        assert_eq!(selector_query(&LabelSelector::default()), None);
    }
}
