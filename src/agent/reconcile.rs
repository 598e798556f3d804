//! One app, reconciled once: honour its finalizer and its pause, measure its
//! drift from freshly fetched Git, and decide and sync on that one result.

use std::time::Duration;

use crate::agent::context::{Ctx, jitter};
use crate::agent::decide::{Decision, auto_sync_request, decide};
use crate::agent::error::AgentError;
use crate::agent::finalize::finalize;
use crate::agent::heal_touched::{Healed, heal_touched};
use crate::agent::measured::Measured;
use crate::engine::app::Application;
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{DiffOptions, DiffOutcome, diff, record, resume, sync_measured};
use crate::engine::source::Fetch;

/// What the agent did, for its log line, metrics and the app's condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Applied Git: `summary` says what changed.
    Synced { summary: String },
    /// Automated and equal to Git.
    InSync,
    /// Drifted, and nothing allows the agent to act (no self-heal).
    Drifted,
    /// Paused: only measured.
    Suspended { drifted: bool },
    /// Manual sync policy: only measured.
    Manual { drifted: bool },
    /// Being deleted: the finalizer was carried out.
    Deleted,
}

impl Outcome {
    /// (status, reason) of the Ready condition.
    pub fn condition(&self) -> (&'static str, &'static str) {
        match self {
            Self::Synced { .. } => ("True", "Synced"),
            Self::InSync => ("True", "InSync"),
            Self::Drifted => ("False", "OutOfSync"),
            Self::Suspended { .. } => ("True", "Suspended"),
            Self::Manual { drifted: true } => ("False", "OutOfSync"),
            Self::Manual { drifted: false } => ("True", "InSync"),
            Self::Deleted => ("True", "Deleted"),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Synced { summary } => format!("synced: {summary}"),
            Self::InSync => "in sync".into(),
            Self::Drifted => "drifted; self-heal is off, left as it is".into(),
            Self::Suspended { drifted } => format!(
                "suspended, left alone ({})",
                if *drifted { "drifted" } else { "in sync" }
            ),
            Self::Manual { drifted } => format!(
                "manual sync policy, measured only ({})",
                if *drifted { "drifted" } else { "in sync" }
            ),
            Self::Deleted => "deleted with its objects".into(),
        }
    }
}

/// The result of one reconcile: what happened, the revision it was about,
/// and when the app must be looked at again at the latest.
pub struct Reconciled {
    pub outcome: Outcome,
    pub revision: String,
    pub next: Duration,
    /// Why Git could not be fetched, when the cached clone stood in.
    pub stale_git: Option<String>,
}

