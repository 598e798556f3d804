//! The commands for an Argo CD Application: the same verbs as for recon's
//! own apps, done the Argo CD way (see `crate::adapters::argocd`).

use std::io::Write;
use std::time::Duration;

use serde::Serialize;

use crate::adapters::argocd::diff::{ArgoDiff, diff};
use crate::adapters::argocd::model::{ArgoOperationState, ArgoResourceResult};
use crate::adapters::argocd::operate::{self, SyncSpec};
use crate::adapters::argocd::{ArgoHandle, history, pause};
use crate::cli::args::{DiffArgs, HistoryArgs, OutputFormat, RollbackArgs, SuspendArgs, SyncArgs};
use crate::cli::output::{json, short_sha, table, yaml};
use crate::engine::drift::{DriftReport, DriftState};
use crate::engine::fleet::Fleet;
use crate::engine::ops::Engine;
use crate::engine::source::Fetch;

/// How long `sync` and `rollback` follow Argo CD's operation.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArgoDiffJson<'a> {
    tool: &'static str,
    #[serde(flatten)]
    report: &'a DriftReport,
    in_sync: bool,
    /// Argo CD's own verdict, for comparison.
    argocd_sync_status: String,
    /// Set when Git could not be fetched and the cached clone was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    git_stale: Option<&'a crate::engine::source::StaleGit>,
}

fn argo_status(h: &ArgoHandle) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.sync.status.clone())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Unknown".into())
}

fn print_report(h: &ArgoHandle, d: &ArgoDiff, output: &str) -> anyhow::Result<bool> {
    let outcome = match &d.outcome {
        Ok(o) => o,
        Err(u) => anyhow::bail!(
            "{}: Argo CD says {}; recon cannot show the drift: {}",
            h.full_name(),
            argo_status(h),
            u.why
        ),
    };
    let report = &outcome.report;
    let body = ArgoDiffJson {
        tool: "argocd",
        report,
        in_sync: report.in_sync(),
        argocd_sync_status: argo_status(h),
        git_stale: outcome.source.stale.as_ref(),
    };
    if let Some(stale) = &outcome.source.stale {
        eprintln!("{}", super::output::stale_warning(stale));
    }
    match output {
        "json" => crate::out!("{}", json(&body)?),
        "yaml" => crate::out!("{}", yaml(&body)?),
        _ => {
            // Object text (a ConfigMap value, a name from Git) may carry
            // escape sequences: shown escaped, line breaks kept. JSON and
            // YAML stay exact.
            crate::out!("{}", crate::text::printable_lines(&report.unified()));
            let remote = d
                .target
                .remote
                .as_deref()
                .map(|s| format!(" (objects read in {} at {s})", d.target.cluster.context))
                .unwrap_or_default();
            eprintln!(
                "{} (argocd): {} at {} — {} synced, {} out of sync, {} missing; Argo CD says {}{remote}",
                h.full_name(),
                if report.in_sync() { "in sync" } else { "drift" },
                outcome.source.short,
                report.count(DriftState::Synced),
                report.count(DriftState::OutOfSync),
                report.count(DriftState::Missing),
                argo_status(h),
            );
        }
    }
    let errors = report.errors();
    if !errors.is_empty() {
        anyhow::bail!(
            "{} object(s) of {} could not be compared:\n  {}",
            errors.len(),
            h.full_name(),
            errors.join("\n  ")
        );
    }
    Ok(report.in_sync())
}

pub async fn run_diff(
    engine: &Engine,
    fleet: &Fleet,
    h: &ArgoHandle,
    args: &DiffArgs,
) -> anyhow::Result<bool> {
    let d = diff(engine, fleet, h, args.revision.as_deref(), Fetch::Always).await?;
    print_report(h, &d, &args.output)
}

fn result_printer(enabled: bool) -> impl FnMut(&ArgoResourceResult) + Send {
    move |r: &ArgoResourceResult| {
        if !enabled {
            return;
        }
        let group = if r.group.is_empty() {
            String::new()
        } else {
            format!("{}/", r.group)
        };
        let ns = if r.namespace.is_empty() {
            String::new()
        } else {
            format!("{}/", r.namespace)
        };
        let _ = writeln!(
            std::io::stderr(),
            "{group}{} {ns}{} {} {}",
            r.kind,
            r.name,
            r.status,
            crate::text::printable(&r.message)
        );
    }
}

fn print_operation(
    state: &ArgoOperationState,
    output: &str,
    title: &str,
    actor: &str,
) -> anyhow::Result<()> {
    match output {
        "json" => crate::out!("{}", json(state)?),
        "yaml" => crate::out!("{}", yaml(state)?),
        _ => {
            let rev = state
                .sync_result
                .as_ref()
                .map(|r| short_sha(Some(&r.revision)))
                .unwrap_or_else(|| "-".into());
            crate::outln!(
                "{title} {rev} by Argo CD, requested as {actor}: {} — {}",
                state.phase,
                crate::text::printable(&state.message)
            );
        }
    }
    Ok(())
}

