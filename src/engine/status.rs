//! Writes an Application's status after drift or a sync: sync state, health,
//! the inventory of its objects, history (newest first, capped) and the pin.

use crate::cluster::{Cluster, ClusterError, typed};
use crate::engine::app::{
    AppCondition, Application, ApplicationStatus, HISTORY_LIMIT, HealthState, HistoryEntry,
    ResourceState, SyncState,
};
use crate::engine::drift::{DriftReport, DriftState};
use crate::engine::prepare::PreparedObject;

#[derive(Debug, Clone, Default)]
pub enum PinChange {
    #[default]
    Keep,
    Set(String),
    Clear,
}

#[derive(Debug, Clone, Default)]
pub struct StatusUpdate {
    /// Commit the cluster now runs (after a successful sync).
    pub synced_revision: Option<String>,
    pub synced_subject: Option<String>,
    pub history: Option<HistoryEntry>,
    pub pin: PinChange,
    /// Set (replace) the condition of this type; its transition time moves
    /// only when its status or reason changes.
    pub condition: Option<AppCondition>,
}

/// The inventory and sync/health summary a drift report implies.
pub fn apply_report(
    status: &mut ApplicationStatus,
    report: &DriftReport,
    desired: &[PreparedObject],
) {
    status.sync.status = if report.in_sync() {
        "Synced"
    } else {
        "OutOfSync"
    }
    .into();
    status.health = HealthState {
        status: report.health.status.as_str().into(),
        message: report.health.message.clone(),
    };
    status.resources = report
        .objects
        .iter()
        .filter(|o| o.state != DriftState::Extra)
        .map(|o| ResourceState {
            group: o.key.group.clone(),
            version: desired.iter().find(|d| d.key == o.key).map(|d| {
                d.api_version()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }),
            kind: o.key.kind.clone(),
            namespace: o.key.namespace.clone(),
            name: o.key.name.clone(),
            status: o.state.as_str().into(),
            health: o.health.as_ref().map(|h| h.status.as_str().to_string()),
        })
        .collect();
    status.reconciled_at = Some(jiff::Timestamp::now().to_string());
}

/// Read-modify-write of the status subresource, retried on a concurrent change.
pub async fn write(
    cluster: &Cluster,
    app: &Application,
    report: Option<(&DriftReport, &[PreparedObject])>,
    update: &StatusUpdate,
) -> Result<Application, ClusterError> {
    let ns = app.metadata.namespace.clone().unwrap_or_default();
    let name = app.metadata.name.clone().unwrap_or_default();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut fresh = typed::get::<Application>(cluster, &ns, &name)
            .await?
            .ok_or_else(|| ClusterError::Other {
                context: cluster.context.clone(),
                what: format!("update status of Application {ns}/{name}"),
                message: "the Application no longer exists".into(),
            })?;
        let mut before = fresh.status.clone().unwrap_or_default();
        let status = fresh.status.get_or_insert_with(ApplicationStatus::default);
        if let Some((r, desired)) = report {
            apply_report(status, r, desired);
        }
        if let Some(rev) = &update.synced_revision {
            status.sync = SyncState {
                status: status.sync.status.clone(),
                revision: Some(rev.clone()),
                subject: update.synced_subject.clone(),
            };
        }
        if let Some(entry) = &update.history {
            status.history.insert(0, entry.clone());
            status.history.truncate(HISTORY_LIMIT);
        }
        if let Some(c) = &update.condition {
            set_condition(&mut status.conditions, c.clone());
        }
        match &update.pin {
            PinChange::Keep => {}
            PinChange::Set(rev) => status.pinned_revision = Some(rev.clone()),
            PinChange::Clear => status.pinned_revision = None,
        }
        // A refresh that finds nothing new writes nothing: watchers (consoles)
        // are not woken every agent pass.
        let unchanged = {
            let mut after = status.clone();
            before.reconciled_at = None;
            after.reconciled_at = None;
            before == after && update.history.is_none()
        };
        if unchanged {
            return Ok(fresh);
        }
        match typed::replace_status(cluster, &ns, &name, &fresh).await {
            Ok(app) => return Ok(app),
            Err(ClusterError::Rejected { code: 409, .. }) if attempt < 5 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Replaces the condition of `next`'s type, keeping its transition time
/// while its status and reason stay the same.
pub fn set_condition(conditions: &mut Vec<AppCondition>, mut next: AppCondition) {
    match conditions.iter_mut().find(|c| c.type_ == next.type_) {
        Some(old) => {
            if old.status == next.status && old.reason == next.reason {
                next.last_transition_time = old.last_transition_time.clone();
            }
            *old = next;
        }
        None => conditions.push(next),
    }
}

#[cfg(test)]
mod condition_tests {
    use super::*;

    fn cond(status: &str, reason: &str, at: &str) -> AppCondition {
        AppCondition {
            type_: "Ready".into(),
            status: status.into(),
            reason: reason.into(),
            message: String::new(),
            last_transition_time: Some(at.into()),
        }
    }

    #[test]
    fn a_condition_that_stays_keeps_its_transition_time() {
        let mut list = vec![cond("False", "GitFailed", "t1")];
        set_condition(&mut list, cond("False", "GitFailed", "t2"));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].last_transition_time.as_deref(), Some("t1"));
    }

    #[test]
    fn a_condition_that_changes_moves_its_transition_time() {
        let mut list = vec![cond("False", "GitFailed", "t1")];
        set_condition(&mut list, cond("True", "Synced", "t2"));
        assert_eq!(list[0].last_transition_time.as_deref(), Some("t2"));
        assert_eq!(list[0].reason, "Synced");
    }
}
