//! Paths inside a repository: validation of user input before any object is
//! read, and lexical resolution of symlink targets, both refusing to leave
//! the repository root.

use super::error::GitError;

/// Splits a user-supplied repository path into normal components.
///
/// `""`, `"."` and `"/"`-free relative paths are accepted; `a/../b` is fine
/// (it stays inside), but an absolute path or a `..` that climbs above the
/// root is refused, as is a NUL byte (git paths cannot contain one).
pub(crate) fn split_repo_path(path: &str) -> Result<Vec<&str>, GitError> {
    if path.starts_with('/') || path.starts_with('\\') || has_drive_prefix(path) {
        return Err(GitError::PathEscapes {
            path: path.to_string(),
        });
    }
    if path.contains('\0') {
        return Err(GitError::InvalidPath {
            path: path.escape_default().to_string(),
            reason: "contains a NUL byte".to_string(),
        });
    }
    let mut components = Vec::new();
    for component in path.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                if components.pop().is_none() {
                    return Err(GitError::PathEscapes {
                        path: path.to_string(),
                    });
                }
            }
            normal => components.push(normal),
        }
    }
    Ok(components)
}

/// Resolves a symlink's `target` text relative to `link_dir` (the real
/// directory holding the link). `None` when the target is absolute or climbs
/// above the repository root; also for NUL bytes, which no tree entry has.
pub(crate) fn resolve_link_target(link_dir: &[String], target: &str) -> Option<Vec<String>> {
    if target.starts_with('/') || has_drive_prefix(target) || target.contains('\0') {
        return None;
    }
    let mut resolved = link_dir.to_vec();
    for component in target.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                resolved.pop()?;
            }
            normal => resolved.push(normal.to_string()),
        }
    }
    Some(resolved)
}

/// Joins components into a repository-relative path (`""` for the root).
pub(crate) fn join_components<S: AsRef<str>>(components: &[S]) -> String {
    let mut joined = String::new();
    for component in components {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str(component.as_ref());
    }
    joined
}

/// A tree entry name that would be unsafe to hand to callers as a path
/// component (git's fsck rejects these, but a hostile repository may not).
pub(crate) fn is_unsafe_entry_name(name: &str) -> bool {
    name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0'])
}

/// `C:` style prefixes are absolute on Windows and never valid in a tree.
fn has_drive_prefix(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_relative_paths_and_normalises_them() {
        assert_eq!(split_repo_path("").ok(), Some(vec![]));
        assert_eq!(split_repo_path(".").ok(), Some(vec![]));
        assert_eq!(split_repo_path("./a//b/").ok(), Some(vec!["a", "b"]));
        assert_eq!(split_repo_path("a/../b").ok(), Some(vec!["b"]));
    }

    #[test]
    fn refuses_escaping_and_absolute_paths() {
        for path in ["..", "../x", "a/../../x", "/etc/passwd", "C:/x", "\\x"] {
            assert!(
                matches!(split_repo_path(path), Err(GitError::PathEscapes { .. })),
                "{path} must be refused"
            );
        }
        assert!(matches!(
            split_repo_path("a\0b"),
            Err(GitError::InvalidPath { .. })
        ));
    }

    #[test]
    fn link_targets_resolve_relative_to_their_directory() {
        let dir = vec!["apps".to_string(), "web".to_string()];
        assert_eq!(
            resolve_link_target(&dir, "../shared/base.yaml"),
            Some(vec!["apps".into(), "shared".into(), "base.yaml".into()])
        );
        assert_eq!(resolve_link_target(&dir, "../../x"), Some(vec!["x".into()]));
        assert_eq!(resolve_link_target(&dir, "../../../x"), None);
        assert_eq!(resolve_link_target(&dir, "/etc/passwd"), None);
    }

    #[test]
    fn joins_and_flags_unsafe_names() {
        assert_eq!(join_components(&["a", "b"]), "a/b");
        assert_eq!(join_components::<&str>(&[]), "");
        assert!(is_unsafe_entry_name(".."));
        assert!(is_unsafe_entry_name("a/b"));
        assert!(!is_unsafe_entry_name("kustomization.yaml"));
    }
}
