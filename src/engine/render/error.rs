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

    /// `searched` says where: `$RECON_HELM=…` or "PATH".
    #[error(
        "helm rendering needs the `helm` binary (v3): none found ({searched}); install it \
         or point RECON_HELM at it"
    )]
    HelmToolMissing { searched: String },

    #[error(
        "{app_path}: no Chart.yaml, so not a Helm chart (render: helm renders the chart at the path)"
    )]
    HelmNotAChart { app_path: String },

    #[error("{app_path}: values file {file:?} is not in the chart directory at this revision")]
    HelmValuesFileMissing { app_path: String, file: String },

    #[error(
        "{app_path}: release name {name:?} is not valid (lowercase letters, digits, `-` and `.`, \
         at most 53 characters, starting and ending with a letter or digit)"
    )]
    HelmReleaseName { app_path: String, name: String },

    /// `file`/`line`/`column` are where helm located the problem, with the
    /// file as a repository path (or `spec.source.helm.values`).
    #[error("{}helm template failed for chart {app_path}: {message}", helm_location(.file, .line, .column))]
    HelmFailed {
        app_path: String,
        file: Option<String>,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },

    #[error(
        "`helm template` for {app_path} printed more than {limit} bytes; refusing output that large"
    )]
    HelmOutputTooLarge { app_path: String, limit: u64 },

    #[error("`helm template` for {app_path} did not finish within {seconds}s and was stopped")]
    HelmTimedOut { app_path: String, seconds: u64 },
}

/// `file:line:column: ` as far as known, for the front of a message.
fn helm_location(file: &Option<String>, line: &Option<usize>, column: &Option<usize>) -> String {
    let Some(file) = file else {
        return String::new();
    };
    match (line, column) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}: "),
        (Some(line), None) => format!("{file}:{line}: "),
        _ => format!("{file}: "),
    }
}
