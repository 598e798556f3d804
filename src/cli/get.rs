//! `recon get apps`: every Application of every context, concurrently.

use serde::Serialize;

use crate::cli::args::{GetArgs, OutputFormat};
use crate::cli::output::{age, json, short_sha, table, yaml};
use crate::engine::app::Application;
use crate::engine::fleet::Fleet;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClusterState {
    context: String,
    reachable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The cluster answered but has no Application CRD (`recon install`).
    not_installed: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppItem {
    cluster: String,
    application: Application,
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
    let listed = fleet.list_apps().await;
    let now = jiff::Timestamp::now();
    let mut clusters = Vec::new();
    let mut items = Vec::new();
    for c in listed {
        match c.apps {
            Ok(mut apps) => {
                apps.sort_by(|a, b| {
                    (&a.metadata.namespace, &a.metadata.name)
                        .cmp(&(&b.metadata.namespace, &b.metadata.name))
                });
                clusters.push(ClusterState {
                    context: c.context.clone(),
                    reachable: true,
                    error: None,
                    not_installed: c.not_installed,
                });
                items.extend(apps.into_iter().map(|application| AppItem {
                    cluster: c.context.clone(),
                    application,
                }));
            }
            Err(e) => clusters.push(ClusterState {
                context: c.context,
                reachable: false,
                error: Some(e),
                not_installed: false,
            }),
        }
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
                "note: {}: the Application CRD is not installed (run `recon install --context {}`)",
                c.context, c.context
            );
        }
    }
    Ok(all_ok)
}

fn render_table(list: &AppList, wide: bool, now: jiff::Timestamp) -> String {
    let mut headers = vec![
        "CLUSTER",
        "NAMESPACE",
        "NAME",
        "SYNC",
        "HEALTH",
        "REVISION",
        "SUSPENDED",
        "AGE",
    ];
    if wide {
        headers.extend(["PINNED", "TARGET", "REPO", "PATH", "MESSAGE"]);
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for item in &list.items {
        let app = &item.application;
        let status = app.status.clone().unwrap_or_default();
        let suspended = if app.is_suspended_at(now) {
            match app
                .spec
                .suspend_until
                .as_deref()
                .and_then(|u| u.parse::<jiff::Timestamp>().ok())
            {
                Some(until) => format!("for {}", age(now, until)),
                None => "yes".into(),
            }
        } else {
            "no".into()
        };
        let created = app
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| age(t.0, now))
            .unwrap_or_else(|| "-".into());
        let mut row = vec![
            item.cluster.clone(),
            app.metadata.namespace.clone().unwrap_or_default(),
            app.metadata.name.clone().unwrap_or_default(),
            or_unknown(&status.sync.status),
            or_unknown(&status.health.status),
            short_sha(status.sync.revision.as_deref()),
            suspended,
            created,
        ];
        if wide {
            row.extend([
                short_sha(status.pinned_revision.as_deref()),
                app.spec.source.target_revision.clone(),
                crate::git::redact_url(&app.spec.source.repo_url),
                app.spec.source.path.clone(),
                status.health.message.clone(),
            ]);
        }
        rows.push(row);
    }
    for c in list.clusters.iter().filter(|c| !c.reachable) {
        let mut row = vec![
            c.context.clone(),
            "-".into(),
            "-".into(),
            "Unknown".into(),
            "Unreachable".into(),
            "-".into(),
            "-".into(),
            "-".into(),
        ];
        if wide {
            row.extend([
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                c.error.clone().unwrap_or_default(),
            ]);
        }
        rows.push(row);
    }
    table(&headers, &rows)
}

/// An app nobody has measured yet has no status: say so.
fn or_unknown(s: &str) -> String {
    if s.is_empty() {
        "Unknown".into()
    } else {
        s.to_string()
    }
}
