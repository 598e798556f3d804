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
//! 2. Bytes: the console's `LeanBackend` (and ratatui's `CrosstermBackend`, the
//!    baseline) over a counting writer, each frame
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
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use recon::tui::app_state::Pane;
use recon::tui::input_map::event_to_msg;
use recon::tui::lean_backend::LeanBackend;
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
/// A filter keystroke (match, rank and frame) must take no longer.
const FILTER_TARGET: Duration = Duration::from_millis(5);
const STEP_TARGET_BYTES: usize = 4 * 1024;

fn frames() -> usize {
    std::env::var("RECON_BENCH_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2_000)
}

mod measure;
mod panes;
mod scene;

use measure::*;
use panes::*;
use scene::*;

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
        "\n2. bytes written, the console's backend (and ratatui's, the baseline) over a counting writer, each frame inside \
         BeginSynchronizedUpdate/EndSynchronizedUpdate (16 bytes) like tui::runtime"
    );
    let mut byte_figures = Vec::new();
    for writer in [Writer::Lean, Writer::Crossterm] {
        println!("  {}:", writer.label());
        for (s, layout) in [(&state, "side by side"), (&unified, "unified")] {
            let figures = measure_bytes(s.clone(), &theme, layout, writer);
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
            if writer == Writer::Lean {
                byte_figures.push(figures);
            }
        }
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

    println!(
        "\n3. the apps table at {FLEET_ROWS} rows (4 clusters), the YAML viewer, the history pane"
    );
    let fleet = fleet_table();
    let (fleet_still, fleet_scroll) = time_fleet_frames(&fleet, &theme);
    println!("{}", fleet_still.line("apps table, 10,000 rows, still"));
    println!(
        "{}",
        fleet_scroll.line("apps table, 10,000 rows, j/k each frame")
    );
    let (filter, first_key) = time_filter_keystrokes(&fleet, &theme);
    println!(
        "{}",
        filter.line("filter keystroke (match + rank + frame), typing")
    );
    println!(
        "{}",
        first_key.line("filter keystroke, first key (all 10,000 rows matched)")
    );
    let mut pane_bytes = Vec::new();
    for (label, state, before) in [
        ("apps table, j (selection moves)", fleet.clone(), 0),
        (
            "apps table, j at the bottom (table scrolls)",
            fleet.clone(),
            usize::from(HEIGHT),
        ),
        ("YAML viewer, j (600-line object)", yaml_view(), 0),
        ("history pane, j (selection moves)", history_pane(), 0),
    ] {
        let [(lean, cells), (plain, _)] = bytes_of_one_step(&state, &theme, before);
        println!(
            "  {label:<48} {lean:>6} B  (ratatui's backend {plain:>6} B, {cells:>4} cells changed)"
        );
        pane_bytes.push((label, lean));
    }

    println!("\n4. against the targets");
    let frame_rows = [
        ("frame, side by side, top", &top),
        ("frame, side by side, middle", &mid),
        ("frame, side by side, scrolling", &scroll_sbs),
        ("frame, unified, top", &utop),
        ("frame, unified, middle", &umid),
        ("frame, unified, scrolling", &scroll_uni),
        ("frame, apps table, 10,000 rows", &fleet_still),
        ("frame, apps table, 10,000 rows, j/k", &fleet_scroll),
    ];
    println!(
        "  {:<38} {:>12} {:>12} {:>10}  ok",
        "measure", "mean", "p99", "target"
    );
    for (label, stats) in frame_rows {
        target_row(label, stats, FRAME_TARGET);
    }
    target_row("filter keystroke, 10,000 rows", &filter, FILTER_TARGET);
    target_row("filter, first key, 10,000 rows", &first_key, FILTER_TARGET);
    for (label, bytes) in &pane_bytes {
        println!(
            "  {label:<38} {:>12} {:>12} {:>10}  (no target)",
            format!("{bytes} B"),
            "",
            ""
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

/// One row of the targets table: a timing's mean and p99 against `target`.
fn target_row(label: &str, stats: &Stats, target: Duration) {
    println!(
        "  {label:<38} {:>12} {:>12} {:>10}  {}",
        us(stats.mean),
        us(stats.p99),
        format!("< {} ms", target.as_millis()),
        if stats.p99 < target { "yes" } else { "NO" }
    );
}
