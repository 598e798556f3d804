//! The network code path (smart protocol, advertised HEAD, server-side
//! rejection) against a real `git daemon` serving git:// on 127.0.0.1.

use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::fixture::{Cache, Origin, ok, sha, write};
use crate::git::GitError;

const SIGNATURE: (&str, &str) = ("recon", "recon@example.com");

/// A `git daemon` child process, killed on drop.
struct GitDaemon {
    child: Child,
    port: u16,
}

impl GitDaemon {
    /// Serves every repository under `base` (read and push).
    fn serve(base: &std::path::Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("git")
            .arg("daemon")
            .arg("--listen=127.0.0.1")
            .arg(format!("--port={port}"))
            .arg(format!("--base-path={}", base.display()))
            .args([
                "--export-all",
                "--enable=receive-pack",
                "--informative-errors",
                "--reuseaddr",
            ])
            .arg(base)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let daemon = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "git daemon did not start");
            thread::sleep(Duration::from_millis(20));
        }
        daemon
    }

    fn url(&self, origin: &Origin) -> String {
        format!("git://127.0.0.1:{}/", self.port)
            + &origin.path().file_name().unwrap().to_string_lossy()
    }
}

impl Drop for GitDaemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn served_origin() -> (Origin, GitDaemon) {
    let origin = Origin::with_default_branch("trunk");
    let daemon = GitDaemon::serve(origin.path().parent().unwrap());
    (origin, daemon)
}

#[test]
fn git_protocol_clone_fetch_and_revert() {
    let (origin, daemon) = served_origin();
    let first = origin.commit("trunk", "first", &[write("apps/web/a.yaml", "1")]);
    let cache = Cache::new();
    let source = ok(cache.cache.open(&daemon.url(&origin)));
    assert_eq!(ok(source.resolve("HEAD")).id, sha(first));

    let second = origin.commit("trunk", "second", &[write("apps/web/a.yaml", "2")]);
    ok(source.fetch());
    assert_eq!(ok(source.resolve("trunk")).id, sha(second));

    let outcome = ok(source.revert_path_to(
        "trunk",
        &sha(first),
        "apps/web",
        Some(&sha(second)),
        SIGNATURE,
        "",
    ));
    assert_eq!(origin.head("trunk").map(sha), Some(outcome.commit.clone()));
    let pushed = origin.head("trunk").unwrap();
    assert_eq!(
        origin.entry_id(pushed, "apps/web"),
        origin.entry_id(first, "apps/web")
    );
}

#[test]
fn server_side_rejection_is_a_push_error() {
    let (origin, daemon) = served_origin();
    let first = origin.commit("trunk", "first", &[write("apps/web/a.yaml", "1")]);
    let second = origin.commit("trunk", "second", &[write("apps/web/a.yaml", "2")]);
    let hook = origin.path().join("hooks").join("pre-receive");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho 'trunk is protected' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();

    let cache = Cache::new();
    let source = ok(cache.cache.open(&daemon.url(&origin)));
    let err = source
        .revert_path_to("trunk", &sha(first), "apps/web", None, SIGNATURE, "")
        .unwrap_err();
    assert!(matches!(err, GitError::Push { .. }), "{err}");
    assert!(err.to_string().contains("refs/heads/trunk"), "{err}");
    assert_eq!(origin.head("trunk"), Some(second));
}
