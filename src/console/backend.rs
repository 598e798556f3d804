//! The console's backend: carries out each effect the console asks for in a
//! task of its own, with the engine, and sends the result back as a message.
//! Nothing here blocks the drawing loop.

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::context::{Shared, op};
use super::{actions, argocd_actions, batch, detail, flux_actions, lifecycle, logs, lookups};
use crate::engine::fleet::Fleet;
use crate::engine::ops::Engine;
use crate::tui::{Backend, Effect, Msg};

/// The open app's live detail: one task, replaced when another app opens.
struct LiveDetail {
    task: JoinHandle<()>,
}

pub struct EngineBackend {
    inner: Arc<Shared>,
    live: Mutex<Option<LiveDetail>>,
    /// The logs viewer's stream: one at a time, replaced or stopped.
    logs: Mutex<Option<JoinHandle<()>>>,
}

impl EngineBackend {
    pub fn new(engine: Engine, fleet: Fleet) -> Self {
        Self {
            inner: Arc::new(Shared {
                engine,
                fleet,
                in_flight: Default::default(),
            }),
            live: Mutex::new(None),
            logs: Mutex::new(None),
        }
    }

    /// The actions running now (for the way out).
    pub fn in_flight(&self) -> super::in_flight::InFlight {
        self.inner.in_flight.clone()
    }

    /// Ends the running log stream, if any, and runs `next` in its place.
    fn replace_logs(&self, next: Option<JoinHandle<()>>) {
        if let Ok(mut slot) = self.logs.lock() {
            if let Some(old) = slot.take() {
                old.abort();
            }
            *slot = next;
        }
    }

    fn replace_live(&self, task: JoinHandle<()>) {
        if let Ok(mut slot) = self.live.lock()
            && let Some(old) = slot.replace(LiveDetail { task })
        {
            old.task.abort();
        }
    }
}

impl Backend for EngineBackend {
    fn handle(&self, effect: Effect, tx: UnboundedSender<Msg>) {
        let inner = self.inner.clone();
        let effect = match argocd_actions::route(&inner, effect, &tx)
            .and_then(|e| flux_actions::route(&inner, e, &tx))
        {
            Some(recon_effect) => recon_effect,
            None => return,
        };
        match effect {
            Effect::LoadDetail { request_id, app } => {
                self.replace_live(tokio::spawn(detail::live(inner, request_id, app, tx)));
            }
            Effect::PlanSync {
                request_id,
                app,
                prune,
                force,
            } => {
                tokio::spawn(actions::plan_sync(inner, request_id, app, prune, force, tx));
            }
            Effect::ExecuteSync {
                request_id,
                app,
                prune,
                force,
                confirmed_revision,
                confirmed_prune,
                allow_stale,
            } => {
                let confirmed = crate::engine::ops::ConfirmedPlan {
                    revision: confirmed_revision,
                    prune: confirmed_prune,
                };
                let op = op(&app, "sync");
                inner.in_flight.clone().spawn(
                    op,
                    actions::execute_sync(
                        inner,
                        request_id,
                        app,
                        (prune, force, allow_stale),
                        confirmed,
                        tx,
                    ),
                );
            }
            Effect::PlanRollback {
                request_id,
                app,
                revision,
                mode,
            } => {
                tokio::spawn(actions::plan_rollback(
                    inner, request_id, app, revision, mode, tx,
                ));
            }
            Effect::ExecuteRollback {
                request_id,
                app,
                revision,
                mode,
                prune,
                force,
            } => {
                let op = op(&app, "rollback");
                inner.in_flight.clone().spawn(
                    op,
                    actions::execute_rollback(
                        inner, request_id, app, revision, mode, prune, force, tx,
                    ),
                );
            }
            Effect::Suspend {
                request_id,
                app,
                duration,
                reason,
            } => {
                let op = op(&app, "suspend");
                inner.in_flight.clone().spawn(
                    op,
                    actions::suspend(inner, request_id, app, duration, reason, tx),
                );
            }
            Effect::Resume { request_id, app } => {
                let op = op(&app, "resume");
                inner
                    .in_flight
                    .clone()
                    .spawn(op, actions::resume(inner, request_id, app, tx));
            }
            Effect::ExecuteBatch {
                request_id,
                apps,
                action,
            } => {
                let op = batch::op(&apps, &action);
                inner
                    .in_flight
                    .clone()
                    .spawn(op, batch::execute(inner, request_id, apps, action, tx));
            }
            Effect::LoadYaml {
                request_id,
                app,
                resource,
                live,
            } => {
                tokio::spawn(lookups::yaml(inner, request_id, app, resource, live, tx));
            }
            Effect::LoadCommitDiff {
                request_id,
                app,
                commit,
            } => {
                tokio::spawn(lookups::commit_diff(inner, request_id, app, commit, tx));
            }
            Effect::RefreshGit { request_id, app } => {
                tokio::spawn(lookups::refresh_git(inner, request_id, app, tx));
            }
            Effect::CreateApp {
                request_id,
                cluster,
                app,
            } => {
                let op = super::in_flight::Op {
                    context: cluster.clone(),
                    app: app.name.clone(),
                    action: "create".into(),
                };
                inner
                    .in_flight
                    .clone()
                    .spawn(op, lifecycle::create(inner, request_id, cluster, app, tx));
            }
            Effect::PlanDelete {
                request_id, app, ..
            } => {
                tokio::spawn(lifecycle::plan_delete(inner, request_id, app, tx));
            }
            Effect::ExecuteDelete {
                request_id,
                app,
                cascade,
            } => {
                let op = op(&app, "delete");
                inner.in_flight.clone().spawn(
                    op,
                    lifecycle::execute_delete(inner, request_id, app, cascade, tx),
                );
            }
            Effect::OpenLogs {
                request_id,
                app,
                resource,
                pod,
                container,
                follow,
                previous,
            } => {
                let ask = logs::LogsAsk {
                    app,
                    resource,
                    pod,
                    container,
                    follow,
                    previous,
                };
                // The old stream stops before the new one starts.
                self.replace_logs(None);
                let task = tokio::spawn(logs::stream_logs(inner, request_id, ask, tx));
                self.replace_logs(Some(task));
            }
            Effect::StopLogs => self.replace_logs(None),
            Effect::Quit => {}
        }
    }
}
