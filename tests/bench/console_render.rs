//! Console render benchmark: prints figures, asserts nothing about speed
//! (it does assert that the scene is what it claims to be).
//!
//! Scene: the app view of one app at 160x48 whose whole-app drift has 2,000
//! diff lines (object and hunk headers, context, removed and added lines
//! with line numbers), 40 resources and 30 commits; the diff pane has focus.
//! At 160 columns the diff is side by side (the default from 140 columns);
//! the unified layout is measured as well.
//!
//! 1. Frame time: `Terminal::draw` of `view::draw` into a `TestBackend`,
//!    diff at the top and in the middle (identical frames: view + buffer
//!    diff), and frames alternating one line of scroll (every frame changes).
//! 2. Bytes: a real `CrosstermBackend` over a counting writer, each frame
//!    wrapped in the synchronized-update sequences as the runtime does; the
//!    first (full) frame, then one `j` step and one page-down step, each sent
//!    through the keymap and `update`.
//! 3. A table of the figures next to the targets (frame < 1 ms, one scroll
//!    step < 4 KB).
//!
//! Run: `cargo bench --bench console_render`
//! (RECON_BENCH_FRAMES=N to change the number of timed frames, default 2000).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use jiff::{SignedDuration, Timestamp};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use recon::tui::app_state::Pane;
use recon::tui::input_map::event_to_msg;
use recon::tui::state::State;
use recon::tui::{
    Action, AppDetail, AppId, AppRow, ClusterInfo, CommitRow, DiffKind, DiffLine, Effect, Msg,
    ResourceRow, Status, Theme, Tone, update, view,
};

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;
const DIFF_LINES: usize = 2_000;
const RESOURCES: usize = 40;
const COMMITS: usize = 30;
const WARMUP: usize = 200;
const FRAME_TARGET: Duration = Duration::from_millis(1);
const STEP_TARGET_BYTES: usize = 4 * 1024;

