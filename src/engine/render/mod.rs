//! Turns an app's files from Git into the list of objects it wants in the cluster.

mod documents;
mod error;
mod helm;
mod helm_stderr;
mod kustomize;
mod object;
mod plain;
mod strict_yaml;
mod tempdir;
mod tool;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use error::RenderError;
pub use helm::{HELM_ENV, HelmOptions};
pub use kustomize::render_kustomize_with_search_path;
pub use object::{DesiredObject, ObjectKey, default_namespace, group_of};

/// One file read from Git.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// How an app's path is turned into objects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenderMode {
    /// Every `*.yaml`/`*.yml` file under the path, recursively.
    #[default]
    Plain,
    /// `kubectl kustomize` (or `kustomize build`) on the path.
    Kustomize,
    /// `helm template` on the chart at the path (`$RECON_HELM`, else `helm` on PATH).
    Helm(HelmOptions),
}

/// Parses a YAML stream (multi-document, Lists expanded) into objects, with
/// errors naming `source` and the line; for input that is not an app's source
/// (`recon health -f`).
pub fn parse_documents(source: &str, text: &str) -> Result<Vec<DesiredObject>, RenderError> {
    documents::parse_stream(source, text.as_bytes())
}

/// Renders the app at `app_path` (relative to the repo root; `""` or `.` is the root).
///
/// `files` may hold more than the app's own folder: plain and helm mode only read
/// files under `app_path`, while kustomize mode materialises every file so that bases
/// elsewhere in the repository (`../../base`) resolve.
pub fn render(
    files: &[SourceFile],
    app_path: &str,
    mode: RenderMode,
) -> Result<Vec<DesiredObject>, RenderError> {
    let objects = match &mode {
        RenderMode::Plain => plain::render_plain(files, app_path)?,
        RenderMode::Kustomize => {
            let search_path = std::env::var_os("PATH");
            render_kustomize_with_search_path(files, app_path, search_path.as_deref())?
        }
        RenderMode::Helm(options) => {
            let helm = helm::find_helm(
                std::env::var_os(HELM_ENV).as_deref(),
                std::env::var_os("PATH").as_deref(),
            )?;
            helm::render_helm(files, app_path, options, &helm)?
        }
    };
    reject_duplicates(&objects)?;
    tracing::debug!(app_path, ?mode, count = objects.len(), "rendered app");
    Ok(objects)
}

fn reject_duplicates(objects: &[DesiredObject]) -> Result<(), RenderError> {
    let mut seen: HashMap<ObjectKey, &DesiredObject> = HashMap::new();
    for object in objects {
        if let Some(first) = seen.insert(object.key(), object) {
            return Err(RenderError::Duplicate {
                key: Box::new(object.key()),
                first: first.location(),
                second: object.location(),
            });
        }
    }
    Ok(())
}

/// Normalises a repo-relative path: no leading `./` or `/`, no trailing `/`, no `.` segments.
fn clean_repo_path(path: &str) -> String {
    path.split('/')
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the cleaned `path` is the cleaned `root` itself (an app path naming a single
/// file) or lies inside it (`""` is the repo root).
fn is_under(path: &str, root: &str) -> bool {
    root.is_empty()
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
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

    #[test]
    fn duplicate_objects_name_both_files() {
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n  namespace: ns\n";
        let files = vec![
            file("app/one.yaml", cm),
            file("app/two.yaml", &format!("---\n{cm}---\n{cm}")),
        ];
        let err = render(&files, "app", RenderMode::Plain).unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, RenderError::Duplicate { .. }), "{err:?}");
        assert!(message.contains("ConfigMap ns/same"), "{message}");
        assert!(message.contains("app/one.yaml (document 1)"), "{message}");
        assert!(message.contains("app/two.yaml (document 1)"), "{message}");
    }

    #[test]
    fn same_name_in_different_namespaces_or_groups_is_not_a_duplicate() {
        let files = vec![file(
            "app/x.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: one}\n---\n\
             apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: two}\n---\n\
             apiVersion: example.com/v1\nkind: ConfigMap\nmetadata: {name: a, namespace: one}\n",
        )];
        let objects = render(&files, "app", RenderMode::Plain).expect("no duplicates");
        assert_eq!(objects.len(), 3);
    }

    #[test]
    fn render_mode_serde_is_lowercase() {
        let json = serde_json::to_string(&RenderMode::Kustomize).expect("serialises");
        assert_eq!(json, "\"kustomize\"");
        let mode: RenderMode = serde_json::from_str("\"plain\"").expect("parses");
        assert_eq!(mode, RenderMode::Plain);
    }

    #[test]
    fn path_helpers() {
        assert_eq!(clean_repo_path("./apps//shop/"), "apps/shop");
        assert_eq!(clean_repo_path("."), "");
        assert!(is_under("apps/shop/a.yaml", "apps/shop"));
        assert!(!is_under("apps/shopping/a.yaml", "apps/shop"));
        assert!(is_under("apps/shop/one.yaml", "apps/shop/one.yaml"));
        assert!(is_under("anything.yaml", ""));
    }
}
