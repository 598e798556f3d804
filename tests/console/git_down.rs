//! Git down under an open console: the app keeps showing its drift from the
//! cached clone with a stale mark, and a sync from it takes two `y`s.

use crate::common::*;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_git_down_the_app_shows_the_cache_marked_stale_and_syncs_it_after_two_confirmations() {
    let ns = namespace("e2egitdown", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "v1"));
    repo.commit("settings v1");
    let app = app_for("staging", "down", &ns, &repo, "app").await;
    sync_cli(&app);
    // A new commit the console fetches when the app opens, not yet synced.
    repo.write("app/cm.yaml", configmap("settings", "v2"));
    repo.commit("settings v2");

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    let screen = open_app(&t, &app);
    t.wait_until("the drift to v2", WAIT, |s| s.contains("value: v2"));
    assert!(!screen.contains("Git cannot be fetched"), "{screen}");

    // The Git server goes away; a refresh fails and the app view says so.
    let origin = repo.repo.path().to_path_buf();
    let away = origin.with_extension("unreachable");
    std::fs::rename(&origin, &away).expect("take the repository away");
    t.send(&["R"]);
    let screen = t.wait_until("the stale mark", WAIT, |s| {
        s.contains("⚠ Git unreachable: showing the cache, last fetched")
    });
    assert!(
        screen.contains("value: v2"),
        "the drift from the cache stays shown: {screen}"
    );

    // Sync: the dialog warns, the first `y` only asks again.
    t.send(&["s"]);
    t.wait_until("the stale warning in the dialog", WAIT, |s| {
        s.contains("Git unreachable") && s.contains("twice to sync from the cache")
    });
    t.send(&["y"]);
    t.wait_for("again to sync from the cache", WAIT);
    assert_eq!(
        kget("staging", &ns, "configmap/settings", "{.data.value}"),
        "v1"
    );
    t.send(&["y"]);
    t.wait_until("the sync to finish", WAIT, |s| {
        s.contains("done:") || s.contains("configured")
    });
    let deadline = std::time::Instant::now() + WAIT;
    while kget("staging", &ns, "configmap/settings", "{.data.value}") != "v2" {
        assert!(
            std::time::Instant::now() < deadline,
            "the cached v2 was never applied"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    std::fs::rename(&away, &origin).expect("bring the repository back");
}
