//! The agent's incremental self-heal, timed: edit one object of an
//! automated, self-healing app by hand and wait for Git's value to be back.

use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};
use serde_json::json;

use crate::support::agent::AgentProcess;
use crate::support::cli::{AppSource, create_app_in, recon, text};
use crate::support::gitrepo::TestRepo;
use crate::{median, object_name};

pub struct Heal {
    pub healed: Duration,
    pub worst: Duration,
    pub whole_sync: Duration,
}

async fn value_of(api: &Api<ConfigMap>, name: &str) -> Option<String> {
    let cm = api.get_opt(name).await.ok().flatten()?;
    cm.data?.get("value").cloned()
}

/// Polls every 2 ms until the object holds `value`; how long it took.
async fn until_value(api: &Api<ConfigMap>, name: &str, value: &str) -> Duration {
    let start = Instant::now();
    while value_of(api, name).await.as_deref() != Some(value) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{name} never got {value:?}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    start.elapsed()
}

async fn edit(api: &Api<ConfigMap>, name: &str, value: &str) -> Duration {
    let start = Instant::now();
    api.patch(
        name,
        &PatchParams {
            field_manager: Some("kubectl-edit".into()),
            ..Default::default()
        },
        &Patch::Merge(json!({"data": {"value": value}})),
    )
    .await
    .expect("edit by hand");
    start.elapsed()
}

pub async fn measure(repo: &TestRepo, objects: usize, runs: usize) -> Heal {
    let ns = crate::support::namespace("heal", &["staging"]).await;
    let url = repo.url();
    let source = AppSource {
        repo_url: &url,
        path: "app",
        dest_ns: &ns,
    };
    let policy = json!({"syncPolicy": {"automated": true, "selfHeal": true}});
    create_app_in("staging", &ns, "heal", &source, policy).await;
    let api: Api<ConfigMap> = Api::namespaced(crate::support::client("staging").await, &ns);
    let last = object_name(objects - 1);
    // A poll far longer than the bench: only the watch of its objects heals.
    let agent = AgentProcess::start("staging", &ns, &["--interval", "10m"]);
    until_value(&api, &last, "from-git").await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    let edited = object_name(objects / 2);
    let mut healed = Vec::new();
    for run in 0..runs {
        let answered = edit(&api, &edited, &format!("by-hand-{run}")).await;
        healed.push(answered + until_value(&api, &edited, "from-git").await);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let alone = agent.count_lines(&["healed the objects changed by hand, alone"]);
    assert!(
        alone >= runs,
        "every heal went the incremental way:\n{}",
        agent.log_text()
    );
    drop(agent);

    // The whole app, as a reconcile without the kept measurement does it.
    let mut whole = Vec::new();
    for run in 0..5 {
        edit(&api, &edited, &format!("by-hand-cli-{run}")).await;
        let start = Instant::now();
        let out = recon(&["sync", &format!("staging/{ns}/heal"), "--force"]);
        whole.push(start.elapsed());
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(value_of(&api, &edited).await.as_deref(), Some("from-git"));
    }
    Heal {
        worst: healed.iter().max().copied().unwrap_or_default(),
        healed: median(healed),
        whole_sync: median(whole),
    }
}
