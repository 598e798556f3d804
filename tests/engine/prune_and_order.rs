//! Dry run changes nothing; prune deletes only this app's tracked objects;
//! Namespaces and CRDs first, then waves, then kinds; a CRD and its objects
//! in one sync.

use crate::fixtures::*;
use crate::support::cli::create_app;
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_changes_nothing_and_prune_deletes_only_what_this_app_tracks() {
    let ns = namespace("prune", &["staging"]).await;
    let mut mine = TestRepo::new();
    mine.write("p/a.yaml", configmap("a", "1"))
        .write("p/b.yaml", configmap("b", "1"));
    mine.commit("a and b");
    let mut theirs = TestRepo::new();
    theirs.write("p/other.yaml", configmap("other", "1"));
    theirs.commit("other");
    let app = format!("mine-{ns}");
    let other_app = format!("theirs-{ns}");
    create_app(
        "staging",
        &app,
        &mine.url(),
        "p",
        &ns,
        serde_json::json!({}),
    )
    .await;
    create_app(
        "staging",
        &other_app,
        &theirs.url(),
        "p",
        &ns,
        serde_json::json!({}),
    )
    .await;
    recon_ok(&["sync", &app], 0);
    recon_ok(&["sync", &other_app], 0);
    let untracked = kubectl(
        "staging",
        &[
            "create",
            "configmap",
            "-n",
            &ns,
            "untracked",
            "--from-literal=x=y",
        ],
    );
    assert!(untracked.status.success());

    mine.write("p/a.yaml", configmap("a", "2"))
        .remove("p/b.yaml");
    mine.commit("a=2, drop b");

    let out = recon_ok(&["sync", &app, "--dry-run", "--prune"], 0);
    assert!(
        out.contains("(dry run)") && out.contains("1 configured") && out.contains("1 pruned"),
        "{out}"
    );
    assert_eq!(
        kget("staging", &ns, "configmap/a", "{.data.value}"),
        "1",
        "dry run applied"
    );
    assert!(exists("staging", &ns, "configmap/b"), "dry run pruned");

    // Without prune the extra object is reported and left alone.
    let out = recon_ok(&["sync", &app], 0);
    assert!(
        out.contains("1 configured") && out.contains("1 skipped"),
        "{out}"
    );
    assert!(exists("staging", &ns, "configmap/b"));
    assert_eq!(kget("staging", &ns, "configmap/a", "{.data.value}"), "2");

    let out = recon_ok(&["sync", &app, "--prune"], 0);
    assert!(out.contains("1 pruned"), "{out}");
    assert!(!exists("staging", &ns, "configmap/b"), "b should be pruned");
    assert!(
        exists("staging", &ns, "configmap/other"),
        "another app's object was pruned"
    );
    assert!(
        exists("staging", &ns, "configmap/untracked"),
        "an untracked object was pruned"
    );
    recon_ok(&["diff", &app], 0);
    recon_ok(&["diff", &other_app], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn namespaces_and_crds_go_first_then_waves_then_kinds_and_a_cr_follows_its_crd() {
    let ns = namespace("order", &["staging"]).await;
    let group = format!("g{}.recon.dev", ns.replace('-', ""));
    let crd = format!(
        r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.{group}
spec:
  group: {group}
  scope: Namespaced
  names: {{plural: gadgets, singular: gadget, kind: Gadget}}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
"#
    );
    let cr =
        format!("apiVersion: {group}/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  size: 3\n");
    let extra_ns = format!("{ns}-extra");
    let mut repo = TestRepo::new();
    repo.write("o/0-cr.yaml", &cr)
        .write("o/1-late.yaml", configmap_in_wave("late", 5))
        .write("o/2-early.yaml", configmap_in_wave("early", -1))
        .write("o/3-deploy.yaml", deployment("d", 1, "nginx"))
        .write("o/4-cm.yaml", configmap("plain", "x"))
        .write("o/5-crd.yaml", &crd)
        .write(
            "o/6-ns.yaml",
            format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {extra_ns}\n"),
        );
    repo.commit("everything");
    let app = app_for("staging", "order", &ns, &repo, "o").await;

    let out = recon_ok(&["sync", &app, "-o", "json"], 0);
    let set: serde_json::Value =
        serde_json::from_str(&out[..out.rfind('}').map_or(0, |i| i + 1)]).expect("changeset json");
    let order: Vec<String> = set["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            format!(
                "{}/{}",
                e["object"]["kind"].as_str().unwrap_or(""),
                e["object"]["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    let expected = [
        format!("Namespace/{extra_ns}"),
        format!("CustomResourceDefinition/gadgets.{group}"),
        "ConfigMap/early".to_string(),
        "ConfigMap/plain".to_string(),
        "Deployment/d".to_string(),
        "Gadget/g1".to_string(),
        "ConfigMap/late".to_string(),
    ];
    assert_eq!(order, expected);
    assert!(
        set["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .all(|e| e["outcome"] == "created"),
        "{set}"
    );
    assert_eq!(
        kget(
            "staging",
            &ns,
            &format!("gadgets.{group}/g1"),
            "{.spec.size}"
        ),
        "3"
    );
    recon_ok(&["diff", &app], 0);
}
