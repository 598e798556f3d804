//! The GitRepositories of one cluster, kept live for the Flux rows: a
//! Kustomization's sync status compares what it applied with its source's
//! artifact, so a new artifact must redraw the rows even when the
//! Kustomization itself has not changed (a suspended one never does).

use std::sync::{Arc, RwLock};

use futures::StreamExt;
use kube::runtime::watcher::Event;

use crate::adapters::AppSummary;
use crate::adapters::flux::model::{FluxGitRepository, FluxKustomization};
use crate::adapters::flux::summary::{index_sources, summarize};
use crate::cluster::Cluster;

/// How often a cluster without Flux's CRDs is asked whether it has them now.
const CRD_RECHECK: std::time::Duration = std::time::Duration::from_secs(30);

fn not_installed(e: &kube::runtime::watcher::Error) -> bool {
    use kube::runtime::watcher::Error;
    matches!(
        e,
        Error::InitialListFailed(kube::Error::Api(s))
            | Error::WatchStartFailed(kube::Error::Api(s))
            | Error::WatchFailed(kube::Error::Api(s)) if s.code == 404
    )
}

/// The GitRepositories as last listed and watched.
#[derive(Clone, Default)]
pub struct Sources(Arc<RwLock<Vec<FluxGitRepository>>>);

impl Sources {
    pub fn summarize(&self, context: &str, ks: &FluxKustomization) -> AppSummary {
        // Read in place: each row's summary must not copy every source.
        match self.0.read() {
            Ok(repos) => summarize(context, ks, &index_sources(&repos)),
            Err(_) => summarize(context, ks, &Default::default()),
        }
    }
}

/// Starts the watch; `poke` changes whenever the sources do.
pub fn spawn(
    cluster: Cluster,
) -> (
    Sources,
    tokio::sync::watch::Receiver<()>,
    tokio::task::JoinHandle<()>,
) {
    let sources = Sources::default();
    let (poke_tx, poke) = tokio::sync::watch::channel(());
    let held = sources.clone();
    let task = tokio::spawn(async move {
        let mut stream = crate::cluster::watch_streamed::all::<FluxGitRepository>(&cluster);
        let mut pending = Vec::new();
        let key = |r: &FluxGitRepository| r.qualified_name();
        while let Some(event) = stream.next().await {
            let mut now = match held.0.write() {
                Ok(now) => now,
                Err(_) => return,
            };
            match event {
                Ok(Event::Init) => pending.clear(),
                Ok(Event::InitApply(r)) => pending.push(r),
                Ok(Event::InitDone) => *now = std::mem::take(&mut pending),
                Ok(Event::Apply(r)) => {
                    now.retain(|o| key(o) != key(&r));
                    now.push(r);
                }
                Ok(Event::Delete(r)) => now.retain(|o| key(o) != key(&r)),
                // No Flux here, or the cluster is away: the Kustomization
                // watch says so; the rows keep the sources last seen. A
                // cluster without Flux is asked again now and then only.
                Err(e) => {
                    drop(now);
                    if not_installed(&e) {
                        tokio::time::sleep(CRD_RECHECK).await;
                    }
                    continue;
                }
            }
            drop(now);
            if poke_tx.send(()).is_err() {
                return;
            }
        }
    });
    (sources, poke, task)
}
