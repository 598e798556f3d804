//! One action on many apps at once: the incident "freeze everything" of the
//! console's selection and of `recon suspend -l team=shop --context a,b`.
//! Each app is acted on the way its own tool is (recon's `spec.suspend`,
//! Argo CD's automated sync, Flux's `spec.suspend`), each recorded in the
//! audit journal by that tool's own action, and each gets its own outcome:
//! one app failing never stops the others.

use std::time::Duration;

use futures::future::join_all;
use kube::api::ListParams;
use serde::Serialize;

use super::argocd::ArgoHandle;
use super::argocd::model::ArgoApp;
use super::argocd::operate::{self, SyncSpec};
use super::flux::FluxHandle;
use super::flux::model::FluxKustomization;
use super::locate::Located;
use super::tool::Tool;
use crate::cluster::typed;
use crate::engine::app::Application;
use crate::engine::changeset::Outcome as ChangeOutcome;
use crate::engine::fleet::{AppHandle, Fleet, Member};
use crate::engine::ops::{self, Engine, SyncRequest};
use crate::text::short_sha;

/// How long a batch follows one Argo CD operation or Flux reconcile.
const FOLLOW_TIMEOUT: Duration = Duration::from_secs(300);

/// What is done to every app of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchVerb {
    Suspend {
        duration: Option<Duration>,
        reason: Option<String>,
    },
    Resume,
    /// A sync to the head of each app's own target revision, without a
    /// dry run per app (the single-app sync shows one first).
    Sync {
        prune: bool,
        force: bool,
    },
}

impl BatchVerb {
    pub fn name(&self) -> &'static str {
        match self {
            BatchVerb::Suspend { .. } => "suspend",
            BatchVerb::Resume => "resume",
            BatchVerb::Sync { .. } => "sync",
        }
    }
}

/// How one app of a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchOutcome {
    Done,
    /// Nothing to do (already paused, not paused): not an error.
    Skipped,
    Failed,
}

impl BatchOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchOutcome::Done => "done",
            BatchOutcome::Skipped => "skipped",
            BatchOutcome::Failed => "failed",
        }
    }
}

/// One app's result: what happened and, in words, why or how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchResult {
    /// `context/namespace/name`.
    pub app: String,
    pub tool: Tool,
    pub outcome: BatchOutcome,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("no app matches the label selector `{selector}` in contexts {contexts}")]
    NoMatch { selector: String, contexts: String },
}

/// The apps matching a label selector in every member, and the members that
/// could not be read (said, never silently left out).
pub struct Matched {
    pub apps: Vec<Located>,
    pub unreadable: Vec<BatchResult>,
}

/// Objects of kind `K` whose labels match `selector`, asked of the API
/// server (the selector is evaluated there); a CRD not served is none.
async fn labelled<K>(member: &Member, selector: &str) -> Result<Vec<K>, String>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug,
{
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    match typed::list::<K>(cluster, None, &ListParams::default().labels(selector)).await {
        Ok(list) => Ok(list.items),
        Err(e) if e.is_not_found() => Ok(Vec::new()),
        Err(e) => Err(crate::error_chain::chain(&e)),
    }
}

async fn match_member(
    member: &Member,
    selector: &str,
    only: Option<Tool>,
) -> Result<Vec<Located>, String> {
    let cluster = member.cluster.as_ref().map_err(|e| e.to_string())?;
    let wants = |t: Tool| only.is_none_or(|o| o == t);
    let (recon, argo, flux) = futures::join!(
        async {
            if wants(Tool::Recon) {
                labelled::<Application>(member, selector).await
            } else {
                Ok(Vec::new())
            }
        },
        async {
            if wants(Tool::ArgoCd) {
                labelled::<ArgoApp>(member, selector).await
            } else {
                Ok(Vec::new())
            }
        },
        async {
            if wants(Tool::Flux) {
                labelled::<FluxKustomization>(member, selector).await
            } else {
                Ok(Vec::new())
            }
        }
    );
    let mut found: Vec<Located> = recon?
        .into_iter()
        .map(|app| {
            Located::Recon(Box::new(AppHandle {
                cluster: cluster.clone(),
                resolver: member.resolver.clone(),
                app,
            }))
        })
        .collect();
    found.extend(argo?.into_iter().map(|app| {
        Located::ArgoCd(Box::new(ArgoHandle {
            cluster: cluster.clone(),
            resolver: member.resolver.clone(),
            app,
        }))
    }));
    found.extend(flux?.into_iter().map(|ks| {
        Located::Flux(Box::new(FluxHandle {
            cluster: cluster.clone(),
            resolver: member.resolver.clone(),
            ks,
        }))
    }));
    Ok(found)
}

