//! `recon agent` as a running controller against the real control planes:
//! Git commits and hand edits reach it, pauses and pins hold, failures back
//! off without slowing the others. Each test's apps live in its own
//! namespace, and its agent watches only that namespace.

use std::time::{Duration, Instant};

use crate::fixtures::*;
use crate::support::agent::AgentProcess;
use crate::support::cli::{AppSource, create_app_in};
use crate::support::gitrepo::TestRepo;
use crate::support::{eventually, kubectl, namespace};
use recon::engine::app::Application;

/// An Application `name` in `ns`, deploying `path` of `repo` to `ns`.
pub async fn app_in(ns: &str, name: &str, repo: &TestRepo, path: &str, spec: serde_json::Value) {
    let url = repo.url();
    let source = AppSource {
        repo_url: &url,
        path,
        dest_ns: ns,
    };
    create_app_in("staging", ns, name, &source, spec).await;
}

pub async fn get_in(ns: &str, name: &str) -> Application {
    let api: kube::Api<Application> =
        kube::Api::namespaced(crate::support::client("staging").await, ns);
    api.get(name)
        .await
        .unwrap_or_else(|e| panic!("get Application {ns}/{name}: {e}"))
}

pub async fn wait_value(ns: &str, cm: &str, value: &str, secs: u64) {
    let what = format!("configmap {ns}/{cm} to hold {value:?}");
    eventually(&what, secs, || async {
        Ok(kget("staging", ns, &format!("configmap/{cm}"), "{.data.value}") == value)
    })
    .await;
}

fn hand_edit(ns: &str, cm: &str, value: &str) {
    let patch = format!(r#"{{"data":{{"value":"{value}"}}}}"#);
    let out = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            ns,
            &format!("configmap/{cm}"),
            "--type=merge",
            "-p",
            &patch,
        ],
    );
    assert!(out.status.success(), "kubectl patch: {out:?}");
}

