//! Sync: diff, plan, apply, prune; then status, history, Event and audit.

use crate::cluster::whoami;
use crate::engine::app::HistoryEntry;
use crate::engine::audit::{self, AuditRecord, AuditResult};
use crate::engine::changeset::{Change, ChangeSet};
use std::collections::BTreeSet;

use crate::engine::drift::{DriftMode, DriftReport};
use crate::engine::drift_one::measure_again;
use crate::engine::error::EngineError;
use crate::engine::execute::{SyncOptions, execute};
use crate::engine::fleet::AppHandle;
use crate::engine::plan::{self, Plan};
use crate::engine::render::ObjectKey;
use crate::engine::source::Fetch;
use crate::engine::status::{self, PinChange, StatusUpdate};

use super::{DiffOptions, DiffOutcome, Engine, diff};

#[derive(Debug, Clone)]
pub struct SyncRequest {
    /// Prune extras even if the app's policy does not say so.
    pub prune: bool,
    pub force: bool,
    pub dry_run: bool,
    pub revision: Option<String>,
    pub concurrency: usize,
    /// Recorded in history: "sync", "rollback (pin)", "rollback (revert)".
    pub label: String,
    pub pin: PinChange,
    /// The plan an operator confirmed: executed only if it is still the plan.
    pub confirmed: Option<ConfirmedPlan>,
    /// A failure that repeats the newest history entry (same revision, same
    /// result) is not written to history, the journal and Events again: the
    /// agent's retries must not flood them.
    pub quiet_repeats: bool,
    /// Apply Git as last fetched when the repository cannot be reached
    /// (recorded as such); otherwise such a sync is refused.
    pub allow_stale: bool,
    /// Only these objects changed since `outcome` was measured: measure only
    /// them again after the sync, not the whole app (the agent's
    /// incremental self-heal). None: the whole app.
    pub remeasure: Option<BTreeSet<ObjectKey>>,
}

/// What a confirmation showed: the commit and the objects to prune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmedPlan {
    pub revision: String,
    /// `ObjectKey` texts, in any order.
    pub prune: Vec<String>,
}