pub async fn run_sync(
    engine: &Engine,
    fleet: &Fleet,
    h: &ArgoHandle,
    args: &SyncArgs,
) -> anyhow::Result<bool> {
    if args.dry_run {
        let d = diff(engine, fleet, h, args.revision.as_deref(), Fetch::Always).await?;
        let clean = print_report(h, &d, &args.output)?;
        eprintln!(
            "dry run: nothing was written; a sync would ask Argo CD to apply the drift above"
        );
        return Ok(clean);
    }
    let spec = SyncSpec {
        revision: args.revision.clone(),
        prune: args.prune,
        force: args.force,
        reason: "recon sync".into(),
    };
    let (_, actor) = operate::request_sync(h, &spec, "sync").await?;
    eprintln!(
        "{}: sync requested from Argo CD as {actor}; following its operation",
        h.full_name()
    );
    let mut printer = result_printer(args.output == "text");
    let state = operate::wait_operation(h, OPERATION_TIMEOUT, &mut printer).await?;
    print_operation(
        &state,
        &args.output,
        &format!("synced {} to", h.full_name()),
        &actor,
    )?;
    operate::succeeded(h, &state)?;
    Ok(true)
}

pub async fn run_rollback(h: &ArgoHandle, args: &RollbackArgs) -> anyhow::Result<bool> {
    if args.revert {
        anyhow::bail!(
            "{}: --revert pushes a revert commit for recon apps; an Argo CD app rolls back through Argo CD (leave out --revert)",
            h.full_name()
        );
    }
    let (_, actor) = operate::request_rollback(h, &args.revision, false).await?;
    let mut printer = result_printer(args.output == "text");
    let state = operate::wait_operation(h, OPERATION_TIMEOUT, &mut printer).await?;
    print_operation(
        &state,
        &args.output,
        &format!("rolled {} back to", h.full_name()),
        &actor,
    )?;
    operate::succeeded(h, &state)?;
    if args.output == "text" {
        crate::outln!(
            "{}: automated sync is off so Argo CD keeps this revision; `recon resume {}` turns it on and Argo CD rolls forward",
            h.full_name(),
            args.app.app
        );
    }
    Ok(true)
}

pub async fn run_suspend(h: &ArgoHandle, args: &SuspendArgs) -> anyhow::Result<()> {
    let (_, actor, until) = pause::pause(h, args.for_, args.reason.as_deref()).await?;
    let until = until
        .map(|u| {
            format!(
                " until {u} (lifted by a recon agent running on {})",
                h.cluster.context
            )
        })
        .unwrap_or_default();
    crate::outln!(
        "{} (argocd): automated sync turned off by {actor}{until}",
        h.full_name()
    );
    Ok(())
}

pub async fn run_resume(h: &ArgoHandle) -> anyhow::Result<()> {
    let (_, actor) = pause::resume(h).await?;
    crate::outln!(
        "{} (argocd): automated sync turned on by {actor}",
        h.full_name()
    );
    Ok(())
}

pub async fn run_history(
    engine: &Engine,
    fleet: &Fleet,
    h: &ArgoHandle,
    args: &HistoryArgs,
) -> anyhow::Result<()> {
    let view = history::history(engine, fleet, h, args.limit, true).await?;
    let text = match args.output {
        OutputFormat::Json => json(&view)?,
        OutputFormat::Yaml => yaml(&view)?,
        OutputFormat::Table | OutputFormat::Wide => {
            let rows: Vec<Vec<String>> = view
                .commits
                .rows
                .iter()
                .map(|r| {
                    let mut marks = Vec::new();
                    if r.head {
                        marks.push(format!("{} head", view.commits.target_revision));
                    }
                    if r.deployed {
                        marks.push("deployed".to_string());
                    }
                    let deployments = view
                        .deployments_of(&r.commit.id)
                        .iter()
                        .map(|d| {
                            format!(
                                "#{} {} by {}",
                                d.id,
                                d.deployed_at,
                                d.initiated_by.describe()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    let id = if args.output == OutputFormat::Wide {
                        r.commit.id.clone()
                    } else {
                        r.commit.short.clone()
                    };
                    vec![
                        id,
                        r.commit.time.strftime("%Y-%m-%d %H:%M").to_string(),
                        r.commit.author.clone(),
                        marks.join(", "),
                        deployments,
                        r.commit.subject.clone(),
                    ]
                })
                .collect();
            table(
                &[
                    "COMMIT",
                    "DATE",
                    "AUTHOR",
                    "MARKS",
                    "ARGO CD DEPLOYMENTS",
                    "SUBJECT",
                ],
                &rows,
            )
        }
    };
    crate::out!("{text}");
    Ok(())
}
