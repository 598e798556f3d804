//! Results from the backend. Answers carry the request id they belong to;
//! an answer to anything but the latest request of its kind is dropped.

use super::app_state::DiffSource;
use super::layout;
use super::model::{ClusterInfo, ConfirmPlan};
use super::msg::{Effect, Msg, RequestId};
use super::overlay::{ConfirmDialog, Overlay, ProgressView};
use super::state::{Screen, State};

pub fn on_backend(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::AppsUpdated {
            cluster,
            tool,
            rows,
        } => super::update_rows::apps_updated(state, cluster, tool, rows),
        Msg::AppRowsChanged {
            cluster,
            tool,
            changed,
            removed,
        } => super::update_rows::rows_changed(state, &cluster, tool, changed, &removed),
        Msg::ClusterStatusChanged(info) => cluster_changed(state, info),
        Msg::AppReason { id, reason } => {
            let changed = match reason {
                Some(reason) => state.reasons.insert(id, reason.clone()) != Some(reason),
                None => state.reasons.remove(&id).is_some(),
            };
            if changed {
                state.rows_version = super::state::RowsVersion::fresh();
            }
            if changed && matches!(state.screen, Screen::Apps) {
                state.mark_dirty();
            }
        }
        Msg::DetailLoaded { request_id, detail } => {
            if is_latest(state.requests.detail, request_id)
                && let Screen::App(view) = &mut state.screen
                && view.app == detail.id
            {
                let areas = layout::app_view_for(
                    state.width,
                    state.height,
                    view.focus,
                    view.why().is_some(),
                );
                view.history
                    .clamp(detail.history.len(), layout::inner_rows(areas.history));
                if let DiffSource::Resource(index) = view.diff_source
                    && index >= detail.resources.len()
                {
                    view.diff_source = DiffSource::App;
                }
                view.detail = Some(detail);
                view.error = None;
                super::update_tree::clamp_rows(view, state.width, state.height);
                state.mark_dirty();
            } else {
                drop_stale("detail", request_id);
            }
        }
        Msg::HistoryFirst {
            request_id,
            id,
            history,
        } => {
            if is_latest(state.requests.detail, request_id)
                && let Screen::App(view) = &mut state.screen
                && view.app == id
                && view.detail.is_none()
            {
                view.early_history = Some(history);
                state.mark_dirty();
            } else {
                drop_stale("history", request_id);
            }
        }
        Msg::TreeUpdated { request_id, tree } => {
            if is_latest(state.requests.detail, request_id)
                && let Screen::App(view) = &mut state.screen
            {
                if view.tree.as_ref() != Some(&tree) {
                    view.tree = Some(tree);
                    super::update_tree::clamp_rows(view, state.width, state.height);
                    state.mark_dirty();
                }
            } else {
                drop_stale("tree", request_id);
            }
        }
        Msg::PlanReady { request_id, plan } => match confirm_dialog(state, request_id) {
            Some(dialog) => {
                dialog.options = plan.options;
                dialog.plan = Some(plan);
                state.mark_dirty();
            }
            None => drop_stale("plan", request_id),
        },
        Msg::DeletePlanReady { request_id, plan } => match delete_dialog(state, request_id) {
            Some(dialog) if dialog.app == plan.app => {
                dialog.plan = Some(plan);
                state.mark_dirty();
            }
            _ => drop_stale("delete plan", request_id),
        },
        Msg::ChangeProgress { request_id, row } => {
            let rows = layout::progress_rows(state.width, state.height);
            match progress(state, request_id) {
                Some(view) => {
                    view.rows.push(row);
                    if view.follow {
                        view.scroll = view.rows.len().saturating_sub(rows);
                    }
                    state.mark_dirty();
                }
                None => drop_stale("progress", request_id),
            }
        }
        Msg::ActionFinished { request_id, result } => return finished(state, request_id, result),
        Msg::PlanChanged {
            request_id,
            why,
            plan,
        } => plan_changed(state, request_id, why, plan),
        Msg::Yaml { request_id, text } => match state.overlays.last_mut() {
            Some(Overlay::Yaml(view))
                if is_latest(state.requests.yaml, request_id) && view.request_id == request_id =>
            {
                view.text = Some(text);
                state.mark_dirty();
            }
            _ => drop_stale("yaml", request_id),
        },
        Msg::CommitDiff { request_id, lines } => match &mut state.screen {
            Screen::App(view) if is_latest(state.requests.commit_diff, request_id) => {
                if let DiffSource::Commit { lines: slot, .. } = &mut view.diff_source {
                    *slot = Some(lines);
                    state.mark_dirty();
                }
            }
            _ => drop_stale("commit diff", request_id),
        },
        Msg::LogPods {
            request_id,
            pods,
            pod,
            container,
        } => super::update_logs::on_pods(state, request_id, pods, pod, container),
        Msg::LogLines { request_id, lines } => {
            super::update_logs::on_lines(state, request_id, lines);
        }
        Msg::LogEnded { request_id, error } => {
            super::update_logs::on_ended(state, request_id, error);
        }
        Msg::Error(text) => state.set_error(text),
        Msg::Action(_) | Msg::Input(_) | Msg::Resize { .. } | Msg::Scroll { .. } | Msg::Tick(_) => {
        }
    }
    Vec::new()
}

