//! Finds the kustomize tool on a search path and runs it with a time limit.

use std::ffi::OsStr;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The program that renders kustomizations: `kubectl kustomize` or `kustomize build`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct KustomizeTool {
    program: PathBuf,
    subcommand: &'static str,
}

impl KustomizeTool {
    /// Looks in `search_path` (a PATH-style list) for kubectl first, then kustomize.
    /// The search path is a parameter so tests can use an empty one without touching
    /// the process environment.
    pub(super) fn find(search_path: Option<&OsStr>) -> Option<KustomizeTool> {
        let search_path = search_path?;
        find_executable("kubectl", search_path)
            .map(|program| KustomizeTool {
                program,
                subcommand: "kustomize",
            })
            .or_else(|| {
                find_executable("kustomize", search_path).map(|program| KustomizeTool {
                    program,
                    subcommand: "build",
                })
            })
    }

    /// A command for `dir`, with no stdin (the tool must never prompt).
    pub(super) fn command(&self, dir: &Path) -> Command {
        let mut command = Command::new(&self.program);
        command.arg(self.subcommand).arg(dir).stdin(Stdio::null());
        command
    }

    /// How the command reads in messages, e.g. `kubectl kustomize apps/shop`.
    pub(super) fn describe(&self, app_path: &str) -> String {
        let program = self
            .program
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{program} {} {app_path}", self.subcommand)
    }
}

pub(super) fn find_executable(name: &str, search_path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(search_path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| candidate_names(name).map(move |file| dir.join(file)))
        .find(|candidate| is_executable(candidate))
}

fn candidate_names(name: &str) -> impl Iterator<Item = String> {
    let windows_name = cfg!(windows).then(|| format!("{name}.exe"));
    std::iter::once(name.to_string()).chain(windows_name)
}

#[cfg(unix)]
pub(super) fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
pub(super) fn is_executable(path: &Path) -> bool {
    path.is_file()
}

pub(super) struct ToolOutput {
    pub status: ExitStatus,
    /// At most the `max_output` bytes given to [`run_with_timeout`].
    pub stdout: Vec<u8>,
    /// The tool wrote more than `max_output` bytes; the rest was discarded.
    pub stdout_over_limit: bool,
    pub stderr: Vec<u8>,
}

/// Stderr only feeds an error message: this much is plenty.
const MAX_STDERR_BYTES: u64 = 64 * 1024;

/// Runs `command`, collecting at most `max_output` bytes of its output;
/// returns `Ok(None)` (after killing it) when it outlives `timeout`, e.g. a
/// remote base that never answers.
pub(super) fn run_with_timeout(
    command: &mut Command,
    timeout: Duration,
    max_output: u64,
) -> io::Result<Option<ToolOutput>> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Both pipes are drained concurrently so a chatty tool cannot block on a full pipe.
    let stdout = drain(child.stdout.take(), max_output);
    let stderr = drain(child.stderr.take(), MAX_STDERR_BYTES);
    let Some(status) = wait_until(&mut child, Instant::now() + timeout)? else {
        // Not joining the readers: a grandchild may still hold the pipes open.
        return Ok(None);
    };
    let (stdout, stdout_over_limit) = join(stdout)?;
    let (stderr, _) = join(stderr)?;
    Ok(Some(ToolOutput {
        status,
        stdout,
        stdout_over_limit,
        stderr,
    }))
}

fn wait_until(child: &mut Child, deadline: Instant) -> io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Reads up to `cap` bytes and discards the rest (so the tool is never
/// blocked on a full pipe, and memory stays bounded); true when there was
/// more than `cap`.
fn drain(
    pipe: Option<impl Read + Send + 'static>,
    cap: u64,
) -> JoinHandle<io::Result<(Vec<u8>, bool)>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let Some(mut pipe) = pipe else {
            return Ok((bytes, false));
        };
        (&mut pipe).take(cap).read_to_end(&mut bytes)?;
        let rest = io::copy(&mut pipe, &mut io::sink())?;
        Ok((bytes, rest > 0))
    })
}

fn join(handle: JoinHandle<io::Result<(Vec<u8>, bool)>>) -> io::Result<(Vec<u8>, bool)> {
    handle
        .join()
        .map_err(|_| io::Error::other("output reader thread panicked"))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_missing_search_path_finds_nothing() {
        assert_eq!(KustomizeTool::find(Some(OsStr::new(""))), None);
        assert_eq!(KustomizeTool::find(None), None);
    }

    #[cfg(unix)]
    #[test]
    fn prefers_kubectl_and_falls_back_to_kustomize() {
        use std::os::unix::fs::PermissionsExt;
        let dir = super::super::tempdir::TempDir::create("recon-tool-test").expect("dir");
        let make_tool = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "#!/bin/sh\n").expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        };
        let search = dir.path().as_os_str().to_owned();
        make_tool("kustomize");
        let tool = KustomizeTool::find(Some(&search)).expect("finds kustomize");
        assert_eq!(tool.describe("app"), "kustomize build app");
        make_tool("kubectl");
        let tool = KustomizeTool::find(Some(&search)).expect("finds kubectl");
        assert_eq!(tool.describe("app"), "kubectl kustomize app");
    }

    #[cfg(unix)]
    #[test]
    fn slow_command_is_killed_at_the_deadline() {
        let started = Instant::now();
        let mut sleep = Command::new("sh");
        sleep.args(["-c", "sleep 5"]);
        let output = run_with_timeout(&mut sleep, Duration::from_millis(200), 1024).expect("runs");
        assert!(output.is_none());
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[cfg(unix)]
    #[test]
    fn collects_stdout_stderr_and_status() {
        let mut echo = Command::new("sh");
        echo.args(["-c", "echo out; echo err >&2; exit 3"]);
        let output = run_with_timeout(&mut echo, Duration::from_secs(10), 1024)
            .expect("runs")
            .expect("finishes");
        assert_eq!(output.stdout, b"out\n");
        assert!(!output.stdout_over_limit);
        assert_eq!(output.stderr, b"err\n");
        assert_eq!(output.status.code(), Some(3));
    }

    #[cfg(unix)]
    #[test]
    fn output_past_the_cap_is_cut_and_flagged_and_the_tool_still_finishes() {
        let mut yes = Command::new("sh");
        yes.args(["-c", "head -c 100000 /dev/zero; exit 0"]);
        let output = run_with_timeout(&mut yes, Duration::from_secs(10), 10)
            .expect("runs")
            .expect("finishes: the rest is read and discarded, never left in the pipe");
        assert_eq!(output.stdout.len(), 10);
        assert!(output.stdout_over_limit);
    }
}
