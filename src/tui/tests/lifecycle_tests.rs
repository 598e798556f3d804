//! Create (`c`) and delete (`D`): the form's effect, the typed-name gate,
//! read-only and Argo CD refusals.

use super::checked_update::update;
use crate::tui::action::Action;
use crate::tui::model::{AppId, AppTool, ChangeRow, NewAppForm, SourceRender, Tone};
use crate::tui::msg::{Effect, Msg};
use crate::tui::overlay::{CreateField, Overlay};
use crate::tui::state::{State, StatusKind};
use crate::tui::theme::Theme;

use super::fixtures::{self, api_id, select_app};
use super::probe::status_text;
use super::render::{render, rows};
use super::scenes::{self, act, request_id, type_text};

fn screen(state: &State) -> String {
    rows(&render(state, &Theme::default())).join("\n")
}

#[test]
fn the_form_sends_what_was_typed_and_closes_once_created() {
    let mut state = scenes::create_form(80, 24);
    let effects = act(&mut state, Action::Confirm);
    let expected = NewAppForm {
        name: "shop".into(),
        repo_url: "https://git.example.com/shop.git".into(),
        path: "deploy/prod".into(),
        revision: "HEAD".into(),
        dest_namespace: "shop".into(),
        render: SourceRender::Kustomize,
        auto_sync: true,
        prune: false,
        self_heal: false,
        cascade_delete: true,
    };
    let [
        Effect::CreateApp {
            request_id,
            cluster,
            app,
        },
    ] = &effects[..]
    else {
        panic!("expected one CreateApp, got {effects:?}");
    };
    assert_eq!((cluster.as_str(), app), ("prod", &expected));
    // The form stays while the app is created, and says so.
    assert!(matches!(state.overlays.last(), Some(Overlay::Create(d)) if d.request.is_some()));
    assert!(state.busy());
    assert!(screen(&state).contains("creating shop in prod"));
    // A second enter sends nothing.
    assert!(act(&mut state, Action::Confirm).is_empty());

    let summary = "created prod/recon-system/shop (3 objects at 1a2b3c4) as admin";
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: *request_id,
            result: Ok(summary.into()),
        },
    );
    assert!(state.overlays.is_empty());
    assert_eq!(status_text(&state), Some((StatusKind::Info, summary)));
}

#[test]
fn a_refused_create_stays_in_the_form_to_be_fixed() {
    let mut state = scenes::create_refused(160, 48);
    let Some(Overlay::Create(dialog)) = state.overlays.last() else {
        panic!("the form closed on a refusal");
    };
    assert!(dialog.request.is_none());
    assert_eq!(dialog.name.text, "shop");
    let shown = screen(&state);
    assert!(
        shown.contains("deploy/prod/deployment.yaml line 7"),
        "{shown}"
    );
    // Enter sends it again.
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(&effects[..], [Effect::CreateApp { .. }]),
        "{effects:?}"
    );
}

#[test]
fn the_form_checks_its_fields_before_sending() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    act(&mut state, Action::CreateApp);
    type_text(&mut state, "Shop");
    assert!(act(&mut state, Action::Confirm).is_empty());
    let error = |state: &State| match state.overlays.last() {
        Some(Overlay::Create(d)) => (d.focus, d.error.clone().unwrap_or_default()),
        _ => panic!("form closed"),
    };
    let (focus, text) = error(&state);
    assert_eq!(focus, CreateField::Name);
    assert!(text.contains("lower-case"), "{text}");
    update(
        &mut state,
        Msg::Input(crate::tui::keys::KeyCombo::plain(
            crossterm::event::KeyCode::Home,
        )),
    );
    update(
        &mut state,
        Msg::Input(crate::tui::keys::KeyCombo::plain(
            crossterm::event::KeyCode::Delete,
        )),
    );
    type_text(&mut state, "s");
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert_eq!(
        error(&state),
        (CreateField::RepoUrl, "REPO URL is required".to_string())
    );
    type_text(&mut state, "file:///repo");
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert_eq!(error(&state).0, CreateField::Path);
    // Space does not type into a text field.
    act(&mut state, Action::ToggleField);
    type_text(&mut state, ".");
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(&effects[..], [Effect::CreateApp { app, .. }] if app.name == "shop" && app.path == "."),
        "{effects:?}"
    );
}

