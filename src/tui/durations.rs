//! Formatting time spans for the tables (typed durations are parsed by
//! `crate::duration_input`). Every function takes "now" explicitly: the views never
//! read the clock.

use jiff::Timestamp;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Compact span such as `45s`, `23m`, `1h05m`, `2d3h`.
pub fn compact(seconds: i64) -> String {
    crate::text::compact_span(seconds)
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
