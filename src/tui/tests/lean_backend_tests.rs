//! The lean backend shows what ratatui's crossterm backend shows: random
//! frame sequences are drawn through both into a terminal emulator (vt100)
//! each, whose screens must be equal cell by cell (text, colours,
//! attributes) after every frame. And it writes fewer bytes.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::tui::lean_backend::LeanBackend;

const W: u16 = 24;
const H: u16 = 6;

#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Shared {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn fixed() -> TerminalOptions {
    TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
    }
}

/// One run of text at a place, in a style.
#[derive(Debug, Clone)]
struct Stroke {
    x: u16,
    y: u16,
    text: String,
    style: Style,
}

/// No wide symbol here: a stroke over half of one breaks it in the terminal
/// in ways ratatui's buffer does not model, whichever backend draws it
/// (`wide_symbols_scroll_alike` covers them where ratatui's model holds).
const SYMBOLS: &[&str] = &["a", "b", " ", "│", "…", "-", "+", "é"];
const COLORS: &[Color] = &[
    Color::Reset,
    Color::Indexed(1),
    Color::Indexed(8),
    Color::Indexed(200),
    Color::Rgb(10, 200, 30),
];
const MODIFIERS: &[Modifier] = &[
    Modifier::empty(),
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::ITALIC,
    Modifier::REVERSED,
    Modifier::UNDERLINED,
];

/// Bold and dim are one attribute (intensity) in a terminal: never both.
fn intensity_once(m: Modifier) -> Modifier {
    if m.contains(Modifier::BOLD) {
        m - Modifier::DIM
    } else {
        m
    }
}

fn stroke() -> impl Strategy<Value = Stroke> {
    (
        0..W,
        0..H,
        proptest::collection::vec(0..SYMBOLS.len(), 1..12),
        0..COLORS.len(),
        0..COLORS.len(),
        0..MODIFIERS.len(),
        0..MODIFIERS.len(),
    )
        .prop_map(|(x, y, text, fg, bg, m1, m2)| Stroke {
            x,
            y,
            text: text.into_iter().map(|i| SYMBOLS[i]).collect(),
            style: Style::default()
                .fg(COLORS[fg])
                .bg(COLORS[bg])
                .add_modifier(intensity_once(MODIFIERS[m1] | MODIFIERS[m2])),
        })
}

/// A frame: a base that mostly stays from frame to frame (a shifted copy
/// of the last, as a scroll does) plus some strokes.
fn frames() -> impl Strategy<Value = Vec<(bool, Vec<Stroke>)>> {
    proptest::collection::vec(
        (any::<bool>(), proptest::collection::vec(stroke(), 0..10)),
        1..8,
    )
}

fn paint(buf: &mut Buffer, strokes: &[Stroke]) {
    for s in strokes {
        buf.set_stringn(s.x, s.y, &s.text, usize::from(W - s.x), s.style);
    }
    // Styles patch each other: a dim cell painted bold would be both.
    for cell in &mut buf.content {
        cell.modifier = intensity_once(cell.modifier);
    }
}

/// Every cell of the two screens alike: text, colours, attributes.
fn assert_same(got: &vt100::Screen, want: &vt100::Screen) -> Result<(), TestCaseError> {
    for y in 0..H {
        for x in 0..W {
            let (g, w) = match (got.cell(y, x), want.cell(y, x)) {
                (Some(g), Some(w)) => (g, w),
                _ => return Err(TestCaseError::fail("a cell off the emulator's screen")),
            };
            // A cell never written reads "", one written blank " ".
            let text = |c: &vt100::Cell| match c.contents() {
                "" => " ".to_string(),
                t => t.to_string(),
            };
            let place = format!("({x},{y})");
            prop_assert_eq!(text(g), text(w), "text at {}", place);
            prop_assert_eq!(g.fgcolor(), w.fgcolor(), "fg at {}", place);
            prop_assert_eq!(g.bgcolor(), w.bgcolor(), "bg at {}", place);
            prop_assert_eq!(g.bold(), w.bold(), "bold at {}", place);
            prop_assert_eq!(g.dim(), w.dim(), "dim at {}", place);
            prop_assert_eq!(g.italic(), w.italic(), "italic at {}", place);
            prop_assert_eq!(g.inverse(), w.inverse(), "reverse at {}", place);
            prop_assert_eq!(g.underline(), w.underline(), "underline at {}", place);
        }
    }
    Ok(())
}

