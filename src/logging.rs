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
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("RECON_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init()
        .ok()
}
