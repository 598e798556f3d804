//! Create and delete: the `c` form and the `D` dialog, the one action
//! that destroys (it waits for the app's name to be typed).

use super::action::Action;
use super::cursor::scroll_by;
use super::keys::KeyCombo;
use super::layout;
use super::model::{AppId, AppTool};
use super::msg::Effect;
use super::overlay::{CreateDialog, CreateField, DeleteDialog, Overlay, ProgressView};
use super::state::{Screen, State};
use super::update_requests::{refuse_if_readonly, refuse_if_readonly_cluster, refuse_if_running};

/// The cluster a new app goes to: the selected row's, else the `:ctx`
/// one, else the only cluster there is.
fn target_cluster(state: &State) -> Option<String> {
    if let Some(row) = state.selected_app() {
        return Some(row.id.cluster.clone());
    }
    if let Some(context) = &state.context {
        return Some(context.clone());
    }
    match state.clusters.as_slice() {
        [only] => Some(only.name.clone()),
        _ => None,
    }
}

pub fn open_create(state: &mut State) -> Vec<Effect> {
    let Some(cluster) = target_cluster(state) else {
        state.set_error(
            "no cluster to create the app in: select an app of that cluster or pick one with :ctx NAME",
        );
        return Vec::new();
    };
    if refuse_if_readonly_cluster(state, "create", &cluster) {
        return Vec::new();
    }
    state
        .overlays
        .push(Overlay::Create(CreateDialog::new(cluster)));
    state.mark_dirty();
    Vec::new()
}

fn create_dialog(state: &mut State) -> Option<&mut CreateDialog> {
    match state.overlays.last_mut() {
        Some(Overlay::Create(dialog)) => Some(dialog),
        _ => None,
    }
}

pub fn on_create(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(dialog) = create_dialog(state) else {
        return Vec::new();
    };
    match action {
        Action::NextField | Action::PrevField => {
            dialog.focus = dialog.focus.step(action == Action::NextField);
        }
        Action::ToggleField => {
            if !dialog.toggle_focused() {
                return Vec::new();
            }
        }
        Action::Cancel | Action::Back => {
            // A create already sent still reports on the status line.
            state.overlays.pop();
        }
        Action::Confirm => return submit_create(state),
        _ => return Vec::new(),
    }
    state.mark_dirty();
    Vec::new()
}

/// Why the form cannot be sent as it is, and the field to fix.
fn invalid(dialog: &CreateDialog) -> Option<(CreateField, String)> {
    let form = dialog.form();
    if form.name.is_empty() {
        return Some((CreateField::Name, "NAME is required".into()));
    }
    let dns_label = form.name.len() <= 63
        && form
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !form.name.starts_with('-')
        && !form.name.ends_with('-');
    if !dns_label {
        return Some((
            CreateField::Name,
            format!(
                "NAME `{}` must be lower-case letters, digits and `-` (at most 63)",
                form.name
            ),
        ));
    }
    if form.repo_url.is_empty() {
        return Some((CreateField::RepoUrl, "REPO URL is required".into()));
    }
    if form.path.is_empty() {
        return Some((
            CreateField::Path,
            "PATH is required (`.` for the repository's root)".into(),
        ));
    }
    None
}

fn submit_create(state: &mut State) -> Vec<Effect> {
    let Some(dialog) = create_dialog(state) else {
        return Vec::new();
    };
    if dialog.request.is_some() {
        state.set_info("still creating: wait for the answer");
        return Vec::new();
    }
    if let Some((field, message)) = invalid(dialog) {
        let before = (dialog.focus, dialog.error.clone());
        dialog.focus = field;
        dialog.error = Some(message);
        let after = (dialog.focus, dialog.error.clone());
        state.mark_if_changed(before, after);
        return Vec::new();
    }
    let cluster = dialog.cluster.clone();
    // The cluster may have turned read-only while the form was open.
    if refuse_if_readonly_cluster(state, "create", &cluster) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.create = Some(request_id);
    let Some(dialog) = create_dialog(state) else {
        return Vec::new();
    };
    dialog.request = Some(request_id);
    dialog.error = None;
    let app = dialog.form();
    state.mark_dirty();
    vec![Effect::CreateApp {
        request_id,
        cluster,
        app,
    }]
}

