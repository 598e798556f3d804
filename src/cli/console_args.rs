//! The console's own options (also taken by `recon demo`).

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::duration_input::parse_allowing_zero;

#[derive(Debug, Args, Clone, Default)]
pub struct ConsoleArgs {
    /// Open the console read-only: sync, pause and rollback keys are disabled.
    #[arg(long)]
    pub readonly: bool,
    /// Theme: dark, light, high-contrast, or a path to a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Console config file (default: <XDG config>/recon/config.toml): theme,
    /// readonly_contexts, keymap.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// On quitting, or when the terminal goes away (SIGHUP: the SSH session
    /// dropped), how long a sync, rollback or pause still running may take
    /// to finish before it is recorded as interrupted in the audit journal
    /// [default: 60s; 0s: do not wait].
    #[arg(long, value_name = "DURATION", value_parser = parse_allowing_zero)]
    pub exit_grace: Option<Duration>,
}
