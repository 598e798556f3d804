//! One watch per cluster and tool (recon's Applications, Argo CD's). Every
//! change sends that tool's rows of the cluster; a broken watch marks the
//! cluster stale (with why) and reconnects by itself with backoff, clearing
//! the mark when events flow again. A cluster without a tool's CRD simply
//! has none of its apps: that is no error.

use std::collections::BTreeMap;
use std::sync::Arc;

use futures::StreamExt;
use kube::runtime::watcher::{self, Event};
use tokio::sync::mpsc::UnboundedSender;

use super::listed_app::ListedApp;
use super::map::row_of;
use super::reasons::{Ask, Unhealthy};
use crate::adapters::AppSummary;
use crate::adapters::argocd::model::ArgoApp;
use crate::adapters::argocd::summary::summarize;
use crate::adapters::flux::model::FluxKustomization;
use crate::adapters::summary::of_recon;
use crate::cluster::same_server;
use crate::cluster::watch::Watched;
use crate::engine::fleet::Member;
use crate::engine::triage::{Root, roots_of_status, worth_explaining};
use crate::tui::model::AppRow;
use crate::tui::{AppTool, ClusterInfo, ClusterStatus, Msg};

/// How often a cluster without a tool's CRD is asked whether it has it now.
const CRD_RECHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// `(context, API server)` of every cluster, to name another tool's
/// destination by the context the operator knows.
pub type Servers = Arc<Vec<(String, String)>>;

/// Starts the watches of one cluster: one per tool.
pub fn spawn(
    member: Member,
    readonly: bool,
    servers: Servers,
    tx: UnboundedSender<Msg>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut tasks = Vec::new();
    // Recon's apps list their objects in their status, in this cluster:
    // enough to explain an unhealthy one. (Argo CD's live elsewhere.)
    let explainer = member.cluster.as_ref().ok().map(|cluster| {
        let (asks, task) = super::reasons::spawn(cluster.clone(), tx.clone());
        tasks.push(task);
        asks
    });
    tasks.push(tokio::spawn(watch::<ListedApp>(
        member.clone(),
        readonly,
        Tool {
            tool: AppTool::Recon,
            events: super::listed_app_row::all,
            summary: Box::new(|ctx, a| of_recon(ctx, &a.0, jiff::Timestamp::now())),
            roots: |a| roots_of_status(&a.0),
            poke: None,
        },
        explainer,
        servers.clone(),
        tx.clone(),
    )));
    tasks.push(tokio::spawn(watch::<ArgoApp>(
        member.clone(),
        readonly,
        Tool {
            tool: AppTool::ArgoCd,
            events: crate::cluster::watch_streamed::all::<ArgoApp>,
            summary: Box::new(summarize),
            roots: |_| Vec::new(),
            poke: None,
        },
        None,
        servers.clone(),
        tx.clone(),
    )));
    if let Ok(cluster) = &member.cluster {
        let (sources, poke, task) = super::flux_sources::spawn(cluster.clone());
        tasks.push(task);
        tasks.push(tokio::spawn(watch::<FluxKustomization>(
            member,
            readonly,
            Tool {
                tool: AppTool::Flux,
                events: crate::cluster::watch_streamed::all::<FluxKustomization>,
                summary: Box::new(move |ctx, ks| sources.summarize(ctx, ks)),
                roots: |_| Vec::new(),
                poke: Some(poke),
            },
            None,
            servers,
            tx,
        )));
    }
    tasks
}

/// How a watch failed, from the error's type (never its text).
enum Failure {
    NotInstalled,
    Forbidden(String),
    Unreachable(String),
}

fn classify(e: &watcher::Error) -> Failure {
    let api_code = match e {
        watcher::Error::InitialListFailed(k)
        | watcher::Error::WatchStartFailed(k)
        | watcher::Error::WatchFailed(k) => match k {
            kube::Error::Api(status) => Some(status.code),
            _ => None,
        },
        watcher::Error::WatchError(status) => Some(status.code),
        _ => None,
    };
    let text = crate::cluster::watch_error_text(e);
    match api_code {
        Some(404) => Failure::NotInstalled,
        Some(403) => Failure::Forbidden(format!("forbidden: {text}")),
        _ => Failure::Unreachable(text),
    }
}