fn automated(prune: bool, self_heal: bool) -> serde_json::Value {
    serde_json::json!({"syncPolicy": {"automated": true, "prune": prune, "selfHeal": self_heal}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_commit_reaches_the_cluster_and_a_removed_object_is_pruned_only_with_prune() {
    let ns = namespace("agent-commit", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("pruned/a.yaml", configmap("pa", "v1"))
        .write("pruned/b.yaml", configmap("pb", "v1"))
        .write("kept/a.yaml", configmap("ka", "v1"))
        .write("kept/b.yaml", configmap("kb", "v1"));
    repo.commit("v1");
    app_in(&ns, "pruned", &repo, "pruned", automated(true, false)).await;
    app_in(&ns, "kept", &repo, "kept", automated(false, false)).await;
    let _agent = AgentProcess::start("staging", &ns, &["--interval", "2s"]);
    wait_value(&ns, "pa", "v1", 30).await;
    wait_value(&ns, "ka", "v1", 30).await;

    repo.write("pruned/a.yaml", configmap("pa", "v2"))
        .write("kept/a.yaml", configmap("ka", "v2"))
        .remove("pruned/b.yaml")
        .remove("kept/b.yaml");
    repo.commit("v2: change a, remove b");
    wait_value(&ns, "pa", "v2", 20).await;
    wait_value(&ns, "ka", "v2", 20).await;
    eventually("pb to be pruned", 20, || async {
        Ok(!exists("staging", &ns, "configmap/pb"))
    })
    .await;
    assert!(
        exists("staging", &ns, "configmap/kb"),
        "without prune the removed object stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_edit_is_reverted_by_watch_with_self_heal_and_kept_without() {
    let ns = namespace("agent-heal", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("heal/cm.yaml", configmap("healed", "git"))
        .write("keep/cm.yaml", configmap("kept", "git"));
    repo.commit("v1");
    app_in(&ns, "heal", &repo, "heal", automated(false, true)).await;
    app_in(&ns, "keep", &repo, "keep", automated(false, false)).await;
    // A poll interval far longer than the test: only a watch can heal in time.
    let agent = AgentProcess::start("staging", &ns, &["--interval", "10m"]);
    wait_value(&ns, "healed", "git", 30).await;
    wait_value(&ns, "kept", "git", 30).await;
    // Let the first reconciles settle, so the edit is seen as an edit.
    tokio::time::sleep(Duration::from_secs(2)).await;

    let edited = Instant::now();
    hand_edit(&ns, "healed", "by-hand");
    hand_edit(&ns, "kept", "by-hand");
    wait_value(&ns, "healed", "git", 5).await;
    let healed_after = edited.elapsed();
    eventually("the unhealed app to be OutOfSync", 10, || async {
        let app = get_in(&ns, "keep").await;
        Ok(app.status.map(|s| s.sync.status) == Some("OutOfSync".into()))
    })
    .await;
    assert_eq!(
        kget("staging", &ns, "configmap/kept", "{.data.value}"),
        "by-hand",
        "without selfHeal the edit stays"
    );
    assert!(
        healed_after < Duration::from_secs(5),
        "healed after {healed_after:?}; log:\n{}",
        agent.log_text()
    );
    const ALONE: &str = "healed the objects changed by hand, alone";
    assert_eq!(
        agent.count_lines(&[ALONE, "heal"]),
        1,
        "healed from its last measurement, not by reconciling the whole app; log:\n{}",
        agent.log_text()
    );

    // Deleted by hand: created again the same way.
    let deleted = kubectl("staging", &["delete", "-n", &ns, "configmap/healed"]);
    assert!(deleted.status.success(), "{deleted:?}");
    wait_value(&ns, "healed", "git", 5).await;
    eventually("the second heal in the log", 5, || async {
        Ok(agent.count_lines(&[ALONE, "heal"]) == 2)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suspended_app_is_left_alone_until_resumed_and_a_timed_pause_is_lifted() {
    let ns = namespace("agent-pause", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("held/cm.yaml", configmap("held", "v1"))
        .write("timed/cm.yaml", configmap("timed", "v1"));
    repo.commit("v1");
    app_in(&ns, "held", &repo, "held", automated(false, true)).await;
    app_in(&ns, "timed", &repo, "timed", automated(false, true)).await;
    let _agent = AgentProcess::start("staging", &ns, &["--interval", "2s"]);
    wait_value(&ns, "held", "v1", 30).await;
    wait_value(&ns, "timed", "v1", 30).await;

    recon_ok(
        &[
            "--context",
            "staging",
            "suspend",
            &format!("{ns}/held"),
            "--reason",
            "incident",
        ],
        0,
    );
    recon_ok(
        &[
            "--context",
            "staging",
            "suspend",
            &format!("{ns}/timed"),
            "--for",
            "6s",
        ],
        0,
    );
    repo.write("held/cm.yaml", configmap("held", "v2"))
        .write("timed/cm.yaml", configmap("timed", "v2"));
    repo.commit("v2");
    hand_edit(&ns, "held", "by-hand");
    // Several poll intervals and the watch event have passed: nothing moved.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        kget("staging", &ns, "configmap/held", "{.data.value}"),
        "by-hand"
    );
    assert_eq!(
        kget("staging", &ns, "configmap/timed", "{.data.value}"),
        "v1"
    );
    let held = get_in(&ns, "held").await;
    assert_eq!(
        held.status.map(|s| s.sync.status).as_deref(),
        Some("OutOfSync"),
        "a paused app still reports its drift"
    );

    // The timed pause ends on its own and the app rolls on.
    wait_value(&ns, "timed", "v2", 20).await;
    assert!(
        !get_in(&ns, "timed").await.spec.suspend,
        "the expired pause is lifted"
    );
    assert!(
        get_in(&ns, "held").await.spec.suspend,
        "the other pause holds"
    );

    recon_ok(
        &["--context", "staging", "resume", &format!("{ns}/held")],
        0,
    );
    wait_value(&ns, "held", "v2", 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pinned_app_stays_on_its_pin_while_the_branch_moves_and_resume_rolls_forward() {
    let ns = namespace("agent-pin", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("pinned", "v1"));
    let v1 = repo.commit("v1");
    app_in(&ns, "app", &repo, "app", automated(false, true)).await;
    let agent = AgentProcess::start("staging", &ns, &["--interval", "2s"]);
    wait_value(&ns, "pinned", "v1", 30).await;
    repo.write("app/cm.yaml", configmap("pinned", "v2"));
    repo.commit("v2");
    wait_value(&ns, "pinned", "v2", 20).await;

    recon_ok(
        &[
            "--context",
            "staging",
            "rollback",
            &format!("{ns}/app"),
            &v1,
        ],
        0,
    );
    wait_value(&ns, "pinned", "v1", 10).await;
    repo.write("app/cm.yaml", configmap("pinned", "v3"));
    repo.commit("v3");
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(
        kget("staging", &ns, "configmap/pinned", "{.data.value}"),
        "v1",
        "the agent holds the pin while the branch moves; log:\n{}",
        agent.log_text()
    );

    recon_ok(&["--context", "staging", "resume", &format!("{ns}/app")], 0);
    wait_value(&ns, "pinned", "v3", 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_app_backs_off_and_says_why_while_a_healthy_one_syncs_on_time() {
    let ns = namespace("agent-broken", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("good/cm.yaml", configmap("good", "v1")).write(
        "bad/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n",
    );
    repo.commit("v1 with a broken file");
    app_in(&ns, "good", &repo, "good", automated(false, false)).await;
    app_in(&ns, "bad", &repo, "bad", automated(false, false)).await;
    let started = Instant::now();
    let agent = AgentProcess::start(
        "staging",
        &ns,
        &[
            "--interval",
            "2s",
            "--retry-base",
            "1s",
            "--retry-max",
            "8s",
        ],
    );
    wait_value(&ns, "good", "v1", 30).await;

    repo.write("good/cm.yaml", configmap("good", "v2"));
    let committed = Instant::now();
    repo.commit("v2 of the good app");
    wait_value(&ns, "good", "v2", 10).await;
    let good_took = committed.elapsed();

    eventually("the broken app's Ready condition", 20, || async {
        let app = get_in(&ns, "bad").await;
        let ready = app
            .status
            .and_then(|s| s.conditions.into_iter().find(|c| c.type_ == "Ready"));
        Ok(ready.is_some_and(|c| {
            c.status == "False" && c.reason == "RenderFailed" && c.message.contains("cm.yaml")
        }))
    })
    .await;
    // Let the back-off run a while longer, then count the attempts.
    let until = started + Duration::from_secs(30);
    tokio::time::sleep(until.saturating_duration_since(Instant::now())).await;
    let attempts = agent.count_lines(&["reconcile failed", &format!("{ns}/bad")]);
    let good_passes = agent.count_lines(&["agent: reconciled", &format!("{ns}/good")]);
    // Retries after 1, 2, 4, 8, 8 s: about 6 in 30 s where a 2 s poll would make 15.
    assert!(
        (3..=8).contains(&attempts),
        "{attempts} attempts of the broken app in 30 s; log:\n{}",
        agent.log_text()
    );
    assert!(
        good_passes > attempts,
        "the healthy app keeps its pace ({good_passes} passes vs {attempts} retries)"
    );
    assert!(
        good_took < Duration::from_secs(10),
        "good app took {good_took:?}"
    );
    let events = kubectl(
        "staging",
        &[
            "get",
            "events",
            "-n",
            &ns,
            "--field-selector",
            "involvedObject.name=bad,reason=RenderFailed",
            "-o",
            "jsonpath={range .items[*]}{.reason}:{.count}{' '}{end}",
        ],
    );
    let listed = String::from_utf8_lossy(&events.stdout).to_string();
    let counts: Vec<u32> = listed
        .split_whitespace()
        .map(|e| {
            e.rsplit(':')
                .next()
                .and_then(|c| c.parse().ok())
                .unwrap_or(1)
        })
        .collect();
    // Under load a retry may fail another way (a timeout) and then render
    // again: that is a state change too. Count the changes into RenderFailed.
    let reasons: Vec<String> = agent
        .log_text()
        .lines()
        .filter(|l| l.contains(&format!("app={ns}/bad ")))
        .filter_map(|l| {
            l.split("reason=\"")
                .nth(1)?
                .split('"')
                .next()
                .map(String::from)
        })
        .collect();
    let entered = reasons
        .iter()
        .enumerate()
        .filter(|(i, r)| *r == "RenderFailed" && (*i == 0 || reasons[i - 1] != "RenderFailed"))
        .count();
    assert!(entered >= 1, "reasons seen: {reasons:?}");
    assert_eq!(
        counts.len(),
        entered,
        "one Event per change into RenderFailed ({reasons:?}): {listed:?}"
    );
    assert!(
        counts.iter().all(|c| *c <= 1),
        "no Event was repeated per retry: {listed:?}"
    );
    assert!(
        entered < attempts,
        "fewer Events than retries ({entered} vs {attempts})"
    );
}
