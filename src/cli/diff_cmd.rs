//! `recon diff APP`: exit 0 no drift, 1 drift, 2 error (like `kubectl diff`).

use serde::Serialize;

use crate::adapters::{Located, locate};
use crate::cli::args::{DiffArgs, DriftMode as CliMode};
use crate::cli::output::{json, yaml};
use crate::engine::drift::{DriftMode, DriftReport, DriftState};
use crate::engine::fleet::Fleet;
use crate::engine::ops::{DiffOptions, Engine, diff};
use crate::engine::prepare::Stamp;
use crate::engine::source::{Fetch, StaleGit};

#[derive(Serialize)]
struct DiffJson<'a> {
    #[serde(flatten)]
    report: &'a DriftReport,
    in_sync: bool,
    /// Set when Git could not be fetched and the diff is against its cache.
    #[serde(rename = "gitStale", skip_serializing_if = "Option::is_none")]
    git_stale: Option<&'a StaleGit>,
}

/// Returns whether the app is in sync.
pub async fn run(engine: &Engine, fleet: &Fleet, args: &DiffArgs) -> anyhow::Result<bool> {
    // A Flux app is compared as recon renders its source's artifact, with
    // nothing of recon's stamped: the drift Flux would undo.
    let (handle, stamp, fetch, stale, flux) = match locate(fleet, &args.app.app, args.app.tool())
        .await?
    {
        Located::Recon(h) => (*h, Stamp::Recon, Fetch::Always, None, None),
        Located::ArgoCd(h) => return super::argocd_cmd::run_diff(engine, fleet, &h, args).await,
        Located::Flux(h) => {
            let p = crate::adapters::flux::project::project(engine, &h, Fetch::Always).await?;
            (
                p.handle,
                Stamp::Nothing,
                Fetch::IfMissing,
                p.stale,
                Some(h.ks),
            )
        }
    };
    let opts = DiffOptions {
        stamp,
        fetch,
        mode: match args.mode {
            CliMode::Server => DriftMode::Server,
            CliMode::Client => DriftMode::Client,
        },
        concurrency: args.concurrency,
        revision: args.revision.clone(),
    };
    let mut outcome = diff(engine, &handle, &opts).await?;
    if stale.is_some() {
        outcome.source.stale = stale;
    }
    if let Some(ks) = &flux {
        crate::adapters::flux::inventory::add_leftovers(ks, &mut outcome.report);
    }
    let report = &outcome.report;
    match args.output.as_str() {
        "json" => crate::out!(
            "{}",
            json(&DiffJson {
                report,
                in_sync: report.in_sync(),
                git_stale: outcome.source.stale.as_ref(),
            })?
        ),
        "yaml" => crate::out!(
            "{}",
            yaml(&DiffJson {
                report,
                in_sync: report.in_sync(),
                git_stale: outcome.source.stale.as_ref(),
            })?
        ),
        _ => {
            // Object text (a ConfigMap value, a name from Git) may carry
            // escape sequences: shown escaped, line breaks kept. JSON and
            // YAML stay exact.
            crate::out!("{}", crate::text::printable_lines(&report.unified()));
            eprintln!(
                "{}: {} at {} — {} synced, {} out of sync, {} missing, {} extra",
                handle.full_name(),
                if report.in_sync() { "in sync" } else { "drift" },
                &outcome.source.short,
                report.count(DriftState::Synced),
                report.count(DriftState::OutOfSync),
                report.count(DriftState::Missing),
                report.count(DriftState::Extra),
            );
        }
    }
    if let Some(stale) = &outcome.source.stale {
        eprintln!("{}", super::output::stale_warning(stale));
    }
    let errors = report.errors();
    if !errors.is_empty() {
        anyhow::bail!(
            "{} object(s) of {} could not be compared:\n  {}",
            errors.len(),
            handle.full_name(),
            errors.join("\n  ")
        );
    }
    Ok(report.in_sync())
}
