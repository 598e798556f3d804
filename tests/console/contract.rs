//! A confirmation is a contract: a commit pushed between the dialog and the
//! key is not applied unseen. The sync is refused, says what changed, and
//! the new plan is shown to confirm again.

use crate::common::*;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_pushed_after_the_confirmation_is_refused_and_the_new_plan_shown() {
    let ns = namespace("contract", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("deal", "v1"));
    repo.commit("deal v1");
    let app = app_for("staging", "deal", &ns, &repo, "app").await;
    sync_cli(&app);
    repo.write("app/cm.yaml", configmap("deal", "v2"));
    let v2 = repo.commit("deal v2");

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    open_app(&t, &app);
    t.send(&["s"]);
    // The dialog's frame is drawn first; "as admin" comes with the plan.
    let screen = t.wait_for("as admin", WAIT);
    assert!(screen.contains(&v2[..7]), "the plan is at v2: {screen}");

    // Someone pushes while the dialog is open.
    repo.write("app/cm.yaml", configmap("deal", "v3-unseen"));
    let v3 = repo.commit("deal v3, pushed while the dialog was open");
    t.send(&["y"]);
    let screen = t.wait_for("the plan changed", WAIT);
    assert!(screen.contains("Git moved"), "says what changed: {screen}");
    assert_eq!(
        kget("staging", &ns, "configmap/deal", "{.data.value}"),
        "v1",
        "nothing was applied"
    );
    let screen = t.wait_until("the new plan", WAIT, |s| {
        s.contains(&v3[..7]) && s.contains("as admin") && s.contains("v3-unseen")
    });
    assert!(screen.contains("dry run"), "the new plan's diff: {screen}");
    t.send(&["y"]);
    t.wait_for("configured", WAIT);
    assert_eq!(
        kget("staging", &ns, "configmap/deal", "{.data.value}"),
        "v3-unseen"
    );
}
