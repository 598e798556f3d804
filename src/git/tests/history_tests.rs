use super::fixture::{AUTHOR, Cache, Change, EMAIL, Origin, ids, ok, sha, write};
use crate::git::GitError;

/// A linear history mixing changes under and outside the watched paths,
/// mode changes, deletions and re-creations.
fn linear_origin() -> (Origin, Vec<git2::Oid>) {
    let origin = Origin::new();
    let mut commits = vec![origin.commit("main", "init", &[write("README.md", "hi")])];
    for i in 0..30 {
        let text = format!("v{i}");
        let change = match i % 5 {
            0 => write("apps/web/deploy.yaml", &text),
            1 => write("apps/api/deploy.yaml", &text),
            2 => write("apps/web/overlays/prod/patch.yaml", &text),
            3 => write("docs/notes.md", &text),
            _ => write("apps/webapp/x.yaml", &text),
        };
        commits.push(origin.commit("main", &format!("change {i}"), &[change]));
    }
    commits.push(origin.commit(
        "main",
        "make it executable",
        &[Change::Executable("apps/web/deploy.yaml", b"v25")],
    ));
    commits.push(origin.commit("main", "drop web", &[Change::Delete("apps/web")]));
    commits.push(origin.commit("main", "unrelated", &[write("docs/notes.md", "z")]));
    commits.push(origin.commit(
        "main",
        "web is back",
        &[write("apps/web/deploy.yaml", "new")],
    ));
    (origin, commits)
}

#[test]
fn matches_git_log_on_a_linear_history() {
    let (origin, _) = linear_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    for path in [
        "apps/web",
        "apps/web/deploy.yaml",
        "apps/web/overlays",
        "apps",
        "docs",
        "README.md",
        "nothing/here",
        "",
    ] {
        let history = ok(source.path_history("main", path, 0));
        assert_eq!(ids(&history), origin.git_log("main", path), "path {path:?}");
    }
}

#[test]
fn watched_path_excludes_sibling_prefixes_and_respects_the_limit() {
    let (origin, _) = linear_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    let web = ok(source.path_history("main", "apps/web", 0));
    // "apps/webapp" shares the prefix but is another directory.
    assert!(
        web.iter().all(|c| !c.subject.starts_with("change 4")),
        "{web:?}"
    );
    let limited = ok(source.path_history("main", "apps/web", 3));
    assert_eq!(ids(&limited), ids(&web)[..3]);
    // From an older revision only older commits appear.
    let older = &web[2].id;
    let from_older = ok(source.path_history(older, "apps/web", 0));
    assert_eq!(ids(&from_older), ids(&web)[2..]);
}

#[test]
fn commit_info_fields_are_filled() {
    let origin = Origin::new();
    let first = origin.commit("main", "first line\n\nbody text", &[write("a", "1")]);
    let second = origin.commit("main", "second", &[write("a", "2")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    let history = ok(source.path_history("main", "a", 10));
    assert_eq!(ids(&history), [sha(second), sha(first)]);
    let oldest = &history[1];
    assert_eq!(oldest.short, sha(first)[..7]);
    assert_eq!(oldest.author, AUTHOR);
    assert_eq!(oldest.email, EMAIL);
    assert_eq!(oldest.subject, "first line");
    let expected_time = origin
        .repo
        .find_commit(first)
        .unwrap()
        .author()
        .when()
        .seconds();
    assert_eq!(oldest.time.as_second(), expected_time);
    assert!(history[0].time > oldest.time);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let (origin, _) = linear_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    assert!(matches!(
        source.path_history("main", "../x", 0),
        Err(GitError::PathEscapes { .. })
    ));
    assert!(matches!(
        source.path_history("nope", "apps", 0),
        Err(GitError::RevisionNotFound { .. })
    ));
}

#[test]
fn larger_history_matches_git_log() {
    let origin = Origin::new();
    origin.commit("main", "init", &[write("README.md", "hi")]);
    for i in 0..600u32 {
        // Roughly 5% of the commits touch the watched path.
        let path = if i % 20 == 7 {
            format!("clusters/prod/app{}.yaml", i % 3)
        } else {
            format!("noise/dir{}/f{}.txt", i % 11, i % 7)
        };
        origin.commit("main", &format!("c{i}"), &[write(&path, &i.to_string())]);
    }
    let cache = Cache::new();
    let source = cache.open(&origin);
    let history = ok(source.path_history("main", "clusters/prod", 0));
    assert_eq!(history.len(), 30);
    assert_eq!(ids(&history), origin.git_log("main", "clusters/prod"));
}
