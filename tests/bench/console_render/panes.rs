//! The other panes at fleet scale: the apps table of 10,000 rows (frame,
//! filter keystroke, bytes per scroll step), the YAML viewer and the
//! history pane (bytes per scroll step), each reached through `update`.

use super::*;

pub(crate) const FLEET_ROWS: usize = 10_000;
const FLEET_CLUSTERS: [&str; 4] = ["fleet-a", "fleet-b", "fleet-c", "fleet-d"];

/// 10,000 apps over 4 clusters, the apps table shown.
pub(crate) fn fleet_table() -> State {
    let rows: Vec<AppRow> = (0..FLEET_ROWS)
        .map(|i| {
            let cluster = FLEET_CLUSTERS[i % FLEET_CLUSTERS.len()];
            let namespace = ["payments", "web", "tools", "search"][(i / 4) % 4];
            app_row(AppId::new(cluster, namespace, format!("app-{i:05}")), i)
        })
        .collect();
    let mut state = State::new(now())
        .with_size(WIDTH, HEIGHT)
        .with_clusters(
            FLEET_CLUSTERS
                .iter()
                .map(|c| ClusterInfo::reachable(*c))
                .collect(),
        )
        .with_apps(rows);
    update(
        &mut state,
        Msg::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    assert_eq!(state.visible.len(), FLEET_ROWS, "every app is listed");
    state.dirty = false;
    state
}

/// Frames of the 10,000-row table: still, and scrolling one row each frame.
pub(crate) fn time_fleet_frames(state: &State, theme: &Theme) -> (Stats, Stats) {
    let still = time_still_frames(state, theme);
    let mut scrolling = state.clone();
    let mut terminal = test_terminal();
    let mut draws = Vec::new();
    for i in 0..WARMUP + frames() {
        let code = if (i / 40) % 2 == 0 {
            KeyCode::Char('j')
        } else {
            KeyCode::Char('k')
        };
        let msg = key(&scrolling, code);
        update(&mut scrolling, msg);
        let start = Instant::now();
        terminal
            .draw(|frame| view::draw(frame, &scrolling, theme))
            .map(|_| ())
            .expect("drawing into a test terminal");
        if i >= WARMUP {
            draws.push(start.elapsed());
        }
    }
    (still, Stats::of(draws))
}

/// One filter keystroke at 10,000 rows: the key through the keymap and
/// `update` (the rows matched and ranked again), then the frame drawn.
/// Types a query and erases it, over and over, five queries in turn (more
/// keystrokes than the console's memo of earlier answers keeps, so each
/// round's first key matches every row). Returns every keystroke, and the
/// first keys alone.
pub(crate) fn time_filter_keystrokes(state: &State, theme: &Theme) -> (Stats, Stats) {
    let mut state = state.clone();
    let open = key(&state, KeyCode::Char('/'));
    assert_eq!(open, Msg::Action(Action::Filter));
    update(&mut state, open);
    let mut terminal = test_terminal();
    let queries = ["app-0123", "fleet-c 7", "payments", "web-01", "tools 99"];
    let mut samples = Vec::new();
    let mut first_keys = Vec::new();
    let mut narrowest = usize::MAX;
    let rounds = (frames() / 16).max(10);
    for round in 0..rounds + 2 {
        let typed = queries[round % queries.len()];
        let keys = typed
            .chars()
            .map(KeyCode::Char)
            .chain(std::iter::repeat_n(KeyCode::Backspace, typed.len()));
        for (n, code) in keys.enumerate() {
            let start = Instant::now();
            let msg = key(&state, code);
            update(&mut state, msg);
            terminal
                .draw(|frame| view::draw(frame, &state, theme))
                .map(|_| ())
                .expect("drawing into a test terminal");
            if round >= 2 {
                samples.push(start.elapsed());
                if n == 0 {
                    first_keys.push(start.elapsed());
                }
            }
            narrowest = narrowest.min(state.visible.len());
        }
    }
    assert!(
        narrowest < FLEET_ROWS / 2,
        "the filter narrowed the rows (to {narrowest})"
    );
    assert_eq!(state.visible.len(), FLEET_ROWS, "erased, every row is back");
    (Stats::of(samples), Stats::of(first_keys))
}

/// The YAML viewer over a 600-line live object.
pub(crate) fn yaml_view() -> State {
    let mut state = fleet_table();
    let msg = key(&state, KeyCode::Char('y'));
    assert_eq!(msg, Msg::Action(Action::ViewYaml));
    let effects = update(&mut state, msg);
    let request_id = match effects.as_slice() {
        [Effect::LoadYaml { request_id, .. }] => *request_id,
        other => panic!("y should load the YAML, got {other:?}"),
    };
    let text: String = (0..600)
        .map(|i| {
            format!(
                "{}{}\n",
                "  ".repeat(i % 5),
                TEXTS[i % TEXTS.len()].trim_start()
            )
        })
        .collect();
    update(&mut state, Msg::Yaml { request_id, text });
    state.dirty = false;
    state
}

/// The app view with the history pane focused, 30 commits.
pub(crate) fn history_pane() -> State {
    let mut state = scene(60);
    press(&mut state, KeyCode::Tab, Action::NextPane);
    let view = state.app_view().expect("the app view is open");
    assert_eq!(
        view.focus,
        Pane::History,
        "Tab from the diff focuses history"
    );
    state.dirty = false;
    state
}

/// Bytes the console's backend and ratatui's write for one `j` in `state`
/// after `before` presses of `j` (to reach the bottom of a viewport, where
/// `j` scrolls), and the cells that changed.
pub(crate) fn bytes_of_one_step(
    state: &State,
    theme: &Theme,
    before: usize,
) -> [(usize, usize); 2] {
    let mut state = state.clone();
    for _ in 0..before {
        let msg = key(&state, KeyCode::Char('j'));
        update(&mut state, msg);
    }
    let lean = step_bytes(real_terminal(LeanBackend::new), state.clone(), theme);
    let plain = step_bytes(real_terminal(CrosstermBackend::new), state, theme);
    [lean, plain]
}

fn step_bytes<B: Backend + Write>(
    mut terminal: RealTerminal<B>,
    mut state: State,
    theme: &Theme,
) -> (usize, usize) {
    let (_, before) = runtime_draw(&mut terminal, &state, theme);
    let msg = key(&state, KeyCode::Char('j'));
    update(&mut state, msg);
    let (bytes, after) = runtime_draw(&mut terminal, &state, theme);
    let cells = before.diff(&after).len();
    assert!(cells > 0, "j changed the screen");
    (bytes.len(), cells)
}
