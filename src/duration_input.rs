//! The one parser of durations typed by people: `--for 30m`, `--interval 3m`
//! and `--timeout 5s` on the command line, and the console's pause dialog.
//! Both use humantime's grammar, so `30m`, `1h30m`, `1h 30m`, `90s`, `2h` and
//! `1d` mean the same everywhere. Nothing here imports another module of the
//! crate, so the TUI may use it without the engine.

use std::time::Duration;

use humantime::DurationError;

const EXAMPLES: &str = "e.g. 30m, 2h, 1h30m, 90s, 1d";

/// Parses `text` (trimmed). Zero is refused: no caller has a use for a
/// zero pause, interval or timeout, and each would silently do nothing.
/// The message names the text and shows examples.
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let duration = parse_allowing_zero(text)?;
    if duration.is_zero() {
        return Err(format!(
            "invalid duration `{text}`: must be longer than zero"
        ));
    }
    Ok(duration)
}

/// As [`parse`], where zero means "not at all" (e.g. `--exit-grace 0s`).
pub fn parse_allowing_zero(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    humantime::parse_duration(text).map_err(|e| explain(text, &e))
}

fn explain(text: &str, error: &DurationError) -> String {
    match error {
        DurationError::Empty => format!("a duration is needed, {EXAMPLES}"),
        DurationError::UnknownUnit { unit, value, .. } if unit.is_empty() => {
            format!("invalid duration `{text}`: `{value}` needs a unit, e.g. {value}m")
        }
        DurationError::UnknownUnit { unit, .. } => {
            format!("invalid duration `{text}`: unknown unit `{unit}` ({EXAMPLES})")
        }
        DurationError::NumberOverflow => format!("invalid duration `{text}`: too long"),
        DurationError::InvalidCharacter(_) | DurationError::NumberExpected(_) => {
            format!("invalid duration `{text}`: use a number and a unit, {EXAMPLES}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_and_cli_forms_parse() {
        let minutes = |m: u64| Ok(Duration::from_secs(m * 60));
        assert_eq!(parse("30m"), minutes(30));
        assert_eq!(parse("1h30m"), minutes(90));
        assert_eq!(parse(" 1h 30m "), minutes(90));
        assert_eq!(parse("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("2h"), minutes(120));
        assert_eq!(parse("1d"), minutes(24 * 60));
    }

    #[test]
    fn bad_input_is_explained() {
        let message = |text| parse(text).err().unwrap_or_default();
        assert!(
            message("30x").contains("unknown unit `x`"),
            "{}",
            message("30x")
        );
        assert!(
            message("30").contains("`30` needs a unit"),
            "{}",
            message("30")
        );
        assert!(message("m").contains("e.g. 30m"), "{}", message("m"));
        assert!(message("").contains("a duration is needed"));
        assert!(message("0m").contains("longer than zero"));
        assert!(message("99999999999999999999h").contains("invalid duration"));
    }
}
