//! Errors of the console.

use super::keymap_file::KeymapError;
use super::theme_file::ThemeError;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("terminal I/O failed: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// A panic elsewhere (e.g. a backend task) already restored the
    /// terminal; the console stops rather than draw over the shell.
    #[error("a task panicked (see the message above); the console was closed")]
    Panicked,
}