#[test]
fn create_is_refused_when_read_only_or_without_a_cluster() {
    let mut state = scenes::apps(80, 24).with_readonly(true);
    select_app(&mut state, &api_id());
    assert!(act(&mut state, Action::CreateApp).is_empty());
    assert!(state.overlays.is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: create disabled for prod"))
    );

    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &AppId::new("dev", "tools", "grafana"));
    act(&mut state, Action::CreateApp);
    assert!(state.overlays.is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: create disabled for dev"))
    );

    let mut state = State::new(fixtures::now()).with_clusters(fixtures::clusters());
    act(&mut state, Action::CreateApp);
    assert!(state.overlays.is_empty());
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, t)) if t.starts_with("no cluster to create the app in")),
        "{:?}",
        state.status
    );
    // `:ctx` names one.
    act(&mut state, Action::Command);
    type_text(&mut state, "ctx prod");
    act(&mut state, Action::Confirm);
    act(&mut state, Action::CreateApp);
    assert!(matches!(state.overlays.last(), Some(Overlay::Create(d)) if d.cluster == "prod"));
}

fn delete_ready(cascade: bool) -> State {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let effects = act(&mut state, Action::DeleteApp);
    assert!(
        matches!(&effects[..], [Effect::PlanDelete { app, .. }] if *app == api_id()),
        "{effects:?}"
    );
    update(
        &mut state,
        Msg::DeletePlanReady {
            request_id: request_id(&effects),
            plan: fixtures::delete_plan(),
        },
    );
    if cascade {
        act(&mut state, Action::ToggleCascade);
    }
    state
}

#[test]
fn delete_waits_for_the_exact_name() {
    let mut state = delete_ready(false);
    let shown = screen(&state);
    assert!(shown.contains("Secret payments/api-db"), "{shown}");
    assert!(shown.contains("as alice@example.com"), "{shown}");
    assert!(shown.contains("will release 4 object(s)"), "{shown}");

    assert!(act(&mut state, Action::Confirm).is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "type api to confirm"))
    );
    assert!(matches!(state.overlays.last(), Some(Overlay::Delete(_))));
    type_text(&mut state, "ap");
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert_eq!(
        status_text(&state),
        Some((
            StatusKind::Error,
            "`ap` is not the app's name: type api to confirm"
        ))
    );
    type_text(&mut state, "ix");
    assert!(act(&mut state, Action::Confirm).is_empty());
    update(
        &mut state,
        Msg::Input(crate::tui::keys::KeyCombo::plain(
            crossterm::event::KeyCode::Backspace,
        )),
    );
    let effects = act(&mut state, Action::Confirm);
    let [
        Effect::ExecuteDelete {
            request_id,
            app,
            cascade: false,
        },
    ] = &effects[..]
    else {
        panic!("expected ExecuteDelete without cascade, got {effects:?}");
    };
    assert_eq!(*app, api_id());
    let Some(Overlay::Progress(view)) = state.overlays.last() else {
        panic!("no progress view");
    };
    assert_eq!(
        view.title,
        "deleting prod/payments/api keeping its 4 object(s) as alice@example.com via kube user admin"
    );
    let row = ChangeRow {
        object: "apps/Deployment payments/api".into(),
        outcome: "configured".into(),
        tone: Tone::Good,
        reason: Some("released".into()),
    };
    update(
        &mut state,
        Msg::ChangeProgress {
            request_id: *request_id,
            row,
        },
    );
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: *request_id,
            result: Ok("deleted".into()),
        },
    );
    assert!(
        matches!(state.overlays.last(), Some(Overlay::Progress(v)) if v.rows.len() == 1 && v.finished.is_some())
    );
}

