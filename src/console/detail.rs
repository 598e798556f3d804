//! The open app's detail, kept live: loaded once, then again whenever one
//! of its objects or the Application itself changes in the cluster (watched,
//! debounced), and on a timer that also fetches Git. The same request id is
//! reused, so the console accepts each refresh as the answer it awaits.

use std::sync::Arc;
use std::time::Duration;

use futures::stream::{SelectAll, StreamExt};
use kube::api::Api;
use kube::core::DynamicObject;
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, Event};
use tokio::sync::mpsc::UnboundedSender;

use super::backend::{Inner, finish};
use super::map;
use crate::engine::app::Application;
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{DiffOptions, DiffOutcome, diff, history};
use crate::engine::source::Fetch;
use crate::tui::{AppId, Msg};

/// How often Git is fetched while an app is open.
const GIT_POLL: Duration = Duration::from_secs(30);
/// Changes arriving within this window are handled as one.
const DEBOUNCE: Duration = Duration::from_millis(300);

pub async fn live(inner: Arc<Inner>, request_id: u64, app: AppId, tx: UnboundedSender<Msg>) {
    let mut fetch = Fetch::Always;
    loop {
        let handle = match inner.locate(&app).await {
            Ok(h) => h,
            Err(e) => return finish(&tx, request_id, Err(crate::error_chain::chain(&e))),
        };
        let outcome = match load(&inner, &handle, fetch).await {
            Ok((detail, outcome)) => {
                if tx.send(Msg::DetailLoaded { request_id, detail }).is_err() {
                    return;
                }
                Some(outcome)
            }
            Err(e) => {
                finish(&tx, request_id, Err(e));
                None
            }
        };
        fetch = match wait_for_change(&handle, outcome.as_ref()).await {
            Change::Cluster => Fetch::IfMissing,
            Change::Timer => Fetch::Always,
        };
    }
}

async fn load(
    inner: &Inner,
    handle: &AppHandle,
    fetch: Fetch,
) -> Result<(crate::tui::AppDetail, DiffOutcome), String> {
    let opts = DiffOptions {
        fetch,
        ..Default::default()
    };
    let (outcome, hist) = tokio::join!(
        diff(&inner.engine, handle, &opts),
        history(&inner.engine, handle, 50, false)
    );
    let outcome = outcome.map_err(|e| crate::error_chain::chain(&e))?;
    let hist = hist.map_err(|e| crate::error_chain::chain(&e))?;
    let detail = map::detail(&handle.cluster.context, &handle.app, &outcome.report, &hist);
    Ok((detail, outcome))
}

enum Change {
    Cluster,
    Timer,
}

/// Waits until an object of the app (or the app itself) changes, or the Git
/// poll interval passes.
async fn wait_for_change(handle: &AppHandle, outcome: Option<&DiffOutcome>) -> Change {
    let client = handle.cluster.client.clone();
    let mut streams: SelectAll<futures::stream::BoxStream<'static, bool>> = SelectAll::new();
    let ns = handle.app.metadata.namespace.clone().unwrap_or_default();
    let name = handle.app.metadata.name.clone().unwrap_or_default();
    let apps: Api<Application> = Api::namespaced(client.clone(), &ns);
    let cfg = watcher::Config::default().fields(&format!("metadata.name={name}"));
    streams.push(changes(watcher::watcher(apps, cfg).default_backoff()));
    let mut scopes = std::collections::BTreeSet::new();
    for obj in outcome.map(|o| o.desired.as_slice()).unwrap_or_default() {
        if let Some(r) = &obj.resolved {
            let ns = obj.key.namespace.clone().filter(|_| r.namespaced);
            if scopes.insert((
                r.resource.api_version.clone(),
                r.resource.kind.clone(),
                ns.clone(),
            )) {
                let api: Api<DynamicObject> = match &ns {
                    Some(ns) => Api::namespaced_with(client.clone(), ns, &r.resource),
                    None => Api::all_with(client.clone(), &r.resource),
                };
                streams.push(changes(
                    watcher::watcher(api, watcher::Config::default()).default_backoff(),
                ));
            }
        }
    }
    let timer = tokio::time::sleep(GIT_POLL);
    tokio::pin!(timer);
    loop {
        tokio::select! {
            _ = &mut timer => return Change::Timer,
            next = streams.next() => match next {
                Some(true) => break,
                Some(false) => continue,
                // Every watch ended (they retry on their own, so this is rare): poll.
                None => { (&mut timer).await; return Change::Timer; }
            },
        }
    }
    // Let a burst of changes (a rollout touches many fields) settle.
    let _ = tokio::time::timeout(DEBOUNCE, async { while streams.next().await.is_some() {} }).await;
    Change::Cluster
}

/// A watch as a stream of "something changed" (true) after its initial list.
fn changes<K>(
    stream: impl futures::Stream<Item = Result<Event<K>, watcher::Error>> + Send + 'static,
) -> futures::stream::BoxStream<'static, bool>
where
    K: Send + 'static,
{
    stream
        .map(|ev| matches!(ev, Ok(Event::Apply(_)) | Ok(Event::Delete(_))))
        .boxed()
}
