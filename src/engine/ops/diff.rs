//! Drift of one app against its target (or a given) revision.

use crate::engine::drift::{self, DriftInput, DriftMode, DriftReport};
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::inventory::ExtraObject;
use crate::engine::prepare::{PreparedObject, Stamp, prepare};
use crate::engine::source::{DesiredState, Fetch, load_desired};

use super::{Engine, blocking};

#[derive(Debug, Clone)]
pub struct DiffOptions {
    pub mode: DriftMode,
    pub concurrency: usize,
    /// Another revision than the app's target (a rollback preview, `--revision`).
    pub revision: Option<String>,
    pub fetch: Fetch,
    /// Annotations recon would add when it applies (none for another tool's app).
    pub stamp: Stamp,
}

impl Default for DiffOptions {
    fn default() -> Self {
        Self {
            mode: DriftMode::Server,
            concurrency: 8,
            revision: None,
            fetch: Fetch::Always,
            stamp: Stamp::Recon,
        }
    }
}

#[derive(Clone)]
pub struct DiffOutcome {
    pub report: DriftReport,
    pub desired: Vec<PreparedObject>,
    pub extras: Vec<ExtraObject>,
    pub source: DesiredState,
}

/// The revision a sync or diff goes to by default: the pin while pinned, else the target.
pub fn default_revision(handle: &AppHandle) -> Option<String> {
    handle.app.pinned_revision().map(str::to_string)
}

pub async fn diff(
    engine: &Engine,
    handle: &AppHandle,
    opts: &DiffOptions,
) -> Result<DiffOutcome, EngineError> {
    let app_id = handle.app.tracking_id();
    let repos = engine.repos.clone();
    let app = handle.app.clone();
    let revision = opts.revision.clone().or_else(|| default_revision(handle));
    let fetch = opts.fetch;
    let source = blocking(&app_id, move || {
        load_desired(&repos, &app, revision.as_deref(), fetch)
    })
    .await?;
    let desired = prepare(
        &handle.cluster,
        &handle.resolver,
        &handle.app,
        source.objects.clone(),
        opts.stamp,
    )
    .await?;
    let (report, extras) = drift::compute(DriftInput {
        cluster: &handle.cluster,
        resolver: &handle.resolver,
        app: &handle.app,
        revision: &source.revision,
        desired: &desired,
        mode: opts.mode,
        concurrency: opts.concurrency,
    })
    .await?;
    Ok(DiffOutcome {
        report,
        desired,
        extras,
        source,
    })
}
