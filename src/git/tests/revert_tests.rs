use super::fixture::{Cache, Origin, ok, sha, write};
use crate::git::GitError;

const SIGNATURE: (&str, &str) = ("recon", "recon@example.com");

/// c1: web v1, other v1 — c2: web v2 + new file — c3: other v2 — c4: web v3.
struct History {
    origin: Origin,
    c1: git2::Oid,
    c2: git2::Oid,
    c3: git2::Oid,
    c4: git2::Oid,
}

fn history() -> History {
    let origin = Origin::new();
    let c1 = origin.commit(
        "main",
        "web v1",
        &[
            write("apps/web/deploy.yaml", "v1"),
            write("apps/other/x.yaml", "v1"),
        ],
    );
    let c2 = origin.commit(
        "main",
        "web v2",
        &[
            write("apps/web/deploy.yaml", "v2"),
            write("apps/web/added.yaml", "new"),
        ],
    );
    let c3 = origin.commit("main", "other v2", &[write("apps/other/x.yaml", "v2")]);
    let c4 = origin.commit("main", "web v3", &[write("apps/web/deploy.yaml", "v3")]);
    History {
        origin,
        c1,
        c2,
        c3,
        c4,
    }
}

#[test]
fn revert_restores_the_path_and_pushes() {
    let h = history();
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    let outcome = ok(source.revert_path_to(
        "main",
        &sha(h.c1)[..7],
        "apps/web",
        Some(&sha(h.c4)),
        SIGNATURE,
        "",
    ));
    assert!(outcome.pushed);
    assert_eq!(outcome.previous_head, sha(h.c4));

    // The origin's branch now points to the new commit, on top of c4.
    let pushed = h.origin.head("main").unwrap();
    assert_eq!(sha(pushed), outcome.commit);
    let commit = h.origin.repo.find_commit(pushed).unwrap();
    assert_eq!(commit.parent_ids().collect::<Vec<_>>(), [h.c4]);
    assert_eq!(commit.author().name().ok(), Some("recon"));

    // apps/web equals c1's (added.yaml removed); apps/other keeps c3's v2.
    assert_eq!(
        h.origin.entry_id(pushed, "apps/web"),
        h.origin.entry_id(h.c1, "apps/web")
    );
    assert_eq!(h.origin.entry_id(pushed, "apps/web/added.yaml"), None);
    assert_eq!(
        h.origin.entry_id(pushed, "apps/other"),
        h.origin.entry_id(h.c3, "apps/other")
    );
    assert_ne!(
        h.origin.entry_id(pushed, "apps/other"),
        h.origin.entry_id(h.c1, "apps/other")
    );

    // The default message names the target and the undone commits only.
    let message = commit.message().unwrap();
    assert!(
        message.starts_with(&format!("Revert \"apps/web\" to {}", &sha(h.c1)[..7])),
        "{message}"
    );
    assert!(message.contains(&sha(h.c2)[..7]), "{message}");
    assert!(message.contains(&sha(h.c4)[..7]), "{message}");
    assert!(!message.contains(&sha(h.c3)[..7]), "{message}");

    // The cache sees the pushed commit without another fetch.
    assert_eq!(ok(source.resolve("main")).id, outcome.commit);
}

#[test]
fn revert_removes_a_path_absent_in_the_target_and_keeps_custom_message() {
    let h = history();
    h.origin
        .commit("main", "add cache", &[write("apps/cache/c.yaml", "c")]);
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    let outcome = ok(source.revert_path_to(
        "main",
        &sha(h.c4),
        "apps/cache",
        None,
        SIGNATURE,
        "Roll back cache",
    ));
    let pushed = h.origin.head("main").unwrap();
    assert_eq!(sha(pushed), outcome.commit);
    assert_eq!(h.origin.entry_id(pushed, "apps/cache"), None);
    assert_eq!(
        h.origin.entry_id(pushed, "apps/web"),
        h.origin.entry_id(h.c4, "apps/web")
    );
    let message = h
        .origin
        .repo
        .find_commit(pushed)
        .unwrap()
        .message()
        .unwrap()
        .to_string();
    assert_eq!(message, "Roll back cache");
}

#[test]
fn stale_expected_head_is_refused_and_nothing_is_pushed() {
    let h = history();
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    let err = source
        .revert_path_to(
            "main",
            &sha(h.c1),
            "apps/web",
            Some(&sha(h.c3)),
            SIGNATURE,
            "",
        )
        .unwrap_err();
    match &err {
        GitError::BranchMoved {
            branch,
            expected,
            found,
        } => {
            assert_eq!(branch, "main");
            assert_eq!(expected, &sha(h.c3));
            assert_eq!(found, &sha(h.c4));
        }
        other => panic!("unexpected {other}"),
    }
    assert_eq!(h.origin.head("main"), Some(h.c4));
}

#[test]
fn expected_head_is_checked_after_fetching() {
    let h = history();
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    // Someone pushes after our clone; the user still looks at c4.
    let newer = h
        .origin
        .commit("main", "newer", &[write("apps/web/deploy.yaml", "v4")]);
    let err = source
        .revert_path_to(
            "main",
            &sha(h.c1),
            "apps/web",
            Some(&sha(h.c4)),
            SIGNATURE,
            "",
        )
        .unwrap_err();
    assert!(
        matches!(&err, GitError::BranchMoved { found, .. } if *found == sha(newer)),
        "{err}"
    );
    assert_eq!(h.origin.head("main"), Some(newer));
}

#[test]
fn nothing_to_revert_is_an_error() {
    let h = history();
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    // apps/other at c3 is what main has.
    let err = source
        .revert_path_to("main", &sha(h.c3), "apps/other", None, SIGNATURE, "")
        .unwrap_err();
    assert!(matches!(err, GitError::NothingToRevert { .. }), "{err}");
    assert_eq!(h.origin.head("main"), Some(h.c4));
}

#[test]
fn unknown_branch_target_or_bad_path_is_refused() {
    let h = history();
    h.origin.lightweight_tag("v1", h.c1);
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    // Only a branch can move: tags, shas and unknown names are refused.
    for branch in ["nope", "bad..name", "v1", &sha(h.c4)] {
        let err = source
            .revert_path_to(branch, "main", "apps/web", None, SIGNATURE, "")
            .unwrap_err();
        assert!(
            matches!(err, GitError::NotABranch { .. }),
            "{branch}: {err}"
        );
    }
    let err = source
        .revert_path_to("main", "nope", "apps/web", None, SIGNATURE, "")
        .unwrap_err();
    assert!(matches!(err, GitError::RevisionNotFound { .. }), "{err}");
    let err = source
        .revert_path_to("main", "main", "../x", None, SIGNATURE, "")
        .unwrap_err();
    assert!(matches!(err, GitError::PathEscapes { .. }), "{err}");
    assert_eq!(h.origin.head("main"), Some(h.c4));
    assert_eq!(h.origin.head("v1"), None, "no branch named after the tag");
}

#[test]
fn head_means_the_default_branch() {
    let h = history();
    let cache = Cache::new();
    let source = cache.open(&h.origin);
    let outcome = ok(source.revert_path_to("HEAD", &sha(h.c1), "apps/web", None, SIGNATURE, ""));
    assert_eq!(h.origin.head("main").map(sha), Some(outcome.commit));
    assert_eq!(
        h.origin.head("HEAD"),
        None,
        "no branch literally named HEAD"
    );
}
