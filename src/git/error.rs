//! The error type of the git module. Every variant that mentions a
//! repository carries its URL already redacted, and libgit2 messages that may
//! echo the raw URL are wrapped in [`RedactedError`] first.

use std::fmt;

use super::url::{redact_text, redact_url};

/// Failure of a Git operation, with the repository, revision and path it
/// concerned so that a log line alone explains what went wrong. A leaf of
/// the error chain: a libgit2 or I/O cause is said in the message (field
/// `cause`, not `source`, so a chain printer does not say it twice).
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot clone {url}: {cause}")]
    Clone { url: String, cause: RedactedError },

    #[error("cannot fetch {url}: {cause}")]
    Fetch { url: String, cause: RedactedError },

    #[error("cannot push to {url}: {cause}")]
    Push { url: String, cause: RedactedError },

    #[error("unsupported repository URL {url}: {reason}")]
    UnsupportedUrl { url: String, reason: String },

    #[error("revision {rev:?} not found in {url}")]
    RevisionNotFound { url: String, rev: String },

    #[error("{rev:?} is not a branch of {url}: only a branch can receive a commit")]
    NotABranch { url: String, rev: String },

    #[error("path {path:?} not found at {rev} in {url}")]
    PathNotFound {
        url: String,
        rev: String,
        path: String,
    },

    #[error("path {path:?} is absolute or leaves the repository root")]
    PathEscapes { path: String },

    #[error("invalid path {path:?}: {reason}")]
    InvalidPath { path: String, reason: String },

    #[error("symlink {path:?} points outside the repository ({target:?})")]
    SymlinkEscapes { path: String, target: String },

    #[error("symlink {path:?} points to {target:?}, which does not exist")]
    DanglingSymlink { path: String, target: String },

    #[error("symlink {path:?} is part of a loop or a chain that is too long")]
    SymlinkLoop { path: String },

    #[error("file {path:?} is {size} bytes, over the limit of {limit} bytes")]
    FileTooLarge { path: String, size: u64, limit: u64 },

    #[error("files under {path:?} exceed the total limit of {limit} bytes")]
    TotalTooLarge { path: String, limit: u64 },

    #[error("branch {branch:?} moved: expected {expected}, found {found}")]
    BranchMoved {
        branch: String,
        expected: String,
        found: String,
    },

    #[error("nothing to revert: {path:?} on {branch:?} already matches {target}")]
    NothingToRevert {
        branch: String,
        path: String,
        target: String,
    },

    #[error("{context}: {cause}")]
    Git { context: String, cause: git2::Error },

    #[error("{context}: {cause}")]
    Io {
        context: String,
        cause: std::io::Error,
    },
}

impl GitError {
    /// Wraps a local (non-network) libgit2 failure with what we were doing.
    pub(crate) fn git(context: impl Into<String>, cause: git2::Error) -> Self {
        GitError::Git {
            context: context.into(),
            cause,
        }
    }

    pub(crate) fn io(context: impl Into<String>, cause: std::io::Error) -> Self {
        GitError::Io {
            context: context.into(),
            cause,
        }
    }
}

/// A libgit2 error whose message has been scrubbed of the repository URL and
/// its secret. Network errors keep their class and code so callers can still
/// tell, e.g., an authentication failure from a missing host.
#[derive(Debug, Clone)]
pub struct RedactedError {
    message: String,
    code: git2::ErrorCode,
    class: git2::ErrorClass,
}

impl RedactedError {
    /// Scrubs `raw_url` (as given to libgit2) out of the error message.
    pub(crate) fn new(error: &git2::Error, raw_url: &str) -> Self {
        Self {
            message: redact_text(error.message(), raw_url),
            code: error.code(),
            class: error.class(),
        }
    }

    /// An error raised by recon itself during a network operation.
    pub(crate) fn from_message(message: impl Into<String>, raw_url: &str) -> Self {
        Self {
            message: redact_text(&message.into(), raw_url),
            code: git2::ErrorCode::GenericError,
            class: git2::ErrorClass::None,
        }
    }

    /// The scrubbed libgit2 message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// libgit2's code, e.g. `Auth` or `NotFastForward`, for deciding on retries.
    pub fn code(&self) -> git2::ErrorCode {
        self.code
    }

    /// libgit2's subsystem, e.g. `Net`, `Http` or `Ssh`.
    pub fn class(&self) -> git2::ErrorClass {
        self.class
    }
}

impl fmt::Display for RedactedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RedactedError {}

/// Builders for network errors, so call sites cannot forget the redaction.
pub(crate) fn clone_error(raw_url: &str, error: &git2::Error) -> GitError {
    GitError::Clone {
        url: redact_url(raw_url),
        cause: RedactedError::new(error, raw_url),
    }
}

pub(crate) fn fetch_error(raw_url: &str, error: &git2::Error) -> GitError {
    GitError::Fetch {
        url: redact_url(raw_url),
        cause: RedactedError::new(error, raw_url),
    }
}

pub(crate) fn push_error(raw_url: &str, cause: RedactedError) -> GitError {
    GitError::Push {
        url: redact_url(raw_url),
        cause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_errors_scrub_the_url_echoed_by_libgit2() {
        let raw = "https://bot:tok3n-value@git.example.com/org/repo.git";
        let echoed =
            git2::Error::from_str(&format!("unexpected reply from {raw} (token tok3n-value)"));
        for err in [clone_error(raw, &echoed), fetch_error(raw, &echoed)] {
            let shown = err.to_string();
            assert!(!shown.contains("tok3n"), "{shown}");
            assert!(!format!("{err:?}").contains("tok3n"), "{err:?}");
            assert!(
                shown.contains("https://bot:***@git.example.com/org/repo.git"),
                "{shown}"
            );
        }
        let pushed = push_error(
            raw,
            RedactedError::from_message(format!("{raw} rejected"), raw),
        );
        assert!(!pushed.to_string().contains("tok3n"), "{pushed}");
    }
}