#[test]
fn cascade_is_toggled_and_sent() {
    let mut state = delete_ready(true);
    assert!(screen(&state).contains("will DELETE 4 object(s)"));
    type_text(&mut state, "api");
    assert!(screen(&state).contains("deletes prod/payments/api"));
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(&effects[..], [Effect::ExecuteDelete { cascade: true, .. }]),
        "{effects:?}"
    );
}

#[test]
fn delete_waits_for_its_list_and_shows_why_it_failed() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let effects = act(&mut state, Action::DeleteApp);
    type_text(&mut state, "api");
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Info, "waiting for the list of objects…"))
    );
    update(
        &mut state,
        Msg::ActionFinished {
            request_id: request_id(&effects),
            result: Err("forbidden: cannot list configmaps".into()),
        },
    );
    assert!(screen(&state).contains("forbidden: cannot list configmaps"));
    assert!(act(&mut state, Action::Confirm).is_empty());
    assert!(
        matches!(status_text(&state), Some((StatusKind::Error, t)) if t.starts_with("cannot delete: forbidden"))
    );
    act(&mut state, Action::Cancel);
    assert!(state.overlays.is_empty());
}

#[test]
fn delete_is_refused_when_read_only_and_for_argo_cd_apps() {
    let mut state = scenes::apps(80, 24).with_readonly(true);
    select_app(&mut state, &api_id());
    assert!(act(&mut state, Action::DeleteApp).is_empty());
    assert!(state.overlays.is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: delete disabled for prod"))
    );

    let mut state = fixtures::app_view_state(80, 24);
    state.clusters.iter_mut().for_each(|c| c.readonly = true);
    assert!(act(&mut state, Action::DeleteApp).is_empty());
    assert_eq!(
        status_text(&state),
        Some((StatusKind::Error, "read-only: delete disabled for prod"))
    );

    let mut state = scenes::apps(80, 24);
    let mut argo = fixtures::apps()[0].clone();
    let id = AppId::new("prod", "argocd", "shop").with_tool(AppTool::ArgoCd);
    argo.id = id.clone();
    update(
        &mut state,
        Msg::AppsUpdated {
            cluster: "prod".into(),
            tool: AppTool::ArgoCd,
            rows: vec![argo],
        },
    );
    select_app(&mut state, &id);
    assert!(act(&mut state, Action::DeleteApp).is_empty());
    assert!(state.overlays.is_empty());
    assert_eq!(
        status_text(&state),
        Some((
            StatusKind::Error,
            "prod/argocd/shop is an Argo CD app: delete Argo CD apps with Argo CD"
        ))
    );
}

#[test]
fn deleting_from_the_app_view_returns_to_the_list() {
    let mut state = fixtures::app_view_state(80, 24);
    let effects = act(&mut state, Action::DeleteApp);
    update(
        &mut state,
        Msg::DeletePlanReady {
            request_id: request_id(&effects),
            plan: fixtures::delete_plan(),
        },
    );
    type_text(&mut state, "api");
    let effects = act(&mut state, Action::Confirm);
    assert!(
        matches!(&effects[..], [Effect::ExecuteDelete { .. }]),
        "{effects:?}"
    );
    assert!(state.app_view().is_none());
    assert!(matches!(state.overlays.last(), Some(Overlay::Progress(_))));
}

#[test]
fn a_stale_delete_plan_is_dropped() {
    let mut state = scenes::apps(80, 24);
    select_app(&mut state, &api_id());
    let effects = act(&mut state, Action::DeleteApp);
    act(&mut state, Action::Cancel);
    update(
        &mut state,
        Msg::DeletePlanReady {
            request_id: request_id(&effects),
            plan: fixtures::delete_plan(),
        },
    );
    assert!(state.overlays.is_empty());
}
