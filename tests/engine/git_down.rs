//! Git down: when the repository cannot be fetched, `diff` and `history`
//! answer from the cached clone, marked stale with its age; `sync` refuses
//! to apply the cache unless told `--allow-stale`, and then records it.

use crate::fixtures::*;
use crate::support::cli::{paths, recon, text};
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_git_unreachable_diff_and_history_use_the_cache_and_sync_needs_allow_stale() {
    let ns = namespace("gitdown", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/config.yaml", configmap("cfg", "v1"));
    repo.commit("cfg: first value");
    let app = app_for("staging", "down", &ns, &repo, "app").await;
    recon_ok(&["sync", &app], 0);
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/cfg",
            "-p",
            r#"{"data":{"value":"hand-edited"}}"#,
        ],
    );
    assert!(patched.status.success());

    // The Git server goes away.
    let origin = repo.repo.path().to_path_buf();
    let away = origin.with_extension("unreachable");
    std::fs::rename(&origin, &away).expect("take the repository away");

    // diff: the drift against Git as last fetched, and says so.
    let json = recon_ok(&["diff", &app, "-o", "json"], 1);
    // stdout's JSON document first; the warning went to stderr after it.
    let start = json.find('{').unwrap_or(0);
    let v: serde_json::Value = serde_json::Deserializer::from_str(&json[start..])
        .into_iter()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("diff -o json:\n{json}"));
    let stale = &v["gitStale"];
    assert!(
        !stale["error"].as_str().unwrap_or_default().is_empty(),
        "gitStale names the fetch error: {v}"
    );
    assert!(
        stale["lastFetched"]
            .as_str()
            .is_some_and(|t| t.parse::<jiff::Timestamp>().is_ok()),
        "gitStale says when the cache was fetched: {v}"
    );
    assert_eq!(v["in_sync"], serde_json::json!(false), "{v}");
    let out = recon(&["diff", &app]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("Git cannot be fetched") && all.contains("cached clone (last fetched"),
        "{all}"
    );
    assert!(all.contains("+  value: v1"), "{all}");

    // history: the cached commits, with the same warning.
    let out = recon(&["history", &app]);
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains("cfg: first value") && all.contains("Git cannot be fetched"),
        "{all}"
    );

    // sync: refused without saying so, and nothing is applied.
    let out = recon(&["sync", &app]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(all.contains("--allow-stale") && all.contains(&app), "{all}");
    assert_eq!(
        kget("staging", &ns, "configmap/cfg", "{.data.value}"),
        "hand-edited"
    );

    // With --allow-stale: applied from the cache, and the journal says so.
    let out = recon_ok(&["sync", &app, "--allow-stale", "--force"], 0);
    assert!(out.contains("synced from the cached clone"), "{out}");
    assert_eq!(kget("staging", &ns, "configmap/cfg", "{.data.value}"), "v1");
    let journal = std::fs::read_to_string(paths().audit()).expect("audit journal");
    let record = journal
        .lines()
        .rev()
        .find(|l| l.contains(&app) && l.contains("\"sync\""))
        .unwrap_or_default();
    assert!(record.contains("from stale Git"), "{record}");

    std::fs::rename(&away, &origin).expect("bring the repository back");
    let out = recon(&["diff", &app]);
    assert!(
        !text(&out).contains("Git cannot be fetched"),
        "{}",
        text(&out)
    );
}
