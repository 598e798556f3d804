//! The key table's rows: every default key in every mode.

use crate::tui::action::{Action, Mode};
use crate::tui::app_state::{DiffSource, Pane};
use crate::tui::model::RollbackMode;
use crate::tui::msg::Effect;
use crate::tui::overlay::{CreateField, Overlay, PauseField};
use crate::tui::state::{InputKind, Screen, SortColumn};

use super::fixtures::api_id;
use super::key_case::{Case, case, text};
use super::key_setups::*;

pub fn cases() -> Vec<Case> {
    use Action as A;
    use Mode as M;
    vec![
        // Apps list.
        case(apps_first, "j", M::Apps, A::MoveDown, |s, _| {
            selected(s) == 1
        }),
        case(apps_first, "down", M::Apps, A::MoveDown, |s, _| {
            selected(s) == 1
        }),
        case(apps_third, "k", M::Apps, A::MoveUp, |s, _| selected(s) == 1),
        case(apps_third, "up", M::Apps, A::MoveUp, |s, _| {
            selected(s) == 1
        }),
        case(apps_first, "G", M::Apps, A::Bottom, |s, _| selected(s) == 5),
        case(apps_first, "end", M::Apps, A::Bottom, |s, _| {
            selected(s) == 5
        }),
        case(apps_third, "g", M::Apps, A::Top, |s, _| selected(s) == 0),
        case(apps_third, "home", M::Apps, A::Top, |s, _| selected(s) == 0),
        case(apps_first, "pgdn", M::Apps, A::PageDown, |s, _| {
            selected(s) == 5
        }),
        case(apps_first, "ctrl-f", M::Apps, A::PageDown, |s, _| {
            selected(s) == 5
        }),
        case(apps_third, "pgup", M::Apps, A::PageUp, |s, _| {
            selected(s) == 0
        }),
        case(apps_third, "ctrl-b", M::Apps, A::PageUp, |s, _| {
            selected(s) == 0
        }),
        case(apps_api, "enter", M::Apps, A::Open, |s, e| {
            s.app_view().is_some_and(|v| v.app == api_id())
                && matches!(e, [Effect::LoadDetail { app, .. }] if *app == api_id())
        }),
        case(apps_api, "s", M::Apps, A::Sync, |s, e| {
            matches!(top(s), Some(Overlay::Confirm(_)))
                && matches!(e, [Effect::PlanSync { app, prune: false, force: false, .. }] if *app == api_id())
        }),
        case(apps_api, "p", M::Apps, A::PauseResume, |s, e| {
            matches!(top(s), Some(Overlay::Pause(d)) if d.app == api_id()) && e.is_empty()
        }),
        case(apps_first, "/", M::Apps, A::Filter, |s, _| {
            input_kind(s) == Some(InputKind::Filter)
        }),
        case(apps_first, ":", M::Apps, A::Command, |s, _| {
            input_kind(s) == Some(InputKind::Command)
        }),
        case(apps_first, "o", M::Apps, A::SortNext, |s, _| {
            s.sort == SortColumn::Namespace
        }),
        case(apps_api, "y", M::Apps, A::ViewYaml, |s, e| {
            matches!(top(s), Some(Overlay::Yaml(_)))
                && matches!(
                    e,
                    [Effect::LoadYaml {
                        resource: None,
                        live: true,
                        ..
                    }]
                )
        }),
        case(
            apps_api,
            "ctrl-r",
            M::Apps,
            A::Refresh,
            |_, e| matches!(e, [Effect::RefreshGit { app, .. }] if *app == api_id()),
        ),
        case(apps_api, "c", M::Apps, A::CreateApp, |s, e| {
            matches!(top(s), Some(Overlay::Create(d)) if d.cluster == "prod") && e.is_empty()
        }),
        case(apps_api, "D", M::Apps, A::DeleteApp, |s, e| {
            matches!(top(s), Some(Overlay::Delete(d)) if d.app == api_id())
                && matches!(e, [Effect::PlanDelete { app, cascade: false, .. }] if *app == api_id())
        }),
        case(app_view, "D", M::AppView, A::DeleteApp, |s, e| {
            matches!(top(s), Some(Overlay::Delete(_))) && matches!(e, [Effect::PlanDelete { .. }])
        }),
        // Create-app form.
        case(
            create_form,
            "tab",
            M::Create,
            A::NextField,
            |s, _| matches!(top(s), Some(Overlay::Create(d)) if d.focus == CreateField::RepoUrl),
        ),
        case(
            create_form,
            "shift-tab",
            M::Create,
            A::PrevField,
            |s, _| matches!(top(s), Some(Overlay::Create(d)) if d.focus == CreateField::CascadeDelete),
        ),
        case(
            create_form,
            "space",
            M::Create,
            A::ToggleField,
            |s, _| matches!(top(s), Some(Overlay::Create(d)) if d.name.text.is_empty()),
        ),
        text(
            create_form,
            "x",
            M::Create,
            |s, _| matches!(top(s), Some(Overlay::Create(d)) if d.name.text == "x"),
        ),
        case(create_form, "enter", M::Create, A::Confirm, |s, e| {
            e.is_empty()
                && matches!(top(s), Some(Overlay::Create(d)) if d.error.as_deref() == Some("NAME is required"))
        }),
        case(create_form, "esc", M::Create, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        // Delete dialog.
        text(
            delete_dialog,
            "c",
            M::Delete,
            |s, _| matches!(top(s), Some(Overlay::Delete(d)) if d.typed.text == "c" && !d.cascade),
        ),
        case(
            delete_dialog,
            "tab",
            M::Delete,
            A::ToggleCascade,
            |s, _| matches!(top(s), Some(Overlay::Delete(d)) if d.cascade),
        ),
        case(delete_dialog, "enter", M::Delete, A::Confirm, |s, e| {
            e.is_empty() && matches!(top(s), Some(Overlay::Delete(_)))
        }),
        case(delete_dialog, "esc", M::Delete, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        case(apps_filtered, "esc", M::Apps, A::Back, |s, _| {
            s.filter.is_empty() && s.visible.len() == 6
        }),
        case(apps_first, "q", M::Apps, A::Quit, |_, e| {
            e == [Effect::Quit]
        }),
        case(apps_first, "ctrl-c", M::Apps, A::Quit, |_, e| {
            e == [Effect::Quit]
        }),
        case(apps_first, "?", M::Apps, A::Help, |s, _| {
            matches!(top(s), Some(Overlay::Help(_)))
        }),
        // App view.
        case(app_view, "tab", M::AppView, A::NextPane, |s, _| {
            view(s).focus == Pane::Diff
        }),
        case(app_view, "shift-tab", M::AppView, A::PrevPane, |s, _| {
            view(s).focus == Pane::History
        }),
        case(app_view, "j", M::AppView, A::MoveDown, |s, _| {
            view(s).resources.selected == 1
        }),
        case(app_view, "enter", M::AppView, A::Open, |s, _| {
            view(s).diff_source == DiffSource::Resource(0)
        }),
        case(
            app_view_resource_diff,
            "a",
            M::AppView,
            A::ShowAppDiff,
            |s, _| view(s).diff_source == DiffSource::App,
        ),
        case(app_view, "v", M::AppView, A::ToggleSideBySide, |s, _| {
            view(s).side_by_side == Some(true)
        }),
        case(app_view, "s", M::AppView, A::Sync, |_, e| {
            matches!(e, [Effect::PlanSync { .. }])
        }),
        case(
            app_view,
            "r",
            M::AppView,
            A::Rollback,
            |_, e| matches!(e, [Effect::PlanRollback { revision, mode: RollbackMode::Pin, .. }] if revision.starts_with("a1b2c3d")),
        ),
        case(app_view, "p", M::AppView, A::PauseResume, |s, _| {
            matches!(top(s), Some(Overlay::Pause(_)))
        }),
        case(
            app_view,
            "y",
            M::AppView,
            A::ViewYaml,
            |_, e| matches!(e, [Effect::LoadYaml { resource: Some(r), live: true, .. }] if r.kind == "Deployment"),
        ),
        case(app_view, "Y", M::AppView, A::ViewDesiredYaml, |_, e| {
            matches!(e, [Effect::LoadYaml { live: false, .. }])
        }),
        case(
            app_view,
            "ctrl-r",
            M::AppView,
            A::Refresh,
            |_, e| matches!(e, [Effect::RefreshGit { app, .. }] if *app == api_id()),
        ),
        case(
            app_view,
            "R",
            M::AppView,
            A::Refresh,
            |_, e| matches!(e, [Effect::RefreshGit { app, .. }] if *app == api_id()),
        ),
        case(app_view, ":", M::AppView, A::Command, |s, _| {
            input_kind(s) == Some(InputKind::Command)
        }),
        case(app_view, "esc", M::AppView, A::Back, |s, _| {
            s.screen == Screen::Apps
        }),
        case(app_view, "q", M::AppView, A::Back, |s, _| {
            s.screen == Screen::Apps
        }),
        case(app_view, "?", M::AppView, A::Help, |s, _| {
            matches!(top(s), Some(Overlay::Help(_)))
        }),
        // Selecting apps, and one action on all of them.
        case(apps_api, "space", M::Apps, A::ToggleSelect, |s, _| {
            s.selection.contains(&api_id())
        }),
        case(apps_filtered, "a", M::Apps, A::SelectShown, |s, _| {
            s.selection.len() == s.visible.len() && !s.visible.is_empty()
        }),
        case(apps_selected, "esc", M::Apps, A::Back, |s, _| {
            s.selection.is_empty()
        }),
        case(apps_selected, "s", M::Apps, A::Sync, |s, e| {
            e.is_empty() && matches!(top(s), Some(Overlay::Batch(_)))
        }),
        case(
            apps_selected,
            "p",
            M::Apps,
            A::PauseResume,
            |s, _| matches!(top(s), Some(Overlay::Pause(d)) if d.batch.len() == 3),
        ),
        case(batch_confirm, "y", M::Batch, A::Confirm, |s, e| {
            matches!(top(s), Some(Overlay::Progress(_)))
                && matches!(e, [Effect::ExecuteBatch { apps, .. }] if apps.len() == 1)
        }),
        case(batch_confirm, "enter", M::Batch, A::Confirm, |_, e| {
            matches!(e, [Effect::ExecuteBatch { .. }])
        }),
        case(batch_confirm, "n", M::Batch, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        case(batch_confirm, "esc", M::Batch, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        case(batch_confirm, "j", M::Batch, A::MoveDown, |s, _| {
            matches!(top(s), Some(Overlay::Batch(_)))
        }),
        // Confirmation dialog.
        case(confirm_sync, "y", M::Confirm, A::Confirm, |s, e| {
            matches!(top(s), Some(Overlay::Progress(_)))
                && matches!(
                    e,
                    [Effect::ExecuteSync {
                        prune: true,
                        force: false,
                        ..
                    }]
                )
        }),
        case(confirm_sync, "enter", M::Confirm, A::Confirm, |_, e| {
            matches!(e, [Effect::ExecuteSync { .. }])
        }),
        case(confirm_sync, "n", M::Confirm, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        case(confirm_sync, "esc", M::Confirm, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        case(
            confirm_sync,
            "p",
            M::Confirm,
            A::TogglePrune,
            |s, _| matches!(top(s), Some(Overlay::Confirm(d)) if !d.options.prune),
        ),
        case(
            confirm_sync,
            "f",
            M::Confirm,
            A::ToggleForce,
            |s, _| matches!(top(s), Some(Overlay::Confirm(d)) if d.options.force),
        ),
        case(
            confirm_rollback,
            "m",
            M::Confirm,
            A::ToggleRollbackMode,
            |s, _| matches!(top(s), Some(Overlay::Confirm(d)) if d.options.mode == RollbackMode::Pin),
        ),
        case(confirm_long, "j", M::Confirm, A::MoveDown, |s, _| {
            confirm_scroll(s) == 1
        }),
        case(confirm_long, "G", M::Confirm, A::Bottom, |s, _| {
            confirm_scroll(s) > 1
        }),
        // Pause dialog.
        case(
            pause,
            "tab",
            M::Pause,
            A::NextField,
            |s, _| matches!(top(s), Some(Overlay::Pause(d)) if d.focus == PauseField::Reason),
        ),
        case(
            pause,
            "shift-tab",
            M::Pause,
            A::NextField,
            |s, _| matches!(top(s), Some(Overlay::Pause(d)) if d.focus == PauseField::Reason),
        ),
        case(pause, "enter", M::Pause, A::Confirm, |s, e| {
            s.overlays.is_empty()
                && matches!(
                    e,
                    [Effect::Suspend {
                        duration: None,
                        reason: None,
                        ..
                    }]
                )
        }),
        case(pause, "esc", M::Pause, A::Cancel, |s, e| {
            s.overlays.is_empty() && e.is_empty()
        }),
        text(
            pause,
            "s",
            M::Pause,
            |s, _| matches!(top(s), Some(Overlay::Pause(d)) if d.duration.text == "s"),
        ),
        // Filter input.
        case(filter, "enter", M::Filter, A::Confirm, |s, _| {
            s.input.is_none() && s.filter == "pay"
        }),
        case(filter, "esc", M::Filter, A::Cancel, |s, _| {
            s.input.is_none() && s.filter.is_empty()
        }),
        case(filter, "down", M::Filter, A::MoveDown, |s, _| {
            selected(s) == 1
        }),
        text(filter, "j", M::Filter, |s, _| s.filter == "payj"),
        text(filter, "q", M::Filter, |s, e| {
            s.filter == "payq" && e.is_empty()
        }),
        case(filter, "ctrl-c", M::Filter, A::Quit, |_, e| {
            e == [Effect::Quit]
        }),
        // Command input.
        case(command, "enter", M::Command, A::Confirm, |s, _| {
            s.input.is_none() && s.context.as_deref() == Some("prod")
        }),
        case(command, "esc", M::Command, A::Cancel, |s, _| {
            s.input.is_none() && s.context.is_none()
        }),
        // Progress.
        case(progress, "esc", M::Progress, A::Back, |s, _| {
            s.overlays.is_empty() && s.background.is_some()
        }),
        case(progress, "q", M::Progress, A::Back, |s, _| {
            s.overlays.is_empty() && s.background.is_some()
        }),
        // YAML viewer and help.
        case(yaml, "j", M::Yaml, A::MoveDown, |s, _| {
            viewer_scroll(s) == 1
        }),
        case(yaml, "esc", M::Yaml, A::Back, |s, _| s.overlays.is_empty()),
        case(help, "j", M::Help, A::MoveDown, |s, _| {
            viewer_scroll(s) == 1
        }),
        case(help, "esc", M::Help, A::Back, |s, _| s.overlays.is_empty()),
        case(help, "?", M::Help, A::Help, |s, _| s.overlays.is_empty()),
    ]
    .into_iter()
    .chain(super::logs_key_cases::cases())
    .chain(super::tree_scenes::cases())
    .collect()
}
