//! Requests started from both the apps list and the app view: the
//! dangerous ones (checked against read-only first) and YAML loading.

use super::model::{AppId, PendingAction, PlanOptions, ResourceRef};
use super::msg::Effect;
use super::overlay::{ConfirmDialog, Overlay, PauseDialog, YamlView};
use super::state::State;

/// Refuse when the app's cluster (or the whole console) is read-only.
/// Returns true when refused; the message names the action and cluster.
pub fn refuse_if_readonly(state: &mut State, verb: &str, app: &AppId) -> bool {
    refuse_if_readonly_cluster(state, verb, &app.cluster)
}

/// The same for an action on a cluster rather than on one app (create).
pub fn refuse_if_readonly_cluster(state: &mut State, verb: &str, cluster: &str) -> bool {
    if state.is_readonly(cluster) {
        state.set_error(format!("read-only: {verb} disabled for {cluster}"));
        return true;
    }
    false
}

/// One sync or rollback at a time: a second one would hide the first's
/// result (the latest request wins).
pub(super) fn refuse_if_running(state: &mut State) -> bool {
    if state.execution_running() {
        state.set_error("another sync/rollback is still running: wait for its result");
        return true;
    }
    false
}

pub fn request_sync(state: &mut State, app: AppId) -> Vec<Effect> {
    if refuse_if_readonly(state, "sync", &app) || refuse_if_running(state) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.plan = Some(request_id);
    let options = PlanOptions::default();
    state.overlays.push(Overlay::Confirm(ConfirmDialog {
        request_id,
        pending: PendingAction::Sync { app: app.clone() },
        plan: None,
        error: None,
        options,
        scroll: 0,
    }));
    state.mark_dirty();
    vec![Effect::PlanSync {
        request_id,
        app,
        prune: options.prune,
        force: options.force,
    }]
}

pub fn request_rollback(state: &mut State, app: AppId, revision: String) -> Vec<Effect> {
    if refuse_if_readonly(state, "rollback", &app) || refuse_if_running(state) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.plan = Some(request_id);
    let options = PlanOptions::default();
    state.overlays.push(Overlay::Confirm(ConfirmDialog {
        request_id,
        pending: PendingAction::Rollback {
            app: app.clone(),
            revision: revision.clone(),
        },
        plan: None,
        error: None,
        options,
        scroll: 0,
    }));
    state.mark_dirty();
    vec![Effect::PlanRollback {
        request_id,
        app,
        revision,
        mode: options.mode,
    }]
}

/// Paused apps are resumed at once; others get the pause dialog.
pub fn pause_or_resume(state: &mut State, app: AppId) -> Vec<Effect> {
    let paused = state
        .apps
        .iter()
        .any(|row| row.id == app && row.paused.is_some());
    let verb = if paused { "resume" } else { "pause" };
    if refuse_if_readonly(state, verb, &app) {
        return Vec::new();
    }
    if !paused {
        state.overlays.push(Overlay::Pause(PauseDialog::new(app)));
        state.mark_dirty();
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.pause = Some(request_id);
    state.set_info(format!("resuming {app}…"));
    vec![Effect::Resume { request_id, app }]
}

pub fn open_yaml(
    state: &mut State,
    app: AppId,
    resource: Option<ResourceRef>,
    live: bool,
) -> Vec<Effect> {
    let request_id = state.requests.issue();
    state.requests.yaml = Some(request_id);
    let object = resource
        .as_ref()
        .map_or_else(|| app.to_string(), ResourceRef::to_string);
    let source = if live { "live" } else { "from git" };
    state.overlays.push(Overlay::Yaml(YamlView {
        request_id,
        title: format!("{object} ({source})"),
        text: None,
        error: None,
        scroll: 0,
    }));
    state.mark_dirty();
    vec![Effect::LoadYaml {
        request_id,
        app,
        resource,
        live,
    }]
}
