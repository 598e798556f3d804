//! Small helpers shared by the keymap and theme loaders: parse TOML keeping
//! byte spans so every error can name the line it comes from.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A problem at a line of a TOML file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl LineError {
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        LineError {
            line: line_at(text, offset),
            message: message.into(),
        }
    }
}

/// 1-based line number of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, LineError> {
    DeTable::parse(text).map_err(|err| {
        let offset = err.span().map(|span| span.start).unwrap_or(0);
        LineError::at(text, offset, err.message().trim().to_string())
    })
}

/// A string or an array of strings, each with its span.
pub fn string_list<'a>(
    text: &str,
    value: &'a Spanned<DeValue<'_>>,
) -> Result<Vec<(&'a str, usize)>, LineError> {
    match value.get_ref() {
        DeValue::String(s) => Ok(vec![(s.as_ref(), value.span().start)]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Ok((s.as_ref(), item.span().start)),
                other => Err(LineError::at(
                    text,
                    item.span().start,
                    format!("expected a string, found {}", other.type_str()),
                )),
            })
            .collect(),
        other => Err(LineError::at(
            text,
            value.span().start,
            format!(
                "expected a string or a list of strings, found {}",
                other.type_str()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_from_one() {
        let text = "a = 1\nb = 2\nc = 3\n";
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, 6), 2);
        assert_eq!(line_at(text, 12), 3);
    }

    #[test]
    fn syntax_errors_carry_their_line() {
        let err = parse("a = 1\nb = = 2\n").err();
        assert_eq!(err.map(|e| e.line), Some(2));
    }
}
