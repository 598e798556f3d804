//! The open app's detail, kept live: loaded once; a change to one of its
//! desired objects in the cluster is diffed alone (one dry run, at once);
//! a change to the app itself, or to another object it tracks, reloads the
//! whole app (debounced); a timer reloads it fetching Git. The same request
//! id is reused, so the console accepts each refresh as the answer it awaits.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::context::{Shared, describe, finish};
use super::detail_kept::Kept;
use super::detail_watch::{Change, Watches, app_changes};
use super::map;
use super::tree_watch::TreeWatch;
use crate::adapters::Located;
use crate::adapters::argocd;
use crate::adapters::argocd::model::ArgoApp;
use crate::cluster::watch;
use crate::engine::app::Application;
use crate::engine::drift::DriftReport;
use crate::engine::fleet::AppHandle;
use crate::engine::ops::{DiffOptions, diff, history};
use crate::engine::prepare::Stamp;
use crate::engine::source::Fetch;
use crate::tui::{AppDetail, AppId, EarlyHistory, Msg};

/// How often Git is fetched while an app is open.
const GIT_POLL: Duration = Duration::from_secs(30);
/// Changes that reload the whole app, arriving within this window, are one.
const DEBOUNCE: Duration = Duration::from_millis(300);

pub async fn live(inner: Arc<Shared>, request_id: u64, app: AppId, tx: UnboundedSender<Msg>) {
    let mut fetch = Fetch::Always;
    // Lives as long as this task: opening another app drops it.
    let mut tree: Option<TreeWatch> = None;
    let mut first = true;
    loop {
        // The first time, the commits go ahead of the drift (Git answers
        // before a cluster of many objects does).
        let early = Early {
            tx: &tx,
            request_id,
            id: &app,
        };
        let early = std::mem::take(&mut first).then_some(&early);
        let located = match inner.locate(&app).await {
            Ok(h) => h,
            Err(e) => return finish(&tx, request_id, Err(e)),
        };
        let loaded = match &located {
            Located::Recon(h) => load(&inner, h, fetch, early)
                .await
                .map(|k| (k.detail(), Some(k))),
            Located::ArgoCd(h) => load_argo(&inner, h, fetch).await,
            Located::Flux(h) => load_flux(&inner, h, fetch, early)
                .await
                .map(|k| (k.detail(), Some(k))),
        };
        let mut kept = match loaded {
            Ok((detail, kept)) => {
                if tx.send(Msg::DetailLoaded { request_id, detail }).is_err() {
                    return;
                }
                kept
            }
            Err(e) => {
                finish(&tx, request_id, Err(e));
                None
            }
        };
        if let Some(k) = &kept {
            follow_tree(&mut tree, k, request_id, &tx);
        }
        let mut watches = Watches::start(
            app_watch(&located),
            kept.as_ref().map(Kept::scope),
            GIT_POLL,
        );
        fetch = loop {
            let changed = match watches.next(DEBOUNCE).await {
                Change::Timer => break Fetch::Always,
                Change::Reload => break Fetch::IfMissing,
                Change::Objects(changed) => changed,
            };
            let Some(k) = kept.as_mut() else {
                break Fetch::IfMissing;
            };
            match k.update(changed).await {
                Ok(detail) => {
                    if tx.send(Msg::DetailLoaded { request_id, detail }).is_err() {
                        return;
                    }
                    follow_tree(&mut tree, k, request_id, &tx);
                }
                // A whole reload says what is wrong, or recovers.
                Err(_) => break Fetch::IfMissing,
            }
        };
    }
}

/// Keeps the resource tree's watch on the app's objects (and their health).
fn follow_tree(
    tree: &mut Option<TreeWatch>,
    kept: &Kept,
    request_id: u64,
    tx: &UnboundedSender<Msg>,
) {
    let cluster = &kept.handle.cluster;
    let roots = kept.roots();
    match tree {
        Some(t) if t.covers(cluster, &roots) => t.update(roots),
        _ => {
            *tree = Some(TreeWatch::start(
                cluster.clone(),
                roots,
                request_id,
                tx.clone(),
            ))
        }
    }
}

async fn load_argo(
    inner: &Shared,
    h: &argocd::ArgoHandle,
    fetch: Fetch,
) -> Result<(AppDetail, Option<Kept>), String> {
    // One projection (Git read, destination found) serves the diff and the history.
    let (target, projected) = argocd::diff::project(&inner.engine, &inner.fleet, h, None, fetch)
        .await
        .map_err(|e| describe(&e))?;
    let for_history = projected.clone().map(|p| p.app);
    let compared = for_history.clone().ok();
    let (d, hist) = tokio::join!(
        argocd::diff::diff_of(&inner.engine, target.clone(), projected),
        argocd::history::history_of(&inner.engine, h, target, for_history, 50)
    );
    let d = d.map_err(|e| describe(&e))?;
    // History needs only Git: without it the pane says why, the rest still shows.
    let hist = hist.map_err(|e| describe(&e)).ok();
    let outcome = match d.outcome {
        Ok(o) => o,
        Err(u) => {
            let detail = super::map_argocd::detail(h, &d.target, Err(&u), hist.as_ref());
            return Ok((detail, None));
        }
    };
    // Rendered means projected: `compared` is the app recon compared.
    let Some(app) = compared else {
        return Err(format!(
            "{}: recon rendered an app it did not project",
            h.app.name()
        ));
    };
    let stale = outcome
        .source
        .stale
        .as_ref()
        .map(super::actions::stale_mark);
    let handle = AppHandle {
        cluster: d.target.cluster.clone(),
        resolver: d.target.resolver.clone(),
        app,
    };
    let (h, target) = (h.clone(), d.target);
    let remap = Box::new(move |r: &DriftReport| {
        let mut detail = super::map_argocd::detail(&h, &target, Ok(r), hist.as_ref());
        detail.git_stale = stale.clone();
        detail
    });
    let kept = Kept::new(handle, outcome.desired, outcome.report, remap);
    Ok((kept.detail(), Some(kept)))
}

