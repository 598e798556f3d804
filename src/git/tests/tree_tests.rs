use super::fixture::{Cache, Change, Origin, ok, sha, write};
use crate::git::{GitError, ReadLimits, RepoFile};

fn paths(files: &[RepoFile]) -> Vec<&str> {
    files.iter().map(|file| file.path.as_str()).collect()
}

fn manifests_origin() -> (Origin, git2::Oid) {
    let origin = Origin::new();
    let head = origin.commit(
        "main",
        "manifests",
        &[
            write("apps/web/deploy.yaml", "kind: Deployment\n"),
            write("apps/web/overlays/prod/patch.yaml", "replicas: 3\n"),
            write("apps/api/deploy.yaml", "kind: Deployment\n"),
            write("README.md", "readme\n"),
        ],
    );
    (origin, head)
}

#[test]
fn reads_a_directory_recursively() {
    let (origin, head) = manifests_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    let files = ok(source.read_path(&sha(head), "apps/web", &ReadLimits::default()));
    assert_eq!(
        paths(&files),
        ["apps/web/deploy.yaml", "apps/web/overlays/prod/patch.yaml"]
    );
    assert_eq!(files[1].bytes, b"replicas: 3\n");
    // Trailing slash and "./" are the same path.
    let same = ok(source.read_path("main", "./apps/web/", &ReadLimits::default()));
    assert_eq!(same, files);
}

#[test]
fn reads_a_single_file_and_the_root() {
    let (origin, _) = manifests_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    let single = ok(source.read_path("main", "apps/api/deploy.yaml", &ReadLimits::default()));
    assert_eq!(
        single,
        [RepoFile {
            path: "apps/api/deploy.yaml".into(),
            bytes: b"kind: Deployment\n".to_vec()
        }]
    );
    for root in ["", "."] {
        let all = ok(source.read_path("main", root, &ReadLimits::default()));
        assert_eq!(all.len(), 4, "{root:?}");
        assert_eq!(all[0].path, "README.md");
    }
}

#[test]
fn missing_path_is_path_not_found() {
    let (origin, _) = manifests_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    for missing in ["apps/nope", "apps/web/deploy.yaml/x", "README.md/x"] {
        let err = source
            .read_path("main", missing, &ReadLimits::default())
            .unwrap_err();
        match &err {
            GitError::PathNotFound { path, rev, .. } => {
                assert_eq!(path, missing);
                assert_eq!(rev, "main");
            }
            other => panic!("{missing}: unexpected {other}"),
        }
    }
}

#[test]
fn escaping_paths_are_refused_before_reading() {
    let (origin, _) = manifests_origin();
    let cache = Cache::new();
    let source = cache.open(&origin);
    // The revision does not exist: a PathEscapes error proves the path was
    // checked before anything was resolved or read.
    for path in ["..", "../etc", "apps/../../etc/passwd", "/etc/passwd"] {
        let err = source
            .read_path("no-such-rev", path, &ReadLimits::default())
            .unwrap_err();
        assert!(matches!(err, GitError::PathEscapes { .. }), "{path}: {err}");
    }
    // A ".." that stays inside is fine.
    let files = ok(source.read_path("main", "apps/web/../api", &ReadLimits::default()));
    assert_eq!(paths(&files), ["apps/api/deploy.yaml"]);
}

#[test]
fn file_over_the_limit_is_named_with_its_size() {
    let origin = Origin::new();
    let big = vec![b'x'; 2048];
    origin.commit(
        "main",
        "files",
        &[
            write("cfg/small.yaml", "a: 1\n"),
            Change::Write("cfg/big.bin", &big),
        ],
    );
    let cache = Cache::new();
    let source = cache.open(&origin);
    let limits = ReadLimits {
        max_file_bytes: 1024,
        max_total_bytes: 1 << 20,
    };
    let err = source.read_path("main", "cfg", &limits).unwrap_err();
    match &err {
        GitError::FileTooLarge { path, size, limit } => {
            assert_eq!(path, "cfg/big.bin");
            assert_eq!((*size, *limit), (2048, 1024));
        }
        other => panic!("unexpected {other}"),
    }
    assert!(err.to_string().contains("cfg/big.bin"), "{err}");
    // Just under the limit is fine.
    let limits = ReadLimits {
        max_file_bytes: 2048,
        max_total_bytes: 1 << 20,
    };
    assert_eq!(ok(source.read_path("main", "cfg", &limits)).len(), 2);
}

#[test]
fn total_limit_applies_across_files() {
    let origin = Origin::new();
    let chunk = vec![b'y'; 600];
    origin.commit(
        "main",
        "files",
        &[Change::Write("d/a", &chunk), Change::Write("d/b", &chunk)],
    );
    let cache = Cache::new();
    let source = cache.open(&origin);
    let limits = ReadLimits {
        max_file_bytes: 1000,
        max_total_bytes: 1000,
    };
    let err = source.read_path("main", "d", &limits).unwrap_err();
    assert!(
        matches!(err, GitError::TotalTooLarge { limit: 1000, .. }),
        "{err}"
    );
    assert_eq!(ReadLimits::default().max_file_bytes, 4 * 1024 * 1024);
    assert_eq!(ReadLimits::default().max_total_bytes, 64 * 1024 * 1024);
}
