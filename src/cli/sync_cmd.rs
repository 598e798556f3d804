//! `recon sync APP` and `recon rollback APP REV`: progress per object as it
//! completes, then the ChangeSet.

use std::io::Write;

use crate::adapters::batch::BatchVerb;
use crate::adapters::{Located, locate};
use crate::cli::args::{RollbackArgs, SyncArgs};
use crate::cli::output::{json, yaml};
use crate::engine::changeset::{Change, Outcome};
use crate::engine::fleet::Fleet;
use crate::engine::ops::{
    Engine, RollbackMode, RollbackOptions, SyncRequest, SyncResult, rollback, sync,
};

fn progress_printer(enabled: bool) -> impl FnMut(&Change) + Send {
    move |c: &Change| {
        if !enabled {
            return;
        }
        let mut line = format!("{} {}", c.object, c.outcome.as_str());
        if let Some(r) = &c.reason {
            line.push_str(&format!(" ({r})"));
        }
        // stdout is the report; progress goes to stderr so `-o json` stays clean.
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

fn report(result: &SyncResult, output: &str, title: &str) -> anyhow::Result<bool> {
    match output {
        "json" => crate::out!("{}", json(&result.changes)?),
        "yaml" => crate::out!("{}", yaml(&result.changes)?),
        _ => {
            let dry = if result.changes.dry_run {
                " (dry run)"
            } else {
                ""
            };
            crate::outln!(
                "{title} {} as {}{dry}: {}",
                result.short,
                result.actor,
                result.changes.summary()
            );
            for c in result
                .changes
                .entries
                .iter()
                .filter(|c| c.outcome == Outcome::Failed)
            {
                crate::outln!(
                    "  failed: {} — {}",
                    c.object,
                    c.reason.as_deref().unwrap_or("unknown error")
                );
            }
        }
    }
    Ok(!result.changes.failed())
}

pub async fn run_sync(engine: &Engine, fleet: &Fleet, args: &SyncArgs) -> anyhow::Result<bool> {
    let name = match (&args.app.app, &args.app.selector) {
        (_, Some(selector)) => return run_sync_selected(engine, fleet, selector, args).await,
        (Some(name), None) => name,
        (None, None) => anyhow::bail!("name an app, or pick apps with -l SELECTOR"),
    };
    let handle = match locate(fleet, name, args.app.tool()).await? {
        Located::Recon(h) => h,
        Located::ArgoCd(h) => return super::argocd_cmd::run_sync(engine, fleet, &h, args).await,
        Located::Flux(h) => return super::flux_cmd::run_sync(&h).await,
    };
    let req = SyncRequest {
        prune: args.prune,
        force: args.force,
        dry_run: args.dry_run,
        revision: args.revision.clone(),
        concurrency: args.concurrency,
        allow_stale: args.allow_stale,
        ..Default::default()
    };
    let mut progress = progress_printer(args.output == "text");
    let result = sync(engine, &handle, &req, &mut progress).await?;
    if let Some(stale) = &result.stale {
        eprintln!(
            "warning: Git cannot be fetched ({}); synced from the cached clone ({})",
            stale.error,
            stale.age(jiff::Timestamp::now())
        );
    }
    report(
        &result,
        &args.output,
        &format!("synced {} to", handle.full_name()),
    )
}

/// `recon sync -l SELECTOR`: each matching app synced to the head of its
/// own target revision, without a dry run per app.
async fn run_sync_selected(
    engine: &Engine,
    fleet: &Fleet,
    selector: &str,
    args: &SyncArgs,
) -> anyhow::Result<bool> {
    if args.dry_run || args.revision.is_some() {
        anyhow::bail!(
            "--dry-run and --revision name one app's plan; with -l {selector} each app syncs to its own target (use `recon diff APP` first)"
        );
    }
    let verb = BatchVerb::Sync {
        prune: args.prune,
        force: args.force,
    };
    let output = if args.output == "yaml" {
        "json"
    } else {
        args.output.as_str()
    };
    super::batch_cmd::run_selected(engine, fleet, selector, args.app.tool(), &verb, output).await
}

pub async fn run_rollback(
    engine: &Engine,
    fleet: &Fleet,
    args: &RollbackArgs,
) -> anyhow::Result<bool> {
    let handle = match locate(fleet, &args.app.app, args.app.tool()).await? {
        Located::Recon(h) => h,
        Located::ArgoCd(h) => return super::argocd_cmd::run_rollback(&h, args).await,
        Located::Flux(h) => return super::flux_cmd::run_rollback(engine, &h, args).await,
    };
    let mode = if args.revert {
        RollbackMode::Revert
    } else {
        RollbackMode::Pin
    };
    let mut progress = progress_printer(args.output == "text");
    let result = rollback(
        engine,
        &handle,
        &args.revision,
        mode,
        RollbackOptions {
            force: args.force,
            prune: false,
        },
        &mut progress,
    )
    .await?;
    let ok = report(
        &result,
        &args.output,
        &format!("rolled {} back to", handle.full_name()),
    )?;
    if mode == RollbackMode::Pin && args.output == "text" {
        crate::outln!(
            "{} is paused and pinned at {}; `recon resume {}` rolls it forward to {}",
            handle.full_name(),
            result.short,
            args.app.app,
            handle.app.spec.source.target_revision
        );
    }
    Ok(ok)
}
