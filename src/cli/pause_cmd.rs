//! `recon suspend APP [--for D] [--reason R]` and `recon resume APP`; with
//! `-l SELECTOR` (or `-o json`) every matching app, through `batch_cmd`.

use crate::adapters::batch::BatchVerb;
use crate::adapters::{Located, locate};
use crate::cli::args::{ResumeArgs, SuspendArgs};
use crate::cli::batch_cmd;
use crate::engine::fleet::Fleet;
use crate::engine::ops::{Engine, resume, suspend};

/// True when every app acted on succeeded.
pub async fn run_suspend(
    engine: &Engine,
    fleet: &Fleet,
    args: &SuspendArgs,
) -> anyhow::Result<bool> {
    let verb = BatchVerb::Suspend {
        duration: args.for_,
        reason: args.reason.clone(),
    };
    let name = match (&args.app.app, &args.app.selector) {
        (_, Some(selector)) => {
            return batch_cmd::run_selected(
                engine,
                fleet,
                selector,
                args.app.tool(),
                &verb,
                &args.output,
            )
            .await;
        }
        (Some(name), None) => name,
        (None, None) => anyhow::bail!("name an app, or pick apps with -l SELECTOR"),
    };
    let located = locate(fleet, name, args.app.tool()).await?;
    if args.output != "text" {
        return batch_cmd::run_one(engine, located, &verb, &args.output).await;
    }
    let handle = match located {
        Located::Recon(h) => h,
        Located::ArgoCd(h) => {
            return super::argocd_cmd::run_suspend(&h, args).await.map(|_| true);
        }
        Located::Flux(h) => return super::flux_cmd::run_suspend(&h, args).await.map(|_| true),
    };
    let (app, actor) = suspend(&handle, args.for_, args.reason.as_deref()).await?;
    let until = app
        .spec
        .suspend_until
        .as_deref()
        .map(|u| format!(" until {u}"))
        .unwrap_or_default();
    let reason = args
        .reason
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    crate::outln!("{} paused by {actor}{until}{reason}", handle.full_name());
    Ok(true)
}

pub async fn run_resume(engine: &Engine, fleet: &Fleet, args: &ResumeArgs) -> anyhow::Result<bool> {
    let name = match (&args.app.app, &args.app.selector) {
        (_, Some(selector)) => {
            return batch_cmd::run_selected(
                engine,
                fleet,
                selector,
                args.app.tool(),
                &BatchVerb::Resume,
                &args.output,
            )
            .await;
        }
        (Some(name), None) => name,
        (None, None) => anyhow::bail!("name an app, or pick apps with -l SELECTOR"),
    };
    let located = locate(fleet, name, args.app.tool()).await?;
    if args.output != "text" {
        return batch_cmd::run_one(engine, located, &BatchVerb::Resume, &args.output).await;
    }
    let handle = match located {
        Located::Recon(h) => h,
        Located::ArgoCd(h) => return super::argocd_cmd::run_resume(&h).await.map(|_| true),
        Located::Flux(h) => return super::flux_cmd::run_resume(&h).await.map(|_| true),
    };
    let (_, actor, pinned) = resume(&handle).await?;
    crate::outln!("{} resumed by {actor}", handle.full_name());
    if let Some(pin) = pinned {
        crate::outln!(
            "warning: it was pinned at {}; reconciliation now rolls it forward to {}",
            crate::text::short_sha(&pin),
            handle.app.spec.source.target_revision
        );
    }
    Ok(true)
}
