//! Both clusters, filter, open an app, live drift, sync from the console.

use crate::common::*;
use crate::support::cli::create_app;
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};
use crate::tmux::Tmux;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_clusters_filter_open_live_drift_and_sync_restores_it() {
    let ns = namespace("e2e", &["staging", "prod"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "from-git"));
    repo.commit("settings from git");
    let (s_app, p_app) = (format!("shop-{ns}"), format!("billing-{ns}"));
    create_app(
        "staging",
        &s_app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    create_app(
        "prod",
        &p_app,
        &repo.url(),
        "app",
        &ns,
        serde_json::json!({}),
    )
    .await;
    sync_cli(&s_app);
    sync_cli(&p_app);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    let screen = t.wait_until("both apps", WAIT, |s| {
        s.contains(&s_app) && s.contains(&p_app)
    });
    assert!(
        screen.contains("● staging") && screen.contains("● prod"),
        "{screen}"
    );
    let row = |s: &str, app: &str| {
        s.lines()
            .find(|l| l.contains(app))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        row(&screen, &s_app).contains("staging") && row(&screen, &p_app).contains("prod"),
        "{screen}"
    );

    // The filter narrows to one app.
    t.send(&["/"]);
    t.type_text(&s_app);
    let screen = t.wait_until("filtered list", WAIT, |s| {
        s.contains(&s_app) && !s.contains(&p_app)
    });
    assert!(screen.contains("Synced"), "{screen}");
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    let screen = t.wait_for("history of app", WAIT);
    assert!(
        screen.contains("settings from git") && screen.contains("ConfigMap"),
        "{screen}"
    );

    // Drift made with kubectl shows up by itself: no key is pressed.
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/settings",
            "-p",
            r#"{"data":{"value":"hand-edited"}}"#,
        ],
    );
    assert!(patched.status.success());
    let screen = t.wait_until("live drift", WAIT, |s| {
        s.contains("OutOfSync") && s.contains("hand-edited")
    });
    assert!(
        screen.contains("from-git"),
        "the diff shows Git's value: {screen}"
    );

    // Sync from the console: the confirmation shows the conflict, force, confirm.
    t.send(&["s"]);
    // The confirmation names who will act (the key hints say "sync" too,
    // so waiting for that word proves nothing).
    t.wait_for("as admin", WAIT);
    t.wait_for("press f to force", WAIT);
    t.send(&["f"]);
    t.send(&["y"]);
    t.wait_for("configured", WAIT);
    assert_eq!(
        kget("staging", &ns, "configmap/settings", "{.data.value}"),
        "from-git"
    );
    t.send(&["Escape"]);
    t.wait_until("in sync again", WAIT, |s| !s.contains("OutOfSync"));
}
