//! The real `recon` console in tmux (160x48), as in `tests/bench/console.rs`,
//! and what its kube client's debug log says it asked the API servers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux");
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// A console session; killed on drop.
pub struct Console {
    pub session: String,
}

impl Drop for Console {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", &self.session]);
    }
}

/// Starts the console and returns it with the time until the header counts
/// `want` apps and at least `rows` of them are drawn.
pub fn first_table(
    kubeconfig: &Path,
    home: &Path,
    session: &str,
    log_filter: &str,
    want: usize,
    rows: usize,
) -> (Console, Duration) {
    let var = |k: &str, v: PathBuf| format!("{k}={}", v.display());
    let header = format!("{want} apps");
    let start = Instant::now();
    tmux(&[
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "160",
        "-y",
        "48",
        "env",
        &var("KUBECONFIG", kubeconfig.to_path_buf()),
        &var("XDG_CONFIG_HOME", home.join("config")),
        &var("XDG_STATE_HOME", home.join("state")),
        &var("RECON_CACHE_DIR", home.join("cache")),
        &var("RECON_AUDIT_LOG", home.join("audit.jsonl")),
        &format!("RECON_LOG={log_filter}"),
        env!("CARGO_BIN_EXE_recon"),
        "--log-file",
        &log_path(home, session).display().to_string(),
    ]);
    let console = Console {
        session: session.to_string(),
    };
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        let drawn = screen.lines().filter(|l| l.contains("bench-")).count();
        if screen.contains(&header) && drawn >= rows {
            return (console, start.elapsed());
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the table never filled:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub fn log_path(home: &Path, session: &str) -> PathBuf {
    home.join(format!("{session}.log"))
}

/// Requests to the API servers by kind, as the client stack logs them at debug.
#[derive(Default, Debug)]
pub struct Requests {
    /// (server, group of applications) -> (lists, watches, per-app requests)
    pub apps: BTreeMap<(String, String), (usize, usize, usize)>,
    /// Any other request path (without query) -> count.
    pub other: BTreeMap<String, usize>,
    pub total: usize,
    /// Error answers kube_client logged ("Unsuccessful: Status {.. code: N ..}"), by code.
    pub failed: BTreeMap<u16, usize>,
}

fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let rest = &line[line.find(name)? + name.len()..];
    Some(rest.split([' ', '}']).next().unwrap_or(rest))
}

/// Counts the "requesting" lines of a recon log written with
/// `RECON_LOG=...,recon::cluster::multiplexed=debug`.
pub fn requests(log: &Path) -> Requests {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut r = Requests::default();
    for line in text.lines().filter(|l| l.contains("Unsuccessful: ")) {
        let code = field(line, "code: ").and_then(|c| c.trim_end_matches(',').parse().ok());
        *r.failed.entry(code.unwrap_or(0)).or_default() += 1;
    }
    for line in text.lines().filter(|l| l.ends_with("requesting")) {
        let (Some(method), Some(url)) = (field(line, "http.method="), field(line, "http.url="))
        else {
            continue;
        };
        r.total += 1;
        let (before_query, query) = url.split_once('?').unwrap_or((url, ""));
        let (server, path) = match before_query.find("/api") {
            Some(i) => (&before_query[..i], &before_query[i..]),
            None => (before_query, ""),
        };
        let app_group = ["argoproj.io", "recon.dev"]
            .into_iter()
            .find(|g| path.starts_with(&format!("/apis/{g}/")) && path.contains("/applications"));
        match app_group {
            Some(g) => {
                let e = r
                    .apps
                    .entry((server.to_string(), g.to_string()))
                    .or_default();
                if !path.ends_with("/applications") || method != "GET" {
                    e.2 += 1;
                } else if query.contains("watch=true") || query.contains("watch=1") {
                    e.1 += 1;
                } else {
                    e.0 += 1;
                }
            }
            None => *r.other.entry(format!("{method} {path}")).or_default() += 1,
        }
    }
    r
}
