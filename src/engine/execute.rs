//! Runs a plan against a cluster and reports one Change per object as each
//! completes. A failure stops later waves but not the rest of its own wave,
//! and prune runs only when every apply succeeded, so a partial sync says
//! exactly what was applied and what was not.

use std::time::Duration;

use serde_json::Value;

use crate::cluster::{Cluster, Resolver, live};
use crate::engine::changeset::{Change, ChangeSet, Outcome};
use crate::engine::mask::scrub_message;
use crate::engine::plan::{Plan, Step, order_key};
use crate::engine::prepare::{PreparedObject, tracking_id_of};

#[derive(Debug, Clone, Copy, Default)]
pub struct SyncOptions {
    pub force: bool,
    pub dry_run: bool,
}

pub async fn execute(
    cluster: &Cluster,
    resolver: &Resolver,
    app_id: &str,
    plan: &Plan,
    opts: SyncOptions,
    on_change: &mut (dyn FnMut(&Change) + Send),
) -> ChangeSet {
    let mut set = ChangeSet {
        dry_run: opts.dry_run,
        entries: Vec::new(),
    };
    let mut record = |set: &mut ChangeSet, change: Change| {
        on_change(&change);
        set.entries.push(change);
    };
    for key in &plan.unchanged {
        record(
            &mut set,
            Change {
                object: key.clone(),
                outcome: Outcome::Unchanged,
                reason: None,
            },
        );
    }

    let mut failed_wave: Option<(u8, i64)> = None;
    let mut crds_applied = false;
    for step in &plan.steps {
        let (Step::Create(obj) | Step::Update(obj)) = step else {
            continue;
        };
        let wave = order_key(obj).map(|k| (k.0, k.1)).unwrap_or((1, 0));
        if let Some(failed) = failed_wave
            && wave > failed
        {
            let reason = format!("not applied: an earlier wave ({}) failed", failed.1);
            record(
                &mut set,
                Change {
                    object: obj.key.clone(),
                    outcome: Outcome::Skipped,
                    reason: Some(reason),
                },
            );
            continue;
        }
        if wave.0 == 1 && crds_applied && !opts.dry_run {
            // The CRDs of phase 0 are in: learn their kinds before applying their objects.
            resolver.invalidate().await;
            crds_applied = false;
        }
        let outcome = apply_one(cluster, resolver, obj, step, opts).await;
        if outcome.outcome == Outcome::Failed {
            failed_wave = Some(failed_wave.map_or(wave, |w| w.min(wave)));
        } else if obj.is_crd() && !opts.dry_run {
            wait_established(cluster, &obj.key.name).await;
            crds_applied = true;
        }
        record(&mut set, outcome);
    }

    let any_failed = set.failed();
    for step in &plan.steps {
        let Step::Prune(extra) = step else { continue };
        let change = if any_failed {
            Change {
                object: extra.key.clone(),
                outcome: Outcome::Skipped,
                reason: Some("prune skipped: the sync had failures".into()),
            }
        } else {
            prune_one(cluster, app_id, extra, opts).await
        };
        record(&mut set, change);
    }
    for key in &plan.prune_skipped {
        record(
            &mut set,
            Change {
                object: key.clone(),
                outcome: Outcome::Skipped,
                reason: Some("not in Git; prune is off".into()),
            },
        );
    }
    set
}

async fn apply_one(
    cluster: &Cluster,
    resolver: &Resolver,
    obj: &PreparedObject,
    step: &Step,
    opts: SyncOptions,
) -> Change {
    let fail = |reason: String| Change {
        object: obj.key.clone(),
        outcome: Outcome::Failed,
        reason: Some(scrub_message(&reason, &obj.object)),
    };
    let resolved = match &obj.resolved {
        Some(r) => r.clone(),
        None => match resolver
            .resolve(cluster, obj.api_version(), obj.kind())
            .await
        {
            Ok(r) => r,
            // In a dry run the CRD was not really applied, so its kind cannot be served yet.
            Err(_) if opts.dry_run => {
                return Change {
                    object: obj.key.clone(),
                    outcome: Outcome::Created,
                    reason: Some("after its CRD (not checked by the server in a dry run)".into()),
                };
            }
            Err(e) => return fail(format!("{} ({})", e, obj.source)),
        },
    };
    let res = live::apply(
        cluster,
        &resolved,
        obj.key.namespace.as_deref(),
        &obj.key.name,
        &obj.object,
        live::ApplyOptions {
            force: opts.force,
            dry_run: opts.dry_run,
        },
    )
    .await;
    match res {
        Ok(_) => Change {
            object: obj.key.clone(),
            outcome: if matches!(step, Step::Create(_)) {
                Outcome::Created
            } else {
                Outcome::Configured
            },
            reason: None,
        },
        Err(e) => fail(format!("{e} ({})", obj.source)),
    }
}

/// Deletes an extra object after re-reading it: it must still carry this
/// app's tracking id and be the same object (uid) that drift found.
async fn prune_one(
    cluster: &Cluster,
    app_id: &str,
    extra: &crate::engine::inventory::ExtraObject,
    opts: SyncOptions,
) -> Change {
    let key = extra.key.clone();
    let ns = key.namespace.as_deref();
    let current = match live::get(cluster, &extra.resolved, ns, &key.name).await {
        Ok(Some(v)) => v,
        Ok(None) => {
            return Change {
                object: key,
                outcome: Outcome::Pruned,
                reason: Some("already gone".into()),
            };
        }
        Err(e) => {
            return Change {
                object: key,
                outcome: Outcome::Failed,
                reason: Some(e.to_string()),
            };
        }
    };
    let uid = |v: &Value| {
        v.get("metadata")
            .and_then(|m| m.get("uid"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    if tracking_id_of(&current) != Some(app_id) || uid(&current) != uid(&extra.live) {
        return Change {
            object: key,
            outcome: Outcome::Skipped,
            reason: Some("no longer tracked by this app; left alone".into()),
        };
    }
    if opts.dry_run {
        return Change {
            object: key,
            outcome: Outcome::Pruned,
            reason: None,
        };
    }
    match live::delete(cluster, &extra.resolved, ns, &key.name).await {
        Ok(()) => Change {
            object: key,
            outcome: Outcome::Pruned,
            reason: None,
        },
        Err(e) => Change {
            object: key,
            outcome: Outcome::Failed,
            reason: Some(e.to_string()),
        },
    }
}

/// Waits (up to 30 s) until a CRD is Established, so its objects can be applied.
async fn wait_established(cluster: &Cluster, name: &str) {
    if !crate::cluster::typed::wait_crd_established(cluster, name, Duration::from_secs(30)).await {
        tracing::warn!(
            crd = name,
            "CRD not Established after 30s; applying its objects anyway"
        );
    }
}
