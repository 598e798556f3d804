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

#[cfg(test)]
mod tests {
    use super::{printable, short_sha};

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
