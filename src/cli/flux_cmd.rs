//! The commands for a Flux Kustomization: the same verbs as for recon's
//! own apps, done the Flux way (see `crate::adapters::flux`).

use std::time::Duration;

use crate::adapters::flux::{FluxHandle, operate, pause};
use crate::cli::args::SuspendArgs;

/// How long `sync` follows Flux's reconcile.
const RECONCILE_TIMEOUT: Duration = Duration::from_secs(300);

/// Refusal for the verbs recon does not do for Flux apps yet.
pub fn not_yet(h: &FluxHandle, verb: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{} is a Flux Kustomization: recon cannot {verb} Flux apps yet",
        h.full_name()
    )
}

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
