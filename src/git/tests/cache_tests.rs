use std::thread;

use super::fixture::{Cache, Origin, ok, sha, write};
use crate::git::{GitError, RepoCache};

#[test]
fn clone_then_fetch_sees_a_new_commit() {
    let origin = Origin::new();
    let first = origin.commit("main", "first", &[write("a.txt", "1")]);
    let cache = Cache::new();

    let source = cache.open(&origin);
    assert_eq!(ok(source.resolve("main")).id, sha(first));

    let second = origin.commit("main", "second", &[write("a.txt", "2")]);
    assert_eq!(ok(source.resolve("main")).id, sha(first), "no fetch yet");
    ok(source.fetch());
    assert_eq!(ok(source.resolve("main")).id, sha(second));

    // Reopening uses the same clone, which already has the new commit.
    let reopened = cache.open(&origin);
    assert_eq!(reopened.path(), source.path());
    assert_eq!(ok(reopened.resolve("main")).id, sha(second));
}

#[test]
fn fetch_prunes_deleted_branches_and_gets_new_tags() {
    let origin = Origin::new();
    let base = origin.commit("main", "base", &[write("a.txt", "1")]);
    origin.branch_from("feature", base);
    let cache = Cache::new();
    let source = cache.open(&origin);
    assert_eq!(ok(source.resolve("feature")).id, sha(base));

    origin.delete_branch("feature");
    origin.lightweight_tag("v2", base);
    ok(source.fetch());
    assert!(matches!(
        source.resolve("feature"),
        Err(GitError::RevisionNotFound { .. })
    ));
    assert_eq!(ok(source.resolve("v2")).id, sha(base));
}

#[test]
fn head_follows_the_origins_default_branch() {
    let origin = Origin::with_default_branch("trunk");
    let trunk = origin.commit("trunk", "on trunk", &[write("a.txt", "1")]);
    origin.commit("main", "decoy", &[write("b.txt", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    assert_eq!(ok(source.resolve("HEAD")).id, sha(trunk));
}

#[test]
fn concurrent_opens_share_one_clone() {
    let origin = Origin::new();
    let head = origin.commit("main", "first", &[write("a.txt", "1")]);
    let cache = Cache::new();
    let url = origin.url();
    let results: Vec<_> = thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let cache = cache.cache.clone();
                let url = url.clone();
                scope.spawn(move || {
                    let source = cache.open(&url)?;
                    source.fetch()?;
                    Ok::<_, GitError>((source.path().to_path_buf(), source.resolve("main")?.id))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let first_path = results[0].as_ref().unwrap().0.clone();
    for result in results {
        let (path, id) = result.unwrap();
        assert_eq!(path, first_path);
        assert_eq!(id, sha(head));
    }
    // One clone, and no staging directory left behind.
    let entries = std::fs::read_dir(cache.cache.root()).unwrap().count();
    assert_eq!(entries, 1);
}

#[test]
fn plain_local_paths_are_supported() {
    let origin = Origin::new();
    let head = origin.commit("main", "first", &[write("a.txt", "1")]);
    let cache = Cache::new();
    let source = ok(cache.cache.open(origin.path().to_str().unwrap()));
    assert_eq!(ok(source.resolve("main")).id, sha(head));
}

#[test]
fn clone_error_never_shows_the_secret() {
    let cache = Cache::new();
    let err = cache
        .cache
        .open("https://user:secret@127.0.0.1:1/x.git")
        .unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, GitError::Clone { .. }), "{shown}");
    assert!(!shown.contains("secret"), "{shown}");
    assert!(!format!("{err:?}").contains("secret"), "{err:?}");
    assert!(
        shown.contains("https://user:***@127.0.0.1:1/x.git"),
        "{shown}"
    );
    // The failed clone leaves nothing behind, and no directory has the secret.
    let leftovers: Vec<_> = std::fs::read_dir(cache.cache.root())
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unsupported_urls_are_refused() {
    let cache = RepoCache::new(tempfile::tempdir().unwrap().path());
    for url in ["", "ftp://host/x", "  ", "/no/such/local/repo"] {
        assert!(
            matches!(cache.open(url), Err(GitError::UnsupportedUrl { .. })),
            "{url:?}"
        );
    }
}

#[test]
fn default_location_is_under_a_recon_cache_dir() {
    let cache = RepoCache::default_location();
    assert!(cache.root().ends_with("recon/repos"), "{:?}", cache.root());
}

#[test]
fn the_url_is_not_written_into_the_clone() {
    let origin = Origin::new();
    origin.commit("main", "first", &[write("a.txt", "1")]);
    let cache = Cache::new();
    let source = cache.open(&origin);
    ok(source.fetch());
    let needle = origin.path().to_string_lossy().into_owned();
    let mut stack = vec![source.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                assert!(!text.contains(&needle), "{} stores the URL", path.display());
            }
        }
    }
}

#[test]
fn handles_can_move_between_threads() {
    fn assert_send<T: Send>() {}
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send::<crate::git::SourceRepo>();
    assert_send_sync::<RepoCache>();
    assert_send_sync::<GitError>();
}
