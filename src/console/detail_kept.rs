//! The open app's last full load, kept so that a change to one of its
//! objects is diffed alone (one dry run) and the detail is drawn again from
//! the kept report, instead of listing and dry-running the whole app.

use std::collections::{BTreeMap, HashMap};

use futures::stream::{self, StreamExt};
use serde_json::Value;

use super::detail_watch::Scope;
use super::map_tree::roots_of;
use crate::engine::drift::{DriftInput, DriftMode, DriftReport};
use crate::engine::drift_one::object_again;
use crate::engine::error::EngineError;
use crate::engine::fleet::AppHandle;
use crate::engine::prepare::PreparedObject;
use crate::engine::render::ObjectKey;
use crate::engine::triage::Root;
use crate::tui::AppDetail;

/// Draws the detail from a report (each tool's app draws its own way).
pub type Remap = Box<dyn Fn(&DriftReport) -> AppDetail + Send + Sync>;

/// Dry runs in flight when several objects changed at once.
const IN_FLIGHT: usize = 8;

pub struct Kept {
    /// The app as compared (another tool's app: as recon projects it).
    pub handle: AppHandle,
    pub desired: Vec<PreparedObject>,
    pub report: DriftReport,
    remap: Remap,
}

impl Kept {
    pub fn new(
        handle: AppHandle,
        desired: Vec<PreparedObject>,
        report: DriftReport,
        remap: Remap,
    ) -> Self {
        Self {
            handle,
            desired,
            report,
            remap,
        }
    }

    pub fn roots(&self) -> Vec<Root> {
        roots_of(&self.report)
    }

    /// What to watch: the desired objects, and what else the detail shows.
    pub fn scope(&self) -> Scope<'_> {
        let compared: HashMap<&ObjectKey, &Option<String>> = self
            .report
            .objects
            .iter()
            .map(|o| (&o.key, &o.live_version))
            .collect();
        let compared_at = |key: &ObjectKey| compared.get(key).and_then(|v| (*v).clone());
        Scope {
            cluster: &self.handle.cluster,
            desired: &self.desired,
            versions: self
                .desired
                .iter()
                .map(|o| (o.key.clone(), compared_at(&o.key)))
                .collect(),
            shown: self.report.objects.iter().map(|o| o.key.clone()).collect(),
            tracking_id: self.handle.app.tracking_id(),
        }
    }

    /// Diffs the changed objects again against their new live copies and
    /// draws the detail from the updated report.
    pub async fn update(
        &mut self,
        changed: BTreeMap<ObjectKey, Option<Value>>,
    ) -> Result<AppDetail, EngineError> {
        let revision = self.report.revision.clone();
        let input = DriftInput {
            cluster: &self.handle.cluster,
            resolver: &self.handle.resolver,
            app: &self.handle.app,
            revision: &revision,
            desired: &self.desired,
            mode: DriftMode::Server,
            concurrency: IN_FLIGHT,
        };
        let input = &input;
        let futures: Vec<_> = changed
            .into_iter()
            .filter_map(|(key, live)| {
                let obj = self.desired.iter().find(|o| o.key == key)?;
                Some(object_again(input, obj, live))
            })
            .collect();
        let drifts: Vec<_> = stream::iter(futures).buffered(IN_FLIGHT).collect().await;
        for drift in drifts {
            self.report.replace(drift?);
        }
        Ok((self.remap)(&self.report))
    }

    pub fn detail(&self) -> AppDetail {
        (self.remap)(&self.report)
    }
}
