use super::fixture::{Cache, Origin, ok, sha, write};
use crate::git::GitError;

#[test]
fn diff_is_limited_to_the_path() {
    let origin = Origin::new();
    origin.commit(
        "main",
        "base",
        &[
            write("apps/web/deploy.yaml", "replicas: 1\nimage: web:1\n"),
            write("apps/api/deploy.yaml", "replicas: 1\n"),
        ],
    );
    let change = origin.commit(
        "main",
        "scale",
        &[
            write("apps/web/deploy.yaml", "replicas: 3\nimage: web:1\n"),
            write("apps/api/deploy.yaml", "replicas: 9\n"),
        ],
    );
    let cache = Cache::new();
    let source = cache.open(&origin);

    let patch = ok(source.commit_diff(&sha(change), "apps/web"));
    assert!(patch.contains("--- a/apps/web/deploy.yaml"), "{patch}");
    assert!(patch.contains("+++ b/apps/web/deploy.yaml"), "{patch}");
    assert!(patch.contains("\n-replicas: 1\n"), "{patch}");
    assert!(patch.contains("\n+replicas: 3\n"), "{patch}");
    assert!(patch.contains("\n image: web:1\n"), "{patch}");
    assert!(!patch.contains("apps/api"), "{patch}");
    assert!(!patch.contains("replicas: 9"), "{patch}");

    // The whole repository shows both files.
    let everything = ok(source.commit_diff(&sha(change), ""));
    assert!(everything.contains("+replicas: 9"), "{everything}");
    assert!(everything.contains("+replicas: 3"), "{everything}");

    // A path the commit did not touch gives an empty patch.
    assert_eq!(ok(source.commit_diff(&sha(change), "docs")), "");
}

#[test]
fn root_commit_is_diffed_against_the_empty_tree() {
    let origin = Origin::new();
    let root = origin.commit(
        "main",
        "root",
        &[write("a/x.yaml", "one\ntwo\n"), write("b/y", "q\n")],
    );
    let cache = Cache::new();
    let source = cache.open(&origin);
    let patch = ok(source.commit_diff(&sha(root), "a"));
    assert!(patch.contains("new file mode 100644"), "{patch}");
    assert!(patch.contains("+one\n+two\n"), "{patch}");
    assert!(!patch.contains("b/y"), "{patch}");
}

#[test]
fn merge_is_diffed_against_its_first_parent() {
    let origin = Origin::new();
    let base = origin.commit("main", "base", &[write("a", "0\n")]);
    origin.branch_from("side", base);
    origin.commit("side", "side", &[write("a", "side\n")]);
    origin.commit("main", "main", &[write("b", "1\n")]);
    let merge = origin.merge("main", "side", &[write("a", "side\n")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    let patch = ok(source.commit_diff(&sha(merge), ""));
    assert!(patch.contains("-0\n+side\n"), "{patch}");
    assert!(!patch.contains("+++ b/b"), "{patch}");
}

#[test]
fn diff_refuses_escaping_paths() {
    let origin = Origin::new();
    let c = origin.commit("main", "c", &[write("a", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    assert!(matches!(
        source.commit_diff(&sha(c), "../a"),
        Err(GitError::PathEscapes { .. })
    ));
}
