//! A small subsequence matcher for the `/` filter: every whitespace
//! separated term must appear, in order but not necessarily contiguously,
//! inside one word of the haystack, ignoring case. `pay prd` matches
//! `prod payments-api`. Matching within a word (not across the whole row)
//! keeps short terms from matching nearly everything.

pub fn matches(query: &str, haystack: &str) -> bool {
    let words: Vec<Vec<char>> = haystack
        .split_whitespace()
        .map(|word| word.chars().flat_map(char::to_lowercase).collect())
        .collect();
    query
        .split_whitespace()
        .all(|term| words.iter().any(|word| is_subsequence(term, word)))
}

fn is_subsequence(term: &str, haystack: &[char]) -> bool {
    let mut rest = haystack.iter();
    term.chars()
        .flat_map(char::to_lowercase)
        .all(|wanted| rest.any(|&c| c == wanted))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn matches_subsequences_ignoring_case() {
        assert!(matches("pyapi", "prod payments-api"));
        assert!(matches("PAY", "prod payments-api"));
        assert!(matches("pay prd", "prod payments-api"));
        assert!(matches("", "anything"));
        assert!(!matches("ipa", "api"));
        assert!(!matches("pay zzz", "prod payments-api"));
        assert!(!matches("wrker", "prod web frontend checkout banner"));
        assert!(matches("wrker", "prod payments worker"));
    }
}
