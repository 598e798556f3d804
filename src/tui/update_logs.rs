//! The logs viewer: opening it on a resource, its keys (scroll, follow,
//! previous, container, pod, wrap, search) and the lines the backend sends.

use super::action::Action;
use super::layout;
use super::logs_state::{LogPod, LogsView, StreamState, cycle, has_logs};
use super::model::{AppId, ResourceRef};
use super::msg::{Effect, RequestId};
use super::overlay::Overlay;
use super::state::State;
use super::text_field::TextField;

/// Cells and rows of the log text: the viewer's inside, less its status row.
pub fn log_area(width: u16, height: u16) -> (usize, usize) {
    let cols = usize::from(width.saturating_sub(2)).max(1);
    let rows = layout::viewer_rows(width, height).saturating_sub(1).max(1);
    (cols, rows)
}

/// `l` on a resource: a Pod, or a workload (its newest pod is picked by the
/// backend). Anything else is refused with a word on the status line.
pub fn open(state: &mut State, app: AppId, resource: Option<ResourceRef>) -> Vec<Effect> {
    let Some(resource) = resource else {
        state.set_error("no resource selected: pick a Pod or a workload");
        return Vec::new();
    };
    if !has_logs(&resource.kind) {
        state.set_error(format!(
            "{resource} has no logs: pick a Pod or a Deployment, StatefulSet, DaemonSet, ReplicaSet or Job"
        ));
        return Vec::new();
    }
    let request_id = state.requests.issue();
    let view = LogsView::new(request_id, app, resource);
    let effect = request(&view);
    state.overlays.push(Overlay::Logs(Box::new(view)));
    state.mark_dirty();
    vec![effect]
}

fn request(view: &LogsView) -> Effect {
    Effect::OpenLogs {
        request_id: view.request_id,
        app: view.app.clone(),
        resource: view.resource.clone(),
        pod: view.pod.clone(),
        container: view.container.clone(),
        follow: view.follow,
        previous: view.previous,
    }
}

fn top_view(state: &mut State) -> Option<&mut LogsView> {
    match state.overlays.last_mut() {
        Some(Overlay::Logs(view)) => Some(view.as_mut()),
        _ => None,
    }
}

/// The logs view wherever it is in the stack (help may be open over it).
fn any_view(state: &mut State) -> Option<&mut LogsView> {
    state.overlays.iter_mut().find_map(|o| match o {
        Overlay::Logs(view) => Some(view.as_mut()),
        _ => None,
    })
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let (cols, rows) = log_area(state.width, state.height);
    if matches!(action, Action::Back | Action::Cancel) {
        state.overlays.pop();
        state.mark_dirty();
        return vec![Effect::StopLogs];
    }
    // The id a restarted stream gets; issued below only if one is.
    let request_id = state.requests.next + 1;
    let Some(view) = top_view(state) else {
        return Vec::new();
    };
    let before = marks(view);
    let mut effects = Vec::new();
    let mut note = None;
    match action {
        Action::MoveUp => scroll(view, -1, cols, rows),
        Action::MoveDown => scroll(view, 1, cols, rows),
        Action::PageUp => scroll(view, -(rows as isize), cols, rows),
        Action::PageDown => scroll(view, rows as isize, cols, rows),
        Action::Top => {
            view.top = 0;
            view.stick = false;
        }
        Action::Bottom => view.stick = true,
        Action::ToggleWrap => view.wrap = !view.wrap,
        Action::ToggleFollow => {
            view.follow = !view.follow;
            effects.push(restart(view, request_id));
        }
        Action::TogglePrevious => {
            view.previous = !view.previous;
            effects.push(restart(view, request_id));
        }
        Action::NextContainer => match cycle(view.containers(), view.container.as_ref()).cloned() {
            Some(next) if Some(&next) != view.container.as_ref() => {
                view.container = Some(next);
                effects.push(restart(view, request_id));
            }
            _ => note = Some("the pod has no other container".to_string()),
        },
        Action::NextPod => {
            let names: Vec<String> = view.pods.iter().map(|p| p.name.clone()).collect();
            match cycle(&names, view.pod.as_ref()).cloned() {
                Some(next) if Some(&next) != view.pod.as_ref() => {
                    view.pod = Some(next);
                    // Keep the container when the new pod has one of that name.
                    let keep = view
                        .container
                        .as_ref()
                        .is_some_and(|c| view.containers().contains(c));
                    if !keep {
                        view.container = None;
                    }
                    effects.push(restart(view, request_id));
                }
                _ => note = Some(format!("{} has no other pod", view.resource)),
            }
        }
        Action::Filter => {
            view.typing = Some(TextField::with_text(
                view.search.clone().unwrap_or_default(),
            ));
        }
        Action::SearchNext | Action::SearchPrev => {
            let forward = action == Action::SearchNext;
            match view.search.clone() {
                Some(query) => {
                    if !jump_to_match(view, &query, forward, rows) {
                        note = Some(format!("no line matches {query:?}"));
                    }
                }
                None => note = Some("no search yet: press / to search".to_string()),
            }
        }
        _ => {}
    }
    let changed = marks(view) != before;
    if !effects.is_empty() {
        state.requests.issue();
    }
    if let Some(note) = note {
        state.set_info(note);
    }
    if changed {
        state.mark_dirty();
    }
    effects
}