fn label_destination(mut s: AppSummary, servers: &Servers) -> AppSummary {
    if let Some(dest) = &s.destination
        && let Some((ctx, _)) = servers.iter().find(|(_, url)| same_server(url, dest))
    {
        s.destination = Some(ctx.clone());
    }
    s
}

/// One tool's app kind: how its objects become rows, and the objects each
/// app lists (to explain an unhealthy one).
struct Tool<K> {
    tool: AppTool,
    /// The watch of every app of the kind in a cluster.
    events: fn(&crate::cluster::Cluster) -> crate::cluster::watch::Events<K>,
    summary: Summarize<K>,
    roots: fn(&K) -> Vec<Root>,
    /// Rows made again when it changes: what the summary reads besides the
    /// app object (a Flux Kustomization's GitRepository).
    poke: Option<tokio::sync::watch::Receiver<()>>,
}

type Summarize<K> = Box<dyn Fn(&str, &K) -> AppSummary + Send + Sync>;

/// What the rows need of one app: its row, the objects it lists (to
/// explain it when unhealthy) and, only when the row is made again without
/// the app changing, the app itself.
struct Entry<K> {
    row: AppRow,
    roots: Vec<Root>,
    object: Option<K>,
}

/// What one event changed in the rows.
enum Changed {
    Nothing,
    All,
    One(Box<AppRow>),
    Gone(crate::tui::AppId),
}

/// What the watch loop waits for next.
enum Next<K> {
    Event(Option<Result<Event<K>, watcher::Error>>),
    /// No first answer within the cluster's timeout.
    Silent,
    Poked,
}

/// Resolves when `poke` changes; never, without one (or once it is gone).
async fn poked(poke: &mut Option<tokio::sync::watch::Receiver<()>>) {
    let changed = match poke {
        Some(p) => p.changed().await.is_ok(),
        None => false,
    };
    if !changed {
        std::future::pending::<()>().await;
    }
}