/// Every app of every member whose labels match `selector`
/// (Kubernetes label selector syntax: `team=shop,tier!=db`, `env in (a,b)`).
pub async fn select(
    fleet: &Fleet,
    selector: &str,
    only: Option<Tool>,
) -> Result<Matched, BatchError> {
    let per_member = join_all(
        fleet
            .members
            .iter()
            .map(|m| match_member(m, selector, only)),
    )
    .await;
    let mut matched = Matched {
        apps: Vec::new(),
        unreadable: Vec::new(),
    };
    for (member, found) in fleet.members.iter().zip(per_member) {
        match found {
            Ok(apps) => matched.apps.extend(apps),
            Err(why) => matched.unreadable.push(BatchResult {
                app: format!("{}/*", member.context),
                tool: only.unwrap_or(Tool::Recon),
                outcome: BatchOutcome::Failed,
                message: format!("cannot list apps in {}: {why}", member.context),
            }),
        }
    }
    if matched.apps.is_empty() && matched.unreadable.is_empty() {
        let contexts: Vec<&str> = fleet.members.iter().map(|m| m.context.as_str()).collect();
        return Err(BatchError::NoMatch {
            selector: selector.to_string(),
            contexts: contexts.join(", "),
        });
    }
    matched.apps.sort_by_key(Located::full_name);
    Ok(matched)
}

fn described(e: &(dyn std::error::Error + 'static)) -> String {
    crate::error_chain::chain(e)
}

/// Carries out `verb` on one app and says how it went. Already in the state
/// asked for (paused, not paused) is a skip, judged on the object as it is
/// now, not as a list showed it a moment ago.
pub async fn act(engine: &Engine, located: &Located, verb: &BatchVerb) -> BatchResult {
    let result = match located {
        Located::Recon(h) => recon(engine, h, verb).await,
        Located::ArgoCd(h) => argo(h, verb).await,
        Located::Flux(h) => flux(h, verb).await,
    };
    let (outcome, message) = match result {
        Ok(Acted::Done(text)) => (BatchOutcome::Done, text),
        Ok(Acted::Skipped(text)) => (BatchOutcome::Skipped, text),
        Err(text) => (BatchOutcome::Failed, text),
    };
    BatchResult {
        app: located.full_name(),
        tool: located.tool(),
        outcome,
        message,
    }
}

enum Acted {
    Done(String),
    Skipped(String),
}

fn pause_text(until: Option<&str>, reason: Option<&str>) -> String {
    let until = until.map(|u| format!(" until {u}")).unwrap_or_default();
    let reason = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    format!("{until}{reason}")
}

async fn recon(engine: &Engine, h: &AppHandle, verb: &BatchVerb) -> Result<Acted, String> {
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

async fn argo(h: &ArgoHandle, verb: &BatchVerb) -> Result<Acted, String> {
    use super::argocd::pause;
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
            let rev = state
                .sync_result
                .as_ref()
                .map(|r| short_sha(&r.revision))
                .unwrap_or_default();
            let summary = format!(
                "Argo CD {} at {rev} (asked by {actor}): {}",
                state.phase, state.message
            );
            operate::succeeded(h, &state).map_err(|_| summary.clone())?;
            Ok(Acted::Done(summary))
        }
    }
}

async fn flux(h: &FluxHandle, verb: &BatchVerb) -> Result<Acted, String> {
    use super::flux::{operate as flux_operate, pause as flux_pause};
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

/// Acts on every app, at most `parallel` at a time, calling `on_result`
/// as each finishes (in the order they finish).
pub async fn act_all(
    engine: &Engine,
    apps: &[Located],
    verb: &BatchVerb,
    parallel: usize,
    mut on_result: impl FnMut(&BatchResult),
) -> Vec<BatchResult> {
    use futures::StreamExt;
    let mut results = Vec::with_capacity(apps.len());
    let mut running = futures::stream::iter(apps.iter().map(|a| act(engine, a, verb)))
        .buffer_unordered(parallel.max(1));
    while let Some(result) = running.next().await {
        on_result(&result);
        results.push(result);
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_plainly() {
        let json = |o: BatchOutcome| serde_json::to_string(&o).unwrap_or_default();
        assert_eq!(json(BatchOutcome::Done), r#""done""#);
        assert_eq!(json(BatchOutcome::Skipped), r#""skipped""#);
        assert_eq!(json(BatchOutcome::Failed), r#""failed""#);
        assert_eq!(
            BatchVerb::Suspend {
                duration: None,
                reason: None
            }
            .name(),
            "suspend"
        );
    }

    #[test]
    fn a_pause_says_until_and_why() {
        assert_eq!(
            pause_text(Some("2026-01-01T00:00:00Z"), Some("INC-1")),
            " until 2026-01-01T00:00:00Z (INC-1)"
        );
        assert_eq!(pause_text(None, None), "");
    }
}