/// What a key can change in the view, to tell whether it did (cheaper
/// than comparing the whole buffer).
fn marks(view: &LogsView) -> impl PartialEq + use<> {
    (
        view.request_id,
        (view.top, view.stick, view.wrap, view.follow, view.previous),
        (view.pod.clone(), view.container.clone()),
        (view.typing.clone(), view.search.clone(), view.current_match),
    )
}

/// A fresh stream for what the view now asks for.
fn restart(view: &mut LogsView, request_id: RequestId) -> Effect {
    view.restart(request_id);
    request(view)
}

/// Moves by `delta` lines; moving down onto the last screenful sticks to
/// the bottom again (new lines then stay in view).
fn scroll(view: &mut LogsView, delta: isize, cols: usize, rows: usize) {
    let bottom = view.buffer.top_for_bottom(cols, rows, view.wrap);
    let top = if view.stick {
        bottom
    } else {
        view.top.min(bottom)
    };
    let moved = top.saturating_add_signed(delta).min(bottom);
    view.top = moved;
    view.stick = moved >= bottom && delta > 0;
}

/// Moves to the next (or previous) line matching `query`, a few lines
/// below the top so what led to it shows; false when nothing matches.
fn jump_to_match(view: &mut LogsView, query: &str, forward: bool, rows: usize) -> bool {
    let from = view
        .current_match
        .or_else(|| (!view.stick).then(|| view.top.checked_sub(1)).flatten());
    let Some(found) = view.buffer.next_match(query, from, forward) else {
        return false;
    };
    view.current_match = Some(found);
    view.top = found.saturating_sub(rows / 3);
    view.stick = false;
    true
}

/// Enter keeps the search and moves to its first match from the top line
/// shown; Esc drops the typing and leaves the last search in effect.
pub fn on_search(state: &mut State, action: Action) -> Vec<Effect> {
    let (_, rows) = log_area(state.width, state.height);
    let Some(view) = top_view(state) else {
        return Vec::new();
    };
    let mut note = None;
    match action {
        Action::Confirm => {
            let query = view.typing.take().map(|f| f.text).unwrap_or_default();
            view.current_match = None;
            if query.is_empty() {
                view.search = None;
            } else {
                if !jump_to_match(view, &query, true, rows) {
                    note = Some(format!("no line matches {query:?}"));
                }
                view.search = Some(query);
            }
        }
        Action::Cancel | Action::Back => view.typing = None,
        _ => return Vec::new(),
    }
    if let Some(note) = note {
        state.set_info(note);
    }
    state.mark_dirty();
    Vec::new()
}

/// The backend found the pods and opened the stream.
pub fn on_pods(
    state: &mut State,
    request_id: RequestId,
    pods: Vec<LogPod>,
    pod: String,
    container: String,
) {
    let Some(view) = any_view(state).filter(|v| v.request_id == request_id) else {
        return;
    };
    let (pod, container) = (Some(pod), Some(container));
    let changed = view.pods != pods
        || view.pod != pod
        || view.container != container
        || view.stream != StreamState::Streaming;
    view.pods = pods;
    view.pod = pod;
    view.container = container;
    view.stream = StreamState::Streaming;
    if changed {
        state.mark_dirty();
    }
}

pub fn on_lines(state: &mut State, request_id: RequestId, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    let Some(view) = any_view(state).filter(|v| v.request_id == request_id) else {
        return;
    };
    let dropped_before = view.buffer.dropped();
    for line in &lines {
        view.buffer.push(line);
    }
    // Lines dropped from the front move every index down by as many.
    let shift = usize::try_from(view.buffer.dropped() - dropped_before).unwrap_or(usize::MAX);
    view.top = view.top.saturating_sub(shift);
    view.current_match = view.current_match.and_then(|m| m.checked_sub(shift));
    if view.stream == StreamState::Connecting {
        view.stream = StreamState::Streaming;
    }
    state.mark_dirty();
}

pub fn on_ended(state: &mut State, request_id: RequestId, error: Option<String>) {
    let Some(view) = any_view(state).filter(|v| v.request_id == request_id) else {
        return;
    };
    let ended = StreamState::Ended(error);
    if view.stream != ended {
        view.stream = ended;
        state.mark_dirty();
    }
}
