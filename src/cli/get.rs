//! `recon get apps`: every app of every GitOps tool (recon, Argo CD) in every
//! context, concurrently.

use serde::Serialize;

use futures::{StreamExt, stream};

use crate::adapters::{AppObject, AppSummary, ListedApp, list_fleet};
use crate::cli::args::{GetArgs, OutputFormat};
use crate::cli::output::{age, json, short_sha, table, yaml};
use crate::cluster::Cluster;
use crate::engine::fleet::Fleet;
use crate::engine::triage::{Root, explain, roots_of_status, worth_explaining};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClusterState {
    context: String,
    reachable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The cluster answered but serves neither recon's nor Argo CD's CRD.
    not_installed: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppItem {
    cluster: String,
    #[serde(flatten)]
    app: ListedApp,
    /// Why an unhealthy app is unhealthy, from what its objects own
    /// (`-o wide`, json and yaml; recon's apps).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppList {
    api_version: &'static str,
    kind: &'static str,
    clusters: Vec<ClusterState>,
    items: Vec<AppItem>,
}

/// Prints the list; returns false when some cluster could not be read.
pub async fn run(fleet: &Fleet, args: &GetArgs) -> anyhow::Result<bool> {
    let mut listed = list_fleet(fleet).await;
    name_destinations(fleet, &mut listed);
    let now = jiff::Timestamp::now();
    let mut clusters = Vec::new();
    let mut items = Vec::new();
    for c in listed {
        match c.apps {
            Ok(apps) => {
                clusters.push(ClusterState {
                    context: c.context.clone(),
                    reachable: true,
                    error: None,
                    not_installed: c.no_tool_installed,
                });
                items.extend(apps.into_iter().map(|app| AppItem {
                    cluster: c.context.clone(),
                    app,
                    reason: None,
                }));
            }
            Err(e) => clusters.push(ClusterState {
                context: c.context,
                reachable: false,
                error: Some(e.to_string()),
                not_installed: false,
            }),
        }
    }
    if args.output != OutputFormat::Table {
        explain_unhealthy(fleet, &mut items).await;
    }
    let all_ok = clusters.iter().all(|c| c.reachable);
    let list = AppList {
        api_version: "recon.dev/v1alpha1",
        kind: "ApplicationList",
        clusters,
        items,
    };
    let text = match args.output {
        OutputFormat::Json => json(&list)?,
        OutputFormat::Yaml => yaml(&list)?,
        OutputFormat::Table | OutputFormat::Wide => {
            render_table(&list, args.output == OutputFormat::Wide, now)
        }
    };
    crate::out!("{text}");
    for c in list.clusters.iter() {
        if let Some(e) = &c.error {
            eprintln!("warning: {e}");
        } else if c.not_installed {
            eprintln!(
                "note: {}: neither recon's nor Argo CD's Application CRD is installed (run `recon install --context {}`)",
                c.context, c.context
            );
        }
    }
    Ok(all_ok)
}

/// How many apps are explained at once.
const EXPLAIN_AT_ONCE: usize = 8;

/// Fills `reason` for each unhealthy recon app: the deepest unhealthy object
/// under it and the cluster's reason. A cluster that cannot be read for
/// this says so in the reason instead.
async fn explain_unhealthy(fleet: &Fleet, items: &mut [AppItem]) {
    let asks: Vec<(usize, Cluster, Vec<Root>)> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| worth_explaining(&i.app.summary.health))
        .filter_map(|(index, item)| {
            let AppObject::Recon(app) = &item.app.application else {
                return None;
            };
            let member = fleet.members.iter().find(|m| m.context == item.cluster)?;
            let cluster = member.cluster.as_ref().ok()?.clone();
            Some((index, cluster, roots_of_status(app)))
        })
        .collect();
    let answers: Vec<(usize, Option<String>)> = stream::iter(asks)
        .map(|(index, cluster, roots)| async move {
            let reason = match explain(&cluster, &roots).await {
                Ok(why) => why.map(|w| w.to_string()),
                Err(e) => Some(format!("(could not read what it owns: {e})")),
            };
            (index, reason)
        })
        .buffer_unordered(EXPLAIN_AT_ONCE)
        .collect()
        .await;
    for (index, reason) in answers {
        if let Some(item) = items.get_mut(index) {
            item.reason = reason;
        }
    }
}

/// A destination server the fleet has a context for is named by that context.
fn name_destinations(fleet: &Fleet, listed: &mut [crate::adapters::ClusterListing]) {
    for app in listed
        .iter_mut()
        .filter_map(|c| c.apps.as_mut().ok())
        .flatten()
    {
        if let Some(dest) = &app.summary.destination
            && let Some(m) = fleet.members.iter().find(|m| {
                m.server
                    .as_deref()
                    .is_some_and(|s| crate::cluster::same_server(s, dest))
            })
        {
            app.summary.destination_context = Some(m.context.clone());
        }
    }
}

fn suspended(s: &AppSummary, now: jiff::Timestamp) -> String {
    match &s.paused {
        None => "no".into(),
        Some(p) => match p
            .until
            .as_deref()
            .and_then(|u| u.parse::<jiff::Timestamp>().ok())
        {
            Some(until) => format!("for {}", age(now, until)),
            None => "yes".into(),
        },
    }
}

fn render_table(list: &AppList, wide: bool, now: jiff::Timestamp) -> String {
    let mut headers = vec![
        "CLUSTER",
        "TOOL",
        "NAMESPACE",
        "NAME",
        "SYNC",
        "HEALTH",
        "REVISION",
        "AUTO",
        "SUSPENDED",
        "AGE",
    ];
    if wide {
        headers.extend([
            "DESTINATION",
            "OPERATION",
            "PINNED",
            "TARGET",
            "REPO",
            "PATH",
            "MESSAGE",
            "REASON",
        ]);
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for item in &list.items {
        let s = &item.app.summary;
        let created = s
            .created
            .as_deref()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| age(t, now))
            .unwrap_or_else(|| "-".into());
        let mut row = vec![
            item.cluster.clone(),
            s.tool.to_string(),
            s.namespace.clone(),
            s.name.clone(),
            s.sync.clone(),
            s.health.clone(),
            short_sha(s.revision.as_deref()),
            if s.auto_sync { "on" } else { "off" }.into(),
            suspended(s, now),
            created,
        ];
        if wide {
            row.extend([
                s.destination_context
                    .clone()
                    .or_else(|| s.destination.clone())
                    .unwrap_or_else(|| "-".into()),
                s.operation.clone().unwrap_or_else(|| "-".into()),
                short_sha(s.pinned.as_deref()),
                s.target_revision.clone(),
                s.repo_url.clone(),
                s.path.clone(),
                s.health_message.clone(),
                item.reason.clone().unwrap_or_else(|| "-".into()),
            ]);
        }
        rows.push(row);
    }
    for c in list.clusters.iter().filter(|c| !c.reachable) {
        let mut row = vec![
            c.context.clone(),
            "-".into(),
            "-".into(),
            "-".into(),
            "Unknown".into(),
            "Unreachable".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
        ];
        if wide {
            row.extend(["-", "-", "-", "-", "-", "-"].map(String::from));
            row.push(c.error.clone().unwrap_or_default());
            row.push("-".into());
        }
        rows.push(row);
    }
    table(&headers, &rows)
}
