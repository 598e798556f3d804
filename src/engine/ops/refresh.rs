//! Refresh: measure drift and health and write them to the app's status,
//! changing nothing in the cluster. What the agent does for a paused or
//! manual app, and what the console's refresh asks for.

use crate::engine::drift::DriftReport;
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::status::{self, StatusUpdate};

use super::{DiffOptions, DiffOutcome, Engine, diff};

pub async fn refresh(engine: &Engine, handle: &AppHandle) -> Result<DriftReport, EngineError> {
    let outcome = diff(engine, handle, &DiffOptions::default()).await?;
    record(handle, &outcome).await?;
    Ok(outcome.report)
}

/// Writes a measured drift (sync state, health, inventory) to the status.
pub async fn record(handle: &AppHandle, outcome: &DiffOutcome) -> Result<(), EngineError> {
    let report = Some((&outcome.report, outcome.desired.as_slice()));
    status::write(
        &handle.cluster,
        &handle.app,
        report,
        &StatusUpdate::default(),
    )
    .await
    .map(|_| ())
    .map_err(|e| EngineError::cluster(&handle.app.tracking_id(), e))
}
