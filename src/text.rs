//! Small text helpers every layer shares (they import nothing of recon's).

/// The first seven characters of a commit id, as git abbreviates it. Counts
/// characters, not bytes: the text may come from a cluster and be anything.
pub fn short_sha(sha: &str) -> String {
    sha.chars().take(7).collect()
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
    fn printable_defuses_escape_sequences() {
        assert_eq!(printable("plain"), "plain");
        let osc52 = "x\u{1b}]52;c;aGk=\u{7}y";
        let shown = printable(osc52);
        assert!(!shown.chars().any(char::is_control), "{shown}");
        assert!(shown.contains("\\u{1b}"), "{shown}");
    }

    #[test]
    fn short_sha_is_char_safe() {
        assert_eq!(short_sha("0123456789abcdef"), "0123456");
        assert_eq!(short_sha("ab"), "ab");
        assert_eq!(short_sha("ééééééééé"), "ééééééé");
    }
}
