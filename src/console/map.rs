//! Engine results → the console's display model. Colours come from tones
//! chosen here from typed states, never from parsing text.

use std::collections::BTreeMap;

use crate::adapters::{AppSummary, Tool};
use crate::engine::app::Application;
use crate::engine::drift::{DriftReport, DriftState, ObjectDrift};
use crate::engine::health::HealthStatus;
use crate::engine::ops::HistoryView;
use crate::engine::textdiff::{self, DiffLineKind};
use crate::text::short_sha;
use crate::tui::{
    AppDetail, AppId, AppRow, AppTool, CommitRow, DiffKind, DiffLine, PauseInfo, ResourceRow,
    Status, Tone,
};

pub fn sync_status(text: &str) -> Status {
    // An app nobody has measured yet has no status at all.
    let text = if text.is_empty() { "Unknown" } else { text };
    let tone = match text {
        "Synced" => Tone::Good,
        "OutOfSync" | "Missing" | "Extra" => Tone::Warn,
        _ => Tone::Neutral,
    };
    Status::new(text, tone)
}

pub fn health_status(text: &str) -> Status {
    let text = if text.is_empty() { "Unknown" } else { text };
    let tone = match text {
        "Healthy" => Tone::Good,
        "Progressing" => Tone::Progress,
        "Degraded" => Tone::Bad,
        "Missing" => Tone::Warn,
        "Suspended" => Tone::Paused,
        _ => Tone::Neutral,
    };
    Status::new(text, tone)
}

fn ts(s: &str) -> Option<jiff::Timestamp> {
    s.parse().ok()
}

pub fn app_id(cluster: &str, app: &Application) -> AppId {
    AppId::new(
        cluster,
        app.metadata.namespace.clone().unwrap_or_default(),
        app.metadata.name.clone().unwrap_or_default(),
    )
}

pub fn app_row(cluster: &str, app: &Application, now: jiff::Timestamp) -> AppRow {
    row_of(&crate::adapters::summary::of_recon(cluster, app, now))
}

/// Any tool's app as a row of the apps table.
pub fn row_of(s: &AppSummary) -> AppRow {
    let tool = match s.tool {
        Tool::Recon => AppTool::Recon,
        Tool::ArgoCd => AppTool::ArgoCd,
        Tool::Flux => AppTool::Flux,
    };
    AppRow {
        id: AppId::new(&s.context, &s.namespace, &s.name).with_tool(tool),
        sync: sync_status(&s.sync),
        health: health_status(&s.health),
        revision_short: s
            .revision
            .as_deref()
            .map(crate::text::short_sha)
            .unwrap_or_else(|| "-".into()),
        revision_subject: s.subject.clone().unwrap_or_default(),
        last_sync: s.last_sync.as_deref().and_then(ts),
        paused: s.paused.as_ref().map(|p| PauseInfo {
            until: p.until.as_deref().and_then(ts),
            reason: p.reason.clone(),
            by: p.by.clone(),
        }),
        pinned: s.pinned.as_deref().map(crate::text::short_sha),
        auto_sync: s.auto_sync,
        operation: s.operation.clone(),
        destination: s.destination.clone(),
    }
}

pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    textdiff::diff_lines(old, new, 3)
        .into_iter()
        .map(|l| DiffLine {
            kind: match l.kind {
                DiffLineKind::Header => DiffKind::Header,
                DiffLineKind::Context => DiffKind::Context,
                DiffLineKind::Added => DiffKind::Added,
                DiffLineKind::Removed => DiffKind::Removed,
            },
            old_line: l.old_line,
            new_line: l.new_line,
            text: l.text,
        })
        .collect()
}

/// A header line of a diff pane (an object's name, a note).
pub fn header(text: String) -> DiffLine {
    DiffLine {
        kind: DiffKind::Header,
        old_line: None,
        new_line: None,
        text,
    }
}

/// The (masked) diff of one object, led by a header naming it.
pub fn object_diff(o: &ObjectDrift) -> Vec<DiffLine> {
    let mut out = vec![header(format!("{} ({})", o.key, o.state.as_str()))];
    if let Some(err) = &o.error {
        out.push(header(format!("cannot compare: {err}")));
        return out;
    }
    let yaml =
        |v: &Option<serde_json::Value>| v.as_ref().map(textdiff::yaml_of).unwrap_or_default();
    out.extend(diff_lines(&yaml(&o.live), &yaml(&o.desired)));
    out
}

