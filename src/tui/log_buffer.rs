//! The lines of a log kept in memory: capped (oldest dropped first, and
//! counted), made safe for the terminal as they arrive, searchable, and
//! measured in screen rows when wrapped.

use std::collections::VecDeque;

use ratatui::text::Span;

/// At most this many lines are kept...
pub const MAX_LINES: usize = 10_000;
/// ...and at most this many bytes of them.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Tabs become spaces: a tab's width depends on the column it lands in,
/// which wrapping and scrolling would have to track.
const TAB: &str = "    ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogBuffer {
    lines: VecDeque<String>,
    bytes: usize,
    max_lines: usize,
    max_bytes: usize,
    /// Lines dropped to stay under the caps since the buffer was made.
    dropped: u64,
}

impl Default for LogBuffer {
    fn default() -> Self {
        LogBuffer::with_caps(MAX_LINES, MAX_BYTES)
    }
}

impl LogBuffer {
    pub fn with_caps(max_lines: usize, max_bytes: usize) -> Self {
        LogBuffer {
            lines: VecDeque::new(),
            bytes: 0,
            max_lines: max_lines.max(1),
            max_bytes: max_bytes.max(1),
            dropped: 0,
        }
    }

    /// Adds one line as read from the stream: a trailing `\r` (CRLF logs)
    /// is removed, tabs expanded, and every other control character shown
    /// as an escape, so nothing in a log can drive the terminal.
    pub fn push(&mut self, raw: &str) {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = crate::text::printable(&raw.replace('\t', TAB)).into_owned();
        self.bytes += line.len();
        self.lines.push_back(line);
        while self.lines.len() > self.max_lines
            || (self.bytes > self.max_bytes && self.lines.len() > 1)
        {
            if let Some(old) = self.lines.pop_front() {
                self.bytes -= old.len();
                self.dropped += 1;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&str> {
        self.lines.get(index).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(String::as_str)
    }

    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Indices of the lines that contain `query`: ignoring case unless the
    /// query has a capital letter (smart case, as in less and vim).
    pub fn matches(&self, query: &str) -> Vec<usize> {
        if query.is_empty() {
            return Vec::new();
        }
        let fold = !query.chars().any(char::is_uppercase);
        let needle = if fold {
            query.to_lowercase()
        } else {
            query.to_string()
        };
        self.iter()
            .enumerate()
            .filter(|(_, line)| {
                if fold {
                    line.to_lowercase().contains(&needle)
                } else {
                    line.contains(&needle)
                }
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The next matching line after `from` (or before it, `forward: false`),
    /// wrapping around the ends; `None` when nothing matches.
    pub fn next_match(&self, query: &str, from: Option<usize>, forward: bool) -> Option<usize> {
        let found = self.matches(query);
        let first = *found.first()?;
        let last = *found.last()?;
        let Some(from) = from else {
            return Some(if forward { first } else { last });
        };
        if forward {
            Some(found.into_iter().find(|&i| i > from).unwrap_or(first))
        } else {
            Some(found.into_iter().rev().find(|&i| i < from).unwrap_or(last))
        }
    }

    /// Screen rows line `index` takes `width` cells wide: one unless wrapped.
    pub fn rows_of(&self, index: usize, width: usize, wrap: bool) -> usize {
        match self.get(index) {
            Some(line) if wrap => wrapped_rows(line, width),
            Some(_) => 1,
            None => 0,
        }
    }

    /// The first line to draw so that the last line ends at the bottom of a
    /// `rows`-tall, `width`-wide area.
    pub fn top_for_bottom(&self, width: usize, rows: usize, wrap: bool) -> usize {
        let mut used = 0;
        let mut top = self.len();
        while top > 0 {
            let need = self.rows_of(top - 1, width, wrap);
            if used + need > rows && used > 0 {
                break;
            }
            used += need;
            top -= 1;
        }
        top
    }
}

/// Rows a line takes wrapped at `width` cells (at least one).
pub fn wrapped_rows(line: &str, width: usize) -> usize {
    let cells = Span::raw(line).width();
    cells.div_ceil(width.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer_of(lines: &[&str]) -> LogBuffer {
        let mut b = LogBuffer::default();
        lines.iter().for_each(|l| b.push(l));
        b
    }

    #[test]
    fn the_line_cap_drops_the_oldest_and_counts_them() {
        let mut b = LogBuffer::with_caps(3, usize::MAX);
        for i in 0..5 {
            b.push(&format!("line {i}"));
        }
        assert_eq!(b.len(), 3);
        assert_eq!(b.dropped(), 2);
        assert_eq!(b.iter().collect::<Vec<_>>(), ["line 2", "line 3", "line 4"]);
    }

    #[test]
    fn the_byte_cap_drops_the_oldest_but_keeps_the_newest_line() {
        let mut b = LogBuffer::with_caps(100, 10);
        b.push("aaaa");
        b.push("bbbb");
        assert_eq!((b.len(), b.dropped(), b.bytes()), (2, 0, 8));
        b.push("cccc");
        assert_eq!(b.iter().collect::<Vec<_>>(), ["bbbb", "cccc"]);
        assert_eq!((b.dropped(), b.bytes()), (1, 8));
        // One line over the cap on its own is still shown.
        b.push(&"x".repeat(50));
        assert_eq!(b.len(), 1);
        assert_eq!(b.dropped(), 3);
    }

    #[test]
    fn control_characters_are_escaped_tabs_expanded_and_crlf_trimmed() {
        let b = buffer_of(&["a\tb\r", "evil \u{1b}]52;c;aGk=\u{7} end", "bell\u{7}\r"]);
        assert_eq!(b.get(0), Some("a    b"));
        assert_eq!(b.get(1), Some("evil \\u{1b}]52;c;aGk=\\u{7} end"));
        assert_eq!(b.get(2), Some("bell\\u{7}"));
        assert!(b.iter().all(|l| !l.chars().any(char::is_control)));
    }

    #[test]
    fn search_is_smart_case_and_next_wraps_around() {
        let b = buffer_of(&["Error one", "fine", "error two", "ERROR three"]);
        assert_eq!(b.matches("error"), [0, 2, 3]);
        assert_eq!(b.matches("Error"), [0]);
        assert_eq!(b.matches(""), Vec::<usize>::new());
        assert_eq!(b.next_match("error", None, true), Some(0));
        assert_eq!(b.next_match("error", None, false), Some(3));
        assert_eq!(b.next_match("error", Some(0), true), Some(2));
        assert_eq!(b.next_match("error", Some(3), true), Some(0), "wraps");
        assert_eq!(b.next_match("error", Some(0), false), Some(3), "wraps back");
        assert_eq!(b.next_match("missing", Some(1), true), None);
    }

    #[test]
    fn wrapping_counts_rows_by_display_width() {
        assert_eq!(wrapped_rows("", 10), 1);
        assert_eq!(wrapped_rows("0123456789", 10), 1);
        assert_eq!(wrapped_rows("0123456789a", 10), 2);
        // Wide characters take two cells each.
        assert_eq!(wrapped_rows("日本語日本語", 10), 2);
        let b = buffer_of(&["short", &"x".repeat(25), "end"]);
        assert_eq!(b.rows_of(1, 10, true), 3);
        assert_eq!(b.rows_of(1, 10, false), 1);
    }

    #[test]
    fn the_bottom_is_found_in_rows_not_lines_when_wrapped() {
        let b = buffer_of(&["a", "b", &"x".repeat(25), "c"]);
        // Unwrapped, 3 rows show the last three lines.
        assert_eq!(b.top_for_bottom(10, 3, false), 1);
        // Wrapped, the long line takes 3 rows: with "c" that is 4 rows, so
        // only "c" fits in 3 rows... and the long line does not fit whole.
        assert_eq!(b.top_for_bottom(10, 3, true), 3);
        assert_eq!(b.top_for_bottom(10, 4, true), 2);
        assert_eq!(b.top_for_bottom(10, 6, true), 0);
        // A line taller than the area is still shown (from its start).
        let tall = buffer_of(&[&"y".repeat(100)]);
        assert_eq!(tall.top_for_bottom(10, 3, true), 0);
    }
}
