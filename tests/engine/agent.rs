//! `recon agent --once` against real clusters: it syncs what automation
//! allows, and only measures what is paused or manual.

use crate::fixtures::*;
use crate::support::cli::{create_app, get_app};
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
    create_app("staging", &auto, &repo.url(), "auto", &ns, policy.clone()).await;
    create_app("staging", &held, &repo.url(), "held", &ns, policy).await;
    recon_ok(&["suspend", &held, "--reason", "hold"], 0);
    let expiring = format!("exp-{ns}");
    repo.write("exp/cm.yaml", configmap("exp", "v1"));
    repo.commit("exp");
    create_app(
        "staging",
        &expiring,
        &repo.url(),
        "exp",
        &ns,
        serde_json::json!({"syncPolicy": {"automated": true}}),
    )
    .await;
    recon_ok(&["suspend", &expiring, "--for", "1s"], 0);
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    recon_ok(&["--context", "staging", "agent", "--once"], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/auto", "{.data.value}"),
        "v1",
        "automated app synced"
    );
    assert!(
        !exists("staging", &ns, "configmap/held"),
        "a paused app is left alone"
    );
    let held_status = get_app("staging", &held)
        .await
        .status
        .expect("status of a paused app");
    assert_eq!(
        held_status.sync.status, "OutOfSync",
        "but its drift is recorded"
    );
    let exp = get_app("staging", &expiring).await;
    assert!(!exp.spec.suspend, "an expired pause is lifted");
    assert_eq!(
        kget("staging", &ns, "configmap/exp", "{.data.value}"),
        "v1",
        "and the app synced"
    );

    // A new commit is rolled out by the next pass; hand drift is not healed without selfHeal.
    repo.write("auto/cm.yaml", configmap("auto", "v2"));
    repo.commit("v2");
    recon_ok(&["--context", "staging", "agent", "--once"], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/auto", "{.data.value}"),
        "v2"
    );
    let status = get_app("staging", &auto).await.status.expect("status");
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
    recon_ok(&["--context", "staging", "agent", "--once"], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/auto", "{.data.value}"),
        "by-hand",
        "hand drift is not healed without selfHeal"
    );
    let status = get_app("staging", &auto).await.status.expect("status");
    assert_eq!(status.sync.status, "OutOfSync", "but the drift is recorded");
}
