//! The commands for a Flux Kustomization: the same verbs as for recon's
//! own apps, done the Flux way (see `crate::adapters::flux`).

use std::time::Duration;

use crate::adapters::flux::{FluxHandle, operate, pause, pin};
use crate::cli::args::{RollbackArgs, SuspendArgs};
use crate::engine::ops::Engine;

/// How long `sync` follows Flux's reconcile.
const RECONCILE_TIMEOUT: Duration = Duration::from_secs(300);

pub async fn run_sync(h: &FluxHandle) -> anyhow::Result<bool> {
    eprintln!(
        "{}: asking Flux to reconcile its source and then the Kustomization",
        h.full_name()
    );
    let done = operate::reconcile(h, RECONCILE_TIMEOUT).await?;
    let revision = done.applied_revision.as_deref().unwrap_or("nothing");
    match &done.failure {
        Some(message) => {
            anyhow::bail!(
                "{} (flux): reconcile by {} failed: {}",
                h.full_name(),
                done.actor,
                crate::text::printable(message)
            )
        }
        None => {
            crate::outln!(
                "reconciled {} (flux) as {}: applied {}",
                h.full_name(),
                done.actor,
                crate::text::printable(revision)
            );
            Ok(true)
        }
    }
}

pub async fn run_suspend(h: &FluxHandle, args: &SuspendArgs) -> anyhow::Result<()> {
    let (_, actor, until) = pause::suspend(h, args.for_, args.reason.as_deref()).await?;
    let until = until
        .map(|u| format!(" until {u} (recorded only: Flux keeps it suspended until resumed)"))
        .unwrap_or_default();
    crate::outln!("{} (flux): suspended by {actor}{until}", h.full_name());
    Ok(())
}

pub async fn run_resume(h: &FluxHandle) -> anyhow::Result<()> {
    let (_, actor) = pause::resume(h).await?;
    crate::outln!("{} (flux): resumed by {actor}", h.full_name());
    Ok(())
}

/// `recon rollback` of a Flux app: Flux has no rollback, so its
/// GitRepository is pinned to the commit (every Kustomization of that
/// source moves too: they are named first) and Flux reconciles.
pub async fn run_rollback(
    engine: &Engine,
    h: &FluxHandle,
    args: &RollbackArgs,
) -> anyhow::Result<bool> {
    if args.revert {
        anyhow::bail!(
            "{} (flux): --revert is not offered for Flux apps yet; roll back by pin (without --revert), or revert the commit in Git yourself",
            h.full_name()
        );
    }
    let sha = pin::resolve_commit(engine, h, &args.revision).await?;
    let others = pin::others_of_source(h).await?;
    let (src_ns, src_name) = h.ks.source_key();
    eprintln!(
        "{}: pinning GitRepository {src_ns}/{src_name} to {}; {}",
        h.full_name(),
        crate::text::short_sha(&sha),
        if others.is_empty() {
            "no other Kustomization uses it".to_string()
        } else {
            format!("these Kustomizations move with it: {}", others.join(", "))
        }
    );
    let actor = pin::roll_back(h, &sha, RECONCILE_TIMEOUT).await?;
    crate::outln!(
        "rolled back {} (flux) to {} by {actor}: GitRepository {src_ns}/{src_name} pinned; `recon resume` unpins",
        h.full_name(),
        crate::text::short_sha(&sha)
    );
    Ok(true)
}