pub async fn reconcile_app(ctx: &Ctx, app: Application) -> Result<Reconciled, AgentError> {
    let now = jiff::Timestamp::now();
    let mut handle = AppHandle {
        cluster: ctx.cluster.clone(),
        resolver: ctx.resolver.clone(),
        app,
    };
    let base = ctx.interval_of(&handle.app);
    let interval = jitter(base);
    if finalize(&mut handle).await? {
        return Ok(Reconciled {
            outcome: Outcome::Deleted,
            revision: String::new(),
            next: interval,
            stale_git: None,
        });
    }
    if handle.app.spec.suspend && !handle.app.is_suspended_at(now) {
        let (app, _, _) = resume(&handle).await?;
        tracing::info!(app = %handle.full_name(), "agent: pause expired, resumed (recorded in the journal)");
        handle.app = app;
    }
    let app_id = handle.app.tracking_id();
    if let Some(healed) = heal_touched(ctx, &handle, fresh_for(base), now).await? {
        let (outcome, revision) = match healed {
            Healed::InSync { revision } => (Outcome::InSync, revision),
            Healed::Synced { revision, summary } => {
                tracing::info!(app = %handle.full_name(), "agent: healed the objects changed by hand, alone");
                (Outcome::Synced { summary }, revision)
            }
        };
        return Ok(Reconciled {
            outcome,
            revision,
            next: interval,
            stale_git: None,
        });
    }
    let fetched = ctx
        .gate
        .ensure_fresh(
            &ctx.engine,
            &app_id,
            &handle.app.spec.source.repo_url,
            fresh_for(base),
        )
        .await;
    let stale_git = match fetched {
        Ok(_) => None,
        // Git down: keep the cluster equal to Git as last fetched (the
        // cache answers below, or fails if it never had the revision); the
        // next reconcile tries the fetch again.
        Err(crate::engine::error::EngineError::Git { source, .. }) => {
            tracing::warn!(app = %handle.full_name(), error = %source, "agent: Git cannot be fetched; reconciling from the cached clone");
            Some(source.to_string())
        }
        Err(e) => return Err(e.into()),
    };
    let opts = DiffOptions {
        fetch: Fetch::IfMissing,
        ..Default::default()
    };
    let outcome = diff(&ctx.engine, &handle, &opts).await?;
    if let Some(tracked) = &ctx.tracked {
        let kinds: Vec<(String, String)> = outcome
            .desired
            .iter()
            .map(|d| (d.api_version().to_string(), d.key.kind.clone()))
            .collect();
        tracked.cover(kinds).await;
    }
    let revision = outcome.source.revision.clone();
    let drifted = !outcome.report.in_sync();
    let suspended = handle.app.is_suspended_at(now);
    if suspended || !handle.app.spec.sync_policy.automated {
        record(&handle, &outcome).await?;
        let (outcome, next) = if suspended {
            (
                Outcome::Suspended { drifted },
                until_pause_ends(&handle.app, now, interval),
            )
        } else {
            (Outcome::Manual { drifted }, interval)
        };
        return Ok(Reconciled {
            outcome,
            revision,
            next,
            stale_git,
        });
    }
    let result = match decide(&handle.app, &outcome.report) {
        Decision::Observe => {
            record(&handle, &outcome).await?;
            keep_measured(ctx, &handle, stale_git.is_none(), outcome);
            if drifted {
                Outcome::Drifted
            } else {
                Outcome::InSync
            }
        }
        Decision::Sync => {
            let req = auto_sync_request();
            let actor = ctx.actor().await.map_err(|e| {
                AgentError::Engine(crate::engine::error::EngineError::cluster(&app_id, e))
            })?;
            let synced =
                sync_measured(&ctx.engine, &handle, &req, outcome, &actor, &mut |_| {}).await?;
            if synced.changes.failed() {
                return Err(AgentError::apply(&app_id, &synced.changes));
            }
            let summary = synced.changes.summary();
            if let Some(after) = synced.after {
                keep_measured(ctx, &handle, stale_git.is_none(), after);
            }
            Outcome::Synced { summary }
        }
    };
    Ok(Reconciled {
        outcome: result,
        revision,
        next: interval,
        stale_git,
    })
}

/// Keeps what was measured from fresh Git, for the incremental self-heal.
fn keep_measured(ctx: &Ctx, handle: &AppHandle, fresh_git: bool, outcome: DiffOutcome) {
    let fetched_at = ctx.gate.fetched_at(&handle.app.spec.source.repo_url);
    if let (true, Some(fetched_at)) = (fresh_git, fetched_at) {
        let measured = Measured {
            generation: handle.app.metadata.generation,
            fetched_at,
            outcome,
        };
        ctx.measured.keep(&handle.app.tracking_id(), measured);
    }
}

/// A timed pause is looked at again when it ends, so it is lifted on time.
fn until_pause_ends(app: &Application, now: jiff::Timestamp, interval: Duration) -> Duration {
    let until = app
        .spec
        .suspend_until
        .as_deref()
        .and_then(|u| u.parse::<jiff::Timestamp>().ok());
    match until {
        Some(until) => {
            let left = until.duration_since(now);
            let left = Duration::try_from(left).unwrap_or_default();
            left.min(interval) + Duration::from_millis(200)
        }
        None => interval,
    }
}

/// How long a fetch serves the apps of its repository: less than the
/// shortest jittered interval, so every poll of an app sees a fetch at most
/// one interval old (a window as long as the interval could skip one).
fn fresh_for(interval: Duration) -> Duration {
    interval.mul_f64(0.8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fetch_is_stale_before_the_next_poll_of_any_app() {
        let base = Duration::from_secs(5);
        for _ in 0..200 {
            assert!(fresh_for(base) < jitter(base));
        }
    }
}
