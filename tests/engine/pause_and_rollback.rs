//! Pause with who/why/until (expiring), rollback by pin with history, and
//! rollback by revert commit in Git.

use crate::fixtures::*;
use crate::support::cli::{create_app, get_app};
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspend_records_who_why_and_until_and_an_expired_pause_counts_as_resumed() {
    let ns = namespace("pause", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("p/cm.yaml", configmap("c", "1"));
    repo.commit("c");
    let app = app_for("staging", "pause", &ns, &repo, "p").await;

    let out = recon_ok(
        &["suspend", &app, "--for", "3s", "--reason", "incident 4711"],
        0,
    );
    assert!(
        out.contains("paused by admin") && out.contains("incident 4711"),
        "{out}"
    );
    let spec = get_app("staging", &app).await.spec;
    assert!(spec.suspend);
    assert_eq!(spec.suspend_reason.as_deref(), Some("incident 4711"));
    assert_eq!(spec.suspended_by.as_deref(), Some("admin"));
    let until: jiff::Timestamp = spec
        .suspend_until
        .as_deref()
        .expect("until")
        .parse()
        .expect("rfc3339");
    let left = until.as_second() - jiff::Timestamp::now().as_second();
    assert!((0..=3).contains(&left), "until is ~3s ahead, got {left}s");
    assert_eq!(
        kget(
            "staging",
            "recon-system",
            &format!("applications.recon.dev/{app}"),
            "{.spec.suspendReason}"
        ),
        "incident 4711"
    );
    let row = recon_ok(&["get", "apps"], 0)
        .lines()
        .find(|l| l.contains(&app))
        .expect("row")
        .to_string();
    assert!(row.contains("for "), "SUSPENDED shows time left: {row}");

    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let app_now = get_app("staging", &app).await;
    assert!(
        !app_now.is_suspended_at(jiff::Timestamp::now()),
        "expired pause counts as resumed"
    );
    let row = recon_ok(&["get", "apps"], 0)
        .lines()
        .find(|l| l.contains(&app))
        .expect("row")
        .to_string();
    assert!(
        row.contains(" no "),
        "expired pause shows as not suspended: {row}"
    );

    recon_ok(&["suspend", &app, "--reason", "manual"], 0);
    let out = recon_ok(&["resume", &app], 0);
    assert!(out.contains("resumed by admin"), "{out}");
    let spec = get_app("staging", &app).await.spec;
    assert!(!spec.suspend && spec.suspend_reason.is_none() && spec.suspended_by.is_none());
    let audit = std::fs::read_to_string(crate::support::cli::paths().audit()).expect("audit");
    assert!(
        audit
            .lines()
            .any(|l| l.contains(&app) && l.contains("\"suspend\"") && l.contains("incident 4711")),
        "{audit}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_pins_an_earlier_commit_and_history_marks_it() {
    let ns = namespace("pin", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("p/cm.yaml", configmap("c", "v1"));
    let c1 = repo.commit("release v1");
    repo.write("unrelated/x.yaml", configmap("x", "1"));
    repo.commit("someone else's app");
    repo.write("p/cm.yaml", configmap("c", "v2"));
    let c2 = repo.commit("release v2");
    let app = app_for("staging", "pin", &ns, &repo, "p").await;
    recon_ok(&["sync", &app], 0);
    assert_eq!(kget("staging", &ns, "configmap/c", "{.data.value}"), "v2");

    let out = recon_ok(&["rollback", &app, &c1[..7]], 0);
    assert!(out.contains("paused and pinned"), "{out}");
    assert_eq!(kget("staging", &ns, "configmap/c", "{.data.value}"), "v1");
    let a = get_app("staging", &app).await;
    assert!(a.spec.suspend, "a pinned app is paused");
    let status = a.status.expect("status");
    assert_eq!(status.pinned_revision.as_deref(), Some(c1.as_str()));
    assert_eq!(status.sync.revision.as_deref(), Some(c1.as_str()));
    assert!(
        status.history[0].result.starts_with("rollback (pin)"),
        "{:?}",
        status.history[0]
    );
    assert_eq!(status.history[1].revision, c2);

    let json = recon_ok(&["history", &app, "-o", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("history json");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "only commits touching p/: {json}");
    assert_eq!(rows[0]["id"], c2.as_str());
    assert_eq!(rows[0]["head"], true);
    assert_eq!(rows[0]["deployed"], false);
    assert_eq!(rows[1]["id"], c1.as_str());
    assert_eq!(
        (rows[1]["deployed"].clone(), rows[1]["pinned"].clone()),
        (serde_json::json!(true), serde_json::json!(true))
    );
    let table = recon_ok(&["history", &app], 0);
    let line = table
        .lines()
        .find(|l| l.contains(&c1[..7]))
        .expect("c1 row");
    assert!(
        line.contains("deployed") && line.contains("pinned") && line.contains("release v1"),
        "{table}"
    );

    // A pinned app stays pinned through a plain sync…
    recon_ok(&["sync", &app], 0);
    assert_eq!(kget("staging", &ns, "configmap/c", "{.data.value}"), "v1");
    // …and resume drops the pin, warning that it rolls forward.
    let out = recon_ok(&["resume", &app], 0);
    assert!(
        out.contains("pinned at") && out.contains("rolls it forward"),
        "{out}"
    );
    assert!(
        get_app("staging", &app)
            .await
            .status
            .expect("status")
            .pinned_revision
            .is_none()
    );
    recon_ok(&["sync", &app], 0);
    assert_eq!(kget("staging", &ns, "configmap/c", "{.data.value}"), "v2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_revert_pushes_a_commit_restoring_the_path_and_syncs_it() {
    let ns = namespace("revert", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("p/cm.yaml", configmap("c", "v1"))
        .write("p/keep.yaml", configmap("keep", "1"));
    let c1 = repo.commit("v1");
    repo.write("p/cm.yaml", configmap("c", "v2"))
        .write("p/new.yaml", configmap("added-later", "1"));
    repo.commit("v2 adds a file");
    repo.write("other/x.yaml", configmap("x", "changed after"))
        .write("p/cm.yaml", configmap("c", "v3"));
    let c3 = repo.commit("v3 and another path");
    let app = format!("rev-{ns}");
    create_app(
        "staging",
        &app,
        &repo.url(),
        "p",
        &ns,
        serde_json::json!({"syncPolicy": {"prune": true}}),
    )
    .await;
    recon_ok(&["sync", &app], 0);
    assert!(exists("staging", &ns, "configmap/added-later"));

    let out = recon_ok(&["rollback", &app, &c1, "--revert"], 0);
    assert!(
        out.contains("rolled") && !out.contains("pinned at"),
        "{out}"
    );
    let head = repo.head();
    assert_ne!(head, c3, "a commit was pushed to the branch");
    let parent = repo
        .repo
        .find_commit(git2::Oid::from_str(&head).expect("oid"))
        .expect("commit")
        .parent_id(0)
        .expect("parent");
    assert_eq!(
        parent.to_string(),
        c3,
        "the revert sits on top of the old head"
    );
    assert_eq!(
        repo.file_at(&head, "p/cm.yaml"),
        repo.file_at(&c1, "p/cm.yaml")
    );
    assert_eq!(
        repo.file_at(&head, "p/new.yaml"),
        None,
        "files added after the target are removed"
    );
    assert_eq!(
        repo.file_at(&head, "other/x.yaml"),
        repo.file_at(&c3, "other/x.yaml"),
        "other paths untouched"
    );
    assert_eq!(kget("staging", &ns, "configmap/c", "{.data.value}"), "v1");
    assert!(
        !exists("staging", &ns, "configmap/added-later"),
        "pruned with the revert"
    );
    let a = get_app("staging", &app).await;
    assert!(!a.spec.suspend, "a revert does not pause");
    assert_eq!(
        a.status.expect("status").sync.revision.as_deref(),
        Some(head.as_str())
    );
}
