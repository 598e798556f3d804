//! YAML rendering and line diffs, as unified text and as structured lines for the TUI.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use similar::{Algorithm, ChangeTag, TextDiff};

/// Past this the diff algorithm approximates instead of searching for a minimal diff.
const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

/// Deterministic YAML for a JSON value (serde_json's map keeps keys sorted).
pub fn yaml_of(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap_or_else(|err| {
        // Unreachable for JSON values in practice; still show something rather than nothing.
        tracing::warn!(error = %err, "YAML serialisation failed; showing JSON instead");
        serde_json::to_string_pretty(v).unwrap_or_default()
    })
}

/// A standard unified diff (`---`/`+++` headers, `@@` hunks); empty when the texts are equal.
pub fn unified_diff(
    old: &str,
    new: &str,
    old_label: &str,
    new_label: &str,
    context: usize,
) -> String {
    line_diff(old, new)
        .unified_diff()
        .context_radius(context)
        .missing_newline_hint(true)
        .header(old_label, new_label)
        .to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffLineKind {
    /// An `@@ -a,b +c,d @@` hunk header.
    Header,
    Context,
    Added,
    Removed,
}

/// One line of a diff. Line numbers are 1-based; headers have neither.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    pub kind: DiffLineKind,
    pub old_line: Option<usize>,
    pub new_line: Option<usize>,
    /// The line without its trailing newline.
    pub text: String,
}

/// The diff as hunks of lines, each hunk led by a header line.
pub fn diff_lines(old: &str, new: &str, context: usize) -> Vec<DiffLine> {
    let diff = line_diff(old, new);
    let mut lines = Vec::new();
    for hunk in diff.unified_diff().context_radius(context).iter_hunks() {
        lines.push(DiffLine {
            kind: DiffLineKind::Header,
            old_line: None,
            new_line: None,
            text: hunk.header().to_string(),
        });
        for change in hunk.iter_changes() {
            let kind = match change.tag() {
                ChangeTag::Equal => DiffLineKind::Context,
                ChangeTag::Insert => DiffLineKind::Added,
                ChangeTag::Delete => DiffLineKind::Removed,
            };
            let text = change.value();
            lines.push(DiffLine {
                kind,
                old_line: change.old_index().map(|index| index + 1),
                new_line: change.new_index().map(|index| index + 1),
                text: text.strip_suffix('\n').unwrap_or(text).to_string(),
            });
        }
    }
    lines
}

/// `(added, removed)` line counts.
pub fn stats(lines: &[DiffLine]) -> (usize, usize) {
    lines
        .iter()
        .fold((0, 0), |(added, removed), line| match line.kind {
            DiffLineKind::Added => (added + 1, removed),
            DiffLineKind::Removed => (added, removed + 1),
            DiffLineKind::Header | DiffLineKind::Context => (added, removed),
        })
}

/// Patience gives readable YAML diffs; the timeout bounds pathological inputs.
fn line_diff<'a>(old: &'a str, new: &'a str) -> TextDiff<'a, 'a, str> {
    TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DIFF_TIMEOUT)
        .diff_lines(old, new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Instant;

    #[test]
    fn yaml_is_deterministic_with_sorted_keys() {
        let value = json!({"b": 1, "a": {"d": [1, "x"], "c": null}});
        assert_eq!(yaml_of(&value), "a:\n  c: null\n  d:\n  - 1\n  - x\nb: 1\n");
    }

    #[test]
    fn unified_diff_has_standard_headers_and_hunks() {
        // Same output as GNU `diff -U1`.
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nB\nc\nd\ne\nf\nG\n";
        let diff = unified_diff(old, new, "live", "desired", 1);
        assert_eq!(
            diff,
            "--- live\n+++ desired\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -6,2 +6,2 @@\n f\n-g\n+G\n"
        );
    }

    #[test]
    fn unified_diff_of_equal_texts_is_empty() {
        assert_eq!(unified_diff("a\n", "a\n", "x", "y", 3), "");
    }

    #[test]
    fn unified_diff_marks_missing_final_newline() {
        let diff = unified_diff("a\n", "a", "old", "new", 3);
        assert!(diff.contains("\\ No newline at end of file"), "{diff}");
    }

    #[test]
    fn diff_lines_carry_line_numbers_and_kinds() {
        let old = "one\ntwo\nthree\n";
        let new = "zero\none\nthree\nfour\n";
        let lines = diff_lines(old, new, 3);
        let summary: Vec<_> = lines
            .iter()
            .map(|l| (l.kind, l.old_line, l.new_line, l.text.as_str()))
            .collect();
        use DiffLineKind::*;
        assert_eq!(
            summary,
            vec![
                (Header, None, None, "@@ -1,3 +1,4 @@"),
                (Added, None, Some(1), "zero"),
                (Context, Some(1), Some(2), "one"),
                (Removed, Some(2), None, "two"),
                (Context, Some(3), Some(3), "three"),
                (Added, None, Some(4), "four"),
            ]
        );
        assert_eq!(stats(&lines), (2, 1));
    }

    #[test]
    fn distant_changes_make_separate_hunks() {
        let old: String = (1..=40).map(|n| format!("line {n}\n")).collect();
        let new = old
            .replace("line 5\n", "line five\n")
            .replace("line 35\n", "line 35b\n");
        let lines = diff_lines(&old, &new, 2);
        let headers: Vec<_> = lines
            .iter()
            .filter(|l| l.kind == DiffLineKind::Header)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(headers, vec!["@@ -3,5 +3,5 @@", "@@ -33,5 +33,5 @@"]);
        let removed = lines.iter().find(|l| l.kind == DiffLineKind::Removed);
        assert_eq!(removed.and_then(|l| l.old_line), Some(5));
    }

    #[test]
    fn two_thousand_line_diff_is_fast() {
        let old: String = (0..2000)
            .map(|n| format!("key{n}: value {}\n", n % 7))
            .collect();
        let new: String = (0..2000)
            .map(|n| match n % 10 {
                0 => format!("key{n}: changed {n}\n"),
                3 => String::new(),
                _ => format!("key{n}: value {}\n", n % 7),
            })
            .collect();
        let started = Instant::now();
        let lines = diff_lines(&old, &new, 3);
        let text = unified_diff(&old, &new, "a", "b", 3);
        let elapsed = started.elapsed();
        assert_eq!(stats(&lines), (200, 400));
        assert!(text.starts_with("--- a\n+++ b\n@@ "));
        assert!(elapsed.as_secs_f64() < 3.0, "took {elapsed:?}");
    }
}