/// Why `plan` is not the confirmed one, if it is not.
fn plan_change(confirmed: &ConfirmedPlan, revision: &str, plan: &Plan) -> Option<String> {
    if confirmed.revision != revision {
        return Some(format!(
            "Git moved: {} was confirmed, {} is the revision now",
            crate::text::short_sha(&confirmed.revision),
            crate::text::short_sha(revision)
        ));
    }
    let mut now: Vec<String> = plan
        .steps
        .iter()
        .filter(|s| matches!(s, plan::Step::Prune(_)))
        .map(|s| s.key().to_string())
        .collect();
    let mut was = confirmed.prune.clone();
    now.sort();
    was.sort();
    if now != was {
        let added: Vec<&String> = now.iter().filter(|k| !was.contains(k)).collect();
        let gone: Vec<&String> = was.iter().filter(|k| !now.contains(k)).collect();
        return Some(format!(
            "the objects to prune changed (now also: {}; no longer: {})",
            if added.is_empty() {
                "-".into()
            } else {
                added
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            if gone.is_empty() {
                "-".into()
            } else {
                gone.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ));
    }
    None
}

impl Default for SyncRequest {
    fn default() -> Self {
        Self {
            prune: false,
            force: false,
            dry_run: false,
            revision: None,
            concurrency: 8,
            label: "sync".into(),
            pin: PinChange::Keep,
            confirmed: None,
            quiet_repeats: false,
            allow_stale: false,
            remeasure: None,
        }
    }
}

pub struct SyncResult {
    pub actor: String,
    pub revision: String,
    pub short: String,
    pub subject: String,
    /// The drift the plan was made from.
    pub before: DriftReport,
    pub plan: Plan,
    pub changes: ChangeSet,
    /// Set when Git could not be fetched and its cache was applied.
    pub stale: Option<crate::engine::source::StaleGit>,
    /// The app measured after the sync (None for a dry run, or when it
    /// could not be measured).
    pub after: Option<DiffOutcome>,
}

pub async fn sync(
    engine: &Engine,
    handle: &AppHandle,
    req: &SyncRequest,
    on_change: &mut (dyn FnMut(&Change) + Send),
) -> Result<SyncResult, EngineError> {
    let app_id = handle.app.tracking_id();
    let actor = whoami(&handle.cluster)
        .await
        .map_err(|e| EngineError::cluster(&app_id, e))?;
    let opts = DiffOptions {
        revision: req.revision.clone(),
        concurrency: req.concurrency,
        ..Default::default()
    };
    let outcome = diff(engine, handle, &opts).await?;
    sync_measured(engine, handle, req, outcome, &actor, on_change).await
}

/// Sync from a drift already measured: what the agent decided on is what it
/// applies, with no second fetch between the decision and the apply.
pub async fn sync_measured(
    engine: &Engine,
    handle: &AppHandle,
    req: &SyncRequest,
    outcome: DiffOutcome,
    actor: &str,
    on_change: &mut (dyn FnMut(&Change) + Send),
) -> Result<SyncResult, EngineError> {
    let app_id = handle.app.tracking_id();
    let actor = actor.to_string();
    let prune = req.prune || handle.app.spec.sync_policy.prune;
    let plan = plan::build(
        &app_id,
        &outcome.report,
        &outcome.desired,
        &outcome.extras,
        prune,
    )?;
    if let Some(confirmed) = &req.confirmed
        && let Some(what) = plan_change(confirmed, &outcome.source.revision, &plan)
    {
        return Err(EngineError::PlanChanged { app: app_id, what });
    }
    let stale = outcome
        .source
        .stale
        .as_ref()
        .map(|s| (s.error.clone(), s.age(jiff::Timestamp::now())));
    if let Some((error, age)) = &stale
        && !req.allow_stale
        && !req.dry_run
    {
        return Err(EngineError::StaleGit {
            app: app_id,
            error: error.clone(),
            age: age.clone(),
        });
    }
    let sync_opts = SyncOptions {
        force: req.force,
        dry_run: req.dry_run,
    };
    let changes = execute(
        &handle.cluster,
        &handle.resolver,
        &app_id,
        &plan,
        sync_opts,
        on_change,
    )
    .await;
    // Measured again object by object: keep what the rest is measured as.
    let before = req.remeasure.as_ref().map(|_| outcome.clone());
    let mut result = SyncResult {
        actor: actor.clone(),
        revision: outcome.source.revision.clone(),
        short: outcome.source.short.clone(),
        subject: outcome.source.subject.clone(),
        stale: outcome.source.stale.clone(),
        before: outcome.report,
        plan,
        changes,
        after: None,
    };
    if req.dry_run {
        return Ok(result);
    }

    // Status reflects the cluster after the sync, so measure it again.
    let after_opts = DiffOptions {
        revision: Some(result.revision.clone()),
        concurrency: req.concurrency,
        mode: DriftMode::Server,
        fetch: Fetch::IfMissing,
        stamp: Default::default(),
    };
    let after = match (&req.remeasure, before) {
        (Some(keys), Some(mut before)) => {
            measure_again(handle, &before.desired, &mut before.report, keys)
                .await
                .map(|_| before)
        }
        _ => diff(engine, handle, &after_opts).await,
    };
    let failed = result.changes.failed();
    let summary = result.changes.summary();
    let entry = HistoryEntry {
        revision: result.revision.clone(),
        deployed_at: jiff::Timestamp::now().to_string(),
        initiator: actor.clone(),
        result: if failed {
            format!("{}: failed ({summary})", req.label)
        } else {
            format!("{}: {summary}", req.label)
        },
    };
    let repeat = req.quiet_repeats && failed && repeats_newest(&handle.app, &entry);
    let update = StatusUpdate {
        synced_revision: (!failed).then(|| result.revision.clone()),
        synced_subject: (!failed).then(|| result.subject.clone()),
        history: (!repeat).then_some(entry),
        pin: req.pin.clone(),
        condition: None,
    };
    let report = after
        .as_ref()
        .ok()
        .map(|a| (&a.report, a.desired.as_slice()));
    if let Err(e) = status::write(&handle.cluster, &handle.app, report, &update).await {
        tracing::warn!(app = %app_id, error = %e, "cannot update the Application status after sync");
    }
    let mut rec = AuditRecord::new(&handle.cluster, &handle.app, &actor, "sync");
    rec.revision = Some(result.revision.clone());
    rec.result = if failed {
        AuditResult::Failed(result.changes.failed_objects())
    } else {
        AuditResult::Ok
    };
    rec.details = match &stale {
        Some((_, age)) => format!("{}: {summary} (from stale Git, {age})", req.label),
        None => format!("{}: {summary}", req.label),
    };
    if !repeat {
        audit::record(&handle.cluster, &handle.app, &rec).await;
    }
    result.after = after.ok();
    Ok(result)
}

/// Whether `entry` says again what the app's newest history entry says.
fn repeats_newest(app: &crate::engine::app::Application, entry: &HistoryEntry) -> bool {
    app.status
        .as_ref()
        .and_then(|s| s.history.first())
        .is_some_and(|h| h.revision == entry.revision && h.result == entry.result)
}