async fn watch<K>(
    member: Member,
    readonly: bool,
    kind: Tool<K>,
    explainer: Option<UnboundedSender<Unhealthy>>,
    servers: Servers,
    tx: UnboundedSender<Msg>,
) where
    K: Watched,
{
    let info = |status: ClusterStatus| ClusterInfo {
        name: member.context.clone(),
        status,
        readonly,
        stale_since: None,
    };
    let cluster = match &member.cluster {
        Ok(c) => c.clone(),
        Err(e) => {
            let _ = tx.send(Msg::ClusterStatusChanged(info(ClusterStatus::Unreachable(
                e.to_string(),
            ))));
            return;
        }
    };
    let mut stream = (kind.events)(&cluster);
    let key = |a: &K| {
        let m = a.meta();
        format!(
            "{}/{}",
            m.namespace.as_deref().unwrap_or_default(),
            m.name.as_deref().unwrap_or_default()
        )
    };
    // What the rows need of each app, not the app: at 10,000 apps whole
    // objects would be most of the console's memory. An object is kept
    // only where the row is made again without it changing (`poke`).
    let keep_objects = kind.poke.is_some();
    let entry_of = |a: K| Entry {
        row: row_of(&label_destination(
            (kind.summary)(&member.context, &a),
            &servers,
        )),
        roots: (kind.roots)(&a),
        object: keep_objects.then_some(a),
    };
    let mut apps: BTreeMap<String, Entry<K>> = BTreeMap::new();
    let mut pending: BTreeMap<String, Entry<K>> = BTreeMap::new();
    let mut healthy = false;
    let mut stale_since: Option<jiff::Timestamp> = None;
    let mut said_silent = false;
    let mut poke = kind.poke.clone();
    loop {
        // Until the first answer, silence is a failure to report: a server
        // that accepts connections and never answers must not look healthy.
        let next = tokio::select! {
            () = poked(&mut poke) => Next::Poked,
            next = async {
                if healthy {
                    Next::Event(stream.next().await)
                } else {
                    match tokio::time::timeout(cluster.timeout, stream.next()).await {
                        Ok(event) => Next::Event(event),
                        Err(_) => Next::Silent,
                    }
                }
            } => next,
        };
        let changed = match next {
            Next::Event(None) => break,
            Next::Silent => {
                if !said_silent {
                    said_silent = true;
                    let since = *stale_since.get_or_insert_with(jiff::Timestamp::now);
                    let why = format!("no answer within {:?}", cluster.timeout);
                    let _ = tx.send(Msg::ClusterStatusChanged(ClusterInfo {
                        stale_since: Some(since),
                        ..info(ClusterStatus::Unreachable(why))
                    }));
                }
                continue;
            }
            // The rows again, from the apps already listed (none before the
            // first list).
            Next::Poked if !healthy => continue,
            Next::Poked => {
                for entry in apps.values_mut() {
                    if let Some(a) = entry.object.take() {
                        *entry = entry_of(a);
                    }
                }
                Changed::All
            }
            Next::Event(Some(event)) => match event {
                Ok(Event::Init) => {
                    pending.clear();
                    Changed::Nothing
                }
                Ok(Event::InitApply(a)) => {
                    pending.insert(key(&a), entry_of(a));
                    Changed::Nothing
                }
                Ok(Event::InitDone) => {
                    apps = std::mem::take(&mut pending);
                    // The list's objects are dropped: only rows are kept.
                    crate::memory::give_back_freed();
                    Changed::All
                }
                Ok(Event::Apply(a)) => {
                    let k = key(&a);
                    let entry = entry_of(a);
                    let same = apps
                        .get(&k)
                        .is_some_and(|old| old.row == entry.row && old.roots == entry.roots);
                    let row = entry.row.clone();
                    apps.insert(k, entry);
                    if same {
                        Changed::Nothing
                    } else {
                        Changed::One(Box::new(row))
                    }
                }
                Ok(Event::Delete(a)) => match apps.remove(&key(&a)) {
                    Some(gone) => Changed::Gone(gone.row.id),
                    None => Changed::Nothing,
                },
                Err(e) => match classify(&e) {
                    // No CRD: none of this tool's apps here, and the cluster answered.
                    Failure::NotInstalled => {
                        let had_rows = !apps.is_empty() || !healthy;
                        apps.clear();
                        if had_rows {
                            Changed::All
                        } else {
                            // Ask again now and then (a CRD may be installed
                            // later), not every second as the watch backoff would.
                            tokio::time::sleep(CRD_RECHECK).await;
                            continue;
                        }
                    }
                    Failure::Forbidden(why) | Failure::Unreachable(why) => {
                        let forbidden = matches!(classify(&e), Failure::Forbidden(_));
                        let since = *stale_since.get_or_insert_with(jiff::Timestamp::now);
                        healthy = false;
                        let status = if forbidden {
                            ClusterStatus::Forbidden(why)
                        } else {
                            ClusterStatus::Unreachable(why)
                        };
                        let _ = tx.send(Msg::ClusterStatusChanged(ClusterInfo {
                            stale_since: Some(since),
                            ..info(status)
                        }));
                        continue;
                    }
                },
            },
        };
        if !healthy {
            healthy = true;
            said_silent = false;
            stale_since = None;
            let _ = tx.send(Msg::ClusterStatusChanged(info(ClusterStatus::Reachable)));
        }
        let message = match changed {
            Changed::Nothing => continue,
            Changed::All => Msg::AppsUpdated {
                cluster: member.context.clone(),
                tool: kind.tool,
                rows: apps.values().map(|e| e.row.clone()).collect(),
            },
            Changed::One(row) => Msg::AppRowsChanged {
                cluster: member.context.clone(),
                tool: kind.tool,
                changed: vec![*row],
                removed: Vec::new(),
            },
            Changed::Gone(id) => Msg::AppRowsChanged {
                cluster: member.context.clone(),
                tool: kind.tool,
                changed: Vec::new(),
                removed: vec![id],
            },
        };
        if let Some(explainer) = &explainer {
            let unhealthy: Unhealthy = apps
                .values()
                .filter(|e| worth_explaining(&e.row.health.text))
                .map(|e| {
                    let ask = Ask {
                        health: e.row.health.clone(),
                        roots: e.roots.clone(),
                    };
                    (e.row.id.clone(), ask)
                })
                .collect();
            let _ = explainer.send(unhealthy);
        }
        if tx.send(message).is_err() {
            return;
        }
    }
}
