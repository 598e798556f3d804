//! What the open app's detail waits for, kept open between reloads: the app
//! object itself, every (kind, namespace) its desired objects live in, and
//! the Git poll. A change to one desired object comes with its new live
//! copy (so that object alone is diffed again); a change to the app, or to
//! anything else recorded as the app's, asks for a whole reload.

use std::collections::{BTreeMap, BTreeSet, HashSet};
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
    /// Not about the app (another object of the kind, a watch's initial list).
    Nothing,
    /// A desired object's new live copy (None: deleted).
    Object(ObjectKey, Option<Value>),
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
    /// Every object the detail shows (desired, extras, another tool's leftovers).
    pub shown: Vec<ObjectKey>,
    pub tracking_id: String,
}

struct Sorter {
    desired: HashSet<ObjectKey>,
    shown: HashSet<ObjectKey>,
    tracking_id: String,
}

impl Sorter {
    fn sort(&self, r: &Resolved, event: Result<Event<DynamicObject>, watcher::Error>) -> Seen {
        let (object, deleted) = match event {
            Ok(Event::Apply(o)) => (o, false),
            Ok(Event::Delete(o)) => (o, true),
            _ => return Seen::Nothing,
        };
        let Ok(value) = live::typed_value(r, object) else {
            return Seen::Other;
        };
        let Some(key) = ObjectKey::from_value(&value) else {
            return Seen::Nothing;
        };
        if self.desired.contains(&key) {
            Seen::Object(key, (!deleted).then_some(value))
        } else if self.shown.contains(&key) || tracking_id_of(&value) == Some(&self.tracking_id) {
            Seen::Other
        } else {
            Seen::Nothing
        }
    }
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
                desired: scope.desired.iter().map(|o| o.key.clone()).collect(),
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
                streams.push(events.map(move |e| sorter.sort(&r, e)).boxed());
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
mod tests {
    use super::*;
    use crate::engine::app::TRACKING_ANNOTATION;
    use kube::core::{ApiResource, GroupVersionKind};

    fn configmaps() -> Resolved {
        Resolved {
            resource: ApiResource::from_gvk(&GroupVersionKind::gvk("", "v1", "ConfigMap")),
            namespaced: true,
        }
    }

    fn key(name: &str) -> ObjectKey {
        ObjectKey {
            group: String::new(),
            kind: "ConfigMap".into(),
            namespace: Some("ns".into()),
            name: name.into(),
        }
    }

    /// A ConfigMap as a watch's initial list gives it: no apiVersion, no kind.
    fn listed(name: &str, tracked_by: Option<&str>) -> DynamicObject {
        let mut o = DynamicObject::new(name, &configmaps().resource).within("ns");
        o.types = None;
        if let Some(id) = tracked_by {
            o.metadata.annotations =
                Some([(TRACKING_ANNOTATION.to_string(), id.to_string())].into());
        }
        o.data = serde_json::json!({"data": {"value": "edited"}});
        o
    }

    fn sorter() -> Sorter {
        Sorter {
            desired: [key("wanted")].into(),
            shown: [key("wanted"), key("extra")].into(),
            tracking_id: "recon-system/app".into(),
        }
    }

    #[test]
    fn a_desired_objects_change_carries_its_live_copy_with_its_kind() {
        let seen = sorter().sort(&configmaps(), Ok(Event::Apply(listed("wanted", None))));
        let Seen::Object(k, Some(live)) = seen else {
            panic!("not an object change");
        };
        assert_eq!(k, key("wanted"));
        assert_eq!(live["kind"], "ConfigMap");
        assert_eq!(live["apiVersion"], "v1");
        assert_eq!(live["data"]["value"], "edited");
    }

    #[test]
    fn a_deleted_desired_object_has_no_live_copy() {
        let seen = sorter().sort(&configmaps(), Ok(Event::Delete(listed("wanted", None))));
        assert!(matches!(seen, Seen::Object(k, None) if k == key("wanted")));
    }

    #[test]
    fn extras_and_newly_tracked_objects_reload_and_others_are_ignored() {
        let s = sorter();
        let r = configmaps();
        let extra = s.sort(&r, Ok(Event::Apply(listed("extra", None))));
        assert!(matches!(extra, Seen::Other));
        let tracked = listed("new", Some("recon-system/app"));
        assert!(matches!(s.sort(&r, Ok(Event::Apply(tracked))), Seen::Other));
        let others = listed("other", Some("recon-system/another"));
        assert!(matches!(
            s.sort(&r, Ok(Event::Apply(others))),
            Seen::Nothing
        ));
        // The initial list is what the last load already read.
        let initial = s.sort(&r, Ok(Event::InitApply(listed("wanted", None))));
        assert!(matches!(initial, Seen::Nothing));
    }
}
