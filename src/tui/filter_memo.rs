//! The last filter results, so typing a query on 10,000 rows does not match
//! every row at each key: a query that extends an earlier one (more
//! characters, another term) can only match rows that one matched, and a
//! backspace returns to a query already answered.

use std::cmp::Reverse;

/// Queries remembered (a typed query and its prefixes, for backspace).
const KEPT: usize = 24;

/// Matched rows of one query: `(score, index into apps)`.
pub type Scored = Vec<(Reverse<u32>, usize)>;

#[derive(Debug, Clone, Default)]
pub struct FilterMemo {
    /// The rows' version and the cluster context the answers hold for.
    key: Option<(u64, Option<String>)>,
    answers: Vec<(String, Scored)>,
}

/// A cache: any two compare equal (it is not part of what a state is).
impl PartialEq for FilterMemo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Whether every row `longer` matches also matches `shorter`: the longer
/// one only adds characters to the last term or adds terms. Not so with a
/// negation (`!x` excludes less as it grows), an anchor at the end (`x$`)
/// or an escape.
fn narrows(shorter: &str, longer: &str) -> bool {
    longer.starts_with(shorter) && !longer.contains(['!', '$', '\\'])
}

pub enum Lookup<'a> {
    /// This very query was answered.
    Answered(&'a Scored),
    /// Only these rows can match it.
    Among(Vec<usize>),
    /// Every row must be tried.
    All,
}

impl FilterMemo {
    pub fn lookup(&mut self, version: u64, context: &Option<String>, query: &str) -> Lookup<'_> {
        let key = Some((version, context.clone()));
        if self.key != key {
            self.key = key;
            self.answers.clear();
            return Lookup::All;
        }
        if let Some(i) = self.answers.iter().position(|(q, _)| q == query) {
            return Lookup::Answered(&self.answers[i].1);
        }
        let best = self
            .answers
            .iter()
            .filter(|(q, _)| narrows(q, query))
            .max_by_key(|(q, _)| q.len());
        match best {
            Some((_, scored)) => Lookup::Among(scored.iter().map(|&(_, i)| i).collect()),
            None => Lookup::All,
        }
    }

    pub fn remember(&mut self, query: &str, scored: &Scored) {
        if self.answers.len() >= KEPT {
            self.answers.remove(0);
        }
        self.answers.push((query.to_string(), scored.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_characters_or_terms_narrow_negations_and_end_anchors_do_not() {
        assert!(narrows("app", "app-01"));
        assert!(narrows("app", "app prod"));
        assert!(!narrows("app", "ap"));
        assert!(!narrows("!pro", "!prod"));
        assert!(!narrows("api$", "api$x"));
        assert!(!narrows("app", "xapp"));
    }

    #[test]
    fn answers_hold_only_for_the_rows_and_context_they_came_from() {
        let mut memo = FilterMemo::default();
        assert!(matches!(memo.lookup(1, &None, "a"), Lookup::All));
        memo.remember("a", &vec![(Reverse(3), 7), (Reverse(1), 9)]);
        assert!(matches!(memo.lookup(1, &None, "a"), Lookup::Answered(s) if s.len() == 2));
        assert!(matches!(memo.lookup(1, &None, "ab"), Lookup::Among(rows) if rows == [7, 9]));
        assert!(
            matches!(memo.lookup(2, &None, "a"), Lookup::All),
            "rows changed"
        );
    }
}
