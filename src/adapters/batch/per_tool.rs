//! One batch verb done to one app the way its own tool does it.

use std::time::Duration;

use super::{BatchVerb, described};
use crate::adapters::argocd::ArgoHandle;
use crate::adapters::argocd::operate::{self, SyncSpec};
use crate::adapters::flux::FluxHandle;
use crate::engine::changeset::Outcome as ChangeOutcome;
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{self, Engine, SyncRequest};
use crate::text::short_sha;

/// How long a batch follows one Argo CD operation or Flux reconcile.
const FOLLOW_TIMEOUT: Duration = Duration::from_secs(300);

pub(super) enum Acted {
    Done(String),
    Skipped(String),
}

fn pause_text(until: Option<&str>, reason: Option<&str>) -> String {
    let until = until.map(|u| format!(" until {u}")).unwrap_or_default();
    let reason = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    format!("{until}{reason}")
}

pub(super) async fn recon(
    engine: &Engine,
    h: &AppHandle,
    verb: &BatchVerb,
) -> Result<Acted, String> {
    let paused = h.app.is_suspended_at(jiff::Timestamp::now());
    match verb {
        BatchVerb::Suspend { .. } if paused => Ok(Acted::Skipped("already paused".into())),
        BatchVerb::Suspend { duration, reason } => {
            let (app, actor) = ops::suspend(h, *duration, reason.as_deref())
                .await
                .map_err(|e| described(&e))?;
            let rest = pause_text(app.spec.suspend_until.as_deref(), reason.as_deref());
            Ok(Acted::Done(format!("paused by {actor}{rest}")))
        }
        BatchVerb::Resume if !paused && h.app.pinned_revision().is_none() => {
            Ok(Acted::Skipped("not paused".into()))
        }
        BatchVerb::Resume => {
            let (_, actor, pinned) = ops::resume(h).await.map_err(|e| described(&e))?;
            let pin = pinned
                .map(|p| format!("; pin at {} dropped", short_sha(&p)))
                .unwrap_or_default();
            Ok(Acted::Done(format!("resumed by {actor}{pin}")))
        }
        BatchVerb::Sync { prune, force } => {
            let req = SyncRequest {
                prune: *prune,
                force: *force,
                ..Default::default()
            };
            let r = ops::sync(engine, h, &req, &mut |_| {})
                .await
                .map_err(|e| described(&e))?;
            let summary = format!(
                "synced to {} as {}: {}",
                r.short,
                r.actor,
                r.changes.summary()
            );
            match r
                .changes
                .entries
                .iter()
                .find(|c| c.outcome == ChangeOutcome::Failed)
            {
                None => Ok(Acted::Done(summary)),
                Some(first) => Err(format!(
                    "{summary}; first failure: {} — {}",
                    first.object,
                    first.reason.as_deref().unwrap_or("?")
                )),
            }
        }
    }
}

pub(super) async fn argo(h: &ArgoHandle, verb: &BatchVerb) -> Result<Acted, String> {
    use crate::adapters::argocd::pause;
    let app = h.fresh().await.map_err(|e| described(&e))?;
    match verb {
        BatchVerb::Suspend { .. } | BatchVerb::Resume if !app.has_automated() => Ok(
            Acted::Skipped("no automated sync: Argo CD does not sync it by itself".into()),
        ),
        BatchVerb::Suspend { .. } if !app.auto_sync() => {
            Ok(Acted::Skipped("already paused (auto-sync off)".into()))
        }
        BatchVerb::Suspend { duration, reason } => {
            let (_, actor, until) = pause::pause(h, *duration, reason.as_deref())
                .await
                .map_err(|e| described(&e))?;
            let rest = pause_text(until.as_deref(), reason.as_deref());
            Ok(Acted::Done(format!("auto-sync off, by {actor}{rest}")))
        }
        BatchVerb::Resume if app.auto_sync() => {
            Ok(Acted::Skipped("not paused (auto-sync on)".into()))
        }
        BatchVerb::Resume => {
            let (_, actor) = pause::resume(h).await.map_err(|e| described(&e))?;
            Ok(Acted::Done(format!("auto-sync on, by {actor}")))
        }
        BatchVerb::Sync { prune, force } => {
            let spec = SyncSpec {
                revision: None,
                prune: *prune,
                force: *force,
                reason: "recon batch sync".into(),
            };
            let (_, actor) = operate::request_sync(h, &spec, "sync")
                .await
                .map_err(|e| described(&e))?;
            let state = operate::wait_operation(h, FOLLOW_TIMEOUT, &mut |_| {})
                .await
                .map_err(|e| described(&e))?;
            let summary = operate::outcome_line(&state, &actor);
            operate::succeeded(h, &state).map_err(|_| summary.clone())?;
            Ok(Acted::Done(summary))
        }
    }
}

pub(super) async fn flux(h: &FluxHandle, verb: &BatchVerb) -> Result<Acted, String> {
    use crate::adapters::flux::{operate as flux_operate, pause as flux_pause};
    let ks = h.fresh().await.map_err(|e| described(&e))?;
    match verb {
        BatchVerb::Suspend { .. } if ks.spec.suspend => {
            Ok(Acted::Skipped("already suspended".into()))
        }
        BatchVerb::Suspend { duration, reason } => {
            let (_, actor, until) = flux_pause::suspend(h, *duration, reason.as_deref())
                .await
                .map_err(|e| described(&e))?;
            let rest = pause_text(until.as_deref(), reason.as_deref());
            Ok(Acted::Done(format!("suspended by {actor}{rest}")))
        }
        BatchVerb::Resume if !ks.spec.suspend => Ok(Acted::Skipped("not suspended".into())),
        BatchVerb::Resume => {
            let (_, actor) = flux_pause::resume(h).await.map_err(|e| described(&e))?;
            Ok(Acted::Done(format!("resumed by {actor}")))
        }
        BatchVerb::Sync { .. } => {
            let done = flux_operate::reconcile(h, FOLLOW_TIMEOUT)
                .await
                .map_err(|e| described(&e))?;
            let revision = done.applied_revision.as_deref().unwrap_or("nothing");
            match done.failure {
                Some(message) => Err(format!(
                    "reconcile by {} failed: {}",
                    done.actor,
                    crate::text::printable(&message)
                )),
                None => Ok(Acted::Done(format!(
                    "reconciled by {}: applied {}",
                    done.actor,
                    crate::text::printable(revision)
                ))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_says_until_and_why() {
        assert_eq!(
            pause_text(Some("2026-01-01T00:00:00Z"), Some("INC-1")),
            " until 2026-01-01T00:00:00Z (INC-1)"
        );
        assert_eq!(pause_text(None, None), "");
    }
}