pub fn detail(
    cluster: &str,
    app: &Application,
    report: &DriftReport,
    history: &HistoryView,
) -> AppDetail {
    let mut resource_diffs = BTreeMap::new();
    let mut app_diff = Vec::new();
    let mut resources = Vec::new();
    for (i, o) in report.objects.iter().enumerate() {
        let lines = object_diff(o);
        if o.state != DriftState::Synced || o.error.is_some() {
            app_diff.extend(lines.iter().cloned());
        }
        resource_diffs.insert(i, lines);
        let health = o.health.as_ref();
        resources.push(ResourceRow {
            kind: o.key.kind.clone(),
            namespace: o.key.namespace.clone().unwrap_or_default(),
            name: o.key.name.clone(),
            sync: sync_status(o.state.as_str()),
            health: health
                .map(|h| health_status(h.status.as_str()))
                .unwrap_or_else(|| Status::new("-", Tone::Neutral)),
            message: o
                .error
                .clone()
                .or_else(|| health.map(|h| h.message.clone()))
                .unwrap_or_default(),
        });
    }
    let counts = [
        DriftState::OutOfSync,
        DriftState::Missing,
        DriftState::Extra,
    ]
    .iter()
    .filter_map(|s| match report.count(*s) {
        0 => None,
        n => Some(format!("{n} {}", s.as_str())),
    })
    .collect::<Vec<_>>();
    let drift_summary = if counts.is_empty() {
        format!(
            "in sync at {} · {}",
            short_sha(&report.revision),
            report.health.status
        )
    } else {
        format!(
            "{} at {} · {}",
            counts.join(", "),
            short_sha(&report.revision),
            report.health.status
        )
    };
    AppDetail {
        id: app_id(cluster, app),
        resources,
        app_diff,
        resource_diffs,
        history: history.rows.iter().map(|r| commit_row(r, None)).collect(),
        branch: app.spec.source.target_revision.clone(),
        source_path: app.spec.source.path.clone(),
        drift_summary,
        git_stale: None,
    }
}

/// One commit of the history pane, with what the tool says of it.
pub fn commit_row(r: &crate::engine::ops::HistoryRow, note: Option<String>) -> CommitRow {
    CommitRow {
        short: r.commit.short.clone(),
        full: r.commit.id.clone(),
        author: r.commit.author.clone(),
        time: r.commit.time,
        subject: r.commit.subject.clone(),
        deployed: r.deployed,
        pinned: r.pinned,
        head: r.head,
        note,
    }
}

/// A `git show`-style patch → display lines.
pub fn patch_lines(patch: &str) -> Vec<DiffLine> {
    let (mut old, mut new) = (0usize, 0usize);
    patch
        .lines()
        .map(|line| {
            if line.starts_with("@@") {
                // @@ -a,b +c,d @@: the first line numbers of each side.
                let start = |sign: char| {
                    line.split_whitespace()
                        .find_map(|t| t.strip_prefix(sign))
                        .and_then(|t| t.split(',').next())
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(1)
                };
                old = start('-');
                new = start('+');
                header(line.to_string())
            } else if line.starts_with("diff ")
                || line.starts_with("index ")
                || line.starts_with("--- ")
                || line.starts_with("+++ ")
                || line.starts_with("new file")
                || line.starts_with("deleted file")
            {
                header(line.to_string())
            } else if let Some(rest) = line.strip_prefix('+') {
                new += 1;
                DiffLine {
                    kind: DiffKind::Added,
                    old_line: None,
                    new_line: Some(new - 1),
                    text: rest.to_string(),
                }
            } else if let Some(rest) = line.strip_prefix('-') {
                old += 1;
                DiffLine {
                    kind: DiffKind::Removed,
                    old_line: Some(old - 1),
                    new_line: None,
                    text: rest.to_string(),
                }
            } else {
                old += 1;
                new += 1;
                DiffLine {
                    kind: DiffKind::Context,
                    old_line: Some(old - 1),
                    new_line: Some(new - 1),
                    text: line.strip_prefix(' ').unwrap_or(line).to_string(),
                }
            }
        })
        .collect()
}

pub fn health_of(status: HealthStatus) -> Status {
    health_status(status.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_keeps_its_line_numbers() {
        let lines = patch_lines(
            "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3,2 +3,3 @@\n keep\n-old\n+new\n+more\n",
        );
        let numbered: Vec<(DiffKind, Option<usize>, Option<usize>, &str)> = lines
            .iter()
            .map(|l| (l.kind, l.old_line, l.new_line, l.text.as_str()))
            .collect();
        assert_eq!(numbered[4], (DiffKind::Context, Some(3), Some(3), "keep"));
        assert_eq!(numbered[5], (DiffKind::Removed, Some(4), None, "old"));
        assert_eq!(numbered[6], (DiffKind::Added, None, Some(4), "new"));
        assert_eq!(numbered[7], (DiffKind::Added, None, Some(5), "more"));
        assert!(lines[..4].iter().all(|l| l.kind == DiffKind::Header));
    }

    #[test]
    fn tones_come_from_states() {
        assert_eq!(sync_status("OutOfSync").tone, Tone::Warn);
        assert_eq!(health_status("Degraded").tone, Tone::Bad);
        assert_eq!(health_status("Progressing").tone, Tone::Progress);
        assert_eq!(sync_status("Synced").tone, Tone::Good);
        assert_eq!(sync_status("").text, "Unknown");
        assert_eq!(health_status("").text, "Unknown");
    }
}