fn emulator() -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
    vt100::Parser::new(size(H), size(W), 0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn prop_the_lean_backend_shows_what_crossterms_backend_shows(frames in frames()) {
        let (lean_out, plain_out) = (Shared::default(), Shared::default());
        let fail = |e: io::Error| TestCaseError::fail(e.to_string());
        let mut lean = Terminal::with_options(LeanBackend::new(lean_out.clone()), fixed())
            .map_err(fail)?;
        let mut plain = Terminal::with_options(CrosstermBackend::new(plain_out.clone()), fixed())
            .map_err(fail)?;
        let (mut lean_vt, mut plain_vt) = (emulator(), emulator());
        let mut last = Buffer::empty(Rect::new(0, 0, W, H));
        for (scroll, strokes) in frames {
            let mut next = last.clone();
            // A scroll: every row one up, as a pane's text moves.
            if scroll {
                for y in 1..H {
                    for x in 0..W {
                        next[(x, y - 1)] = last[(x, y)].clone();
                    }
                }
            }
            paint(&mut next, &strokes);
            lean.draw(|f| *f.buffer_mut() = next.clone()).map_err(fail)?;
            plain.draw(|f| *f.buffer_mut() = next.clone()).map_err(fail)?;
            lean_vt.process(&lean_out.take());
            plain_vt.process(&plain_out.take());
            assert_same(lean_vt.screen(), plain_vt.screen())?;
            last = next;
        }
    }
}

#[test]
fn a_one_line_scroll_costs_fewer_bytes_than_with_crossterms_backend() {
    let mut page = Buffer::empty(Rect::new(0, 0, W, H));
    let mut scrolled = page.clone();
    let gutter = Style::default().fg(Color::Indexed(8));
    let text = Style::default();
    for y in 0..H {
        let line = |n: u16| format!("{n:>3} │ key{}: value{}", n % 7, n % 5);
        page.set_string(0, y, line(y + 1), gutter);
        let tail = |n: u16| line(n).chars().skip(6).collect::<String>();
        page.set_string(6, y, tail(y + 1), text);
        scrolled.set_string(0, y, line(y + 2), gutter);
        scrolled.set_string(6, y, tail(y + 2), text);
    }
    let bytes_of_step = |lean: bool| -> usize {
        let out = Shared::default();
        let draw_two = |draw: &mut dyn FnMut(&Buffer)| {
            draw(&page);
            out.take();
            draw(&scrolled);
            out.take().len()
        };
        if lean {
            let mut t = Terminal::with_options(LeanBackend::new(out.clone()), fixed())
                .expect("a terminal over a Vec");
            draw_two(&mut |b| {
                t.draw(|f| *f.buffer_mut() = b.clone()).expect("draw");
            })
        } else {
            let mut t = Terminal::with_options(CrosstermBackend::new(out.clone()), fixed())
                .expect("a terminal over a Vec");
            draw_two(&mut |b| {
                t.draw(|f| *f.buffer_mut() = b.clone()).expect("draw");
            })
        }
    };
    let (lean, crossterm) = (bytes_of_step(true), bytes_of_step(false));
    assert!(
        lean < crossterm,
        "lean {lean} B, crossterm's backend {crossterm} B"
    );
}

#[test]
fn wide_symbols_scroll_alike() {
    let (lean_out, plain_out) = (Shared::default(), Shared::default());
    let mut lean = Terminal::with_options(LeanBackend::new(lean_out.clone()), fixed())
        .expect("a terminal over a Vec");
    let mut plain = Terminal::with_options(CrosstermBackend::new(plain_out.clone()), fixed())
        .expect("a terminal over a Vec");
    let (mut lean_vt, mut plain_vt) = (emulator(), emulator());
    let lines = [
        "名前 api",
        "a コンテナ b",
        "…│ 日本 x",
        "plain",
        "イメージ v2",
        "é コ é",
    ];
    for start in 0..lines.len() {
        let mut frame = Buffer::empty(Rect::new(0, 0, W, H));
        for y in 0..H {
            let line = lines[(start + usize::from(y)) % lines.len()];
            let style = Style::default().fg(Color::Indexed(1 + (y % 3) as u8));
            frame.set_string(1, y, line, style);
        }
        lean.draw(|f| *f.buffer_mut() = frame.clone())
            .expect("draw");
        plain
            .draw(|f| *f.buffer_mut() = frame.clone())
            .expect("draw");
        lean_vt.process(&lean_out.take());
        plain_vt.process(&plain_out.take());
        if let Err(e) = assert_same(lean_vt.screen(), plain_vt.screen()) {
            panic!("frame {start}: {e}");
        }
    }
}
