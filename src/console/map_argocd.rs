//! An Argo CD app's detail for the app view: its resources as Argo CD
//! reports them (`status.resources`, sync and health), each with recon's
//! live drift diff where it has one, and the path's commits with Argo CD's
//! deployments set against them.

use std::collections::BTreeMap;

use super::map::{commit_row, header, health_status, object_diff, sync_status};
use crate::adapters::argocd::ArgoHandle;
use crate::adapters::argocd::destination::Target;
use crate::adapters::argocd::diff::Unrendered;
use crate::adapters::argocd::history::ArgoHistory;
use crate::engine::drift::{DriftReport, DriftState, ObjectDrift};
use crate::engine::render::ObjectKey;
use crate::text::short_sha;
use crate::tui::{AppDetail, AppId, AppTool, ResourceRow, Status, Tone};

fn same_object(key: &ObjectKey, kind: &str, namespace: &str, name: &str) -> bool {
    key.kind == kind
        && key.name == name
        && key.namespace.as_deref().unwrap_or_default() == namespace
}

pub fn app_id(h: &ArgoHandle) -> AppId {
    AppId::new(&h.cluster.context, h.app.namespace(), h.app.name()).with_tool(AppTool::ArgoCd)
}

/// `drift`: recon's report of the app, or why recon could not render it.
pub fn detail(
    h: &ArgoHandle,
    target: &Target,
    drift: Result<&DriftReport, &Unrendered>,
    history: Option<&ArgoHistory>,
) -> AppDetail {
    let status = h.app.status.clone().unwrap_or_default();
    let report = drift;
    let drift: &[ObjectDrift] = match report {
        Ok(r) => &r.objects,
        Err(_) => &[],
    };
    let why_not = report.err().map(|u| u.why.clone());
    let mut resources = Vec::new();
    let mut resource_diffs = BTreeMap::new();
    let mut shown = vec![false; drift.len()];
    for r in &status.resources {
        let found = drift
            .iter()
            .position(|o| same_object(&o.key, &r.kind, &r.namespace, &r.name));
        let lines = match (found, &why_not) {
            (Some(i), _) => {
                shown[i] = true;
                object_diff(&drift[i])
            }
            (None, Some(why)) => vec![header(format!("recon cannot show the diff: {why}"))],
            (None, None) if r.requires_pruning => {
                vec![header(format!(
                    "{}/{} is no longer in Git: Argo CD prunes it on a sync with prune",
                    r.kind, r.name
                ))]
            }
            (None, None) => vec![header(format!(
                "{}/{} is not among the objects recon rendered",
                r.kind, r.name
            ))],
        };
        resource_diffs.insert(resources.len(), lines);
        let health = r.health.as_ref();
        resources.push(ResourceRow {
            kind: r.kind.clone(),
            namespace: r.namespace.clone(),
            name: r.name.clone(),
            sync: sync_status(&r.status),
            health: health
                .map(|h| health_status(&h.status))
                .unwrap_or_else(|| Status::new("-", Tone::Neutral)),
            message: health.and_then(|h| h.message.clone()).unwrap_or_default(),
        });
    }
    // Objects in Git that Argo CD has not listed yet (a commit it has not seen).
    for (i, o) in drift.iter().enumerate().filter(|(i, _)| !shown[*i]) {
        resource_diffs.insert(resources.len(), object_diff(o));
        resources.push(ResourceRow {
            kind: o.key.kind.clone(),
            namespace: o.key.namespace.clone().unwrap_or_default(),
            name: o.key.name.clone(),
            sync: sync_status(o.state.as_str()),
            health: Status::new("-", Tone::Neutral),
            message: format!("in Git, not yet in Argo CD's status (#{i})"),
        });
    }
    let mut app_diff = Vec::new();
    if let Some(server) = &target.remote {
        app_diff.push(header(format!(
            "live objects read through context {} ({server})",
            target.cluster.context
        )));
    }
    match &why_not {
        Some(why) => app_diff.push(header(format!("recon cannot show the diff: {why}"))),
        None => {
            for o in drift
                .iter()
                .filter(|o| o.state != DriftState::Synced || o.error.is_some())
            {
                app_diff.extend(object_diff(o));
            }
        }
    }
    let recon_verdict = match report {
        Ok(r) => {
            let n = r
                .objects
                .iter()
                .filter(|x| x.state != DriftState::Synced)
                .count();
            format!("recon: {n} differ at {}", short_sha(&r.revision))
        }
        Err(_) => "recon: no diff".into(),
    };
    let op = crate::adapters::argocd::summary::operation_text(&h.app)
        .map(|o| format!(" · {o}"))
        .unwrap_or_default();
    let drift_summary = format!(
        "Argo CD: {} · {}{op} · {recon_verdict}",
        if status.sync.status.is_empty() {
            "Unknown"
        } else {
            &status.sync.status
        },
        if status.health.status.is_empty() {
            "Unknown"
        } else {
            &status.health.status
        },
    );
    let commits = history
        .map(|hist| {
            hist.commits
                .rows
                .iter()
                .map(|r| {
                    let deployments = hist.deployments_of(&r.commit.id);
                    let note = (!deployments.is_empty()).then(|| {
                        deployments
                            .iter()
                            .map(|dep| {
                                format!("argocd #{} by {}", dep.id, dep.initiated_by.describe())
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    });
                    commit_row(r, note)
                })
                .collect()
        })
        .unwrap_or_default();
    let source = h.app.primary_source();
    AppDetail {
        id: app_id(h),
        resources,
        app_diff,
        resource_diffs,
        history: commits,
        branch: source
            .and_then(|s| s.target_revision.clone())
            .unwrap_or_else(|| "HEAD".into()),
        source_path: source.and_then(|s| s.path.clone()).unwrap_or_default(),
        drift_summary,
        git_stale: None,
    }
}
