//! Tiny text helpers shared by every layer (engine, CLI, console, TUI), so
//! each is written once. Nothing here imports another module of the crate.

/// Length of an abbreviated commit id, as `git log --oneline` prints it.
pub const SHORT_SHA_LEN: usize = 7;

/// The first [`SHORT_SHA_LEN`] characters of a commit id. Counted in
/// characters, not bytes: a revision read from a cluster is outside data
/// and may hold anything, and slicing bytes would panic on a multi-byte
/// character.
pub fn short_sha(sha: &str) -> String {
    sha.chars().take(SHORT_SHA_LEN).collect()
}

/// Compact span such as `45s`, `23m`, `1h05m`, `2d3h` (negative is `0s`).
pub fn compact_span(seconds: i64) -> String {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    let seconds = seconds.max(0);
    if seconds < MINUTE {
        format!("{seconds}s")
    } else if seconds < HOUR {
        format!("{}m", seconds / MINUTE)
    } else if seconds < DAY {
        format!("{}h{:02}m", seconds / HOUR, (seconds % HOUR) / MINUTE)
    } else {
        format!("{}d{}h", seconds / DAY, (seconds % DAY) / HOUR)
    }
}

/// Text from Git or a cluster made safe for a terminal: control characters
/// (escape sequences, carriage returns, bells) are shown as `\u{..}` escapes
/// instead of being obeyed.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`printable`] for text of many lines (a unified diff, a patch): line
/// breaks and tabs are kept, every other control character (escape
/// sequences, carriage returns, bells, C1 controls) is escaped.
pub fn printable_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{printable, printable_lines, short_sha};

    #[test]
    fn printable_lines_keeps_line_breaks_and_escapes_the_rest() {
        assert_eq!(printable_lines("a\n\tb\n"), "a\n\tb\n");
        let shown = printable_lines("+  note: x\u{1b}]52;c;aGk=\u{7}\r\n-\u{9b}2J\n");
        assert_eq!(
            shown,
            "+  note: x\\u{1b}]52;c;aGk=\\u{7}\\u{d}\n-\\u{9b}2J\n"
        );
    }

    #[test]
    fn shortens_by_characters() {
        assert_eq!(short_sha("0123456789abcdef"), "0123456");
        assert_eq!(short_sha("abc"), "abc");
        assert_eq!(short_sha(""), "");
        // Byte 7 falls inside `é`: a byte slice would panic here.
        assert_eq!(short_sha("abcdeféghij"), "abcdefé");
    }

    #[test]
    fn printable_defuses_escape_sequences() {
        assert_eq!(printable("plain"), "plain");
        let osc52 = "x\u{1b}]52;c;aGk=\u{7}y";
        let shown = printable(osc52);
        assert!(!shown.chars().any(char::is_control), "{shown}");
        assert!(shown.contains("\\u{1b}"), "{shown}");
    }
}
