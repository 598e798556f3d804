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

#[cfg(test)]
mod tests {
    use super::short_sha;

    #[test]
    fn shortens_by_characters() {
        assert_eq!(short_sha("0123456789abcdef"), "0123456");
        assert_eq!(short_sha("abc"), "abc");
        assert_eq!(short_sha(""), "");
        // Byte 7 falls inside `é`: a byte slice would panic here.
        assert_eq!(short_sha("abcdeféghij"), "abcdefé");
    }
}
