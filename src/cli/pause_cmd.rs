//! `recon suspend APP [--for D] [--reason R]` and `recon resume APP`.

use crate::adapters::{Located, locate};
use crate::cli::args::{AppArg, SuspendArgs};
use crate::engine::fleet::Fleet;
use crate::engine::ops::{resume, suspend};

pub async fn run_suspend(fleet: &Fleet, args: &SuspendArgs) -> anyhow::Result<()> {
    let handle = match locate(fleet, &args.app.app, args.app.tool()).await? {
        Located::Recon(h) => h,
        Located::ArgoCd(h) => return super::argocd_cmd::run_suspend(&h, args).await,
        Located::Flux(h) => return super::flux_cmd::run_suspend(&h, args).await,
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
    Ok(())
}

pub async fn run_resume(fleet: &Fleet, args: &AppArg) -> anyhow::Result<()> {
    let handle = match locate(fleet, &args.app, args.tool()).await? {
        Located::Recon(h) => h,
        Located::ArgoCd(h) => return super::argocd_cmd::run_resume(&h).await,
        Located::Flux(h) => return super::flux_cmd::run_resume(&h).await,
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
    Ok(())
}
