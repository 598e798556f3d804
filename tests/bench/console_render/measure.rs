//! Measuring: frame timings and the bytes a real terminal backend writes.

use super::*;

pub(crate) struct Stats {
    pub(crate) mean: Duration,
    pub(crate) p50: Duration,
    pub(crate) p99: Duration,
    pub(crate) max: Duration,
}

impl Stats {
    pub(crate) fn of(mut samples: Vec<Duration>) -> Stats {
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

    pub(crate) fn line(&self, label: &str) -> String {
        format!(
            "  {label:<46} mean {:>8}  p50 {:>8}  p99 {:>8}  max {:>8}",
            us(self.mean),
            us(self.p50),
            us(self.p99),
            us(self.max)
        )
    }
}

pub(crate) fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

pub(crate) fn test_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal opens")
}

/// The same state drawn again and again: view + ratatui's buffer diff
/// (which finds nothing to write after the first frame).
pub(crate) fn time_still_frames(state: &State, theme: &Theme) -> Stats {
    let mut terminal = test_terminal();
    time_frames(&mut terminal, |frame| view::draw(frame, state, theme))
}

pub(crate) fn time_frames(
    terminal: &mut Terminal<TestBackend>,
    render: impl Fn(&mut Frame),
) -> Stats {
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
pub(crate) fn time_scrolling_frames(mut state: State, theme: &Theme) -> (Stats, Stats) {
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
pub(crate) struct CountingWriter {
    pub(crate) bytes: Rc<RefCell<Vec<u8>>>,
}

impl CountingWriter {
    pub(crate) fn take(&self) -> Vec<u8> {
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

pub(crate) struct RealTerminal<B: Backend> {
    pub(crate) terminal: Terminal<B>,
    pub(crate) written: CountingWriter,
}

/// The two backends measured: the console's, and ratatui's as the baseline.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Writer {
    Lean,
    Crossterm,
}

impl Writer {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Writer::Lean => "recon's LeanBackend",
            Writer::Crossterm => "ratatui's CrosstermBackend",
        }
    }
}

/// A crossterm terminal of exactly 160x48. The runtime uses a fullscreen
/// viewport, which asks the tty for its size; a fixed viewport of the same
/// size draws the same bytes without needing one.
pub(crate) fn real_terminal<B: Backend>(make: impl FnOnce(CountingWriter) -> B) -> RealTerminal<B> {
    let written = CountingWriter::default();
    let terminal = Terminal::with_options(
        make(written.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .unwrap_or_else(|_| panic!("a terminal over a Vec opens"));
    RealTerminal { terminal, written }
}

/// One frame as `tui::runtime` writes it (its `draw` is private): inside a
/// synchronized update. Returns the bytes written and the frame drawn.
pub(crate) fn runtime_draw<B: Backend + Write>(
    terminal: &mut RealTerminal<B>,
    state: &State,
    theme: &Theme,
) -> (Vec<u8>, Buffer) {
    let frame = synchronized_draw(&mut terminal.terminal, state, theme).expect("writing to a Vec");
    let bytes = terminal.written.take();
    (bytes, frame)
}

pub(crate) fn synchronized_draw<B: Backend + Write>(
    terminal: &mut Terminal<B>,
    state: &State,
    theme: &Theme,
) -> io::Result<Buffer> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let buffer = terminal
        .draw(|frame| view::draw(frame, state, theme))
        .map_err(|_| io::Error::other("draw"))?
        .buffer
        .clone();
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(buffer)
}

pub(crate) struct Step {
    pub(crate) label: String,
    pub(crate) bytes: usize,
    pub(crate) cells: usize,
    pub(crate) from: String,
    pub(crate) to: String,
}

/// Press `code` (expected to be `action`), check the view moved, draw, and
/// count what the draw wrote.
pub(crate) fn step<B: Backend + Write>(
    terminal: &mut RealTerminal<B>,
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
    // To see what a step writes: RECON_BENCH_DUMP=DIR keeps each step's bytes.
    if let Ok(dir) = std::env::var("RECON_BENCH_DUMP") {
        let file = format!("{dir}/{code}-{}.bin", bytes.len());
        let _ = std::fs::write(file, &bytes);
    }
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

pub(crate) struct ByteFigures {
    pub(crate) layout: &'static str,
    pub(crate) full: usize,
    pub(crate) full_cells: usize,
    pub(crate) steps: Vec<Step>,
}

pub(crate) fn measure_bytes(
    state: State,
    theme: &Theme,
    layout: &'static str,
    writer: Writer,
) -> ByteFigures {
    match writer {
        Writer::Lean => measure_bytes_with(real_terminal(LeanBackend::new), state, theme, layout),
        Writer::Crossterm => {
            measure_bytes_with(real_terminal(CrosstermBackend::new), state, theme, layout)
        }
    }
}

fn measure_bytes_with<B: Backend + Write>(
    mut terminal: RealTerminal<B>,
    mut state: State,
    theme: &Theme,
    layout: &'static str,
) -> ByteFigures {
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
pub(crate) fn dead_presses_after_bottom(mut state: State, theme: &Theme) -> usize {
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
