//! The agent when agents die: leader election between two agents, a clean
//! SIGTERM, and SIGKILL at random points of a 200-object sync.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use crate::agent_controller::{app_in, get_in, wait_value};
use crate::fixtures::*;
use crate::support::agent::AgentProcess;
use crate::support::gitrepo::TestRepo;
use crate::support::{eventually, namespace};

fn holder(ns: &str) -> String {
    kget("staging", ns, "lease/recon-agent", "{.spec.holderIdentity}")
}

/// Whether the Lease names the agent process (identity `<host>_<pid>`).
fn held_by(ns: &str, agent: &AgentProcess) -> bool {
    holder(ns).ends_with(&format!("_{}", agent.pid()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_leader_acts_and_a_killed_leader_is_replaced_within_the_lease() {
    let ns = namespace("agent-leader", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("led", "v1"));
    repo.commit("v1");
    app_in(
        &ns,
        "app",
        &repo,
        "app",
        serde_json::json!({"syncPolicy": {"automated": true}}),
    )
    .await;
    let lease = ["--interval", "2s", "--lease-duration", "4s"];
    let mut first = AgentProcess::start("staging", &ns, &lease);
    wait_value(&ns, "led", "v1", 30).await;
    assert!(
        held_by(&ns, &first),
        "the first agent leads: {}",
        holder(&ns)
    );
    let mut second = AgentProcess::start("staging", &ns, &lease);
    eventually("the second agent to stand by", 20, || async {
        Ok(second.count_lines(&["standing by"]) > 0)
    })
    .await;

    repo.write("app/cm.yaml", configmap("led", "v2"));
    repo.commit("v2");
    wait_value(&ns, "led", "v2", 20).await;
    assert_eq!(
        second.count_lines(&["agent: reconciled"]),
        0,
        "the standby never acts; its log:\n{}",
        second.log_text()
    );

    first.kill();
    let killed = Instant::now();
    repo.write("app/cm.yaml", configmap("led", "v3"));
    repo.commit("v3");
    eventually("the second agent to take the Lease", 20, || async {
        Ok(held_by(&ns, &second))
    })
    .await;
    let took_over = killed.elapsed();
    wait_value(&ns, "led", "v3", 20).await;
    // Expiry (4 s after the last renewal, at most 1 s before the kill) plus one retry period.
    assert!(
        took_over <= Duration::from_secs(7),
        "took over {took_over:?} after the kill; log:\n{}",
        second.log_text()
    );

    // A clean stop gives the Lease up at once rather than letting it expire.
    let code = second.terminate();
    assert_eq!(code, Some(0), "log:\n{}", second.log_text());
    assert_eq!(holder(&ns), "", "the Lease is released on SIGTERM");
    assert!(!second.running());
}

/// A cheap random source for kill times; the seed is printed to replay a run.
fn random_millis(seed: &mut u64, from: u64, to: u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    from + *seed % (to - from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_killed_at_random_points_of_a_200_object_sync_converges_after_restart() {
    let ns = namespace("agent-kill", &["staging"]).await;
    let mut repo = TestRepo::new();
    let write_all = |repo: &mut TestRepo, version: &str, count: usize| {
        for i in 0..count {
            repo.write(
                &format!("big/cm-{i:03}.yaml"),
                configmap(&format!("cm-{i:03}"), version),
            );
        }
    };
    write_all(&mut repo, "v0", 200);
    repo.commit("200 objects");
    app_in(
        &ns,
        "big",
        &repo,
        "big",
        serde_json::json!({"syncPolicy": {"automated": true, "prune": true}}),
    )
    .await;
    let mut seed = RandomState::new().build_hasher().finish() | 1;
    eprintln!("kill seed: {seed}");
    for round in 1..=10 {
        let version = format!("v{round}");
        write_all(&mut repo, &version, if round < 5 { 200 } else { 180 });
        if round == 5 {
            // Twenty objects leave Git mid-way: they must be pruned, not lost track of.
            for i in 180..200 {
                repo.remove(&format!("big/cm-{i:03}.yaml"));
            }
        }
        repo.commit(&format!("round {round}"));
        let mut agent = AgentProcess::start("staging", &ns, &["--no-leader-election"]);
        let after = random_millis(&mut seed, 300, 2500);
        tokio::time::sleep(Duration::from_millis(after)).await;
        agent.kill();
        let applied = crate::support::kubectl(
            "staging",
            &[
                "get",
                "configmaps",
                "-n",
                &ns,
                "-o",
                "jsonpath={.items[*].data.value}",
            ],
        );
        let at_version = String::from_utf8_lossy(&applied.stdout)
            .split_whitespace()
            .filter(|v| *v == version)
            .count();
        // Evidence of where the kill landed: part-way is what this test is for.
        eprintln!("round {round}: killed after {after} ms with {at_version} objects at {version}");
    }
    // Every round from 5 on removed the last twenty from Git.
    let mut repo_last = repo;
    write_all(&mut repo_last, "final", 180);
    repo_last.commit("final");
    let agent = AgentProcess::start("staging", &ns, &["--no-leader-election"]);
    eventually("the app to converge after the kills", 90, || async {
        let app = get_in(&ns, "big").await;
        let synced = app.status.as_ref().map(|s| s.sync.status.as_str()) == Some("Synced");
        let rev = app.status.and_then(|s| s.sync.revision);
        Ok(synced && rev == Some(repo_last.head()))
    })
    .await;
    let values = crate::support::kubectl(
        "staging",
        &[
            "get",
            "configmaps",
            "-n",
            &ns,
            "-o",
            "jsonpath={range .items[*]}{.metadata.name}={.data.value}={.metadata.annotations.recon\\.dev/tracking-id}{'\\n'}{end}",
        ],
    );
    let listing = String::from_utf8_lossy(&values.stdout).to_string();
    let ours: Vec<&str> = listing.lines().filter(|l| l.starts_with("cm-")).collect();
    assert_eq!(
        ours.len(),
        180,
        "exactly the objects in Git exist:\n{listing}"
    );
    let tracking = format!("{ns}/big");
    for line in &ours {
        let parts: Vec<&str> = line.split('=').collect();
        assert_eq!(
            parts.get(1..),
            Some(&["final", tracking.as_str()][..]),
            "object applied whole, tracked by the app: {line}; agent log:\n{}",
            agent.log_text()
        );
    }
}

/// Git down: the agent keeps the cluster equal to Git as last fetched, says
/// why in its log, and follows Git again once it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_git_unreachable_the_agent_heals_from_the_cache_and_follows_git_when_it_returns() {
    let ns = namespace("agent-gitdown", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("kept", "v1"));
    repo.commit("v1");
    app_in(
        &ns,
        "app",
        &repo,
        "app",
        serde_json::json!({"syncPolicy": {"automated": true, "selfHeal": true}}),
    )
    .await;
    let mut agent = AgentProcess::start("staging", &ns, &["--interval", "2s"]);
    wait_value(&ns, "kept", "v1", 30).await;

    let origin = repo.repo.path().to_path_buf();
    let away = origin.with_extension("unreachable");
    std::fs::rename(&origin, &away).expect("take the repository away");
    // The next interval's fetch fails; the agent says so and carries on.
    eventually("the agent to find Git unreachable", 30, || async {
        Ok(agent.count_lines(&["Git cannot be fetched"]) > 0)
    })
    .await;
    let patched = crate::support::kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/kept",
            "-p",
            r#"{"data":{"value":"hand-edited"}}"#,
        ],
    );
    assert!(patched.status.success());
    wait_value(&ns, "kept", "v1", 30).await;
    // The heal is reported once its status is written, a moment after the
    // object is back: wait for the line rather than read the log at once.
    eventually(
        "the agent to report the heal from the cache",
        30,
        || async { Ok(agent.count_lines(&["from the cached clone", "configured"]) > 0) },
    )
    .await;
    // The Ready condition says it is Git as last fetched, and why.
    eventually("the Ready condition to name the stale Git", 30, || async {
        let app = get_in(&ns, "app").await;
        let ready = app
            .status
            .iter()
            .flat_map(|s| s.conditions.iter())
            .find(|c| c.type_ == "Ready")
            .map(|c| c.message.clone())
            .unwrap_or_default();
        Ok(ready.contains("from the cached clone: Git cannot be fetched"))
    })
    .await;

    std::fs::rename(&away, &origin).expect("bring the repository back");
    repo.write("app/cm.yaml", configmap("kept", "v2"));
    repo.commit("v2");
    wait_value(&ns, "kept", "v2", 30).await;
    assert_eq!(agent.terminate(), Some(0), "log:\n{}", agent.log_text());
}
