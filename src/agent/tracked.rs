//! Watches of the kinds the apps' objects are, so a hand edit of a tracked
//! object reconciles its app within moments, not at the next poll. Kinds
//! are added as apps are reconciled; each is one metadata-only watch over
//! all namespaces, mapped to apps by the tracking annotation.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use futures::StreamExt;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::core::{DynamicObject, PartialObjectMeta};
use kube::runtime::reflector::ObjectRef;
use kube::runtime::watcher::Event;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::cluster::{Cluster, FIELD_MANAGER, Resolved, Resolver, watch};
use crate::engine::app::{Application, TRACKING_ANNOTATION};
use crate::engine::render::ObjectKey;

/// The objects changed by someone else since each app's last reconcile,
/// by the app's tracking id: what an incremental self-heal looks at.
type Touched = Arc<Mutex<HashMap<String, BTreeSet<ObjectKey>>>>;

pub struct TrackedWatches {
    cluster: Cluster,
    resolver: Resolver,
    seen: Mutex<HashSet<(String, String)>>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    tx: mpsc::UnboundedSender<ObjectRef<Application>>,
    touched: Touched,
}

impl TrackedWatches {
    /// The watches and the stream of apps whose objects changed.
    pub fn new(
        cluster: Cluster,
        resolver: Resolver,
    ) -> (Arc<Self>, mpsc::UnboundedReceiver<ObjectRef<Application>>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let me = Self {
            cluster,
            resolver,
            seen: Mutex::default(),
            tasks: Mutex::default(),
            tx,
            touched: Touched::default(),
        };
        (Arc::new(me), rx)
    }

    /// Makes sure each `(apiVersion, kind)` is watched.
    pub async fn cover(&self, kinds: impl IntoIterator<Item = (String, String)>) {
        for (api_version, kind) in kinds {
            let new = self
                .seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert((api_version.clone(), kind.clone()));
            if !new {
                continue;
            }
            match self
                .resolver
                .resolve(&self.cluster, &api_version, &kind)
                .await
            {
                Ok(resolved) => {
                    let events = watch::metadata_all(&self.cluster, &resolved);
                    let to = (self.tx.clone(), self.touched.clone());
                    let task = tokio::spawn(forward(events, resolved, to));
                    self.tasks
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(task);
                }
                Err(e) => {
                    // Not served yet (a CRD the app itself creates): try again next time.
                    self.seen
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .remove(&(api_version, kind));
                    tracing::debug!(error = %e, "agent: kind not watched yet");
                }
            }
        }
    }
}

impl TrackedWatches {
    /// The app's objects changed by someone else since this was last asked.
    pub fn take_touched(&self, app_id: &str) -> BTreeSet<ObjectKey> {
        self.touched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(app_id)
            .unwrap_or_default()
    }
}

impl Drop for TrackedWatches {
    fn drop(&mut self) {
        for task in self
            .tasks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
        {
            task.abort();
        }
    }
}

type MetaEvents = std::pin::Pin<
    Box<
        dyn futures::Stream<
                Item = Result<
                    Event<PartialObjectMeta<DynamicObject>>,
                    kube::runtime::watcher::Error,
                >,
            > + Send,
    >,
>;

async fn forward(
    mut events: MetaEvents,
    resolved: Resolved,
    (tx, touched): (mpsc::UnboundedSender<ObjectRef<Application>>, Touched),
) {
    while let Some(event) = events.next().await {
        let meta = match event {
            // The initial list says nothing changed: every app is reconciled at start anyway.
            Ok(Event::Apply(obj)) if !written_by_recon(&obj.metadata) => obj.metadata,
            Ok(Event::Delete(obj)) => obj.metadata,
            Ok(_) => continue,
            Err(e) => {
                tracing::debug!(error = %e, "agent: watch of tracked objects interrupted");
                continue;
            }
        };
        let Some(app) = owner_app(&meta) else {
            continue;
        };
        let key = ObjectKey {
            group: resolved.resource.group.clone(),
            kind: resolved.resource.kind.clone(),
            namespace: meta.namespace.clone().filter(|_| resolved.namespaced),
            name: meta.name.clone().unwrap_or_default(),
        };
        let app_id = format!(
            "{}/{}",
            app.namespace.as_deref().unwrap_or_default(),
            app.name
        );
        touched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(app_id)
            .or_default()
            .insert(key);
        if tx.send(app).is_err() {
            return;
        }
    }
}

/// The app named by the object's tracking annotation.
fn owner_app(meta: &ObjectMeta) -> Option<ObjectRef<Application>> {
    let id = meta.annotations.as_ref()?.get(TRACKING_ANNOTATION)?;
    let (ns, name) = id.split_once('/')?;
    Some(ObjectRef::new(name).within(ns))
}

/// Whether the newest change to the object is recon's own apply, or only a
/// status update (by a controller): neither is drift to heal. A tie in
/// time counts as someone else's change, to be safe.
fn written_by_recon(meta: &ObjectMeta) -> bool {
    let Some(fields) = meta.managed_fields.as_ref() else {
        return false;
    };
    let newest = fields
        .iter()
        .filter_map(|f| f.time.as_ref().map(|t| t.0))
        .max();
    let Some(newest) = newest else {
        return false;
    };
    fields
        .iter()
        .filter(|f| f.time.as_ref().map(|t| t.0) == Some(newest))
        .all(|f| {
            f.manager.as_deref() == Some(FIELD_MANAGER)
                || f.subresource.as_deref() == Some("status")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ManagedFieldsEntry, Time};

    fn meta(fields: &[(&str, Option<&str>, i64)]) -> ObjectMeta {
        ObjectMeta {
            managed_fields: Some(
                fields
                    .iter()
                    .map(|(manager, sub, secs)| ManagedFieldsEntry {
                        manager: Some(manager.to_string()),
                        subresource: sub.map(str::to_string),
                        time: Some(Time(
                            jiff::Timestamp::from_second(*secs).expect("time in range"),
                        )),
                        ..Default::default()
                    })
                    .collect(),
            ),
            annotations: Some(
                [(TRACKING_ANNOTATION.to_string(), "shop/web".to_string())]
                    .into_iter()
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn recon_applying_last_is_not_drift() {
        assert!(written_by_recon(&meta(&[
            ("kubectl-edit", None, 100),
            ("recon", None, 200)
        ])));
    }

    #[test]
    fn a_hand_edit_after_recon_is_drift() {
        assert!(!written_by_recon(&meta(&[
            ("recon", None, 100),
            ("kubectl-edit", None, 200)
        ])));
    }

    #[test]
    fn a_controller_status_update_is_not_drift() {
        assert!(written_by_recon(&meta(&[
            ("recon", None, 100),
            ("kube-controller-manager", Some("status"), 200)
        ])));
    }

    #[test]
    fn a_hand_edit_in_the_same_second_as_recon_counts_as_drift() {
        assert!(!written_by_recon(&meta(&[
            ("recon", None, 100),
            ("kubectl-patch", None, 100)
        ])));
    }

    #[test]
    fn the_tracking_annotation_names_the_app() {
        let app = owner_app(&meta(&[])).expect("annotated");
        assert_eq!(app.name, "web");
        assert_eq!(app.namespace.as_deref(), Some("shop"));
    }
}
