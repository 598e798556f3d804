//! The open app's resource tree, kept live: watches of what the app's
//! objects can own (ReplicaSets, Jobs, Pods, EndpointSlices) and of Events,
//! in the namespaces of the app's objects. Each change (debounced) rebuilds
//! the tree and its Why line and sends them when they differ from the last.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures::StreamExt;
use futures::stream::{BoxStream, SelectAll};
use kube::core::{ApiResource, DynamicObject};
use kube::runtime::watcher::{self, Event};
use serde_json::Value;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::map_tree::app_tree;
use crate::cluster::Cluster;
use crate::cluster::Resolved;
use crate::engine::triage::{Root, as_live, build, event_kind, owned_kinds, parse_event, why};
use crate::tui::Msg;
use crate::tui::model_tree::AppTree;

/// Changes arriving within this window are drawn as one.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// The first tree waits for every initial list, but not longer than this.
const FIRST_LIST_WAIT: Duration = Duration::from_secs(3);

/// The running watch; dropping it stops it.
pub struct TreeWatch {
    context: String,
    namespaces: BTreeSet<String>,
    roots: watch::Sender<Vec<Root>>,
    task: JoinHandle<()>,
}

impl Drop for TreeWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The namespaces the roots live in: where what they own lives too.
fn namespaces_of(roots: &[Root]) -> BTreeSet<String> {
    roots
        .iter()
        .filter_map(|r| r.key.namespace.clone())
        .collect()
}

impl TreeWatch {
    pub fn start(
        cluster: Cluster,
        roots: Vec<Root>,
        request_id: u64,
        tx: UnboundedSender<Msg>,
    ) -> Self {
        let namespaces = namespaces_of(&roots);
        let (sender, receiver) = watch::channel(roots);
        let task = tokio::spawn(run(
            cluster.clone(),
            namespaces.clone(),
            receiver,
            request_id,
            tx,
        ));
        TreeWatch {
            context: cluster.context.clone(),
            namespaces,
            roots: sender,
            task,
        }
    }

    /// Whether this watch covers `roots` of `cluster` (else start another).
    pub fn covers(&self, cluster: &Cluster, roots: &[Root]) -> bool {
        self.context == cluster.context && self.namespaces == namespaces_of(roots)
    }

    /// New roots (their health changed, or an object came or went).
    pub fn update(&self, roots: Vec<Root>) {
        self.roots.send_if_modified(|old| {
            let changed = *old != roots;
            *old = roots;
            changed
        });
    }
}

/// One watched list: its objects by uid, and the next set while it relists.
#[derive(Default)]
struct Store {
    objects: BTreeMap<String, Value>,
    relisting: BTreeMap<String, Value>,
    listed: bool,
}

impl Store {
    fn apply(
        &mut self,
        resource: &ApiResource,
        event: Result<Event<DynamicObject>, watcher::Error>,
    ) {
        let key = |o: &DynamicObject| o.metadata.uid.clone().unwrap_or_default();
        match event {
            Ok(Event::Init) => self.relisting.clear(),
            Ok(Event::InitApply(o)) => {
                let k = key(&o);
                if let Some(v) = as_live(resource, o) {
                    self.relisting.insert(k, v);
                }
            }
            Ok(Event::InitDone) => {
                self.objects = std::mem::take(&mut self.relisting);
                self.listed = true;
            }
            Ok(Event::Apply(o)) => {
                let k = key(&o);
                if let Some(v) = as_live(resource, o) {
                    self.objects.insert(k, v);
                }
            }
            Ok(Event::Delete(o)) => {
                self.objects.remove(&key(&o));
            }
            // The watch retries by itself; what it had stays shown meanwhile,
            // and a list that cannot be read must not hold the first tree back.
            Err(_) => self.listed = true,
        }
    }
}

type Changes = BoxStream<'static, (usize, Result<Event<DynamicObject>, watcher::Error>)>;

async fn run(
    cluster: Cluster,
    namespaces: BTreeSet<String>,
    mut roots: watch::Receiver<Vec<Root>>,
    request_id: u64,
    tx: UnboundedSender<Msg>,
) {
    let mut scopes: Vec<ApiResource> = Vec::new();
    let mut streams: SelectAll<Changes> = SelectAll::new();
    for namespace in &namespaces {
        for resource in owned_kinds().into_iter().chain([event_kind()]) {
            let index = scopes.len();
            let resolved = Resolved {
                resource: resource.clone(),
                namespaced: true,
            };
            let stream = crate::cluster::watch::scope(&cluster, &resolved, Some(namespace));
            streams.push(stream.map(move |e| (index, e)).boxed());
            scopes.push(resource);
        }
    }
    let mut stores: Vec<Store> = scopes.iter().map(|_| Store::default()).collect();
    let started = Instant::now();
    let mut flush_at: Option<Instant> = Some(started);
    let mut last: Option<AppTree> = None;
    loop {
        let deadline = flush_at.unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            next = streams.next(), if !streams.is_empty() => {
                let Some((index, event)) = next else { continue };
                stores[index].apply(&scopes[index], event);
                flush_at.get_or_insert_with(|| Instant::now() + DEBOUNCE);
            }
            changed = roots.changed() => {
                if changed.is_err() {
                    return;
                }
                flush_at.get_or_insert_with(|| Instant::now() + DEBOUNCE);
            }
            _ = tokio::time::sleep_until(deadline), if flush_at.is_some() => {
                let all_listed = stores.iter().all(|s| s.listed);
                if !all_listed && started.elapsed() < FIRST_LIST_WAIT {
                    flush_at = Some(Instant::now() + DEBOUNCE);
                    continue;
                }
                flush_at = None;
                let tree = snapshot(&scopes, &stores, &roots.borrow());
                if last.as_ref() != Some(&tree) {
                    if tx.send(Msg::TreeUpdated { request_id, tree: tree.clone() }).is_err() {
                        return;
                    }
                    last = Some(tree);
                }
            }
        }
    }
}

/// The tree as the stores hold it now.
fn snapshot(scopes: &[ApiResource], stores: &[Store], roots: &[Root]) -> AppTree {
    let mut objects = Vec::new();
    let mut events = Vec::new();
    for (resource, store) in scopes.iter().zip(stores) {
        if resource.kind == "Event" {
            events.extend(store.objects.values().filter_map(parse_event));
        } else {
            objects.extend(store.objects.values().cloned());
        }
    }
    crate::engine::triage::newest_first(&mut events);
    let tree = build(roots, &objects);
    let cause = why(&tree, &events);
    app_tree(&tree, cause.as_ref(), &events)
}
