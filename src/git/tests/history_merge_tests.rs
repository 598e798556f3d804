//! `git log -- PATH` on merges: a merge is shown only when it differs from
//! every parent, and when it equals one parent only that parent is followed
//! (so a side branch whose change to the path was dropped disappears).

use super::fixture::{Cache, Origin, ids, ok, sha, write};

const WATCHED: [&str; 4] = ["apps/web", "apps/api", "apps", "lib"];

fn assert_matches_git(origin: &Origin) {
    let cache = Cache::new();
    let source = cache.open(origin);
    for path in WATCHED.iter().chain(&[""]) {
        let history = ok(source.path_history("main", path, 0));
        assert_eq!(ids(&history), origin.git_log("main", path), "path {path:?}");
    }
}

#[test]
fn merge_taking_the_side_branch_version() {
    let origin = Origin::new();
    let base = origin.commit(
        "main",
        "base",
        &[write("apps/web/a", "0"), write("lib/x", "0")],
    );
    origin.branch_from("feature", base);
    let side = origin.commit("feature", "web on feature", &[write("apps/web/a", "1")]);
    origin.commit("main", "lib on main", &[write("lib/x", "1")]);
    // Result has feature's web and main's lib.
    let merge = origin.merge("main", "feature", &[write("apps/web/a", "1")]);

    let cache = Cache::new();
    let source = cache.open(&origin);
    let web = ok(source.path_history("main", "apps/web", 0));
    // The merge equals its second parent under apps/web: not shown.
    assert_eq!(ids(&web), [sha(side), sha(base)]);
    let all = ok(source.path_history("main", "", 0));
    assert_eq!(all[0].id, sha(merge));
    assert_matches_git(&origin);
}

#[test]
fn merge_resolution_differing_from_both_parents_is_shown() {
    let origin = Origin::new();
    let base = origin.commit("main", "base", &[write("apps/web/a", "0")]);
    origin.branch_from("feature", base);
    let side = origin.commit("feature", "feature edit", &[write("apps/web/a", "feature")]);
    let main_edit = origin.commit("main", "main edit", &[write("apps/web/a", "main")]);
    let merge = origin.merge("main", "feature", &[write("apps/web/a", "resolved")]);

    let cache = Cache::new();
    let source = cache.open(&origin);
    let web = ok(source.path_history("main", "apps/web", 0));
    assert_eq!(
        ids(&web),
        [sha(merge), sha(main_edit), sha(side), sha(base)]
    );
    assert_matches_git(&origin);
}

#[test]
fn side_branch_whose_change_was_dropped_is_pruned() {
    let origin = Origin::new();
    let base = origin.commit("main", "base", &[write("apps/api/a", "0")]);
    origin.branch_from("experiment", base);
    let dropped = origin.commit("experiment", "try api", &[write("apps/api/a", "try")]);
    origin.commit("experiment", "other work", &[write("lib/x", "1")]);
    // Merged keeping main's api: TREESAME to the first parent for apps/api.
    origin.merge("main", "experiment", &[write("apps/api/a", "0")]);

    let cache = Cache::new();
    let source = cache.open(&origin);
    let api = ok(source.path_history("main", "apps/api", 0));
    assert_eq!(ids(&api), [sha(base)]);
    assert!(!ids(&api).contains(&sha(dropped)));
    assert_matches_git(&origin);
}

#[test]
fn criss_cross_and_repeated_merges_match_git() {
    let origin = Origin::new();
    let base = origin.commit(
        "main",
        "base",
        &[write("apps/web/a", "0"), write("apps/api/b", "0")],
    );
    origin.branch_from("f1", base);
    origin.branch_from("f2", base);
    for round in 0..4 {
        let r = round.to_string();
        origin.commit("f1", "f1 web", &[write("apps/web/a", &format!("f1-{r}"))]);
        origin.commit("f2", "f2 api", &[write("apps/api/b", &format!("f2-{r}"))]);
        origin.commit("main", "main lib", &[write("lib/l", &r)]);
        let f1_web = format!("f1-{r}");
        origin.merge("main", "f1", &[write("apps/web/a", &f1_web)]);
        let f2_api = format!("f2-{r}");
        origin.merge("main", "f2", &[write("apps/api/b", &f2_api)]);
        // Bring main back into the feature branches.
        origin.merge(
            "f1",
            "main",
            &[write("apps/api/b", &f2_api), write("lib/l", &r)],
        );
        origin.merge(
            "f2",
            "main",
            &[write("apps/web/a", &f1_web), write("lib/l", &r)],
        );
    }
    assert_matches_git(&origin);
}
