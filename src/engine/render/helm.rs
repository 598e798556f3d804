//! Helm mode: write the chart to a private temp dir and run `helm template` there.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::documents::parse_stream;
use super::error::RenderError;
use super::helm_stderr::{CHECKOUT_DIR, INLINE_VALUES_FILE, parse_failure};
use super::kustomize::{materialize, safe_relative_path};
use super::object::DesiredObject;
use super::tempdir::TempDir;
use super::tool::{find_executable, is_executable, run_with_timeout};
use super::{SourceFile, clean_repo_path, is_under};

/// A local chart renders in well under a second; this bounds a runaway template.
const HELM_TIMEOUT: Duration = Duration::from_secs(60);
const TEMP_DIR_PREFIX: &str = "recon-helm";
/// Like kustomize's cap: a template loop can expand a small chart into anything.
const MAX_OUTPUT_BYTES: u64 = 64 * 1024 * 1024;
/// The environment variable that names the helm binary, before PATH.
pub const HELM_ENV: &str = "RECON_HELM";
/// helm's own limit on release names.
const MAX_RELEASE_NAME: usize = 53;

/// How to run `helm template` on the chart at the app's path.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HelmOptions {
    pub release_name: String,
    /// `--namespace`: what templates see as `.Release.Namespace`.
    pub namespace: Option<String>,
    /// Relative to the chart directory, applied in order.
    pub value_files: Vec<String>,
    /// Inline values (YAML), applied last.
    pub values: Option<String>,
}

/// Inline values may hold secrets: debug output shows only their size.
impl std::fmt::Debug for HelmOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HelmOptions")
            .field("release_name", &self.release_name)
            .field("namespace", &self.namespace)
            .field("value_files", &self.value_files)
            .field(
                "values",
                &self.values.as_ref().map(|v| format!("<{} bytes>", v.len())),
            )
            .finish()
    }
}

/// The helm binary: `$RECON_HELM` when set, else `helm` on `search_path`.
pub(super) fn find_helm(
    recon_helm: Option<&OsStr>,
    search_path: Option<&OsStr>,
) -> Result<PathBuf, RenderError> {
    if let Some(named) = recon_helm.filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        return if is_executable(&path) {
            Ok(path)
        } else {
            Err(RenderError::HelmToolMissing {
                searched: format!("{HELM_ENV}={} is not an executable file", path.display()),
            })
        };
    }
    search_path
        .and_then(|p| find_executable("helm", p))
        .ok_or_else(|| RenderError::HelmToolMissing {
            searched: format!("{HELM_ENV} is not set and PATH has no `helm`"),
        })
}

/// Renders the chart at `chart_path` with `helm`. Blocking: run it on a blocking thread.
pub(super) fn render_helm(
    files: &[SourceFile],
    chart_path: &str,
    options: &HelmOptions,
    helm: &Path,
) -> Result<Vec<DesiredObject>, RenderError> {
    render_capped(
        files,
        chart_path,
        options,
        helm,
        TEMP_DIR_PREFIX,
        MAX_OUTPUT_BYTES,
    )
}