fn is_latest(latest: Option<RequestId>, id: RequestId) -> bool {
    latest == Some(id)
}

fn drop_stale(kind: &str, request_id: RequestId) {
    tracing::debug!(kind, request_id, "dropping stale backend result");
}

fn cluster_changed(state: &mut State, info: ClusterInfo) {
    match state.clusters.iter_mut().find(|c| c.name == info.name) {
        Some(existing) if *existing == info => return,
        Some(existing) => *existing = info,
        None => state.clusters.push(info),
    }
    // The header shows each cluster's state: it must be redrawn.
    state.mark_dirty();
}

fn confirm_dialog(
    state: &mut State,
    request_id: RequestId,
) -> Option<&mut super::overlay::ConfirmDialog> {
    if !is_latest(state.requests.plan, request_id) {
        return None;
    }
    state
        .overlays
        .iter_mut()
        .rev()
        .find_map(|overlay| match overlay {
            Overlay::Confirm(dialog) if dialog.request_id == request_id => Some(dialog),
            _ => None,
        })
}

fn delete_dialog(
    state: &mut State,
    request_id: RequestId,
) -> Option<&mut super::overlay::DeleteDialog> {
    if !is_latest(state.requests.delete_plan, request_id) {
        return None;
    }
    state
        .overlays
        .iter_mut()
        .rev()
        .find_map(|overlay| match overlay {
            Overlay::Delete(dialog) if dialog.request_id == request_id => Some(dialog),
            _ => None,
        })
}

/// A created app closes its form (the row arrives by watch); a refusal
/// stays in the form to be fixed. A form already closed reports on the
/// status line.
fn create_finished(state: &mut State, request_id: RequestId, result: Result<String, String>) {
    let form = state.overlays.iter().position(
        |overlay| matches!(overlay, Overlay::Create(dialog) if dialog.request == Some(request_id)),
    );
    match (form, result) {
        (Some(index), Ok(summary)) => {
            state.overlays.remove(index);
            state.set_info(summary);
        }
        (Some(index), Err(reason)) => {
            if let Some(Overlay::Create(dialog)) = state.overlays.get_mut(index) {
                dialog.request = None;
                dialog.error = Some(reason);
            }
        }
        (None, Ok(summary)) => state.set_info(summary),
        (None, Err(reason)) => state.set_error(format!("create failed: {reason}")),
    }
}

/// A confirmed sync was refused because the plan changed: the progress view
/// gives way to a confirmation of the new plan, saying what changed.
fn plan_changed(state: &mut State, request_id: RequestId, why: String, plan: ConfirmPlan) {
    if progress(state, request_id).is_none() {
        return drop_stale("changed plan", request_id);
    }
    state
        .overlays
        .retain(|o| !matches!(o, Overlay::Progress(v) if v.request_id == request_id));
    state.background = None;
    state.requests.execute = None;
    let new_id = state.requests.issue();
    state.requests.plan = Some(new_id);
    state.overlays.push(Overlay::Confirm(ConfirmDialog {
        request_id: new_id,
        pending: plan.action.clone(),
        options: plan.options,
        plan: Some(plan),
        error: None,
        scroll: 0,
    }));
    state.set_error(format!(
        "not synced: the plan changed ({why}); this is the new plan"
    ));
    state.mark_dirty();
}

