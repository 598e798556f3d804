//! Printing an error with its causes, once each.
//!
//! recon's own errors follow one rule: an error that wraps another names
//! only its own part ("app shop/web") and returns the other from
//! `source()`; an error that says its cause in its message (a libgit2 or
//! I/O message) does not also return it from `source()`. So walking the
//! chain repeats nothing, and every place that shows an error to a person
//! (the CLI, the console, the agent's log) prints it through [`chain`].

use std::error::Error;
use std::fmt;

/// "a: b: c": the error's message, then each source's.
pub fn chain(err: &(dyn Error + 'static)) -> String {
    Chain(err).to_string()
}

/// [`chain`] as a `Display`, for log fields (`error = %Chain(&e)`).
pub struct Chain<'a>(pub &'a (dyn Error + 'static));

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("app shop/web")]
    struct Outer {
        #[source]
        source: Inner,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("cannot fetch https://git.example/x: connection refused")]
    struct Inner;

    #[test]
    fn each_part_once_in_order() {
        let err = Outer { source: Inner };
        assert_eq!(
            chain(&err),
            "app shop/web: cannot fetch https://git.example/x: connection refused"
        );
        assert_eq!(chain(&Inner), Inner.to_string());
    }
}
