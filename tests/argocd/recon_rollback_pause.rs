//! Rollback and pause of an Argo CD app the Argo CD way: rollback turns
//! automated sync off and syncs the old commit (a new history entry);
//! resume turns it on and Argo CD rolls forward; while paused a hand edit
//! stays, and after resume self-heal puts Git's value back.

use std::time::Duration;

use serde_json::Value;

use crate::fixtures::configmap;
use crate::support::argocd::{
    ARGOCD_CLUSTER, IN_CLUSTER, application, deploy, git_repo, jsonpath, kubectl, kubectl_json,
    recon, unique, wait_field,
};
use crate::support::cli::text;

fn app_json(name: &str) -> Value {
    kubectl_json(
        ARGOCD_CLUSTER,
        &["-n", "argocd", "get", "application", name],
    )
    .expect("get Application")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_holds_an_earlier_commit_and_resume_rolls_forward() {
    let ns = unique("rb");
    let name = unique("rb-cfg");
    let mut repo = git_repo(&[("cfg/config.yaml", &configmap("settings", "v1"))]);
    let first = repo.head();
    repo.write("cfg/config.yaml", configmap("settings", "v2"));
    repo.commit("settings v2");
    deploy(&application(&name, &repo, "cfg", IN_CLUSTER, &ns)).await;
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "configmap/settings", "{.data.value}"),
        "v2"
    );
    let entries_before = app_json(&name)["status"]["history"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);

    let out = recon(&["rollback", &name, &first]);
    assert!(out.status.success(), "recon rollback: {}", text(&out));
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "configmap/settings", "{.data.value}"),
        "v1",
        "live equals the earlier commit"
    );
    let app = app_json(&name);
    assert_eq!(
        app["spec"]["syncPolicy"]["automated"]["enabled"], false,
        "auto-sync off: {app}"
    );
    assert_eq!(
        app["spec"]["syncPolicy"]["automated"]["selfHeal"], true,
        "selfHeal kept: {app}"
    );
    let history = app["status"]["history"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        history.len(),
        entries_before + 1,
        "a new history entry: {app}"
    );
    assert_eq!(
        history.last().map(|h| h["revision"].clone()),
        Some(Value::from(first.as_str()))
    );
    assert!(
        app["metadata"]["annotations"]["recon.dev/paused-by"]
            .as_str()
            .is_some(),
        "who turned it off: {app}"
    );

    // Argo CD leaves it there (auto-sync is off), past a resync or two.
    tokio::time::sleep(Duration::from_secs(12)).await;
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "configmap/settings", "{.data.value}"),
        "v1"
    );

    let out = recon(&["resume", &name]);
    assert!(out.status.success(), "recon resume: {}", text(&out));
    assert!(
        app_json(&name)["spec"]["syncPolicy"]["automated"]
            .get("enabled")
            .is_none(),
        "auto-sync on"
    );
    wait_field(
        ARGOCD_CLUSTER,
        &ns,
        "configmap/settings",
        "{.data.value}",
        "v2",
        90,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_edit_stays_while_paused_and_is_healed_after_resume() {
    let ns = unique("pause");
    let name = unique("pause-cfg");
    let repo = git_repo(&[("cfg/config.yaml", &configmap("settings", "from-git"))]);
    deploy(&application(&name, &repo, "cfg", IN_CLUSTER, &ns)).await;

    let out = recon(&["suspend", &name, "--for", "10m", "--reason", "incident 7"]);
    assert!(out.status.success(), "recon suspend: {}", text(&out));
    let app = app_json(&name);
    assert_eq!(
        app["spec"]["syncPolicy"]["automated"]["enabled"], false,
        "{app}"
    );
    assert_eq!(
        app["metadata"]["annotations"]["recon.dev/pause-reason"], "incident 7",
        "{app}"
    );
    assert!(
        app["metadata"]["annotations"]["recon.dev/pause-until"]
            .as_str()
            .is_some(),
        "{app}"
    );

    let out = kubectl(
        ARGOCD_CLUSTER,
        &[
            "-n",
            &ns,
            "patch",
            "configmap",
            "settings",
            "--type=merge",
            "-p",
            r#"{"data":{"value":"by-hand"}}"#,
        ],
    );
    assert!(out.status.success(), "{out:?}");
    // Longer than Argo CD's resync (10 s here) and its self-heal back-off.
    tokio::time::sleep(Duration::from_secs(15)).await;
    assert_eq!(
        jsonpath(ARGOCD_CLUSTER, &ns, "configmap/settings", "{.data.value}"),
        "by-hand",
        "no self-heal while paused"
    );

    let out = recon(&["resume", &name]);
    assert!(out.status.success(), "recon resume: {}", text(&out));
    wait_field(
        ARGOCD_CLUSTER,
        &ns,
        "configmap/settings",
        "{.data.value}",
        "from-git",
        90,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_pause_is_lifted_by_the_agent_and_every_action_is_recorded() {
    let ns = unique("lift");
    let name = unique("lift-cfg");
    let repo = git_repo(&[("cfg/config.yaml", &configmap("settings", "v1"))]);
    deploy(&application(&name, &repo, "cfg", IN_CLUSTER, &ns)).await;

    let out = recon(&["suspend", &name, "--for", "2s", "--reason", "short window"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("lifted by a recon agent"),
        "says who lifts it: {}",
        text(&out)
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    // Only the lifting is under test: recon's own apps on this cluster (other
    // tests') are left out with a namespace of this test's own.
    let out = recon(&["--context", ARGOCD_CLUSTER, "agent", "--once", "-n", &ns]);
    assert!(out.status.success(), "{}", text(&out));
    let app = app_json(&name);
    assert!(
        app["spec"]["syncPolicy"]["automated"]
            .get("enabled")
            .is_none(),
        "the agent turned auto-sync back on: {app}"
    );
    assert!(
        app["metadata"]["annotations"]
            .get("recon.dev/pause-until")
            .is_none(),
        "{app}"
    );

    // Each action: an Event on the Application and a line in the audit journal.
    let events = kubectl_json(
        ARGOCD_CLUSTER,
        &[
            "-n",
            "argocd",
            "get",
            "events",
            "--field-selector",
            &format!("involvedObject.name={name}"),
        ],
    )
    .expect("events");
    let reasons: Vec<String> = events["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|e| e["reason"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        reasons.iter().any(|r| r == "Suspended") && reasons.iter().any(|r| r == "Resumed"),
        "{reasons:?}"
    );
    let audit = std::fs::read_to_string(crate::support::cli::paths().audit()).unwrap_or_default();
    for action in ["\"suspend\"", "\"resume\""] {
        assert!(
            audit.lines().any(|l| l.contains(&name)
                && l.contains(action)
                && l.contains("\"actor\":\"admin\"")),
            "{action} of {name} with its actor in the journal:\n{audit}"
        );
    }
}
