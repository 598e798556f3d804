//! What the open app's detail waits for, kept open between reloads: the app
//! object itself, every (kind, namespace) its desired objects live in, and
//! the Git poll. A change to one desired object comes with its new live
//! copy (so that object alone is diffed again); a change to the app, or to
//! anything else recorded as the app's, asks for a whole reload.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use futures::stream::{BoxStream, SelectAll, StreamExt};
use kube::core::DynamicObject;
use kube::runtime::watcher::{self, Event};
use serde_json::Value;
use tokio::time::Instant;

use crate::cluster::{Cluster, Resolved, live, watch};
use crate::engine::prepare::{PreparedObject, tracking_id_of};
use crate::engine::render::ObjectKey;

/// What one watch event means for the open app.
pub enum Seen {
    /// Not about the app (another object of the kind, an unchanged object
    /// in a watch's list).
    Nothing,
    /// A desired object's new live copy (None: deleted).
    Object(ObjectKey, Option<Value>),
    /// Desired objects a watch's list no longer has: deleted meanwhile.
    Gone(Vec<ObjectKey>),
    /// The app itself, or an object it tracks that Git does not have.
    Other,
}

pub enum Change {
    /// Desired objects changed: their latest live copies.
    Objects(BTreeMap<ObjectKey, Option<Value>>),
    /// Reload the whole app, Git from the cache.
    Reload,
    /// The Git poll is due: reload, fetching Git.
    Timer,
}

/// The app's objects, for sorting watch events.
pub struct Scope<'a> {
    pub cluster: &'a Cluster,
    pub desired: &'a [PreparedObject],
    /// Each desired object's `resourceVersion` when it was last compared
    /// (None: it was not in the cluster).
    pub versions: HashMap<ObjectKey, Option<String>>,
    /// Every object the detail shows (desired, extras, another tool's leftovers).
    pub shown: Vec<ObjectKey>,
    pub tracking_id: String,
}

struct Sorter {
    versions: HashMap<ObjectKey, Option<String>>,
    shown: HashSet<ObjectKey>,
    tracking_id: String,
}

/// One watch's (re)list in progress: the desired objects it has listed.
#[derive(Default)]
struct Listing {
    /// The namespace the watch covers (None: a cluster-scoped kind).
    namespace: Option<String>,
    listed: HashSet<ObjectKey>,
}

impl Sorter {
    /// A watch's list (at its start, or after it failed) is compared with
    /// what was last compared: whatever changed between the app's load and
    /// the watch (or while it was down) is caught, not only later events.
    fn sort(
        &self,
        r: &Resolved,
        listing: &mut Listing,
        event: Result<Event<DynamicObject>, watcher::Error>,
    ) -> Seen {
        let (object, how) = match event {
            Ok(Event::Init) => {
                listing.listed.clear();
                return Seen::Nothing;
            }
            Ok(Event::InitDone) => return self.gone(r, listing),
            Ok(Event::InitApply(o)) => (o, How::Listed),
            Ok(Event::Apply(o)) => (o, How::Changed),
            Ok(Event::Delete(o)) => (o, How::Deleted),
            Err(_) => return Seen::Nothing,
        };
        let Ok(value) = live::typed_value(r, object) else {
            return Seen::Other;
        };
        let Some(key) = ObjectKey::from_value(&value) else {
            return Seen::Nothing;
        };
        if let Some(compared_at) = self.versions.get(&key) {
            let version = value
                .pointer("/metadata/resourceVersion")
                .and_then(Value::as_str);
            return match how {
                How::Listed => {
                    listing.listed.insert(key.clone());
                    if version == compared_at.as_deref() {
                        Seen::Nothing
                    } else {
                        Seen::Object(key, Some(value))
                    }
                }
                How::Changed => Seen::Object(key, Some(value)),
                How::Deleted => Seen::Object(key, None),
            };
        }
        let known = self.shown.contains(&key);
        match how {
            // An object the detail shows is listed as it was: nothing to say.
            How::Listed if known => Seen::Nothing,
            _ if known || tracking_id_of(&value) == Some(&self.tracking_id) => Seen::Other,
            _ => Seen::Nothing,
        }
    }

