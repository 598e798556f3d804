//! The demo's progress lines, stamped with the time since it started.

use std::time::Instant;

/// Prints a progress line with the time since the demo started.
pub struct Progress(Instant);

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress {
    pub fn new() -> Self {
        Self(Instant::now())
    }
    pub fn say(&self, line: &str) {
        eprintln!("[{:>5.1}s] {line}", self.0.elapsed().as_secs_f64());
    }
}
