//! Plain mode: every YAML file under the app path, in path order.

use super::documents::parse_stream;
use super::error::RenderError;
use super::object::DesiredObject;
use super::{SourceFile, clean_repo_path, is_under};

pub(super) fn render_plain(
    files: &[SourceFile],
    app_path: &str,
) -> Result<Vec<DesiredObject>, RenderError> {
    let root = clean_repo_path(app_path);
    let mut selected: Vec<(String, &SourceFile)> = files
        .iter()
        .map(|file| (clean_repo_path(&file.path), file))
        .filter(|(path, _)| is_under(path, &root) && is_yaml(path))
        .collect();
    // Sorting by path keeps output (and so diffs and apply order) stable across checkouts.
    selected.sort_by(|(a, _), (b, _)| a.cmp(b));
    let mut objects = Vec::new();
    for (path, file) in selected {
        objects.extend(parse_stream(&path, &file.bytes)?);
    }
    Ok(objects)
}

fn is_yaml(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
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

    fn config_map(name: &str) -> String {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n")
    }

    #[test]
    fn recursive_and_sorted_by_path_ignoring_other_files_and_apps() {
        let files = vec![
            file("apps/shop/z.yaml", &config_map("z")),
            file("apps/shop/nested/deep/b.yml", &config_map("b")),
            file("apps/shop/a.YAML", &config_map("a")),
            file("apps/shop/README.md", "not: yaml: at: all: ["),
            file("apps/shop/values.json", "{}"),
            file("apps/shopping/x.yaml", &config_map("other-app")),
            file("apps/other/y.yaml", &config_map("other")),
        ];
        let objects = render_plain(&files, "./apps/shop/").expect("renders");
        let names: Vec<_> = objects.iter().filter_map(|o| o.name()).collect();
        assert_eq!(names, vec!["a", "b", "z"]);
        assert_eq!(objects[1].source, "apps/shop/nested/deep/b.yml");
    }

    #[test]
    fn repo_root_app_path_takes_everything() {
        let files = vec![
            file("b.yaml", &config_map("b")),
            file("a/c.yaml", &config_map("c")),
        ];
        for root in ["", ".", "/", "./"] {
            let objects = render_plain(&files, root).expect("renders");
            let names: Vec<_> = objects.iter().filter_map(|o| o.name()).collect();
            assert_eq!(names, vec!["c", "b"], "app path {root:?}");
        }
    }

    #[test]
    fn app_path_may_name_a_single_file() {
        let files = vec![
            file("apps/one.yaml", &config_map("one")),
            file("apps/two.yaml", &config_map("two")),
        ];
        let objects = render_plain(&files, "apps/one.yaml").expect("renders");
        let names: Vec<_> = objects.iter().filter_map(|o| o.name()).collect();
        assert_eq!(names, vec!["one"]);
    }

    #[test]
    fn error_names_the_failing_file() {
        let files = vec![
            file("app/good.yaml", &config_map("ok")),
            file("app/bad.yaml", "apiVersion: v1\nkind: ConfigMap\n"),
        ];
        let message = render_plain(&files, "app").unwrap_err().to_string();
        assert!(
            message.starts_with("app/bad.yaml (document 1)"),
            "{message}"
        );
        assert!(message.contains("metadata.name"), "{message}");
    }

    #[test]
    fn non_utf8_file_is_named() {
        let files = vec![SourceFile {
            path: "app/latin1.yaml".to_string(),
            bytes: vec![b'a', b':', b' ', 0xE9, b'\n'],
        }];
        let err = render_plain(&files, "app").unwrap_err();
        assert!(
            matches!(err, RenderError::NotUtf8 { valid_up_to: 3, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("app/latin1.yaml"), "{err}");
    }
}
