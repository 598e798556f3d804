//! The path history memo never changes an answer: after a linear push, a
//! merge, a force-push to an older commit, a limit, and with a damaged memo
//! file, `path_history` still equals `git log -- PATH`.

use super::fixture::{Cache, Origin, ids, ok, write};

const PATHS: [&str; 3] = ["apps/web", "lib", ""];

fn assert_matches_git(cache: &Cache, origin: &Origin, stage: &str) {
    let source = cache.open(origin);
    ok(source.fetch());
    for path in PATHS {
        let history = ok(source.path_history("main", path, 0));
        assert_eq!(
            ids(&history),
            origin.git_log("main", path),
            "{stage}: path {path:?}"
        );
    }
}

fn memo_files(cache: &Cache, origin: &Origin) -> Vec<std::path::PathBuf> {
    let dir = cache.open(origin).path().join("recon-path-history");
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn the_memo_follows_pushes_merges_and_force_pushes_exactly() {
    let origin = Origin::new();
    let base = origin.commit(
        "main",
        "base",
        &[write("apps/web/a", "0"), write("lib/x", "0")],
    );
    origin.commit("main", "lib", &[write("lib/x", "1")]);
    let cache = Cache::new();
    assert_matches_git(&cache, &origin, "first walk");
    assert_eq!(
        memo_files(&cache, &origin).len(),
        PATHS.len(),
        "one memo per path"
    );
    assert_matches_git(&cache, &origin, "same tip, from the memo");

    origin.commit("main", "web", &[write("apps/web/a", "1")]);
    origin.commit("main", "other", &[write("other/y", "1")]);
    assert_matches_git(&cache, &origin, "linear push extends the memo");

    origin.branch_from("feature", base);
    origin.commit("feature", "web on feature", &[write("apps/web/b", "1")]);
    origin.merge("main", "feature", &[write("apps/web/b", "1")]);
    origin.commit("main", "after merge", &[write("apps/web/a", "2")]);
    assert_matches_git(&cache, &origin, "a merge in the new commits");

    // Force-push main back to the base: the memo's tip is not an ancestor.
    origin.delete_branch("main");
    origin.branch_from("main", base);
    origin.commit("main", "rewritten", &[write("lib/x", "9")]);
    assert_matches_git(&cache, &origin, "force-push");
}

#[test]
fn a_limited_walk_and_a_damaged_memo_still_answer_as_git_does() {
    let origin = Origin::new();
    for i in 0..6 {
        origin.commit(
            "main",
            &format!("web {i}"),
            &[write("apps/web/a", &i.to_string())],
        );
        origin.commit(
            "main",
            &format!("lib {i}"),
            &[write("lib/x", &i.to_string())],
        );
    }
    let cache = Cache::new();
    let source = cache.open(&origin);
    let first_three = ok(source.path_history("main", "apps/web", 3));
    assert_eq!(ids(&first_three), origin.git_log("main", "apps/web")[..3]);
    assert!(
        memo_files(&cache, &origin).is_empty(),
        "a walk cut short by its limit is not the whole history"
    );
    assert_matches_git(&cache, &origin, "full walk");
    let limited = ok(source.path_history("main", "apps/web", 2));
    assert_eq!(
        ids(&limited),
        origin.git_log("main", "apps/web")[..2],
        "limit from the memo"
    );
    for file in memo_files(&cache, &origin) {
        std::fs::write(&file, b"not a memo").expect("damage the memo");
    }
    assert_matches_git(&cache, &origin, "damaged memo");
}
