//! Render a state into a test terminal and read the result back.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view;

pub fn render(state: &State, theme: &Theme) -> Buffer {
    let backend = TestBackend::new(state.width, state.height);
    let mut terminal = Terminal::new(backend).expect("a test terminal never fails to open");
    terminal
        .draw(|frame| view::draw(frame, state, theme))
        .expect("drawing into a test terminal never fails");
    terminal.backend().buffer().clone()
}

/// One string per row, trailing spaces removed.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.y..area.y + area.height)
        .map(|y| {
            let row: String = (area.x..area.x + area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.trim_end().to_string()
        })
        .collect()
}

pub fn text(buffer: &Buffer) -> String {
    rows(buffer).join("\n")
}

/// Cell position of `needle` on the first row that also contains
/// `row_marker` (every cell of our views holds one character).
pub fn find_in_row(buffer: &Buffer, row_marker: &str, needle: &str) -> Option<(u16, u16)> {
    rows(buffer).iter().enumerate().find_map(|(y, row)| {
        if !row.contains(row_marker) {
            return None;
        }
        let byte = row.find(needle)?;
        Some((row[..byte].chars().count() as u16, y as u16))
    })
}
