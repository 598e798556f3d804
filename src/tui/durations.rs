//! Parsing the pause duration typed by the user and formatting time spans
//! for the tables. Every function takes "now" explicitly: the views never
//! read the clock.

use std::time::Duration;

use jiff::Timestamp;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Parse `30m`, `2h`, `1h30m`, `45s`, `1d`. Empty text is not accepted
/// here; the caller decides what "no duration" means.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let explain = || {
        format!(
            "invalid duration `{text}`: use a number and a unit, e.g. 30m, 2h, 1h30m (units: s, m, h, d)"
        )
    };
    if text.is_empty() {
        return Err(explain());
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(explain()),
        };
        let value: u64 = number.parse().map_err(|_| explain())?;
        total = value
            .checked_mul(unit)
            .and_then(|seconds| total.checked_add(seconds))
            .ok_or_else(explain)?;
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!(
            "invalid duration `{text}`: `{number}` needs a unit, e.g. {number}m"
        ));
    }
    if total == 0 {
        return Err(format!(
            "invalid duration `{text}`: must be longer than zero"
        ));
    }
    Ok(Duration::from_secs(total))
}

/// Compact span such as `45s`, `23m`, `1h05m`, `2d3h`.
pub fn compact(seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds < MINUTE {
        format!("{seconds}s")
    } else if seconds < HOUR {
        format!("{}m", seconds / MINUTE)
    } else if seconds < DAY {
        format!("{}h{:02}m", seconds / HOUR, (seconds % HOUR) / MINUTE)
    } else {
        format!("{}d{}h", seconds / DAY, (seconds % DAY) / HOUR)
    }
}

/// Time left until `until`, rounded up to the minute so a fresh 30m pause
/// reads `30m`; `0m` once expired.
pub fn time_left(until: Timestamp, now: Timestamp) -> String {
    let seconds = until.as_second() - now.as_second();
    if seconds <= 0 {
        return "0m".to_string();
    }
    let minutes = (seconds + MINUTE - 1) / MINUTE;
    compact(minutes * MINUTE)
}

/// How long ago `then` was, at minute resolution: `now`, `5m`, `3h`, `2d`.
pub fn age(then: Timestamp, now: Timestamp) -> String {
    let seconds = now.as_second() - then.as_second();
    if seconds < MINUTE {
        "now".to_string()
    } else if seconds < HOUR {
        format!("{}m", seconds / MINUTE)
    } else if seconds < DAY {
        format!("{}h", seconds / HOUR)
    } else {
        format!("{}d", seconds / DAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn parses_durations() {
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration(" 1h30m "), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("45s"), Ok(Duration::from_secs(45)));
    }

    #[test]
    fn explains_bad_durations() {
        let bad_unit = parse_duration("30x").err().unwrap_or_default();
        assert!(bad_unit.contains("e.g. 30m, 2h"), "{bad_unit}");
        let no_unit = parse_duration("30").err().unwrap_or_default();
        assert!(no_unit.contains("needs a unit"), "{no_unit}");
        assert!(parse_duration("0m").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
    }

    #[test]
    fn formats_time_left_and_age() {
        assert_eq!(time_left(at(1800), at(0)), "30m");
        assert_eq!(time_left(at(1381), at(0)), "24m");
        assert_eq!(time_left(at(3900), at(0)), "1h05m");
        assert_eq!(time_left(at(0), at(10)), "0m");
        assert_eq!(age(at(0), at(59)), "now");
        assert_eq!(age(at(0), at(300)), "5m");
        assert_eq!(age(at(0), at(3 * 3600 + 5)), "3h");
        assert_eq!(age(at(0), at(2 * 86_400)), "2d");
    }
}
