use super::fixture::{Cache, Origin, ok, sha, write};
use crate::git::GitError;

#[test]
fn resolves_branches_tags_and_shas() {
    let origin = Origin::new();
    let first = origin.commit("main", "first", &[write("a.txt", "1")]);
    let second = origin.commit("main", "second", &[write("a.txt", "2")]);
    origin.branch_from("release", first);
    let tag_object = origin.annotated_tag("v1.0.0", first);
    origin.lightweight_tag("light", second);
    let cache = Cache::new();
    let source = cache.open(&origin);

    assert_eq!(ok(source.resolve("main")).id, sha(second));
    assert_eq!(ok(source.resolve("release")).id, sha(first));
    // Annotated tags are peeled to the commit, not the tag object.
    assert_ne!(tag_object, first);
    assert_eq!(ok(source.resolve("v1.0.0")).id, sha(first));
    assert_eq!(ok(source.resolve("light")).id, sha(second));
    assert_eq!(ok(source.resolve("refs/tags/v1.0.0")).id, sha(first));
    assert_eq!(ok(source.resolve("origin/release")).id, sha(first));

    let full = sha(first);
    assert_eq!(ok(source.resolve(&full)).id, full);
    let resolved = ok(source.resolve(&full[..7]));
    assert_eq!(resolved.id, full);
    assert_eq!(resolved.short, full[..7]);
}

#[test]
fn missing_revision_error_names_it() {
    let origin = Origin::new();
    origin.commit("main", "first", &[write("a.txt", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    for rev in [
        "no-such-branch",
        "deadbeef",
        "0123456789012345678901234567890123456789",
        "",
    ] {
        let err = source.resolve(rev).unwrap_err();
        assert!(
            matches!(err, GitError::RevisionNotFound { .. }),
            "{rev}: {err}"
        );
        assert!(err.to_string().contains(&format!("{rev:?}")), "{err}");
    }
}

#[test]
fn a_tree_sha_is_not_a_revision() {
    let origin = Origin::new();
    let commit = origin.commit("main", "first", &[write("a.txt", "1")]);
    let tree = origin.repo.find_commit(commit).unwrap().tree_id();
    let cache = Cache::new();
    let source = cache.open(&origin);
    assert!(matches!(
        source.resolve(&tree.to_string()),
        Err(GitError::RevisionNotFound { .. })
    ));
}

#[test]
fn ancestry_follows_the_commit_graph() {
    let origin = Origin::new();
    let base = origin.commit("main", "base", &[write("a", "0")]);
    origin.branch_from("side", base);
    let side = origin.commit("side", "side", &[write("b", "1")]);
    let main = origin.commit("main", "main", &[write("a", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    assert!(ok(source.is_ancestor(&sha(base), &sha(main))));
    assert!(ok(source.is_ancestor(&sha(base), "side")));
    assert!(!ok(source.is_ancestor(&sha(main), &sha(base))));
    assert!(!ok(source.is_ancestor(&sha(side), &sha(main))));
    assert!(
        !ok(source.is_ancestor(&sha(main), &sha(main))),
        "not its own ancestor"
    );
    assert!(matches!(
        source.is_ancestor("nope", "main"),
        Err(GitError::RevisionNotFound { .. })
    ));
}