/// Changes of the app object itself, whichever tool's it is.
fn app_watch(located: &Located) -> futures::stream::BoxStream<'static, super::detail_watch::Seen> {
    match located {
        Located::Recon(h) => {
            let ns = h.app.metadata.namespace.clone().unwrap_or_default();
            let name = h.app.metadata.name.clone().unwrap_or_default();
            app_changes(watch::one::<Application>(&h.cluster, &ns, &name))
        }
        Located::ArgoCd(h) => app_changes(watch::one::<ArgoApp>(
            &h.cluster,
            h.app.namespace(),
            h.app.name(),
        )),
        Located::Flux(h) => app_changes(watch::one::<
            crate::adapters::flux::model::FluxKustomization,
        >(&h.cluster, h.ks.namespace(), h.ks.name())),
    }
}

/// A Flux Kustomization's detail: recon's render of its source at the
/// artifact's commit, compared in its cluster with nothing of recon's added.
async fn load_flux(
    inner: &Shared,
    h: &crate::adapters::flux::FluxHandle,
    fetch: Fetch,
    early: Option<&Early<'_>>,
) -> Result<Kept, String> {
    let p = crate::adapters::flux::project::project(&inner.engine, h, fetch)
        .await
        .map_err(|e| describe(&e))?;
    let ks = h.ks.clone();
    let (follows, stale) = (
        p.follows.clone(),
        p.stale.as_ref().map(super::actions::stale_mark),
    );
    // Rendered as a recon app, it is still the Flux row the operator opened,
    // following its source's branch (compared at the artifact's commit).
    let as_flux = move |detail: &mut AppDetail| {
        detail.id.tool = crate::tui::AppTool::Flux;
        if let Some(follows) = &follows {
            detail.branch = follows.clone();
        }
        for row in &mut detail.history {
            row.note = crate::adapters::flux::history_notes::note_for(&ks, &row.full);
        }
        detail.git_stale = stale.clone();
    };
    load_with(
        inner,
        (&p.handle, &p.following()),
        Fetch::IfMissing,
        Stamp::Nothing,
        |report| crate::adapters::flux::inventory::add_leftovers(&h.ks, report),
        as_flux,
        early,
    )
    .await
}

async fn load(
    inner: &Shared,
    handle: &AppHandle,
    fetch: Fetch,
    early: Option<&Early<'_>>,
) -> Result<Kept, String> {
    let (no_amend, no_adjust) = (|_: &mut DriftReport| {}, |_: &mut AppDetail| {});
    load_with(
        inner,
        (handle, handle),
        fetch,
        Stamp::Recon,
        no_amend,
        no_adjust,
        early,
    )
    .await
}

/// Where the commits go when they are known before the drift.
struct Early<'a> {
    tx: &'a UnboundedSender<Msg>,
    request_id: u64,
    id: &'a AppId,
}

impl Early<'_> {
    fn send(&self, history: &crate::engine::ops::HistoryView) {
        let history = EarlyHistory {
            source_path: history.path.clone(),
            rows: history
                .rows
                .iter()
                .map(|r| map::commit_row(r, None))
                .collect(),
        };
        let _ = self.tx.send(Msg::HistoryFirst {
            request_id: self.request_id,
            id: self.id.clone(),
            history,
        });
    }
}

/// Loads a recon-rendered app: `amend` is given the drift report before it
/// is shown (a Flux app adds what its inventory holds and Git does not),
/// `adjust` each detail drawn from it. Of the two handles, the first is
/// compared and the second's history read: a Flux app is compared at its
/// artifact's commit, its history follows the branch.
async fn load_with(
    inner: &Shared,
    (handle, history_of): (&AppHandle, &AppHandle),
    fetch: Fetch,
    stamp: Stamp,
    amend: impl FnOnce(&mut DriftReport),
    adjust: impl Fn(&mut AppDetail) + Send + Sync + 'static,
    early: Option<&Early<'_>>,
) -> Result<Kept, String> {
    let opts = DiffOptions {
        fetch,
        stamp,
        ..Default::default()
    };
    let commits = async {
        let hist = history(&inner.engine, history_of, 50, false).await;
        if let (Some(early), Ok(hist)) = (early, &hist) {
            early.send(hist);
        }
        hist
    };
    let (outcome, hist) = tokio::join!(diff(&inner.engine, handle, &opts), commits);
    let mut outcome = outcome.map_err(|e| describe(&e))?;
    amend(&mut outcome.report);
    let hist = hist.map_err(|e| describe(&e))?;
    let stale = outcome
        .source
        .stale
        .as_ref()
        .map(super::actions::stale_mark);
    let (context, app) = (handle.cluster.context.clone(), handle.app.clone());
    let remap = Box::new(move |r: &DriftReport| {
        let mut detail = map::detail(&context, &app, r, &hist);
        detail.git_stale = stale.clone();
        adjust(&mut detail);
        detail
    });
    Ok(Kept::new(
        handle.clone(),
        outcome.desired,
        outcome.report,
        remap,
    ))
}
