//! A small subsequence matcher for the `/` filter: every whitespace
//! separated term must appear in order (not necessarily contiguously),
//! ignoring case. `pay prd` matches `prod payments-api`.

pub fn matches(query: &str, haystack: &str) -> bool {
    let haystack: Vec<char> = haystack.chars().flat_map(char::to_lowercase).collect();
    query
        .split_whitespace()
        .all(|term| is_subsequence(term, &haystack))
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
    }
}
