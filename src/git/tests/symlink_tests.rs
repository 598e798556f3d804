use super::fixture::{Cache, Change, Origin, ok, write};
use crate::git::{GitError, ReadLimits};

fn read(origin: &Origin, path: &str) -> Result<Vec<(String, String)>, GitError> {
    let cache = Cache::new();
    let source = cache.open(origin);
    let files = source.read_path("main", path, &ReadLimits::default())?;
    Ok(files
        .into_iter()
        .map(|file| (file.path, String::from_utf8(file.bytes).unwrap()))
        .collect())
}

#[test]
fn symlink_escaping_the_repository_is_refused() {
    for target in ["../../../etc/passwd", "/etc/passwd", "../../.."] {
        let origin = Origin::new();
        origin.commit(
            "main",
            "links",
            &[
                write("apps/web/a.yaml", "a"),
                Change::Symlink("apps/web/evil", target),
            ],
        );
        match read(&origin, "apps/web") {
            Err(GitError::SymlinkEscapes {
                path,
                target: shown,
            }) => {
                assert_eq!(path, "apps/web/evil");
                assert_eq!(shown, target);
            }
            other => panic!("{target}: unexpected {other:?}"),
        }
    }
}

#[test]
fn symlinks_inside_are_followed_for_files_and_directories() {
    let origin = Origin::new();
    origin.commit(
        "main",
        "links",
        &[
            write("shared/base.yaml", "base"),
            write("shared/nested/x.yaml", "x"),
            write("apps/web/own.yaml", "own"),
            Change::Symlink("apps/web/base.yaml", "../../shared/base.yaml"),
            Change::Symlink("apps/web/common", "../../shared"),
        ],
    );
    let files = ok(read(&origin, "apps/web"));
    let expected = [
        ("apps/web/base.yaml", "base"),
        ("apps/web/common/base.yaml", "base"),
        ("apps/web/common/nested/x.yaml", "x"),
        ("apps/web/own.yaml", "own"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect();
    assert_eq!(files, expected);

    // A symlink as the requested path, and one in the middle of it.
    assert_eq!(
        ok(read(&origin, "apps/web/base.yaml")),
        [("apps/web/base.yaml".to_string(), "base".to_string())]
    );
    assert_eq!(
        ok(read(&origin, "apps/web/common/nested/x.yaml")),
        [("apps/web/common/nested/x.yaml".to_string(), "x".to_string())]
    );
}

#[test]
fn symlink_loops_and_dangling_links_are_errors() {
    let origin = Origin::new();
    origin.commit(
        "main",
        "loop",
        &[write("d/a.yaml", "a"), Change::Symlink("d/again", ".")],
    );
    // Caught when the link re-enters its own directory, not after expanding
    // d/again/again/… up to the hop limit.
    match read(&origin, "d") {
        Err(GitError::SymlinkLoop { path }) => assert_eq!(path, "d/again"),
        other => panic!("unexpected {other:?}"),
    }

    let origin = Origin::new();
    origin.commit(
        "main",
        "chain",
        &[Change::Symlink("x/a", "b"), Change::Symlink("x/b", "a")],
    );
    assert!(matches!(
        read(&origin, "x/a"),
        Err(GitError::SymlinkLoop { .. })
    ));

    let origin = Origin::new();
    origin.commit("main", "dangling", &[Change::Symlink("y/a", "missing")]);
    match read(&origin, "y") {
        Err(GitError::DanglingSymlink { path, target }) => {
            assert_eq!((path.as_str(), target.as_str()), ("y/a", "y/missing"));
        }
        other => panic!("unexpected {other:?}"),
    }
}
