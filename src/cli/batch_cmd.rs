//! `recon suspend|resume|sync -l SELECTOR`: one action on every app whose
//! labels match, in every `--context`. One line per app as it finishes
//! (or `-o json` with every app's result), exit 1 if any app failed.

use serde::Serialize;

use crate::adapters::Located;
use crate::adapters::Tool;
use crate::adapters::batch::{self, BatchOutcome, BatchResult, BatchVerb};
use crate::cli::output::json;
use crate::engine::fleet::Fleet;
use crate::engine::ops::Engine;

/// Apps acted on at once: enough to freeze a fleet quickly, few enough not
/// to flood an API server in the middle of an incident.
const PARALLEL: usize = 4;

#[derive(Serialize)]
struct Report<'a> {
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    selector: Option<&'a str>,
    done: usize,
    skipped: usize,
    failed: usize,
    results: &'a [BatchResult],
}

fn line(r: &BatchResult) -> String {
    let message = crate::text::printable(&r.message);
    format!("{:<8}{} ({}): {message}", r.outcome.as_str(), r.app, r.tool)
}

fn count(results: &[BatchResult], outcome: BatchOutcome) -> usize {
    results.iter().filter(|r| r.outcome == outcome).count()
}

/// Every app matching `selector`; true when none failed.
pub async fn run_selected(
    engine: &Engine,
    fleet: &Fleet,
    selector: &str,
    only: Option<Tool>,
    verb: &BatchVerb,
    output: &str,
) -> anyhow::Result<bool> {
    let matched = batch::select(fleet, selector, only).await?;
    let text = output == "text";
    if text {
        for r in &matched.unreadable {
            crate::outln!("{}", line(r));
        }
    }
    let mut results = matched.unreadable;
    results.extend(run(engine, &matched.apps, verb, text).await);
    finish(verb, Some(selector), &results, output)
}

/// One named app, reported as a batch of one (`-o json`).
pub async fn run_one(
    engine: &Engine,
    located: Located,
    verb: &BatchVerb,
    output: &str,
) -> anyhow::Result<bool> {
    let text = output == "text";
    let results = run(engine, &[located], verb, text).await;
    finish(verb, None, &results, output)
}

async fn run(engine: &Engine, apps: &[Located], verb: &BatchVerb, text: bool) -> Vec<BatchResult> {
    if text {
        eprintln!("{}: {} app(s)", verb.name(), apps.len());
    }
    batch::act_all(engine, apps, verb, PARALLEL, |r| {
        if text {
            crate::outln!("{}", line(r));
        }
    })
    .await
}

fn finish(
    verb: &BatchVerb,
    selector: Option<&str>,
    results: &[BatchResult],
    output: &str,
) -> anyhow::Result<bool> {
    let report = Report {
        action: verb.name(),
        selector,
        done: count(results, BatchOutcome::Done),
        skipped: count(results, BatchOutcome::Skipped),
        failed: count(results, BatchOutcome::Failed),
        results,
    };
    if output == "json" {
        crate::out!("{}", json(&report)?);
    } else {
        crate::outln!(
            "{}: {} done, {} skipped, {} failed",
            report.action,
            report.done,
            report.skipped,
            report.failed
        );
    }
    Ok(report.failed == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_names_the_outcome_the_app_and_why() {
        let r = BatchResult {
            app: "prod/recon-system/web".into(),
            tool: Tool::Recon,
            outcome: BatchOutcome::Failed,
            message: "forbidden\u{1b}[2J".into(),
        };
        assert_eq!(
            line(&r),
            "failed  prod/recon-system/web (recon): forbidden\\u{1b}[2J"
        );
    }
}