/// A key typed into the form's focused text field.
pub fn type_into_create(dialog: &mut CreateDialog, key: &KeyCombo) -> bool {
    let focus = dialog.focus;
    let Some(field) = dialog.text_field_mut(focus) else {
        return false;
    };
    if field.edit(key) {
        dialog.error = None;
        return true;
    }
    false
}

pub fn request_delete(state: &mut State, app: AppId) -> Vec<Effect> {
    if app.tool == AppTool::ArgoCd {
        state.set_error(format!(
            "{app} is an Argo CD app: delete Argo CD apps with Argo CD"
        ));
        return Vec::new();
    }
    if refuse_if_readonly(state, "delete", &app) || refuse_if_running(state) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.delete_plan = Some(request_id);
    let cascade = false;
    state.overlays.push(Overlay::Delete(DeleteDialog {
        request_id,
        app: app.clone(),
        cascade,
        plan: None,
        error: None,
        typed: Default::default(),
        scroll: 0,
    }));
    state.mark_dirty();
    vec![Effect::PlanDelete {
        request_id,
        app,
        cascade,
    }]
}

fn delete_dialog(state: &mut State) -> Option<&mut DeleteDialog> {
    match state.overlays.last_mut() {
        Some(Overlay::Delete(dialog)) => Some(dialog),
        _ => None,
    }
}

pub fn on_delete(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = layout::delete_list_rows(state.width, state.height);
    let Some(dialog) = delete_dialog(state) else {
        return Vec::new();
    };
    match action {
        Action::MoveUp | Action::MoveDown => {
            let len = dialog.plan.as_ref().map_or(0, |p| p.objects.len());
            let delta = if action == Action::MoveUp { -1 } else { 1 };
            let before = dialog.scroll;
            dialog.scroll = scroll_by(dialog.scroll, delta, len, rows);
            let after = dialog.scroll;
            state.mark_if_changed(before, after);
            Vec::new()
        }
        // Both ways touch the same objects (deleted or released): the
        // list stays, its heading says which.
        Action::ToggleCascade => {
            dialog.cascade = !dialog.cascade;
            state.mark_dirty();
            Vec::new()
        }
        Action::Cancel | Action::Back => {
            state.overlays.pop();
            state.requests.delete_plan = None;
            state.mark_dirty();
            Vec::new()
        }
        Action::Confirm => confirm_delete(state),
        _ => Vec::new(),
    }
}

fn confirm_delete(state: &mut State) -> Vec<Effect> {
    let Some(dialog) = delete_dialog(state) else {
        return Vec::new();
    };
    if let Some(error) = &dialog.error {
        let text = format!("cannot delete: {error}");
        state.set_error(text);
        return Vec::new();
    }
    let Some(plan) = dialog.plan.clone() else {
        state.set_info("waiting for the list of objects…");
        return Vec::new();
    };
    if !dialog.name_typed() {
        let name = dialog.app.name.clone();
        let typed = dialog.typed.text.clone();
        let text = if typed.is_empty() {
            format!("type {name} to confirm")
        } else {
            format!("`{typed}` is not the app's name: type {name} to confirm")
        };
        state.set_error(text);
        return Vec::new();
    }
    let (app, cascade) = (dialog.app.clone(), dialog.cascade);
    if refuse_if_readonly(state, "delete", &app) || refuse_if_running(state) {
        return Vec::new();
    }
    let request_id = state.requests.issue();
    state.requests.execute = Some(request_id);
    state.requests.delete_plan = None;
    state.overlays.pop();
    // The app is going: its view would only show it missing. The list
    // is where the progress closes to.
    if state.app_view().is_some_and(|view| view.app == app) {
        state.screen = Screen::Apps;
        state.requests.detail = None;
        state.requests.commit_diff = None;
    }
    let what = if cascade {
        format!("and its {} object(s)", plan.objects.len())
    } else {
        format!("keeping its {} object(s)", plan.objects.len())
    };
    state.overlays.push(Overlay::Progress(ProgressView {
        request_id,
        title: format!("deleting {app} {what} as {}", plan.actor),
        rows: Vec::new(),
        finished: None,
        scroll: 0,
        follow: true,
    }));
    state.mark_dirty();
    vec![Effect::ExecuteDelete {
        request_id,
        app,
        cascade,
    }]
}