fn frames() -> usize {
    std::env::var("RECON_BENCH_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2_000)
}

// ---------------------------------------------------------------------------
// The scene.

/// Fixed, so every run draws the same text.
fn now() -> Timestamp {
    Timestamp::from_second(1_741_921_620).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn target_app() -> AppId {
    AppId::new("prod", "payments", "api")
}

fn app_row(id: AppId, index: usize) -> AppRow {
    let sync = if index.is_multiple_of(4) {
        Status::new("OutOfSync", Tone::Warn)
    } else {
        Status::new("Synced", Tone::Good)
    };
    AppRow {
        id,
        sync,
        health: Status::new("Healthy", Tone::Good),
        revision_short: format!("{:07x}", 0x00a1_b2c3 + index * 977),
        revision_subject: format!("bump service {index} to v2.{index}.1"),
        last_sync: Some(now() - SignedDuration::from_mins(5 + index as i64)),
        paused: None,
        pinned: None,
    }
}

fn apps() -> Vec<AppRow> {
    let mut rows = vec![app_row(target_app(), 0)];
    for index in 1..50usize {
        let cluster = if index.is_multiple_of(3) {
            "staging"
        } else {
            "prod"
        };
        let namespace = ["payments", "web", "tools", "search"][index % 4];
        rows.push(app_row(
            AppId::new(cluster, namespace, format!("svc-{index:02}")),
            index,
        ));
    }
    rows
}

/// YAML-ish bodies; a few are longer than half the diff pane so the
/// truncation path is exercised too.
const TEXTS: &[&str] = &[
    "  replicas: 3",
    "      containers:",
    "      - name: api",
    "        image: registry.example.com/payments/api:2.3.1",
    "        imagePullPolicy: IfNotPresent",
    "        resources:",
    "          limits:",
    "            memory: 768Mi",
    "            cpu: \"1\"",
    "        env:",
    "        - name: LOG_LEVEL",
    "          value: info",
    "        - name: DATABASE_URL",
    "          valueFrom: {secretKeyRef: {name: api-db, key: url}}",
    "    kubectl.kubernetes.io/last-applied-configuration: '{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"api\"}}'",
    "        readinessProbe:",
    "          httpGet: {path: /healthz, port: 8080}",
    "          periodSeconds: 10",
    "  selector:",
    "    matchLabels:",
    "      app.kubernetes.io/name: api",
    "      app.kubernetes.io/part-of: payments-platform-with-a-rather-long-name",
    "data:",
    "  config.yaml: |",
    "    feature_flags: [checkout_v2, fraud_scoring, instant_refunds, multi_currency]",
];

const OBJECTS: &[&str] = &[
    "apps/v1 Deployment",
    "v1 ConfigMap",
    "v1 Service",
    "autoscaling/v2 HorizontalPodAutoscaler",
    "networking.k8s.io/v1 Ingress",
];

/// Exactly `total` lines: per object an object header, then hunks of a hunk
/// header, context, removed, added, context; line numbers climb into the
/// hundreds as in real manifests.
fn drift_diff(total: usize) -> Vec<DiffLine> {
    let mut lines = Vec::with_capacity(total + 64);
    let mut seed = 0usize;
    let mut text = || {
        seed = seed.wrapping_mul(31).wrapping_add(17);
        TEXTS[seed % TEXTS.len()].to_string()
    };
    let line = |kind, old_line, new_line, text| DiffLine {
        kind,
        old_line,
        new_line,
        text,
    };
    let mut object = 0;
    while lines.len() < total {
        lines.push(line(
            DiffKind::Header,
            None,
            None,
            format!(
                "{} payments/component-{object:03}",
                OBJECTS[object % OBJECTS.len()]
            ),
        ));
        let (mut old, mut new) = (1usize, 1usize);
        for hunk in 0..6 {
            let skip = 12 + (object * 7 + hunk * 13) % 60;
            old += skip;
            new += skip;
            let removed = 1 + (object + hunk) % 3;
            let added = 1 + (object * 3 + hunk) % 4;
            let context = 3;
            lines.push(line(
                DiffKind::Header,
                None,
                None,
                format!(
                    "@@ -{old},{} +{new},{} @@",
                    2 * context + removed,
                    2 * context + added
                ),
            ));
            for _ in 0..context {
                lines.push(line(DiffKind::Context, Some(old), Some(new), text()));
                old += 1;
                new += 1;
            }
            for _ in 0..removed {
                lines.push(line(DiffKind::Removed, Some(old), None, text()));
                old += 1;
            }
            for _ in 0..added {
                lines.push(line(DiffKind::Added, None, Some(new), text()));
                new += 1;
            }
            for _ in 0..context {
                lines.push(line(DiffKind::Context, Some(old), Some(new), text()));
                old += 1;
                new += 1;
            }
        }
        object += 1;
    }
    lines.truncate(total);
    lines
}

fn resources() -> Vec<ResourceRow> {
    (0..RESOURCES)
        .map(|index| {
            let drifted = index.is_multiple_of(3);
            ResourceRow {
                kind: [
                    "Deployment",
                    "ConfigMap",
                    "Service",
                    "HorizontalPodAutoscaler",
                ][index % 4]
                    .into(),
                namespace: "payments".into(),
                name: format!("component-{index:03}"),
                sync: if drifted {
                    Status::new("OutOfSync", Tone::Warn)
                } else {
                    Status::new("Synced", Tone::Good)
                },
                health: if index.is_multiple_of(7) {
                    Status::new("Progressing", Tone::Progress)
                } else {
                    Status::new("Healthy", Tone::Good)
                },
                message: if drifted {
                    "spec.template differs".into()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

fn history() -> Vec<CommitRow> {
    (0..COMMITS)
        .map(|index| {
            let short = format!("{:07x}", 0x0abc_0000 + index * 4099);
            CommitRow {
                full: format!("{short}{}", "0".repeat(33)),
                short,
                author: ["alice", "bob", "carol", "dave"][index % 4].into(),
                time: now() - SignedDuration::from_mins(60 * (index as i64 + 1) * 5),
                subject: format!("payments: change {index} to the api rollout settings"),
                deployed: index == 3,
                pinned: false,
                head: index == 0,
            }
        })
        .collect()
}

fn detail(app_diff: Vec<DiffLine>) -> AppDetail {
    let resource_diffs = BTreeMap::from([(0, app_diff.iter().take(40).cloned().collect())]);
    AppDetail {
        id: target_app(),
        resources: resources(),
        app_diff,
        resource_diffs,
        history: history(),
        branch: "main".into(),
        source_path: "apps/payments/api".into(),
        drift_summary: format!("{} of {RESOURCES} resources out of sync", RESOURCES / 3 + 1),
    }
}

/// The message the keymap gives `code` in the current mode, as the runtime
/// would get it from the terminal.
fn key(state: &State, code: KeyCode) -> Msg {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    event_to_msg(state, &event).unwrap_or_else(|| panic!("{code:?} is unbound"))
}

/// Send a key through the keymap and `update`, as the runtime does.
fn press(state: &mut State, code: KeyCode, expected: Action) {
    let msg = key(state, code);
    assert_eq!(msg, Msg::Action(expected), "{code:?} in the app view");
    let effects = update(state, msg);
    assert!(effects.is_empty(), "{code:?} should not cause effects");
}

/// Opened through `update` like a user would: select the app, Enter,
/// answer the detail request, Tab to the diff pane.
fn scene(diff_lines: usize) -> State {
    let diff = drift_diff(diff_lines);
    let mut state = State::new(now())
        .with_size(WIDTH, HEIGHT)
        .with_clusters(vec![
            ClusterInfo::reachable("prod"),
            ClusterInfo::reachable("staging"),
        ])
        .with_apps(apps());
    update(
        &mut state,
        Msg::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    let position = state
        .visible
        .iter()
        .position(|&i| state.apps[i].id == target_app())
        .expect("the target app is listed");
    state.list.selected = position;
    let msg = key(&state, KeyCode::Enter);
    assert_eq!(msg, Msg::Action(Action::Open));
    let effects = update(&mut state, msg);
    let request_id = match effects.as_slice() {
        [Effect::LoadDetail { request_id, app }] if *app == target_app() => *request_id,
        other => panic!("opening the app should load its detail, got {other:?}"),
    };
    update(
        &mut state,
        Msg::DetailLoaded {
            request_id,
            detail: detail(diff),
        },
    );
    press(&mut state, KeyCode::Tab, Action::NextPane);
    let view = state.app_view().expect("the app view is open");
    assert_eq!(
        view.focus,
        Pane::Diff,
        "Tab from resources focuses the diff"
    );
    assert_eq!(
        view.diff_lines().len(),
        diff_lines,
        "the diff pane shows the drift"
    );
    assert_eq!(view.diff_scroll, 0);
    state.dirty = false;
    state
}

fn diff_scroll(state: &State) -> usize {
    state.app_view().map_or(0, |v| v.diff_scroll)
}

fn set_diff_scroll(state: &mut State, scroll: usize) {
    if let Some(view) = state.app_view_mut() {
        view.diff_scroll = scroll;
    }
}

fn side_by_side(state: &State) -> bool {
    state
        .app_view()
        .is_some_and(|v| v.side_by_side(state.width))
}

/// The `a-b of N` the diff pane title shows, read off the screen.
fn diff_position(buffer: &Buffer) -> String {
    let row: String = (0..buffer.area.width)
        .map(|x| buffer[(x, 3)].symbol())
        .collect();
    let start = row.find("diff:").expect("the diff pane title is on row 3");
    row[start..]
        .split('·')
        .nth(2)
        .map(|s| s.trim_end_matches(['─', '┐', ' ']).trim().to_string())
        .unwrap_or_default()
}

/// Rows the diff takes on screen (the `N` of `a-b of N`).
fn diff_rows(buffer: &Buffer) -> usize {
    diff_position(buffer)
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("the diff title shows `a-b of N`")
}

/// The same state with the diff scrolled to its middle row.
fn scrolled_to_middle(state: &State, theme: &Theme) -> State {
    let rows = diff_rows(&render_once(state, theme));
    let mut middle = state.clone();
    set_diff_scroll(&mut middle, rows / 2);
    let shown = diff_position(&render_once(&middle, theme));
    assert!(
        shown.starts_with(&format!("{}-", rows / 2 + 1)),
        "scrolled to the middle: {shown}"
    );
    middle
}

// ---------------------------------------------------------------------------
// Measuring.

struct Stats {
    mean: Duration,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Stats {
        assert!(!samples.is_empty());
        samples.sort();
        let total: Duration = samples.iter().sum();
        let at =
            |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).min(samples.len()) - 1];
        Stats {
            mean: total / samples.len() as u32,
            p50: at(0.50),
            p99: at(0.99),
            max: samples[samples.len() - 1],
        }
    }

    fn line(&self, label: &str) -> String {
        format!(
            "  {label:<46} mean {:>8}  p50 {:>8}  p99 {:>8}  max {:>8}",
            us(self.mean),
            us(self.p50),
            us(self.p99),
            us(self.max)
        )
    }
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn test_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal opens")
}

/// The same state drawn again and again: view + ratatui's buffer diff
/// (which finds nothing to write after the first frame).
fn time_still_frames(state: &State, theme: &Theme) -> Stats {
    let mut terminal = test_terminal();
    time_frames(&mut terminal, |frame| view::draw(frame, state, theme))
}

fn time_frames(terminal: &mut Terminal<TestBackend>, render: impl Fn(&mut Frame)) -> Stats {
    let mut draw = || {
        terminal
            .draw(&render)
            .map(|_| ())
            .expect("drawing into a test terminal");
    };
    for _ in 0..WARMUP {
        draw();
    }
    let samples = (0..frames())
        .map(|_| {
            let start = Instant::now();
            draw();
            start.elapsed()
        })
        .collect();
    black_box(terminal.backend().buffer());
    Stats::of(samples)
}

/// Alternating `j` / `k` through the keymap and `update` with a draw after
/// each, so every frame changes: returns (update, draw) timings.
fn time_scrolling_frames(mut state: State, theme: &Theme) -> (Stats, Stats) {
    let mut terminal = test_terminal();
    let down = key(&state, KeyCode::Char('j'));
    let up = key(&state, KeyCode::Char('k'));
    assert_eq!(down, Msg::Action(Action::MoveDown));
    assert_eq!(up, Msg::Action(Action::MoveUp));
    let start_scroll = diff_scroll(&state);
    let mut updates = Vec::with_capacity(frames());
    let mut draws = Vec::with_capacity(frames());
    for i in 0..WARMUP + frames() {
        let msg = if i.is_multiple_of(2) {
            down.clone()
        } else {
            up.clone()
        };
        let start = Instant::now();
        black_box(update(&mut state, msg));
        let updated = start.elapsed();
        let expected = start_scroll + usize::from(i.is_multiple_of(2));
        assert_eq!(
            diff_scroll(&state),
            expected,
            "j/k move the diff by one line"
        );
        let start = Instant::now();
        terminal
            .draw(|frame| view::draw(frame, &state, theme))
            .map(|_| ())
            .expect("drawing into a test terminal");
        let drawn = start.elapsed();
        if i >= WARMUP {
            updates.push(updated);
            draws.push(drawn);
        }
    }
    (Stats::of(updates), Stats::of(draws))
}

/// Everything the terminal would receive, readable from outside the
/// backend (`CrosstermBackend::writer_mut` is behind an unstable feature).
#[derive(Clone, Default)]
struct CountingWriter {
    bytes: Rc<RefCell<Vec<u8>>>,
}

impl CountingWriter {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.bytes.borrow_mut())
    }
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct RealTerminal {
    terminal: Terminal<CrosstermBackend<CountingWriter>>,
    written: CountingWriter,
}

/// A crossterm terminal of exactly 160x48. The runtime uses a fullscreen
/// viewport, which asks the tty for its size; a fixed viewport of the same
/// size draws the same bytes without needing one.
fn real_terminal() -> RealTerminal {
    let written = CountingWriter::default();
    let terminal = Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .expect("a terminal over a Vec opens");
    RealTerminal { terminal, written }
}

/// One frame as `tui::runtime` writes it (its `draw` is private): inside a
/// synchronized update. Returns the bytes written and the frame drawn.
fn runtime_draw(terminal: &mut RealTerminal, state: &State, theme: &Theme) -> (Vec<u8>, Buffer) {
    let frame = synchronized_draw(&mut terminal.terminal, state, theme).expect("writing to a Vec");
    let bytes = terminal.written.take();
    (bytes, frame)
}

fn synchronized_draw(
    terminal: &mut Terminal<CrosstermBackend<CountingWriter>>,
    state: &State,
    theme: &Theme,
) -> io::Result<Buffer> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let buffer = terminal
        .draw(|frame| view::draw(frame, state, theme))?
        .buffer
        .clone();
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(buffer)
}

struct Step {
    label: String,
    bytes: usize,
    cells: usize,
    from: String,
    to: String,
}

/// Press `code` (expected to be `action`), check the view moved, draw, and
/// count what the draw wrote.
fn step(
    terminal: &mut RealTerminal,
    state: &mut State,
    previous: &mut Buffer,
    theme: &Theme,
    code: KeyCode,
    action: Action,
) -> Step {
    let before = diff_scroll(state);
    state.dirty = false;
    press(state, code, action);
    assert!(state.dirty, "{action:?} marks the screen dirty");
    assert_ne!(diff_scroll(state), before, "{action:?} scrolled the diff");
    let (bytes, frame) = runtime_draw(terminal, state, theme);
    let cells = previous.diff(&frame).len();
    assert!(cells > 0, "{action:?} changed the screen");
    let step = Step {
        label: format!("{code} ({action:?})"),
        bytes: bytes.len(),
        cells,
        from: diff_position(previous),
        to: diff_position(&frame),
    };
    assert_ne!(step.from, step.to, "the diff title shows the new position");
    *previous = frame;
    step
}

struct ByteFigures {
    layout: &'static str,
    full: usize,
    full_cells: usize,
    steps: Vec<Step>,
}

fn measure_bytes(mut state: State, theme: &Theme, layout: &'static str) -> ByteFigures {
    let mut terminal = real_terminal();
    let (first, mut frame) = runtime_draw(&mut terminal, &state, theme);
    assert!(first.starts_with(b"\x1b[?2026h") && first.ends_with(b"\x1b[?2026l"));
    let full_cells = Buffer::empty(frame.area).diff(&frame).len();
    let mut steps = Vec::new();
    for (code, action) in [
        (KeyCode::Char('j'), Action::MoveDown),
        (KeyCode::PageDown, Action::PageDown),
    ] {
        steps.push(step(
            &mut terminal,
            &mut state,
            &mut frame,
            theme,
            code,
            action,
        ));
    }
    // The same `j` step halfway down the diff.
    state = scrolled_to_middle(&state, theme);
    let (_, middle_frame) = runtime_draw(&mut terminal, &state, theme);
    frame = middle_frame;
    let mut middle_step = step(
        &mut terminal,
        &mut state,
        &mut frame,
        theme,
        KeyCode::Char('j'),
        Action::MoveDown,
    );
    middle_step.label.push_str(" mid-diff");
    steps.push(middle_step);
    ByteFigures {
        layout,
        full: first.len(),
        full_cells,
        steps,
    }
}

/// After `G` the scroll may sit past what the side-by-side view can show
/// (the limit is counted in diff lines, the view in rows): count the `k`
/// presses that change nothing on screen.
fn dead_presses_after_bottom(mut state: State, theme: &Theme) -> usize {
    press(&mut state, KeyCode::Char('G'), Action::Bottom);
    let mut terminal = test_terminal();
    let mut draw = |state: &State| {
        terminal
            .draw(|frame| view::draw(frame, state, theme))
            .map(|completed| completed.buffer.clone())
            .expect("drawing into a test terminal")
    };
    let bottom = draw(&state);
    let mut presses = 0;
    while presses < DIFF_LINES {
        press(&mut state, KeyCode::Char('k'), Action::MoveUp);
        if draw(&state) != bottom {
            break;
        }
        presses += 1;
    }
    presses
}

// ---------------------------------------------------------------------------

fn main() {
    let theme = Theme::default();
    let state = scene(DIFF_LINES);
    let lines = state.app_view().map(|v| v.diff_lines()).unwrap_or_default();
    let count = |kind| lines.iter().filter(|l| l.kind == kind).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "console_render: app view {WIDTH}x{HEIGHT}, diff pane focused, {} diff lines \
         ({} headers, {} context, {} removed, {} added), {RESOURCES} resources, {COMMITS} commits",
        lines.len(),
        count(DiffKind::Header),
        count(DiffKind::Context),
        count(DiffKind::Removed),
        count(DiffKind::Added),
    );
    assert_eq!(lines.len(), DIFF_LINES);
    assert!(side_by_side(&state), "160 columns default to side by side");
    let _ = writeln!(
        out,
        "{} timed frames after {WARMUP} warm-up frames each; theme: default (colour)\n",
        frames()
    );
    print!("{out}");
    out.clear();

    // The same scene in unified layout, through the `v` key.
    let mut unified = state.clone();
    press(&mut unified, KeyCode::Char('v'), Action::ToggleSideBySide);
    assert!(!side_by_side(&unified));
    unified.dirty = false;

    let middle = scrolled_to_middle(&state, &theme);
    let unified_middle = scrolled_to_middle(&unified, &theme);

    println!("1. frame time, Terminal::draw(view::draw) into a TestBackend {WIDTH}x{HEIGHT}");
    let top = time_still_frames(&state, &theme);
    println!("{}", top.line("side by side, diff at top"));
    let mid = time_still_frames(&middle, &theme);
    println!("{}", mid.line("side by side, diff in the middle"));
    let (update_sbs, scroll_sbs) = time_scrolling_frames(middle.clone(), &theme);
    println!(
        "{}",
        scroll_sbs.line("side by side, j/k each frame (draw only)")
    );
    println!(
        "{}",
        update_sbs.line("side by side, j/k each frame (update only)")
    );
    let utop = time_still_frames(&unified, &theme);
    println!("{}", utop.line("unified, diff at top"));
    let umid = time_still_frames(&unified_middle, &theme);
    println!("{}", umid.line("unified, diff in the middle"));
    let (update_uni, scroll_uni) = time_scrolling_frames(unified_middle.clone(), &theme);
    println!("{}", scroll_uni.line("unified, j/k each frame (draw only)"));
    println!(
        "{}",
        update_uni.line("unified, j/k each frame (update only)")
    );
    println!("  for comparison:");
    let short = scene(60);
    println!(
        "{}",
        time_still_frames(&short, &theme).line("same scene, 60-line diff, side by side")
    );
    let mut floor = test_terminal();
    let empty = time_frames(&mut floor, |_| {});
    println!("{}", empty.line("Terminal::draw of an empty frame"));

    println!(
        "\n2. bytes written, CrosstermBackend over a counting writer, each frame inside \
         BeginSynchronizedUpdate/EndSynchronizedUpdate (16 bytes) like tui::runtime"
    );
    let mut byte_figures = Vec::new();
    for (s, layout) in [(&state, "side by side"), (&unified, "unified")] {
        let figures = measure_bytes(s.clone(), &theme, layout);
        println!(
            "  {layout}: first (full) frame {:>6} B  ({} non-blank cells of {})",
            figures.full,
            figures.full_cells,
            usize::from(WIDTH) * usize::from(HEIGHT)
        );
        for step in &figures.steps {
            println!(
                "  {layout}: {:<26} {:>6} B  ({:>4} cells changed, {:>4.1}% of the full frame's bytes)  {} → {}",
                step.label,
                step.bytes,
                step.cells,
                100.0 * step.bytes as f64 / figures.full as f64,
                step.from,
                step.to,
            );
        }
        byte_figures.push(figures);
    }

    let dead = dead_presses_after_bottom(state.clone(), &theme);
    let bottom_position = {
        let bottom = {
            let mut s = state.clone();
            press(&mut s, KeyCode::Char('G'), Action::Bottom);
            render_once(&s, &theme)
        };
        diff_position(&bottom)
    };
    println!(
        "\n  note: side by side, after G ({bottom_position}) `k` must be pressed {dead} times before \
         the view moves"
    );

    println!("\n3. against the targets");
    let frame_rows = [
        ("frame, side by side, top", &top),
        ("frame, side by side, middle", &mid),
        ("frame, side by side, scrolling", &scroll_sbs),
        ("frame, unified, top", &utop),
        ("frame, unified, middle", &umid),
        ("frame, unified, scrolling", &scroll_uni),
    ];
    println!(
        "  {:<38} {:>12} {:>12} {:>10}  ok",
        "measure", "mean", "p99", "target"
    );
    for (label, stats) in frame_rows {
        println!(
            "  {label:<38} {:>12} {:>12} {:>10}  {}",
            us(stats.mean),
            us(stats.p99),
            "< 1 ms",
            if stats.p99 < FRAME_TARGET {
                "yes"
            } else {
                "NO"
            }
        );
    }
    for figures in &byte_figures {
        for step in &figures.steps {
            let label = format!("{}, {}", figures.layout, step.label);
            println!(
                "  {label:<38} {:>12} {:>12} {:>10}  {}",
                format!("{} B", step.bytes),
                format!("full {} B", figures.full),
                "< 4 KB",
                if step.label.contains("PageDown") {
                    "(no target)"
                } else if step.bytes < STEP_TARGET_BYTES {
                    "yes"
                } else {
                    "NO"
                }
            );
        }
    }
}

fn render_once(state: &State, theme: &Theme) -> Buffer {
    let mut terminal = test_terminal();
    terminal
        .draw(|frame| view::draw(frame, state, theme))
        .map(|completed| completed.buffer.clone())
        .expect("drawing into a test terminal")
}
