//! Output the way kubectl users expect: aligned tables with upper-case
//! headers, `-o json|yaml`, ages like `5m` and `3d`.

use serde::Serialize;

/// Prints rows aligned in columns separated by three spaces (kubectl's look).
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    // Cells hold text from Git and clusters: never let it drive the terminal.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| crate::text::printable(c).into_owned())
                .collect()
        })
        .collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                let pad = widths[i] - cell.chars().count() + 3;
                out.push_str(&" ".repeat(pad));
            }
        }
        out.push('\n');
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

pub fn json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

pub fn yaml<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

/// kubectl-style age: 45s, 12m, 5h, 3d, 2y.
pub fn age(since: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let secs = now.as_second().saturating_sub(since.as_second()).max(0);
    match secs {
        s if s < 120 => format!("{s}s"),
        s if s < 2 * 3600 => format!("{}m", s / 60),
        s if s < 2 * 86400 => format!("{}h", s / 3600),
        s if s < 730 * 86400 => format!("{}d", s / 86400),
        s => format!("{}y", s / (365 * 86400)),
    }
}

/// One line on stderr: Git was not reached, and how old the cache is.
pub fn stale_warning(stale: &crate::engine::source::StaleGit) -> String {
    format!(
        "warning: Git cannot be fetched ({}); showing the cached clone ({})",
        stale.error,
        stale.age(jiff::Timestamp::now())
    )
}

/// First 7 characters of a sha, or "-".
pub fn short_sha(sha: Option<&str>) -> String {
    sha.map(crate::text::short_sha)
        .unwrap_or_else(|| "-".into())
}

/// Writes command output to stdout. A closed pipe (`recon get apps | head`)
/// ends the command quietly, as it does for kubectl and git; `print!` would panic.
pub fn write_stdout(text: &[u8]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        // Not eprintln!: stderr may be the same terminal, gone.
        let _ = writeln!(std::io::stderr(), "error: cannot write the output: {e}");
        std::process::exit(2);
    }
}

/// `print!` for command output (see `write_stdout`).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write_stdout(format!($($arg)*).as_bytes()) };
}

/// `println!` for command output (see `write_stdout`).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::write_stdout(format!("{}\n", format_args!($($arg)*)).as_bytes()) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_line_up_with_three_spaces() {
        let t = table(
            &["A", "LONGER"],
            &[
                vec!["xyz".into(), "1".into()],
                vec!["q".into(), "22".into()],
            ],
        );
        assert_eq!(t, "A     LONGER\nxyz   1\nq     22\n");
    }

    #[test]
    fn ages_read_like_kubectl() {
        let now: jiff::Timestamp = "2026-01-10T00:00:00Z".parse().expect("ts");
        let at = |s: &str| s.parse::<jiff::Timestamp>().expect("ts");
        assert_eq!(age(at("2026-01-09T23:59:15Z"), now), "45s");
        assert_eq!(age(at("2026-01-09T23:48:00Z"), now), "12m");
        assert_eq!(age(at("2026-01-09T19:00:00Z"), now), "5h");
        assert_eq!(age(at("2026-01-07T00:00:00Z"), now), "3d");
    }
}
