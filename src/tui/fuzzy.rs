//! The `/` filter: nucleo's fuzzy matcher (as helix uses it) over the
//! fields of a row. Each whitespace-separated term must match, case
//! ignored; `'term` matches exactly, `^term` at the start, `term$` at the
//! end and `!term` excludes (nucleo's pattern syntax). A match has a score,
//! so the best rows come first, and the matched characters of each field,
//! so the table can highlight them.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A query compiled once and matched against many rows.
pub struct Filter {
    pattern: Pattern,
    matcher: Matcher,
    chars: Vec<char>,
    bytes: Vec<u8>,
    indices: Vec<u32>,
}

/// How well a row matched, and where.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Match {
    /// Higher is better.
    pub score: u32,
    /// For each field passed to [`Filter::matches`], the positions (in
    /// characters) of the matched characters, ascending.
    pub positions: Vec<Vec<usize>>,
}

impl Filter {
    /// `None` for a query with no terms: everything matches, unranked.
    pub fn new(query: &str) -> Option<Filter> {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        if pattern.atoms.is_empty() {
            return None;
        }
        let mut config = Config::DEFAULT;
        // Of equal matches, take the one nearest the start: the row's
        // first fields (cluster, namespace, name) before the commit subject,
        // so the highlight lands on the name rather than on a subject that
        // the table may have cut off.
        config.prefer_prefix = true;
        Some(Filter {
            pattern,
            matcher: Matcher::new(config),
            chars: Vec::new(),
            bytes: Vec::new(),
            indices: Vec::new(),
        })
    }

    /// The fields joined by single spaces, as `chars`; each field's span.
    fn load(&mut self, fields: &[&str]) -> Vec<std::ops::Range<usize>> {
        self.chars.clear();
        let mut spans = Vec::with_capacity(fields.len());
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.chars.push(' ');
            }
            let start = self.chars.len();
            self.chars.extend(field.chars());
            spans.push(start..self.chars.len());
        }
        spans
    }

    /// As `matches`, the score only: what ranking every row needs (where it
    /// matched is worked out for the rows on screen only).
    pub fn score(&mut self, fields: &[&str]) -> Option<u32> {
        // Most rows are ASCII: nucleo matches bytes much faster than chars.
        if fields.iter().all(|f| f.is_ascii()) {
            self.bytes.clear();
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    self.bytes.push(b' ');
                }
                self.bytes.extend_from_slice(field.as_bytes());
            }
            return self
                .pattern
                .score(Utf32Str::Ascii(&self.bytes), &mut self.matcher);
        }
        self.load(fields);
        self.pattern
            .score(Utf32Str::Unicode(&self.chars), &mut self.matcher)
    }

    /// Matches the fields joined by single spaces, so terms may match in
    /// different fields (`prod pay`) and the row's score ranks it.
    pub fn matches(&mut self, fields: &[&str]) -> Option<Match> {
        let spans = self.load(fields);
        // Built from chars (never nucleo's grapheme splitting), so every
        // index it returns is a character position. ASCII text must be
        // given to nucleo as ASCII: some of its matchers (`'exact`) find
        // nothing in ASCII text handed over as `Unicode`.
        let ascii = self.chars.iter().all(char::is_ascii);
        if ascii {
            self.bytes.clear();
            self.bytes.extend(self.chars.iter().map(|&c| c as u8));
        }
        let (chars, bytes) = (&self.chars, &self.bytes);
        let text = |range: std::ops::Range<usize>| {
            if ascii {
                Utf32Str::Ascii(&bytes[range])
            } else {
                Utf32Str::Unicode(&chars[range])
            }
        };
        let row = text(0..chars.len());
        let score = self.pattern.score(row, &mut self.matcher)?;
        self.indices.clear();
        for atom in self.pattern.atoms.iter().filter(|atom| !atom.negative) {
            // Highlight each term in the first field that it matches on its
            // own (the name before a commit subject that repeats it); only a
            // term that needs several fields is shown where the row matched.
            let alone = spans.iter().find_map(|span| {
                let mut found = Vec::new();
                let field = text(span.clone());
                atom.indices(field, &mut self.matcher, &mut found)?;
                Some(found.into_iter().map(|i| i + span.start as u32))
            });
            match alone {
                Some(found) => self.indices.extend(found),
                None => {
                    atom.indices(row, &mut self.matcher, &mut self.indices);
                }
            }
        }
        self.indices.sort_unstable();
        self.indices.dedup();
        Some(Match {
            score,
            positions: split_by_field(&self.indices, fields),
        })
    }
}

/// Haystack positions back to positions within each field.
fn split_by_field(indices: &[u32], fields: &[&str]) -> Vec<Vec<usize>> {
    let mut start = 0;
    fields
        .iter()
        .map(|field| {
            let len = field.chars().count();
            let own = indices
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| i >= start && i < start + len)
                .map(|i| i - start)
                .collect();
            start += len + 1;
            own
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, fields: &[&str]) -> Option<u32> {
        Filter::new(query)?.matches(fields).map(|m| m.score)
    }

    #[test]
    fn every_term_must_match_ignoring_case() {
        let row = ["prod", "payments-api"];
        assert!(score("pyapi", &row).is_some());
        assert!(score("PAY", &row).is_some());
        assert!(score("pay prd", &row).is_some());
        assert!(score("ipa", &row).is_none(), "order matters");
        assert!(score("pay zzz", &row).is_none());
        assert!(score("!prod", &row).is_none(), "negation excludes");
        assert!(Filter::new("   ").is_none(), "no terms: no filter");
    }

    #[test]
    fn the_ascii_path_scores_as_the_char_path_does() {
        for (query, row) in [
            ("pyapi", ["prod", "payments-api"]),
            ("wrk", ["staging", "web-worker"]),
            ("'api !zz", ["prod", "api"]),
        ] {
            let mut f = Filter::new(query).expect("a query");
            let by_bytes = f.score(&row);
            let by_chars = f.matches(&row).map(|m| m.score);
            assert_eq!(by_bytes, by_chars, "{query:?} on {row:?}");
        }
    }

    #[test]
    fn closer_matches_score_higher() {
        let exact = score("worker", &["prod", "worker"]);
        let scattered = score("worker", &["prod", "web-orders-kafka-exporter"]);
        assert!(exact > scattered, "{exact:?} vs {scattered:?}");
    }

    #[test]
    fn a_term_is_highlighted_in_the_first_field_it_matches() {
        let found = Filter::new("wrker")
            .and_then(|mut f| f.matches(&["prod", "worker", "raise worker memory"]));
        assert_eq!(
            found.map(|m| m.positions),
            Some(vec![vec![], vec![0, 2, 3, 4, 5], vec![]])
        );
        // Spanning two fields: shown where the row matched.
        let found = Filter::new("dpa").and_then(|mut f| f.matches(&["prod", "payments"]));
        assert_eq!(found.map(|m| m.positions), Some(vec![vec![3], vec![0, 1]]));
    }

    #[test]
    fn positions_are_characters_within_each_field() {
        let found = Filter::new("pay").and_then(|mut f| f.matches(&["prod", "payments"]));
        assert_eq!(
            found.map(|m| m.positions),
            Some(vec![vec![], vec![0, 1, 2]])
        );
        // A multi-byte character before the match does not shift it.
        let found = Filter::new("api").and_then(|mut f| f.matches(&["é", "ä-api"]));
        assert_eq!(
            found.map(|m| m.positions),
            Some(vec![vec![], vec![2, 3, 4]])
        );
    }
}
