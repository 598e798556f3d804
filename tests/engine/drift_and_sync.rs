//! Sync creates and updates; diff shows no false drift right after a sync,
//! and real drift after an out-of-band kubectl change; SSA conflicts.

use crate::fixtures::*;
use crate::support::cli::create_app;
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_then_no_false_drift_then_kubectl_drift_is_found_and_undone() {
    let ns = namespace("drift", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("apps/web/deploy.yaml", deployment("web", 2, "nginx:1.27"))
        .write("apps/web/svc.yaml", service("web"))
        .write("apps/web/config.yaml", configmap("web-config", "v1"))
        .write("README.md", "not a manifest");
    repo.commit("web: first release");
    let app = app_for("staging", "web", &ns, &repo, "apps/web").await;

    let out = recon_ok(&["sync", &app], 0);
    assert!(out.contains("3 created"), "{out}");
    assert_eq!(
        kget("staging", &ns, "configmap/web-config", "{.data.value}"),
        "v1"
    );
    assert_eq!(
        kget(
            "staging",
            &ns,
            "deploy/web",
            "{.metadata.annotations.recon\\.dev/tracking-id}"
        ),
        format!("recon-system/{app}")
    );

    // Defaulted fields (strategy, protocol, imagePullPolicy, …) are not drift.
    let out = recon_ok(&["diff", &app], 0);
    assert!(out.contains("in sync"), "{out}");

    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/web-config",
            "-p",
            r#"{"data":{"value":"hand-edited"}}"#,
        ],
    );
    assert!(patched.status.success());
    let out = recon_ok(&["diff", &app], 1);
    assert!(
        out.contains("-  value: hand-edited") && out.contains("+  value: v1"),
        "{out}"
    );
    assert!(out.contains("1 out of sync"), "{out}");

    let json = recon_ok(&["diff", &app, "-o", "json"], 1);
    let v: serde_json::Value =
        serde_json::from_str(&json[..json.rfind('}').map_or(0, |i| i + 1)]).expect("diff json");
    assert_eq!(v["in_sync"], false);
    let states: Vec<&str> = v["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter_map(|o| o["state"].as_str())
        .collect();
    assert_eq!(
        states.iter().filter(|s| **s == "OutOfSync").count(),
        1,
        "{states:?}"
    );

    // kubectl patch now owns the field: taking it back is an explicit --force.
    let out = recon_ok(&["sync", &app, "--force"], 0);
    assert!(
        out.contains("1 configured") && out.contains("2 unchanged"),
        "{out}"
    );
    assert_eq!(
        kget("staging", &ns, "configmap/web-config", "{.data.value}"),
        "v1"
    );
    recon_ok(&["diff", &app], 0);

    // A new commit updates in place.
    repo.write("apps/web/deploy.yaml", deployment("web", 3, "nginx:1.28"));
    repo.commit("web: scale to 3");
    let out = recon_ok(&["sync", &app], 0);
    assert!(out.contains("1 configured"), "{out}");
    assert_eq!(kget("staging", &ns, "deploy/web", "{.spec.replicas}"), "3");
    let status = crate::support::cli::get_app("staging", &app)
        .await
        .status
        .expect("status");
    assert_eq!(status.sync.status, "Synced");
    assert_eq!(status.sync.revision.as_deref(), Some(repo.head().as_str()));
    assert_eq!(status.history.len(), 3, "{:?}", status.history);
    assert_eq!(status.history[0].initiator, "admin");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ssa_conflict_names_the_other_field_manager_and_force_takes_over() {
    let ns = namespace("conflict", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/deploy.yaml", deployment("api", 2, "nginx:1.27"));
    repo.commit("api");
    let app = app_for("staging", "api", &ns, &repo, "app").await;
    recon_ok(&["sync", &app], 0);

    let scaled = kubectl(
        "staging",
        &["scale", "-n", &ns, "deploy/api", "--replicas=5"],
    );
    assert!(scaled.status.success());
    let managers = kget(
        "staging",
        &ns,
        "deploy/api",
        "{.metadata.managedFields[*].manager}",
    );
    let other = managers
        .split_whitespace()
        .find(|m| *m != "recon" && m.starts_with("kubectl"))
        .expect("kubectl manager")
        .to_string();

    let out = recon_ok(&["sync", &app], 1);
    assert!(
        out.contains("failed") && out.contains(&other) && out.contains("--force"),
        "{out}"
    );
    assert_eq!(
        kget("staging", &ns, "deploy/api", "{.spec.replicas}"),
        "5",
        "a failed apply changed nothing"
    );

    let out = recon_ok(&["sync", &app, "--force"], 0);
    assert!(out.contains("1 configured"), "{out}");
    assert_eq!(kget("staging", &ns, "deploy/api", "{.spec.replicas}"), "2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_side_drift_mode_works_for_a_readonly_identity() {
    let ns = namespace("clientdiff", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("settings", "one"));
    repo.commit("settings");
    let app = app_for("staging", "settings", &ns, &repo, "app").await;
    recon_ok(&["sync", &app], 0);
    let ro = |extra: &[&str], code: i32| {
        let mut args = vec!["--context", "staging-readonly", "diff", app.as_str()];
        args.extend_from_slice(extra);
        recon_ok(&args, code)
    };
    // Unchanged since recon's apply: no dry run needed, so even the viewer gets an answer.
    ro(&[], 0);
    ro(&["--mode", "client"], 0);
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            "configmap/settings",
            "-p",
            r#"{"data":{"value":"two"}}"#,
        ],
    );
    assert!(patched.status.success());
    // Now server mode needs a dry run, which the viewer may not do, and says so…
    let out = ro(&[], 2);
    assert!(out.contains("forbidden") && out.contains("viewer"), "{out}");
    // …while client mode needs only reads.
    let out = ro(&["--mode", "client"], 1);
    assert!(out.contains("+  value: one"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kustomize_overlay_with_a_base_outside_its_path_syncs() {
    let ns = namespace("kustomize", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("base/cm.yaml", configmap("settings", "base"))
        .write("base/kustomization.yaml", "resources:\n  - cm.yaml\n")
        .write(
            "overlays/prod/kustomization.yaml",
            "resources:\n  - ../../base\nnamePrefix: prod-\ncommonLabels:\n  tier: prod\n",
        );
    repo.commit("base and prod overlay");
    let app = format!("kz-{ns}");
    let spec = serde_json::json!({"source": {"repoURL": repo.url(), "targetRevision": "main", "path": "overlays/prod", "render": "kustomize"}});
    create_app("staging", &app, &repo.url(), "overlays/prod", &ns, spec).await;
    let out = recon_ok(&["sync", &app], 0);
    assert!(out.contains("1 created"), "{out}");
    assert_eq!(
        kget(
            "staging",
            &ns,
            "configmap/prod-settings",
            "{.metadata.labels.tier}"
        ),
        "prod"
    );
    recon_ok(&["diff", &app], 0);
}
