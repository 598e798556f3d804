//! The compare-and-swap push used by reverts, exercised directly so the
//! origin can move between our fetch and our push.

use git2::{Oid, Signature};

use super::fixture::{Cache, Origin, sha, write};
use crate::git::GitError;
use crate::git::SourceRepo;
use crate::git::push::push_if_unmoved;

/// A commit made in the cache on top of `parent`, not on any branch.
fn commit_in_cache(source: &SourceRepo, parent: Oid) -> Oid {
    let repo = &source.repo;
    let parent = repo.find_commit(parent).unwrap();
    let signature = Signature::now("t", "t@example.com").unwrap();
    let tree = parent.tree().unwrap();
    repo.commit(None, &signature, &signature, "local", &tree, &[&parent])
        .unwrap()
}

#[test]
fn push_lands_when_the_branch_is_where_we_left_it() {
    let origin = Origin::new();
    let c1 = origin.commit("main", "c1", &[write("a", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    let local = commit_in_cache(&source, c1);
    push_if_unmoved(&source, local, "main", c1).unwrap();
    assert_eq!(origin.head("main"), Some(local));
}

#[test]
fn push_is_refused_when_the_origin_moved_after_fetch() {
    let origin = Origin::new();
    let c1 = origin.commit("main", "c1", &[write("a", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    let local = commit_in_cache(&source, c1);
    let c2 = origin.commit("main", "c2", &[write("a", "2")]);

    let err = push_if_unmoved(&source, local, "main", c1).unwrap_err();
    match &err {
        GitError::BranchMoved {
            expected, found, ..
        } => {
            assert_eq!(expected, &sha(c1));
            assert_eq!(found, &sha(c2));
        }
        other => panic!("unexpected {other}"),
    }
    assert_eq!(origin.head("main"), Some(c2));
}

#[test]
fn push_is_refused_when_the_branch_was_deleted() {
    let origin = Origin::new();
    let c1 = origin.commit("main", "c1", &[write("a", "1")]);
    origin.branch_from("release", c1);
    let cache = Cache::new();
    let source = cache.open(&origin);
    let local = commit_in_cache(&source, c1);
    origin.delete_branch("release");
    let err = push_if_unmoved(&source, local, "release", c1).unwrap_err();
    assert!(
        matches!(&err, GitError::BranchMoved { found, .. } if found.contains("deleted")),
        "{err}"
    );
    assert_eq!(origin.head("release"), None);
}

#[test]
fn failed_ref_update_on_the_origin_is_an_error() {
    let origin = Origin::new();
    let c1 = origin.commit("main", "c1", &[write("a", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    let local = commit_in_cache(&source, c1);
    // A held ref lock makes the origin unable to update the branch.
    std::fs::write(origin.path().join("refs/heads/main.lock"), "").unwrap();
    let err = push_if_unmoved(&source, local, "main", c1).unwrap_err();
    assert!(matches!(err, GitError::Push { .. }), "{err}");
    std::fs::remove_file(origin.path().join("refs/heads/main.lock")).unwrap();
    assert_eq!(origin.head("main"), Some(c1));
}
