//! Create an app through the `c` form, then delete it with `D`: nothing is
//! deleted until its name is typed; then the app and (cascade) the objects
//! it synced are gone, as kubectl sees it.

use crate::common::*;
use crate::support::cli::{get_app, install};
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};
use crate::tmux::Tmux;

fn app_exists(app: &str) -> bool {
    kubectl(
        "staging",
        &["get", "-n", "recon-system", "applications.recon.dev", app],
    )
    .status
    .success()
}

fn configmap_exists(ns: &str, name: &str) -> bool {
    kubectl("staging", &["get", "-n", ns, "configmap", name])
        .status
        .success()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_through_the_form_and_delete_only_once_the_name_is_typed() {
    install();
    let ns = namespace("e2elife", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("life", "from-git"));
    repo.commit("life from git");
    let app = format!("life-{ns}");

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    t.wait_for("● staging", WAIT);
    t.send(&[":"]);
    t.type_text("ctx staging");
    t.send(&["Enter"]);
    t.wait_for("context: staging", WAIT);

    // `c`: the form, keys only.
    t.send(&["c"]);
    t.wait_for("create an app in staging", WAIT);
    t.type_text(&app);
    t.send(&["Tab"]);
    t.type_text(&repo.url());
    t.send(&["Tab"]);
    t.type_text("app");
    t.send(&["Tab"]); // REVISION: HEAD as given
    t.send(&["Tab"]);
    t.type_text(&ns);
    t.send(&["Tab"]); // RENDER: plain
    t.send(&["Tab"]); // AUTO-SYNC: off
    t.send(&["Tab"]);
    t.send(&["Space"]); // PRUNE: on
    t.send(&["Tab"]); // SELF-HEAL: off
    t.send(&["Tab"]);
    t.send(&["Space"]); // CASCADE DELETE: on
    t.send(&["Enter"]);
    let screen = t.wait_for(&format!("created staging/recon-system/{app}"), WAIT);
    assert!(screen.contains("1 objects at"), "{screen}");
    assert!(screen.contains("as admin"), "{screen}");

    let spec = get_app("staging", &app).await.spec;
    assert_eq!(spec.source.repo_url, repo.url());
    assert_eq!(spec.source.path, "app");
    assert_eq!(spec.source.target_revision, "HEAD");
    assert_eq!(spec.destination.namespace.as_deref(), Some(ns.as_str()));
    assert!(spec.sync_policy.prune);
    assert!(!spec.sync_policy.automated && !spec.sync_policy.self_heal);
    assert!(spec.cascade_delete);

    // It appears in the list by itself (watched).
    t.send(&["/"]);
    t.type_text(&app);
    t.send(&["Enter"]);
    t.wait_until("the new row", WAIT, |s| {
        s.lines().any(|l| l.contains(&app) && l.contains("staging"))
    });
    sync_cli(&app);
    assert_eq!(
        kget("staging", &ns, "configmap/life", "{.data.value}"),
        "from-git"
    );

    // `D`: the objects are listed; enter before the name is typed does nothing.
    t.send(&["D"]);
    t.wait_for("type the app's name", WAIT);
    let screen = t.wait_for(&format!("ConfigMap {ns}/life"), WAIT);
    assert!(screen.contains("as admin"), "{screen}");
    t.send(&["Enter"]);
    t.wait_for(&format!("type {app} to confirm"), WAIT);
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert!(app_exists(&app), "deleted before its name was typed");
    assert!(configmap_exists(&ns, "life"));

    // Cascade on, the name typed: enter deletes the app and its ConfigMap.
    t.send(&["Tab"]);
    t.wait_for("will DELETE 1 object(s)", WAIT);
    t.type_text(&app);
    t.wait_for(&format!("enter deletes staging/recon-system/{app}"), WAIT);
    t.send(&["Enter"]);
    let screen = t.wait_for(&format!("deleted staging/recon-system/{app}"), WAIT);
    assert!(screen.contains("deleting"), "{screen}");
    assert!(!app_exists(&app), "the Application is still there");
    assert!(
        !configmap_exists(&ns, "life"),
        "the ConfigMap is still there"
    );
    t.send(&["Escape"]);
    t.wait_until("the row gone", WAIT, |s| {
        !s.lines()
            .any(|l| l.contains(&app) && l.contains("staging") && l.contains("recon"))
    });
}