fn progress(state: &mut State, request_id: RequestId) -> Option<&mut ProgressView> {
    if !is_latest(state.requests.execute, request_id) {
        return None;
    }
    let shown = state.overlays.iter_mut().find_map(|overlay| match overlay {
        Overlay::Progress(view) if view.request_id == request_id => Some(view),
        _ => None,
    });
    match shown {
        Some(view) => Some(view),
        None => state
            .background
            .as_mut()
            .filter(|view| view.request_id == request_id),
    }
}

/// The end of a request: for executions it closes the progress; for loads
/// it can only be a failure, shown where the answer was expected.
fn finished(
    state: &mut State,
    request_id: RequestId,
    result: Result<String, String>,
) -> Vec<Effect> {
    let requests = state.requests.clone();
    if !requests_waiting(&requests, request_id) {
        drop_stale("finished", request_id);
        return Vec::new();
    }
    // Each branch below shows the outcome somewhere.
    state.mark_dirty();
    if is_latest(requests.execute, request_id) {
        if let Some(view) = progress(state, request_id) {
            view.finished = Some(result.clone());
        }
        if let Some(view) = state.background.take() {
            let outcome = match &result {
                Ok(summary) => format!("done: {} — {summary}", view.title),
                Err(reason) => format!("FAILED: {} — {reason}", view.title),
            };
            report(state, &result, outcome);
        }
    } else if is_latest(requests.pause, request_id) || is_latest(requests.refresh, request_id) {
        let text = match &result {
            Ok(summary) => summary.clone(),
            Err(reason) => format!("failed: {reason}"),
        };
        report(state, &result, text);
        // After a fetch the open app's detail is out of date: load it again.
        // After a failed one too: it then shows the cache, marked stale.
        if is_latest(requests.refresh, request_id)
            && let Some(app) = state.app_view().map(|view| view.app.clone())
        {
            let request_id = state.requests.issue();
            state.requests.detail = Some(request_id);
            return vec![Effect::LoadDetail { request_id, app }];
        }
    } else if is_latest(requests.create, request_id) {
        create_finished(state, request_id, result);
    } else if is_latest(requests.delete_plan, request_id) {
        if let (Some(dialog), Err(reason)) = (delete_dialog(state, request_id), &result) {
            dialog.error = Some(reason.clone());
        }
    } else if is_latest(requests.plan, request_id) {
        if let (Some(dialog), Err(reason)) = (confirm_dialog(state, request_id), &result) {
            dialog.error = Some(reason.clone());
        }
    } else if is_latest(requests.detail, request_id) {
        if let (Screen::App(view), Err(reason)) = (&mut state.screen, &result) {
            view.error = Some(reason.clone());
        }
    } else if is_latest(requests.yaml, request_id) {
        if let (Some(Overlay::Yaml(view)), Err(reason)) = (state.overlays.last_mut(), &result) {
            view.error = Some(reason.clone());
        }
    } else if is_latest(requests.commit_diff, request_id)
        && let Err(reason) = &result
    {
        state.set_error(format!("cannot load the commit's changes: {reason}"));
        if let Screen::App(view) = &mut state.screen
            && let DiffSource::Commit { lines, .. } = &mut view.diff_source
        {
            *lines = Some(Vec::new());
        }
    }
    Vec::new()
}

/// The request `id` is the latest of one of the kinds `finished` handles.
fn requests_waiting(requests: &super::state::Requests, id: RequestId) -> bool {
    [
        requests.execute,
        requests.pause,
        requests.refresh,
        requests.plan,
        requests.detail,
        requests.yaml,
        requests.commit_diff,
        requests.create,
        requests.delete_plan,
    ]
    .contains(&Some(id))
}

fn report(state: &mut State, result: &Result<String, String>, text: String) {
    match result {
        Ok(_) => state.set_info(text),
        Err(_) => state.set_error(text),
    }
}