    /// The desired objects of this watch's kind that were in the cluster
    /// and its list no longer has.
    fn gone(&self, r: &Resolved, listing: &Listing) -> Seen {
        let gone: Vec<ObjectKey> = self
            .versions
            .iter()
            .filter(|(key, version)| {
                version.is_some()
                    && key.kind == r.resource.kind
                    && key.group == r.resource.group
                    && key.namespace == listing.namespace
                    && !listing.listed.contains(*key)
            })
            .map(|(key, _)| key.clone())
            .collect();
        if gone.is_empty() {
            Seen::Nothing
        } else {
            Seen::Gone(gone)
        }
    }
}

enum How {
    Listed,
    Changed,
    Deleted,
}

pub struct Watches {
    streams: SelectAll<BoxStream<'static, Seen>>,
    poll_at: Instant,
}

impl Watches {
    /// `app` is the watch of the app object; `scope` the objects to watch.
    pub fn start(app: BoxStream<'static, Seen>, scope: Option<Scope<'_>>, poll: Duration) -> Self {
        let mut streams = SelectAll::new();
        streams.push(app);
        if let Some(scope) = scope {
            let sorter = Arc::new(Sorter {
                versions: scope.versions,
                shown: scope.shown.into_iter().collect(),
                tracking_id: scope.tracking_id,
            });
            let mut watched = BTreeSet::new();
            for obj in scope.desired {
                let Some(r) = &obj.resolved else { continue };
                let ns = obj.key.namespace.clone().filter(|_| r.namespaced);
                let what = (r.resource.api_version.clone(), r.resource.kind.clone(), ns);
                if !watched.insert(what.clone()) {
                    continue;
                }
                let (sorter, r) = (sorter.clone(), r.clone());
                let events = watch::scope(scope.cluster, &r, what.2.as_deref());
                let mut listing = Listing {
                    namespace: what.2.clone(),
                    ..Listing::default()
                };
                let sorted = events.map(move |e| sorter.sort(&r, &mut listing, e));
                streams.push(sorted.boxed());
            }
        }
        Self {
            streams,
            poll_at: Instant::now() + poll,
        }
    }

    /// Waits for the next change that matters. Changes to desired objects
    /// already waiting are taken together (the latest copy of each); a
    /// reload waits for a burst to settle first.
    pub async fn next(&mut self, settle: Duration) -> Change {
        let first = tokio::select! {
            _ = tokio::time::sleep_until(self.poll_at) => return Change::Timer,
            seen = self.next_seen() => seen,
        };
        let mut objects = BTreeMap::new();
        let mut reload = false;
        let mut take = |seen: Seen| match seen {
            Seen::Object(key, value) => {
                objects.insert(key, value);
            }
            Seen::Gone(keys) => {
                for key in keys {
                    objects.insert(key, None);
                }
            }
            Seen::Other => reload = true,
            Seen::Nothing => {}
        };
        take(first);
        while let Some(Some(seen)) = self.streams.next().now_or_never() {
            take(seen);
        }
        if reload {
            // Let a burst of changes (a rollout touches many objects) settle.
            let _ = tokio::time::timeout(settle, async {
                while self.streams.next().await.is_some() {}
            })
            .await;
            return Change::Reload;
        }
        Change::Objects(objects)
    }

    /// The next event that is about the app; when every watch has ended
    /// (they retry on their own, so this is rare), waits for the poll.
    async fn next_seen(&mut self) -> Seen {
        loop {
            match self.streams.next().await {
                Some(Seen::Nothing) => continue,
                Some(seen) => return seen,
                None => std::future::pending::<()>().await,
            }
        }
    }
}

/// A watch of the app object: any change reloads the app.
pub fn app_changes<K>(
    stream: impl futures::Stream<Item = Result<Event<K>, watcher::Error>> + Send + 'static,
) -> BoxStream<'static, Seen>
where
    K: Send + 'static,
{
    stream
        .map(|ev| match ev {
            Ok(Event::Apply(_)) | Ok(Event::Delete(_)) => Seen::Other,
            _ => Seen::Nothing,
        })
        .boxed()
}

#[cfg(test)]
#[path = "detail_watch_tests.rs"]
mod tests;
