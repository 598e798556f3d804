//! `recon agent --once` against real clusters: it syncs what automation
//! allows, and only measures what is paused or manual.

use crate::agent_controller::{app_in, get_in};
use crate::fixtures::*;
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_agent_pass_syncs_automated_apps_and_only_observes_paused_ones() {
    let ns = namespace("agent", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("auto/cm.yaml", configmap("auto", "v1"))
        .write("held/cm.yaml", configmap("held", "v1"));
    repo.commit("v1");
    let (auto, held) = (format!("auto-{ns}"), format!("held-{ns}"));
    let policy = serde_json::json!({"syncPolicy": {"automated": true}});
    app_in(&ns, &auto, &repo, "auto", policy.clone()).await;
    app_in(&ns, &held, &repo, "held", policy).await;
    recon_ok(&["suspend", &format!("{ns}/{held}"), "--reason", "hold"], 0);
    let expiring = format!("exp-{ns}");
    repo.write("exp/cm.yaml", configmap("exp", "v1"));
    repo.commit("exp");
    app_in(
        &ns,
        &expiring,
        &repo,
        "exp",
        serde_json::json!({"syncPolicy": {"automated": true}}),
    )
    .await;
    recon_ok(&["suspend", &format!("{ns}/{expiring}"), "--for", "1s"], 0);
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    recon_ok(&["--context", "staging", "agent", "--once", "-n", &ns], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/auto", "{.data.value}"),
        "v1",
        "automated app synced"
    );
    assert!(
        !exists("staging", &ns, "configmap/held"),
        "a paused app is left alone"
    );
    let held_status = get_in(&ns, &held)
        .await
        .status
        .expect("status of a paused app");
    assert_eq!(
        held_status.sync.status, "OutOfSync",
        "but its drift is recorded"
    );
    let exp = get_in(&ns, &expiring).await;
    assert!(!exp.spec.suspend, "an expired pause is lifted");
    assert_eq!(
        kget("staging", &ns, "configmap/exp", "{.data.value}"),
        "v1",
        "and the app synced"
    );

    // A new commit is rolled out by the next pass; hand drift is not healed without selfHeal.
    repo.write("auto/cm.yaml", configmap("auto", "v2"));
    repo.commit("v2");
    recon_ok(&["--context", "staging", "agent", "--once", "-n", &ns], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/auto", "{.data.value}"),
        "v2"
    );
    let status = get_in(&ns, &auto).await.status.expect("status");
    assert_eq!(
        status.history[0].result.split(':').next(),
        Some("auto-sync")
    );
    assert_eq!(status.history[0].initiator, "admin");

    // Hand drift with Git unchanged: without selfHeal the agent leaves it.
    let edited = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/auto",
            "--type=merge",
            "-p",
            r#"{"data":{"value":"by-hand"}}"#,
        ],
    );
    assert!(edited.status.success(), "{edited:?}");
    recon_ok(&["--context", "staging", "agent", "--once", "-n", &ns], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/auto", "{.data.value}"),
        "by-hand",
        "hand drift is not healed without selfHeal"
    );
    let status = get_in(&ns, &auto).await.status.expect("status");
    assert_eq!(status.sync.status, "OutOfSync", "but the drift is recorded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_agent_pass_exits_non_zero_when_an_app_failed_and_still_syncs_the_others() {
    let ns = namespace("agent-once-fail", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("ok/cm.yaml", configmap("ok", "v1"))
        .write("broken/cm.yaml", "kind: [\n");
    repo.commit("one good, one broken");
    let policy = serde_json::json!({"syncPolicy": {"automated": true}});
    app_in(&ns, "ok", &repo, "ok", policy.clone()).await;
    app_in(&ns, "broken", &repo, "broken", policy).await;
    let out = recon_ok(&["--context", "staging", "agent", "--once", "-n", &ns], 2);
    assert!(out.contains("1 of 2 apps failed"), "{out}");
    assert_eq!(kget("staging", &ns, "configmap/ok", "{.data.value}"), "v1");
}
