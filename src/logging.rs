//! Logs go to a file, never to the terminal (the console owns the screen,
//! and command output must stay clean for scripts). `RECON_LOG` sets the
//! filter (default `info`).

use std::path::{Path, PathBuf};

/// `<XDG state dir>/recon/recon.log`.
pub fn default_log_path() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("recon")
        .join("recon.log")
}

/// Starts logging to `path` (or the default). A log file that cannot be
/// opened disables logging rather than failing the command.
pub fn init(path: Option<&Path>) -> Option<()> {
    let path = path.map(Path::to_path_buf).unwrap_or_else(default_log_path);
    let file = open_log(&path).ok()?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("RECON_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init()
        .ok()
}

/// The agent is a daemon: its log goes to stderr (`kubectl logs`) unless
/// `--log-file` says where.
pub fn init_agent(path: Option<&Path>) -> Option<()> {
    if path.is_some() {
        return init(path);
    }
    let filter = tracing_subscriber::EnvFilter::try_from_env("RECON_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::io::stderr)
        .try_init()
        .ok()
}

/// The log file at `path`, opened to append; a new one is created readable
/// by its owner only (0600): it names clusters, apps and identities.
fn open_log(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::open_log;

    #[test]
    fn a_new_log_file_is_readable_by_its_owner_only() -> std::io::Result<()> {
        use std::io::Write;
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("state/recon/recon.log");
        open_log(&path)?.write_all(b"one\n")?;
        open_log(&path)?.write_all(b"two\n")?;
        let mode = std::fs::metadata(&path)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
        assert_eq!(std::fs::read_to_string(&path)?, "one\ntwo\n");
        Ok(())
    }
}
