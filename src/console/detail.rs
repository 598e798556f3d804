//! The open app's detail, kept live: loaded once, then again whenever one
//! of its objects or the Application itself changes in the cluster (watched,
//! debounced), and on a timer that also fetches Git. The same request id is
//! reused, so the console accepts each refresh as the answer it awaits.

use std::sync::Arc;
use std::time::Duration;

use futures::stream::{SelectAll, StreamExt};
use kube::runtime::watcher::{self, Event};
use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, describe, finish};
use super::map;
use super::map_tree::roots_of;
use super::tree_watch::TreeWatch;
use crate::adapters::Located;
use crate::adapters::argocd;
use crate::adapters::argocd::model::ArgoApp;
use crate::cluster::{Cluster, watch};
use crate::engine::app::Application;
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{DiffOptions, DiffOutcome, diff, history};
use crate::engine::prepare::{PreparedObject, Stamp};
use crate::engine::source::Fetch;
use crate::engine::triage::Root;
use crate::tui::{AppId, Msg};

/// How often Git is fetched while an app is open.
const GIT_POLL: Duration = Duration::from_secs(30);
/// Changes arriving within this window are handled as one.
const DEBOUNCE: Duration = Duration::from_millis(300);

pub async fn live(inner: Arc<Shared>, request_id: u64, app: AppId, tx: UnboundedSender<Msg>) {
    let mut fetch = Fetch::Always;
    // Lives as long as this task: opening another app drops it.
    let mut tree: Option<TreeWatch> = None;
    loop {
        let located = match inner.locate(&app).await {
            Ok(h) => h,
            Err(e) => return finish(&tx, request_id, Err(e)),
        };
        let loaded = match &located {
            Located::Recon(h) => load(&inner, h, fetch, Stamp::Recon)
                .await
                .map(|(detail, o)| {
                    let roots = roots_of(&o.report);
                    (detail, Some((h.cluster.clone(), o.desired, roots)))
                }),
            Located::ArgoCd(h) => load_argo(&inner, h, fetch).await,
            Located::Flux(h) => load_flux(&inner, h, fetch).await,
        };
        let watched = match loaded {
            Ok((detail, watched)) => {
                if tx.send(Msg::DetailLoaded { request_id, detail }).is_err() {
                    return;
                }
                if let Some((cluster, _, roots)) = &watched {
                    match &tree {
                        Some(t) if t.covers(cluster, roots) => t.update(roots.clone()),
                        _ => {
                            tree = Some(TreeWatch::start(
                                cluster.clone(),
                                roots.clone(),
                                request_id,
                                tx.clone(),
                            ))
                        }
                    }
                }
                watched
            }
            Err(e) => {
                finish(&tx, request_id, Err(e));
                None
            }
        };
        let app_changes = app_watch(&located);
        let objects = watched.as_ref().map(|(c, d, _)| (c.clone(), d.as_slice()));
        fetch = match wait_for_change(app_changes, objects).await {
            Change::Cluster => Fetch::IfMissing,
            Change::Timer => Fetch::Always,
        };
    }
}

/// Desired objects and the cluster they live in, to watch, and the roots
/// of the resource tree.
type Watched = Option<(Cluster, Vec<PreparedObject>, Vec<Root>)>;

async fn load_argo(
    inner: &Shared,
    h: &argocd::ArgoHandle,
    fetch: Fetch,
) -> Result<(crate::tui::AppDetail, Watched), String> {
    // One projection (Git read, destination found) serves the diff and the history.
    let (target, projected) = argocd::diff::project(&inner.engine, &inner.fleet, h, None, fetch)
        .await
        .map_err(|e| describe(&e))?;
    let for_history = projected.clone().map(|p| p.app);
    let (d, hist) = tokio::join!(
        argocd::diff::diff_of(&inner.engine, target.clone(), projected),
        argocd::history::history_of(&inner.engine, h, target, for_history, 50)
    );
    let d = d.map_err(|e| describe(&e))?;
    // History needs only Git: without it the pane says why, the rest still shows.
    let hist = hist.map_err(|e| describe(&e));
    let mut detail = super::map_argocd::detail(h, &d, hist.as_ref().ok());
    detail.git_stale = d
        .outcome
        .as_ref()
        .ok()
        .and_then(|o| o.source.stale.as_ref())
        .map(super::actions::stale_mark);
    let watched = d.outcome.ok().map(|o| {
        let roots = roots_of(&o.report);
        (d.target.cluster.clone(), o.desired, roots)
    });
    Ok((detail, watched))
}