fn render_capped(
    files: &[SourceFile],
    chart_path: &str,
    options: &HelmOptions,
    helm: &Path,
    temp_prefix: &str,
    max_output: u64,
) -> Result<Vec<DesiredObject>, RenderError> {
    let root = clean_repo_path(chart_path);
    let shown = if root.is_empty() { "." } else { root.as_str() };
    let app_path = || shown.to_string();
    let chart_relative = safe_relative_path(&root).ok_or_else(|| RenderError::UnsafePath {
        file: chart_path.to_string(),
    })?;
    check_release_name(&options.release_name).ok_or_else(|| RenderError::HelmReleaseName {
        app_path: app_path(),
        name: options.release_name.clone(),
    })?;
    // Chart-relative names of the chart's files; only they are written.
    let chart: Vec<(String, &SourceFile)> = files
        .iter()
        .map(|f| (clean_repo_path(&f.path), f))
        .filter(|(path, _)| is_under(path, &root) && *path != root)
        .map(|(path, f)| (inside(&path, &root).to_string(), f))
        .collect();
    if !chart.iter().any(|(path, _)| path == "Chart.yaml") {
        return Err(RenderError::HelmNotAChart {
            app_path: app_path(),
        });
    }
    let value_files = options
        .value_files
        .iter()
        .map(|file| {
            let cleaned = clean_repo_path(file);
            let known = chart.iter().any(|(path, _)| *path == cleaned);
            let safe = safe_relative_path(&cleaned).filter(|_| known && !cleaned.is_empty());
            safe.ok_or_else(|| RenderError::HelmValuesFileMissing {
                app_path: app_path(),
                file: file.clone(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;

    let temp = TempDir::create(temp_prefix).map_err(|cause| RenderError::Io {
        context: "creating a temp dir for helm".to_string(),
        cause,
    })?;
    // At its repository path, so helm's paths read back as the user's.
    let checkout = temp.path().join(CHECKOUT_DIR);
    let chart_files: Vec<SourceFile> = chart.iter().map(|(_, f)| (*f).clone()).collect();
    materialize(&chart_files, &checkout)?;
    let chart_dir = checkout.join(chart_relative);
    let mut args: Vec<OsString> = vec!["template".into(), "--include-crds".into()];
    // Test hooks are never part of a release.
    args.push("--skip-tests".into());
    if let Some(namespace) = &options.namespace {
        args.push(format!("--namespace={namespace}").into());
    }
    for file in &value_files {
        args.push(with_flag("--values=", &chart_dir.join(file)));
    }
    if let Some(values) = &options.values {
        let inline = temp.path().join(INLINE_VALUES_FILE);
        std::fs::write(&inline, values).map_err(|cause| RenderError::Io {
            context: "writing the inline values to the helm temp dir".to_string(),
            cause,
        })?;
        args.push(with_flag("--values=", &inline));
    }
    // `--` first: a release name must never be read as a flag.
    args.extend(["--".into(), options.release_name.clone().into()]);
    args.push(chart_dir.clone().into_os_string());

    let mut command = std::process::Command::new(helm);
    command.args(&args).stdin(std::process::Stdio::null());
    isolate_environment(&mut command, temp.path());
    let output = run_with_timeout(&mut command, HELM_TIMEOUT, max_output)
        .map_err(|cause| RenderError::Io {
            context: format!("running `{} template` for {shown}", helm.display()),
            cause,
        })?
        .ok_or_else(|| RenderError::HelmTimedOut {
            app_path: app_path(),
            seconds: HELM_TIMEOUT.as_secs(),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let failure = parse_failure(&stderr, temp.path(), &root);
        return Err(RenderError::HelmFailed {
            app_path: app_path(),
            file: failure.file,
            line: failure.line,
            column: failure.column,
            message: failure.message,
        });
    }
    if output.stdout_over_limit {
        return Err(RenderError::HelmOutputTooLarge {
            app_path: app_path(),
            limit: max_output,
        });
    }
    parse_rendered(&output.stdout, &root)
}

/// Helm prints each manifest after a `# Source: <chart name>/<file>` line:
/// objects are parsed per template, so every error and location names the
/// template file (as `helm:<repo path>`).
fn parse_rendered(stdout: &[u8], root: &str) -> Result<Vec<DesiredObject>, RenderError> {
    let text = std::str::from_utf8(stdout).map_err(|err| RenderError::NotUtf8 {
        file: format!("helm:{}", if root.is_empty() { "." } else { root }),
        valid_up_to: err.valid_up_to(),
    })?;
    let mut groups: Vec<(String, String)> = Vec::new();
    let mut source = format!("helm:{}", if root.is_empty() { "." } else { root });
    for document in text.split("\n---\n") {
        let document = document.strip_prefix("---\n").unwrap_or(document);
        // A document without the line (a CRD file of several) is its predecessor's.
        let template = document
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# Source: "))
            .map(|helm_path| {
                helm_path
                    .split_once('/')
                    .map_or(helm_path, |(_, rest)| rest)
            });
        if let Some(template) = template {
            source = if root.is_empty() {
                format!("helm:{template}")
            } else {
                format!("helm:{root}/{template}")
            };
        }
        match groups.last_mut() {
            Some((last, text)) if *last == source => {
                text.push_str("---\n");
                text.push_str(document);
                text.push('\n');
            }
            _ => groups.push((source.clone(), format!("{document}\n"))),
        }
    }
    let mut objects = Vec::new();
    for (source, text) in groups {
        objects.extend(parse_stream(&source, text.as_bytes())?);
    }
    Ok(objects)
}

/// Helm finds plugins, repositories and registry logins through its home
/// directories and `HELM_*` variables: none of the user's apply here (a
/// render must not depend on who runs it), and `HELM_DEBUG` would print
/// rendered manifests, Secrets included.
fn isolate_environment(command: &mut std::process::Command, temp: &Path) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("HELM_") {
            command.env_remove(key);
        }
    }
    for (key, dir) in [
        ("HELM_CACHE_HOME", "cache"),
        ("HELM_CONFIG_HOME", "config"),
        ("HELM_DATA_HOME", "data"),
    ] {
        command.env(key, temp.join("home").join(dir));
    }
}

fn with_flag(flag: &str, path: &Path) -> OsString {
    let mut arg = OsString::from(flag);
    arg.push(path);
    arg
}

/// `path` relative to `root` (both cleaned, `path` under `root`).
fn inside<'a>(path: &'a str, root: &str) -> &'a str {
    if root.is_empty() {
        path
    } else {
        path[root.len()..].trim_start_matches('/')
    }
}

/// helm's rule (a DNS-1123 subdomain of at most 53 characters), checked here
/// so the message names the app rather than helm's flag parser.
fn check_release_name(name: &str) -> Option<()> {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    (name.len() <= MAX_RELEASE_NAME && name.split('.').all(label_ok)).then_some(())
}

#[cfg(test)]
#[path = "helm_tests.rs"]
mod tests;
