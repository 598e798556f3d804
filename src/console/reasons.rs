//! The REASON column: for each unhealthy app of one cluster, the Why line
//! from what its objects own, found again when the app's status changes
//! and every little while (pods change without the app's status changing).
//! An app whose watch did not bring its objects (a Table row) is read for
//! them here: only the few unhealthy ones.

use std::collections::BTreeMap;
use std::time::Duration;

use futures::{StreamExt, stream};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

use crate::cluster::Cluster;
use crate::engine::app::Application;
use crate::engine::triage::{Root, explain, roots_of_status};
use crate::tui::{AppId, Msg, Status};

/// How often unhealthy apps are explained again.
const REFRESH: Duration = Duration::from_secs(15);
/// Apps explained at once.
const AT_ONCE: usize = 4;

/// Every unhealthy app of the cluster now.
pub type Unhealthy = BTreeMap<AppId, Ask>;

/// One unhealthy app: its health (a change explains it again) and the
/// objects it lists, empty when its watch did not bring them.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub health: Status,
    pub roots: Vec<Root>,
}

/// Starts the explainer of one cluster; send it the unhealthy apps.
pub fn spawn(
    cluster: Cluster,
    tx: UnboundedSender<Msg>,
) -> (UnboundedSender<Unhealthy>, tokio::task::JoinHandle<()>) {
    let (asks, rx) = mpsc::unbounded_channel();
    (asks, tokio::spawn(run(cluster, rx, tx)))
}

async fn run(cluster: Cluster, mut asks: UnboundedReceiver<Unhealthy>, tx: UnboundedSender<Msg>) {
    let mut current = Unhealthy::new();
    let mut ticker = tokio::time::interval(REFRESH);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let todo: Vec<(AppId, Ask)> = tokio::select! {
            next = asks.recv() => {
                let Some(mut latest) = next else { return };
                // Only the newest set matters.
                while let Ok(newer) = asks.try_recv() {
                    latest = newer;
                }
                for gone in current.keys().filter(|id| !latest.contains_key(*id)) {
                    let _ = tx.send(Msg::AppReason { id: gone.clone(), reason: None });
                }
                let changed = latest
                    .iter()
                    .filter(|(id, ask)| current.get(*id) != Some(*ask))
                    .map(|(id, ask)| (id.clone(), ask.clone()))
                    .collect();
                current = latest;
                changed
            }
            _ = ticker.tick() => current.iter().map(|(id, r)| (id.clone(), r.clone())).collect(),
        };
        let cluster = &cluster;
        let answers: Vec<(AppId, Option<String>)> = stream::iter(todo)
            .map(|(id, ask)| async move {
                let roots = match ask.roots {
                    roots if roots.is_empty() => listed_roots(cluster, &id).await,
                    roots => roots,
                };
                // Unreadable now: say nothing rather than something wrong.
                let reason = explain(cluster, &roots).await.ok().flatten();
                (id, reason.map(|w| w.to_string()))
            })
            .buffer_unordered(AT_ONCE)
            .collect()
            .await;
        for (id, reason) in answers {
            if tx.send(Msg::AppReason { id, reason }).is_err() {
                return;
            }
        }
    }
}

/// The objects the app lists in its status, read from the cluster; none
/// when it cannot be read now.
async fn listed_roots(cluster: &Cluster, id: &AppId) -> Vec<Root> {
    let api: kube::Api<Application> = kube::Api::namespaced(cluster.client.clone(), &id.namespace);
    match api.get(&id.name).await {
        Ok(app) => roots_of_status(&app),
        Err(_) => Vec::new(),
    }
}
