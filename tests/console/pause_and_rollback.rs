//! Pause with a reason and roll back from the history pane.

use crate::common::*;
use crate::support::cli::get_app;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_with_a_reason_and_roll_back_from_the_history_pane() {
    let ns = namespace("e2epause", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("release", "v1"));
    let c1 = repo.commit("release v1");
    repo.write("app/cm.yaml", configmap("release", "v2"));
    repo.commit("release v2");
    let app = app_for("staging", "rel", &ns, &repo, "app").await;
    sync_cli(&app);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    open_app(&t, &app);

    // Pause for 30 minutes, saying why.
    t.send(&["p"]);
    t.wait_for("reason", WAIT);
    t.type_text("30m");
    t.send(&["Tab"]);
    t.type_text("incident 77 investigating");
    t.send(&["Enter"]);
    t.wait_until("paused", WAIT, |s| s.contains("paused by admin"));
    let spec = get_app("staging", &app).await.spec;
    assert!(spec.suspend);
    assert_eq!(
        spec.suspend_reason.as_deref(),
        Some("incident 77 investigating")
    );
    assert_eq!(spec.suspended_by.as_deref(), Some("admin"));
    assert!(spec.suspend_until.is_some());

    // Roll back to the older commit, picked in the history pane.
    t.send(&["Tab"]);
    t.send(&["Tab"]);
    t.send(&["j"]);
    t.send(&["r"]);
    // The dialog's frame is drawn first; "as admin" comes with the plan.
    let screen = t.wait_until("the rollback's plan", WAIT, |s| {
        s.contains("roll back") && s.contains("as admin")
    });
    assert!(screen.contains(&c1[..7]), "{screen}");
    t.send(&["y"]);
    t.wait_for("configured", WAIT);
    assert_eq!(
        kget("staging", &ns, "configmap/release", "{.data.value}"),
        "v1"
    );
    let status = get_app("staging", &app).await.status.expect("status");
    assert_eq!(status.pinned_revision.as_deref(), Some(c1.as_str()));
    assert!(
        status.history[0].result.starts_with("rollback (pin)"),
        "{:?}",
        status.history[0]
    );
    t.send(&["Escape"]);
    let screen = t.wait_until("history marks the pin", WAIT, |s| {
        s.lines().any(|l| l.contains(&c1[..7]) && l.contains('●'))
    });
    assert!(screen.contains("pin"), "{screen}");
}
