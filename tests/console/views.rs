//! Viewers: a commit's change, masked Secret YAML.

use crate::common::*;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_shows_its_change_and_secret_yaml_is_masked() {
    const CANARY: &str = "console-CANARY-s3cret";
    let ns = namespace("e2eyaml", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/a-cm.yaml", configmap("cfg", "first"));
    repo.write(
        "app/b-secret.yaml",
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: {CANARY}\n"),
    );
    repo.commit("first config");
    repo.write("app/a-cm.yaml", configmap("cfg", "second"));
    repo.commit("second config");
    let app = app_for("staging", "yaml", &ns, &repo, "app").await;
    sync_cli(&app);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    open_app(&t, &app);
    // The Secret's live YAML: shown, with its value masked.
    t.send(&["j"]);
    let screen = t.wait_for("Secret", WAIT);
    assert!(screen.contains("creds"), "{screen}");
    t.send(&["y"]);
    let screen = t.wait_for("<masked", WAIT);
    assert!(screen.contains("password"), "{screen}");
    assert!(
        !screen.contains(CANARY),
        "the Secret value is on screen:\n{screen}"
    );
    t.send(&["Escape"]);
    // History pane: enter on the newest commit shows what it changed under the path.
    t.send(&["Tab"]);
    t.send(&["Tab"]);
    t.send(&["Enter"]);
    let screen = t.wait_until("the commit's change", WAIT, |s| {
        s.contains("second") && s.contains("first") && s.contains("a-cm.yaml")
    });
    assert!(!screen.contains(CANARY), "{screen}");
}
