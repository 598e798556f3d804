//! Each app's last measurement, kept while it still describes Git: the
//! desired objects as prepared at one revision, and their drift. A hand
//! edit of one tracked object is healed from it (`heal_touched`) instead
//! of reading Git, rendering and listing the whole app again.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use crate::engine::ops::DiffOutcome;

pub struct Measured {
    /// The app's `metadata.generation` it was measured at (a spec change
    /// invalidates it).
    pub generation: Option<i64>,
    /// The fetch of the app's repository it read Git from (a later fetch
    /// may have brought a new revision: it is then measured again).
    pub fetched_at: Instant,
    pub outcome: DiffOutcome,
}

#[derive(Default)]
pub struct MeasuredApps(Mutex<HashMap<String, Measured>>);

impl MeasuredApps {
    pub fn keep(&self, app_id: &str, measured: Measured) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(app_id.to_string(), measured);
    }

    /// Takes it out (a reconcile of the app runs alone, and keeps it back
    /// when it is still true).
    pub fn take(&self, app_id: &str) -> Option<Measured> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(app_id)
    }
}
