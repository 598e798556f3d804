//! Kustomize mode: write the files to a private temp dir and run the kustomize tool there.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use super::documents::parse_stream;
use super::error::RenderError;
use super::object::DesiredObject;
use super::tempdir::TempDir;
use super::tool::{KustomizeTool, run_with_timeout};
use super::{SourceFile, clean_repo_path};

/// Generous, but bounded: remote bases can hang on the network.
const KUSTOMIZE_TIMEOUT: Duration = Duration::from_secs(120);
const TEMP_DIR_PREFIX: &str = "recon-kustomize";
/// The most kustomize output read, like the total a Git read allows
/// (`git::ReadLimits`): remote bases and generators can expand a small
/// checkout into anything.
const MAX_OUTPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Renders `app_path` with the kustomize tool found on `search_path` (a PATH-style list;
/// [`super::render`] passes the process PATH). Blocking: run it on a blocking thread.
pub fn render_kustomize_with_search_path(
    files: &[SourceFile],
    app_path: &str,
    search_path: Option<&OsStr>,
) -> Result<Vec<DesiredObject>, RenderError> {
    let tool = KustomizeTool::find(search_path).ok_or(RenderError::KustomizeToolMissing)?;
    render_with_tool(files, app_path, &tool, TEMP_DIR_PREFIX)
}

fn render_with_tool(
    files: &[SourceFile],
    app_path: &str,
    tool: &KustomizeTool,
    temp_prefix: &str,
) -> Result<Vec<DesiredObject>, RenderError> {
    render_capped(files, app_path, tool, temp_prefix, MAX_OUTPUT_BYTES)
}

fn render_capped(
    files: &[SourceFile],
    app_path: &str,
    tool: &KustomizeTool,
    temp_prefix: &str,
    max_output: u64,
) -> Result<Vec<DesiredObject>, RenderError> {
    let root = clean_repo_path(app_path);
    let app_dir = safe_relative_path(&root).ok_or_else(|| RenderError::UnsafePath {
        file: app_path.to_string(),
    })?;
    let shown_path = if root.is_empty() { "." } else { root.as_str() };
    let command_text = tool.describe(shown_path);

    let checkout = TempDir::create(temp_prefix).map_err(|cause| RenderError::Io {
        context: "creating a temp dir for kustomize".to_string(),
        cause,
    })?;
    materialize(files, checkout.path())?;

    let mut command = tool.command(&checkout.path().join(app_dir));
    command.current_dir(checkout.path());
    let output = run_with_timeout(&mut command, KUSTOMIZE_TIMEOUT, max_output)
        .map_err(|cause| RenderError::Io {
            context: format!("running `{command_text}`"),
            cause,
        })?
        .ok_or_else(|| RenderError::KustomizeTimedOut {
            command: command_text.clone(),
            app_path: shown_path.to_string(),
            seconds: KUSTOMIZE_TIMEOUT.as_secs(),
        })?;

    let stderr = tidy_stderr(&String::from_utf8_lossy(&output.stderr), checkout.path());
    if !output.status.success() {
        return Err(RenderError::KustomizeFailed {
            command: command_text,
            app_path: shown_path.to_string(),
            status: output.status.to_string(),
            stderr,
        });
    }
    if output.stdout_over_limit {
        return Err(RenderError::KustomizeOutputTooLarge {
            command: command_text,
            app_path: shown_path.to_string(),
            limit: max_output,
        });
    }
    if !stderr.is_empty() {
        tracing::debug!(command = %command_text, %stderr, "kustomize printed warnings");
    }
    parse_stream(&format!("kustomize:{shown_path}"), &output.stdout)
}

/// Writes every file below `dir` at its repository path, refusing paths that
/// would escape it (helm mode writes its chart the same way).
pub(super) fn materialize(files: &[SourceFile], dir: &Path) -> Result<(), RenderError> {
    for file in files {
        let relative = safe_relative_path(&clean_repo_path(&file.path))
            .filter(|path| path.components().next().is_some())
            .ok_or_else(|| RenderError::UnsafePath {
                file: file.path.clone(),
            })?;
        let target = dir.join(relative);
        let io_error = |cause| RenderError::Io {
            context: format!("{}: writing to the render temp dir", file.path),
            cause,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        std::fs::write(&target, &file.bytes).map_err(io_error)?;
    }
    Ok(())
}

/// A cleaned repo path as a relative filesystem path, or `None` if any part could
/// climb out (`..`) or is not a plain name (drive prefixes, backslash tricks on Windows).
pub(super) fn safe_relative_path(cleaned: &str) -> Option<PathBuf> {
    let path = PathBuf::from(cleaned);
    path.components()
        .all(|component| matches!(component, Component::Normal(_)))
        .then_some(path)
}

/// Makes tool output readable: paths relative to the repository instead of the temp dir,
/// and no klog headers (`E1122 18:45:46.409225  9473 run.go:72] `) from kubectl.
fn tidy_stderr(stderr: &str, temp_dir: &Path) -> String {
    let temp = temp_dir.to_string_lossy();
    let relative = stderr
        .replace(&format!("{temp}/"), "")
        .replace(temp.as_ref(), ".");
    relative
        .lines()
        .map(strip_klog_header)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn strip_klog_header(line: &str) -> &str {
    let bytes = line.as_bytes();
    let looks_like_klog = bytes.len() > 6
        && matches!(bytes[0], b'I' | b'W' | b'E' | b'F')
        && bytes[1..5].iter().all(u8::is_ascii_digit)
        && bytes[5] == b' ';
    match line.split_once("] ") {
        Some((_header, message)) if looks_like_klog => message,
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// kubectl from PATH, else the one the test bed builds (a fresh machine has none).
    fn real_tool() -> KustomizeTool {
        let path = std::env::var_os("PATH");
        KustomizeTool::find(path.as_deref()).unwrap_or_else(|| {
            let bins = crate::testbed::ensure_built(&mut |l| eprintln!("[testbed] {l}"))
                .expect("build the test bed for its kubectl");
            KustomizeTool::find(Some(bins.dir.as_os_str())).expect("the test bed's kubectl")
        })
    }

    fn leftover_dirs(prefix: &str) -> usize {
        std::fs::read_dir(std::env::temp_dir())
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|entry| entry.file_name().to_string_lossy().starts_with(prefix))
                    .count()
            })
            .unwrap_or_default()
    }

    fn shop_files() -> Vec<SourceFile> {
        vec![
            file(
                "apps/shop/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\
                 namePrefix: dev-\ncommonLabels:\n  team: shop\n\
                 resources:\n- config.yaml\n- ../../base\n",
            ),
            file(
                "apps/shop/config.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n",
            ),
            file("base/kustomization.yaml", "resources:\n- service.yaml\n"),
            file(
                "base/service.yaml",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n",
            ),
            file("unrelated/notes.txt", "ignored"),
        ]
    }

    #[test]
    fn renders_with_real_kubectl_name_prefix_and_labels() {
        let prefix = format!("recon-kz-ok-{}", std::process::id());
        let objects = render_with_tool(&shop_files(), "./apps/shop/", &real_tool(), &prefix)
            .expect("renders");
        let mut names: Vec<_> = objects.iter().filter_map(|o| o.name()).collect();
        names.sort();
        assert_eq!(names, vec!["dev-settings", "dev-web"]);
        for object in &objects {
            assert_eq!(object.source, "kustomize:apps/shop");
            assert_eq!(object.object["metadata"]["labels"]["team"], "shop");
        }
        let indexes: Vec<_> = objects.iter().map(|o| o.doc_index).collect();
        assert_eq!(indexes, vec![0, 1]);
        assert_eq!(leftover_dirs(&prefix), 0, "temp dir must be removed");
    }

    #[test]
    fn tool_failure_includes_trimmed_stderr_and_cleans_up() {
        let prefix = format!("recon-kz-fail-{}", std::process::id());
        let files = vec![file(
            "app/kustomization.yaml",
            "resources:\n- missing.yaml\n",
        )];
        let err = render_with_tool(&files, "app", &real_tool(), &prefix).unwrap_err();
        let RenderError::KustomizeFailed {
            stderr, command, ..
        } = &err
        else {
            panic!("expected KustomizeFailed, got {err:?}");
        };
        assert!(stderr.contains("missing.yaml"), "{stderr}");
        assert_eq!(stderr.trim(), stderr);
        assert!(
            !stderr.contains(&prefix),
            "temp dir leaked into message: {stderr}"
        );
        assert!(command.ends_with(" app"), "{command}");
        assert!(err.to_string().contains("missing.yaml"));
        assert_eq!(
            leftover_dirs(&prefix),
            0,
            "temp dir must be removed on error"
        );
    }

    #[test]
    fn output_over_the_cap_is_refused_naming_the_app_path_and_the_cap() {
        let prefix = format!("recon-kz-cap-{}", std::process::id());
        let err = render_capped(&shop_files(), "apps/shop", &real_tool(), &prefix, 100)
            .expect_err("the shop renders to more than 100 bytes");
        assert!(
            matches!(&err, RenderError::KustomizeOutputTooLarge { app_path, limit: 100, .. } if app_path == "apps/shop"),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains("apps/shop") && message.contains("100 bytes"),
            "{message}"
        );
        assert_eq!(leftover_dirs(&prefix), 0, "temp dir must be removed");
        // The same files under the real cap render.
        assert!(render_with_tool(&shop_files(), "apps/shop", &real_tool(), &prefix).is_ok());
    }

    #[test]
    fn tidy_stderr_strips_temp_dir_and_klog_headers() {
        let temp = Path::new("/tmp/recon-kustomize-1-2-3");
        let raw = "E1122 18:45:46.409225    9473 run.go:72] \"command failed\" err=\"lstat /tmp/recon-kustomize-1-2-3/app/x.yaml\"\n\
                   # Warning: 'commonLabels' is deprecated. [see docs]\n";
        assert_eq!(
            tidy_stderr(raw, temp),
            "\"command failed\" err=\"lstat app/x.yaml\"\n# Warning: 'commonLabels' is deprecated. [see docs]"
        );
    }

    #[test]
    fn missing_tool_error_says_what_to_install() {
        let err =
            render_kustomize_with_search_path(&shop_files(), "apps/shop", Some(OsStr::new("")))
                .unwrap_err();
        assert!(matches!(err, RenderError::KustomizeToolMissing), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains("kubectl") && message.contains("kustomize"),
            "{message}"
        );
        assert!(message.contains("install"), "{message}");
    }

    #[test]
    fn paths_escaping_the_checkout_are_refused() {
        let prefix = format!("recon-kz-unsafe-{}", std::process::id());
        let files = vec![file("../outside.yaml", "x: 1\n")];
        let err = render_with_tool(&files, "app", &real_tool(), &prefix).unwrap_err();
        assert!(matches!(&err, RenderError::UnsafePath { file } if file == "../outside.yaml"));
        let err = render_with_tool(&[], "apps/../..", &real_tool(), &prefix).unwrap_err();
        assert!(matches!(err, RenderError::UnsafePath { .. }), "{err:?}");
        assert_eq!(leftover_dirs(&prefix), 0);
    }
}