/// Changes of the app object itself, whichever tool's it is.
fn app_watch(located: &Located) -> futures::stream::BoxStream<'static, bool> {
    match located {
        Located::Recon(h) => {
            let ns = h.app.metadata.namespace.clone().unwrap_or_default();
            let name = h.app.metadata.name.clone().unwrap_or_default();
            changes(watch::one::<Application>(&h.cluster, &ns, &name))
        }
        Located::ArgoCd(h) => changes(watch::one::<ArgoApp>(
            &h.cluster,
            h.app.namespace(),
            h.app.name(),
        )),
        Located::Flux(h) => changes(
            watch::one::<crate::adapters::flux::model::FluxKustomization>(
                &h.cluster,
                h.ks.namespace(),
                h.ks.name(),
            ),
        ),
    }
}

/// A Flux Kustomization's detail: recon's render of its source at the
/// artifact's commit, compared in its cluster with nothing of recon's added.
async fn load_flux(
    inner: &Shared,
    h: &crate::adapters::flux::FluxHandle,
    fetch: Fetch,
) -> Result<(crate::tui::AppDetail, Watched), String> {
    let p = crate::adapters::flux::project::project(&inner.engine, h, fetch)
        .await
        .map_err(|e| describe(&e))?;
    let (mut detail, o) = load_with(
        inner,
        (&p.handle, &p.following()),
        Fetch::IfMissing,
        Stamp::Nothing,
        |report| crate::adapters::flux::inventory::add_leftovers(&h.ks, report),
    )
    .await?;
    // Rendered as a recon app, it is still the Flux row the operator opened,
    // following its source's branch (compared at the artifact's commit).
    detail.id.tool = crate::tui::AppTool::Flux;
    if let Some(follows) = &p.follows {
        detail.branch = follows.clone();
    }
    for row in &mut detail.history {
        row.note = crate::adapters::flux::history_notes::note_for(&h.ks, &row.full);
    }
    detail.git_stale = p.stale.as_ref().map(super::actions::stale_mark);
    let roots = roots_of(&o.report);
    Ok((detail, Some((p.handle.cluster.clone(), o.desired, roots))))
}

async fn load(
    inner: &Shared,
    handle: &AppHandle,
    fetch: Fetch,
    stamp: Stamp,
) -> Result<(crate::tui::AppDetail, DiffOutcome), String> {
    load_with(inner, (handle, handle), fetch, stamp, |_| {}).await
}

/// As `load`, with `amend` given the drift report before it is shown
/// (a Flux app adds what its inventory holds and Git does not). Of the two
/// handles, the first is compared and the second's history read: a Flux
/// app is compared at its artifact's commit, its history follows the branch.
async fn load_with(
    inner: &Shared,
    (handle, history_of): (&AppHandle, &AppHandle),
    fetch: Fetch,
    stamp: Stamp,
    amend: impl FnOnce(&mut crate::engine::drift::DriftReport),
) -> Result<(crate::tui::AppDetail, DiffOutcome), String> {
    let opts = DiffOptions {
        fetch,
        stamp,
        ..Default::default()
    };
    let (outcome, hist) = tokio::join!(
        diff(&inner.engine, handle, &opts),
        history(&inner.engine, history_of, 50, false)
    );
    let mut outcome = outcome.map_err(|e| describe(&e))?;
    amend(&mut outcome.report);
    let hist = hist.map_err(|e| describe(&e))?;
    let mut detail = map::detail(&handle.cluster.context, &handle.app, &outcome.report, &hist);
    detail.git_stale = outcome
        .source
        .stale
        .as_ref()
        .map(super::actions::stale_mark);
    Ok((detail, outcome))
}

enum Change {
    Cluster,
    Timer,
}

/// Waits until an object of the app (or the app itself) changes, or the Git
/// poll interval passes.
async fn wait_for_change(
    app_changes: futures::stream::BoxStream<'static, bool>,
    objects: Option<(Cluster, &[PreparedObject])>,
) -> Change {
    let mut streams: SelectAll<futures::stream::BoxStream<'static, bool>> = SelectAll::new();
    streams.push(app_changes);
    let mut scopes = std::collections::BTreeSet::new();
    let (cluster, desired) = match objects {
        Some((c, d)) => (Some(c), d),
        None => (None, &[][..]),
    };
    for obj in desired {
        let Some(cluster) = &cluster else { break };
        if let Some(r) = &obj.resolved {
            let ns = obj.key.namespace.clone().filter(|_| r.namespaced);
            if scopes.insert((
                r.resource.api_version.clone(),
                r.resource.kind.clone(),
                ns.clone(),
            )) {
                streams.push(changes(watch::scope(cluster, r, ns.as_deref())));
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
