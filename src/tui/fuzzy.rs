//! The `/` filter: nucleo's fuzzy matcher (as helix uses it) over the
//! fields of a row. Each whitespace-separated term must match, case
//! ignored; `'term` matches exactly, `^term` at the start, `term$` at the
//! end and `!term` excludes (nucleo's pattern syntax). A match has a score,
//! so the best rows come first, and the matched characters of each field,
//! so the table can highlight them.

use std::ops::Range;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A query compiled once and matched against many rows.
pub struct Filter {
    pattern: Pattern,
    matcher: Matcher,
    chars: Vec<char>,
    bytes: Vec<u8>,
    indices: Vec<u32>,
    spans: Vec<Range<usize>>,
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
            spans: Vec::new(),
        })
    }

    /// The fields joined by single spaces, as `chars`; each field's span.
    fn load(&mut self, fields: &[&str]) {
        self.chars.clear();
        self.spans.clear();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.chars.push(' ');
            }
            let start = self.chars.len();
            self.chars.extend(field.chars());
            self.spans.push(start..self.chars.len());
        }
    }

    /// As `matches`, the score only: what ranking every row needs (where it
    /// matched is worked out for the rows on screen only).
    pub fn score(&mut self, fields: &[&str]) -> Option<u32> {
        // Most rows are ASCII: nucleo matches bytes much faster than chars.
        if fields.iter().all(|f| f.is_ascii()) {
            self.bytes.clear();
            self.spans.clear();
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    self.bytes.push(b' ');
                }
                let start = self.bytes.len();
                self.bytes.extend_from_slice(field.as_bytes());
                self.spans.push(start..self.bytes.len());
            }
            let (bytes, spans) = (&self.bytes, &self.spans);
            let text = |range: Range<usize>| Utf32Str::Ascii(&bytes[range]);
            return score_row(&self.pattern, &mut self.matcher, spans, text);
        }
        self.load(fields);
        let (chars, spans) = (&self.chars, &self.spans);
        let text = |range: Range<usize>| Utf32Str::Unicode(&chars[range]);
        score_row(&self.pattern, &mut self.matcher, spans, text)
    }

    /// Matches the fields joined by single spaces, so terms may match in
    /// different fields (`prod pay`) and the row's score ranks it.
    pub fn matches(&mut self, fields: &[&str]) -> Option<Match> {
        self.load(fields);
        // Built from chars (never nucleo's grapheme splitting), so every
        // index it returns is a character position. ASCII text must be
        // given to nucleo as ASCII: some of its matchers (`'exact`) find
        // nothing in ASCII text handed over as `Unicode`.
        let ascii = self.chars.iter().all(char::is_ascii);
        if ascii {
            self.bytes.clear();
            self.bytes.extend(self.chars.iter().map(|&c| c as u8));
        }
        let (chars, bytes, spans) = (&self.chars, &self.bytes, &self.spans);
        let text = |range: Range<usize>| {
            if ascii {
                Utf32Str::Ascii(&bytes[range])
            } else {
                Utf32Str::Unicode(&chars[range])
            }
        };
        let score = score_row(&self.pattern, &mut self.matcher, spans, text)?;
        self.indices.clear();
        for atom in self.pattern.atoms.iter().filter(|atom| !atom.negative) {
            // Shown where it was scored: in its best field, or across the
            // row for a term that needs several fields.
            let (_, place) = best_place(atom, &mut self.matcher, spans, text)?;
            indices_at(atom, &mut self.matcher, place, text, &mut self.indices);
        }
        self.indices.sort_unstable();
        self.indices.dedup();
        Some(Match {
            score,
            positions: split_by_field(&self.indices, fields),
        })
    }
}

/// The row's score: the sum of its terms' scores, None if a term is not
/// found or an excluded one is.
fn score_row<'a>(
    pattern: &Pattern,
    matcher: &mut Matcher,
    spans: &[Range<usize>],
    text: impl Fn(Range<usize>) -> Utf32Str<'a> + Copy,
) -> Option<u32> {
    let row = spans.first()?.start..spans.last()?.end;
    let mut score = 0;
    for atom in &pattern.atoms {
        score += if atom.negative {
            // Excluded wherever it appears, across fields too.
            atom.score(text(row.clone()), matcher)?
        } else {
            best_place(atom, matcher, spans, text)?.0
        } as u32;
    }
    Some(score)
}

/// Where a term scored: in one field, or across the row's fields.
#[derive(Clone)]
enum Place {
    Field(Range<usize>),
    Across(Range<usize>),
}

/// Where a term scores best: the field it matches best on its own (the
/// first of equals: cluster, namespace and name before the subject), or,
/// for a term found only across fields (`dpa` in `prod payments`), the
/// whole row. Scoring each field rather than the row keeps nucleo's optimal
/// alignment to a field's few characters instead of the row's hundred, and
/// makes the rank agree with the highlight. Across fields a fuzzy term is
/// aligned greedily (linear, where the optimal alignment over a long row is
/// what made a keystroke slow): such a scattered match ranks below one
/// within a field anyway, and greedy scores never exceed optimal ones.
fn best_place<'a>(
    atom: &Atom,
    matcher: &mut Matcher,
    spans: &[Range<usize>],
    text: impl Fn(Range<usize>) -> Utf32Str<'a>,
) -> Option<(u16, Place)> {
    let mut best: Option<(u16, Place)> = None;
    for span in spans {
        if let Some(score) = atom.score(text(span.clone()), matcher)
            && best.as_ref().is_none_or(|(top, _)| score > *top)
        {
            best = Some((score, Place::Field(span.clone())));
        }
    }
    if best.is_some() {
        return best;
    }
    let row = spans.first()?.start..spans.last()?.end;
    let score = match atom.kind {
        // `atom.score` above has set the matcher's case and normalization
        // to the atom's, which the greedy match then uses too.
        AtomKind::Fuzzy => matcher.fuzzy_match_greedy(text(row.clone()), atom.needle_text()),
        _ => atom.score(text(row.clone()), matcher),
    }?;
    Some((score, Place::Across(row)))
}

/// The term's matched positions in the place it scored.
fn indices_at<'a>(
    atom: &Atom,
    matcher: &mut Matcher,
    place: Place,
    text: impl Fn(Range<usize>) -> Utf32Str<'a>,
    found: &mut Vec<u32>,
) {
    let start = match &place {
        Place::Field(range) | Place::Across(range) => range.start as u32,
    };
    let mut own = Vec::new();
    match place {
        Place::Across(row) if atom.kind == AtomKind::Fuzzy => {
            matcher.fuzzy_indices_greedy(text(row), atom.needle_text(), &mut own);
        }
        Place::Field(range) | Place::Across(range) => {
            atom.indices(text(range), matcher, &mut own);
        }
    }
    found.extend(own.into_iter().map(|i| i + start));
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
    fn a_term_scores_as_in_its_best_field_alone() {
        let alone = score("worker", &["worker"]);
        let among = score("worker", &["web-worker-old", "prod", "worker"]);
        assert!(alone.is_some());
        assert_eq!(among, alone);
    }

    #[test]
    fn a_match_within_a_field_outranks_one_across_fields() {
        let within = score("fleet-c", &["fleet-c", "recon", "payments"]);
        let across = score("fleet-c", &["fleet-a", "recon", "payments"]);
        assert!(across.is_some(), "found across fields too");
        assert!(within > across, "{within:?} vs {across:?}");
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
