//! One watch per cluster on Applications. Every change sends the cluster's
//! rows; a broken watch marks the cluster stale (with why) and reconnects by
//! itself with backoff, clearing the mark when events flow again.

use std::collections::BTreeMap;

use futures::StreamExt;
use kube::api::Api;
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, Event};
use tokio::sync::mpsc::UnboundedSender;

use super::map::app_row;
use crate::engine::app::Application;
use crate::engine::fleet::Member;
use crate::tui::{ClusterInfo, ClusterStatus, Msg};

pub fn spawn(
    member: Member,
    readonly: bool,
    tx: UnboundedSender<Msg>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let info = |status: ClusterStatus, stale: bool| ClusterInfo {
            name: member.context.clone(),
            status,
            readonly,
            stale_since: stale.then(jiff::Timestamp::now),
        };
        let cluster = match &member.cluster {
            Ok(c) => c.clone(),
            Err(e) => {
                let _ = tx.send(Msg::ClusterStatusChanged(info(
                    ClusterStatus::Unreachable(e.clone()),
                    false,
                )));
                return;
            }
        };
        let api: Api<Application> = Api::all(cluster.client.clone());
        let mut stream = watcher::watcher(api, watcher::Config::default())
            .default_backoff()
            .boxed();
        let mut apps: BTreeMap<String, Application> = BTreeMap::new();
        let mut pending: BTreeMap<String, Application> = BTreeMap::new();
        let mut healthy = false;
        let mut stale_since: Option<jiff::Timestamp> = None;
        let key = |a: &Application| a.tracking_id();
        while let Some(event) = stream.next().await {
            let changed = match event {
                Ok(Event::Init) => {
                    pending.clear();
                    false
                }
                Ok(Event::InitApply(a)) => {
                    pending.insert(key(&a), a);
                    false
                }
                Ok(Event::InitDone) => {
                    apps = std::mem::take(&mut pending);
                    true
                }
                Ok(Event::Apply(a)) => {
                    apps.insert(key(&a), a);
                    true
                }
                Ok(Event::Delete(a)) => {
                    apps.remove(&key(&a));
                    true
                }
                Err(e) => {
                    let why = watch_error(&e);
                    let since = *stale_since.get_or_insert_with(jiff::Timestamp::now);
                    healthy = false;
                    let status = if why.contains("forbidden") {
                        ClusterStatus::Forbidden(why)
                    } else {
                        ClusterStatus::Unreachable(why)
                    };
                    let _ = tx.send(Msg::ClusterStatusChanged(ClusterInfo {
                        stale_since: Some(since),
                        ..info(status, false)
                    }));
                    continue;
                }
            };
            if !healthy {
                healthy = true;
                stale_since = None;
                let _ = tx.send(Msg::ClusterStatusChanged(info(
                    ClusterStatus::Reachable,
                    false,
                )));
            }
            if changed {
                let now = jiff::Timestamp::now();
                let rows = apps
                    .values()
                    .map(|a| app_row(&member.context, a, now))
                    .collect();
                if tx
                    .send(Msg::AppsUpdated {
                        cluster: member.context.clone(),
                        rows,
                    })
                    .is_err()
                {
                    return;
                }
            }
        }
    })
}

fn watch_error(e: &watcher::Error) -> String {
    let text = crate::cluster::watch_error_text(e);
    if text.contains("404") || text.contains("NotFound") {
        "the Application CRD is not installed (recon install)".into()
    } else if text.contains("403") || text.contains("Forbidden") {
        format!("forbidden: {text}")
    } else {
        text
    }
}
