//! Errors from rendering, each naming the file (and document or line) at fault.
//!
//! Messages never quote manifest values: a broken Secret manifest must not leak its data.

use super::object::ObjectKey;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{file}: not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    NotUtf8 { file: String, valid_up_to: usize },

    /// `line`/`column` are 1-based, as editors show them.
    #[error("{file}:{line}:{column}: invalid YAML: {message}")]
    Yaml {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{file}: invalid YAML: {message}")]
    YamlWithoutLocation { file: String, message: String },

    /// `doc_index` is 0-based; the message shows it 1-based.
    #[error("{file} (document {}): {problem}", .doc_index + 1)]
    InvalidObject {
        file: String,
        doc_index: usize,
        problem: String,
    },

    #[error("duplicate object {key}: defined in {first} and in {second}")]
    Duplicate {
        key: Box<ObjectKey>,
        first: String,
        second: String,
    },

    #[error("{file}: refusing to write a path that leaves the checkout (absolute or `..`)")]
    UnsafePath { file: String },

    /// A leaf: the I/O cause is in the message, not a `source()`, so a
    /// chain printer does not say it twice.
    #[error("{context}: {cause}")]
    Io {
        context: String,
        cause: std::io::Error,
    },

    #[error(
        "kustomize rendering needs `kubectl` (which bundles kustomize) or a standalone \
         `kustomize` binary on PATH; install either one"
    )]
    KustomizeToolMissing,

    #[error("`{command}` failed for {app_path} ({status}): {stderr}")]
    KustomizeFailed {
        command: String,
        app_path: String,
        status: String,
        stderr: String,
    },

    #[error(
        "`{command}` for {app_path} printed more than {limit} bytes; refusing output that large"
    )]
    KustomizeOutputTooLarge {
        command: String,
        app_path: String,
        limit: u64,
    },

    #[error("`{command}` for {app_path} did not finish within {seconds}s and was stopped")]
    KustomizeTimedOut {
        command: String,
        app_path: String,
        seconds: u64,
    },
}
