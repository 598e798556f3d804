//! A terminal backend that writes fewer bytes than ratatui's crossterm one,
//! for operators on slow SSH links. It draws the same cells (ratatui still
//! decides what changed); only how the cursor and colours get there differs:
//! - a jump forward on the same row is `CSI n C`, or the few unchanged cells
//!   in between are written again when that is shorter (a gap of 1–3 cells
//!   costs 1–3 bytes instead of a 6–9 byte `CSI row;col H`);
//! - foreground and background are set only when each changed (crossterm
//!   sets both whenever either does), and the frame ends with one `SGR 0`.
//!
//! To re-write unchanged cells it keeps a copy of what it has drawn (the
//! same picture ratatui's previous buffer holds); a clear resets it.

use std::io::{self, Write};

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Print, SetAttribute, SetBackgroundColor, SetForegroundColor,
};
use ratatui::backend::IntoCrossterm;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the screen shows, as far as this backend drew it.
    shown: Buffer,
}

/// The colours and attributes the terminal currently draws with.
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            shown: Buffer::empty(Rect::default()),
        }
    }

    fn forget_screen(&mut self) {
        self.shown = Buffer::empty(Rect::default());
    }

    /// The cell shown at `(x, y)`, if this backend drew it.
    fn shown_cell(&self, x: u16, y: u16) -> Option<&Cell> {
        self.shown.cell(Position { x, y })
    }

    /// Makes `shown` cover `(0, 0)..(width, height)`, cells kept in place.
    fn cover(&mut self, width: u16, height: u16) {
        let area = self.shown.area;
        if width <= area.right() && height <= area.bottom() {
            return;
        }
        let mut grown = Buffer::empty(Rect::new(
            0,
            0,
            width.max(area.right()),
            height.max(area.bottom()),
        ));
        grown.merge(&self.shown);
        self.shown = grown;
    }

    /// The unchanged cells `from..to` of row `y` as text, when writing them
    /// with `pen` is shorter than `jump` bytes; else None.
    fn gap_text(&self, y: u16, from: u16, to: u16, pen: Pen, jump: usize) -> Option<String> {
        let mut text = String::new();
        for x in from..to {
            let cell = self.shown_cell(x, y)?;
            let symbol = cell.symbol();
            if pen_of(cell) != pen
                || symbol.width() != 1
                || cell.diff_option != CellDiffOption::None
            {
                return None;
            }
            text.push_str(symbol);
            if text.len() >= jump {
                return None;
            }
        }
        Some(text)
    }
}

fn pen_of(cell: &Cell) -> Pen {
    Pen {
        fg: cell.fg,
        bg: cell.bg,
        modifier: cell.modifier,
    }
}

fn color(c: Color) -> CColor {
    c.into_crossterm()
}

/// Attributes from `from` to `to`, as ratatui's crossterm backend does.
fn queue_modifiers(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    let added = to - from;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    let pairs = [
        (Modifier::ITALIC, Attribute::NoItalic, Attribute::Italic),
        (
            Modifier::UNDERLINED,
            Attribute::NoUnderline,
            Attribute::Underlined,
        ),
        (
            Modifier::CROSSED_OUT,
            Attribute::NotCrossedOut,
            Attribute::CrossedOut,
        ),
        (Modifier::HIDDEN, Attribute::NoHidden, Attribute::Hidden),
    ];
    for (m, off, _) in pairs {
        if removed.contains(m) {
            queue!(w, SetAttribute(off))?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    if added.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::Reverse))?;
    }
    if !reset_intensity {
        if added.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
        if added.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
    }
    for (m, _, on) in pairs {
        if added.contains(m) {
            queue!(w, SetAttribute(on))?;
        }
    }
    if added.contains(Modifier::SLOW_BLINK) {
        queue!(w, SetAttribute(Attribute::SlowBlink))?;
    }
    if added.contains(Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::RapidBlink))?;
    }
    Ok(())
}

fn digits(n: u16) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = PLAIN;
        // Where the terminal's cursor is after the last symbol written.
        let mut cursor: Option<(u16, u16)> = None;
        let mut out: Vec<u8> = Vec::new();
        let drawn: Vec<(u16, u16, &Cell)> = content.collect();
        let (right, bottom) = drawn.iter().fold((0, 0), |(r, b), (x, y, _)| {
            (r.max(x.saturating_add(2)), b.max(y.saturating_add(1)))
        });
        self.cover(right, bottom);
        for &(x, y, cell) in &drawn {
            match cursor {
                Some(at) if at == (x, y) => {}
                Some((cx, cy)) if cy == y && cx < x => {
                    // `CSI n C`: 3 bytes and the digits of n.
                    let jump = 3 + digits(x - cx);
                    match self.gap_text(y, cx, x, pen, jump) {
                        Some(text) => queue!(out, Print(text))?,
                        None => queue!(out, crossterm::cursor::MoveRight(x - cx))?,
                    }
                }
                _ => queue!(out, MoveTo(x, y))?,
            }
            let want = pen_of(cell);
            if want.modifier != pen.modifier {
                queue_modifiers(&mut out, pen.modifier, want.modifier)?;
            }
            if want.fg != pen.fg {
                queue!(out, SetForegroundColor(color(want.fg)))?;
            }
            if want.bg != pen.bg {
                queue!(out, SetBackgroundColor(color(want.bg)))?;
            }
            pen = want;
            let symbol = cell.symbol();
            queue!(out, Print(symbol))?;
            // A symbol of no width leaves the cursor where the terminal
            // decides: the next cell moves there explicitly.
            cursor = match symbol.width() {
                _ if cell.diff_option != CellDiffOption::None => None,
                0 => None,
                w => Some((x.saturating_add(w as u16), y)),
            };
        }
        if pen != PLAIN {
            queue!(out, SetAttribute(Attribute::Reset))?;
        }
        for (x, y, cell) in drawn {
            if let Some(slot) = self.shown.cell_mut(Position { x, y }) {
                *slot = cell.clone();
            }
        }
        self.inner.write_all(&out)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.forget_screen();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // What is left on screen is no longer known cell by cell.
        self.forget_screen();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}
