//! Refresh: measure drift and health and write them to the app's status,
//! changing nothing in the cluster. What the agent does for a paused or
//! manual app, and what the console's refresh asks for.

use crate::engine::drift::DriftReport;
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::status::{self, StatusUpdate};

use super::{DiffOptions, Engine, diff};

pub async fn refresh(engine: &Engine, handle: &AppHandle) -> Result<DriftReport, EngineError> {
    let app_id = handle.app.tracking_id();
    let outcome = diff(engine, handle, &DiffOptions::default()).await?;
    status::write(
        &handle.cluster,
        &handle.app,
        Some((&outcome.report, &outcome.desired)),
        &StatusUpdate::default(),
    )
    .await
    .map_err(|e| EngineError::cluster(&app_id, e))?;
    Ok(outcome.report)
}
