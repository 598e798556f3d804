//! `recon create app` and `recon delete APP [--cascade]` against real
//! clusters and real Git repositories, checked with kubectl.

use std::time::Duration;

use crate::fixtures::*;
use crate::support::cli::{install, recon, recon_cmd, text};
use crate::support::gitrepo::TestRepo;
use crate::support::{eventually, kubectl, namespace};

fn create(
    name: &str,
    repo: &TestRepo,
    path: &str,
    ns: &str,
    extra: &[&str],
) -> std::process::Output {
    let url = repo.url();
    let mut args = vec![
        "--context",
        "staging",
        "create",
        "app",
        name,
        "--repo",
        url.as_str(),
        "--path",
        path,
        "--dest-namespace",
        ns,
    ];
    args.extend(extra);
    recon(&args)
}

fn app_exists(name: &str) -> bool {
    exists(
        "staging",
        "recon-system",
        &format!("applications.recon.dev/{name}"),
    )
}

fn tracking(ns: &str, cm: &str) -> String {
    kget(
        "staging",
        ns,
        &format!("configmap/{cm}"),
        r"{.metadata.annotations.recon\.dev/tracking-id}",
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_app_checks_the_source_then_creates_an_app_that_syncs() {
    install();
    let ns = namespace("create", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("made", "v1"));
    repo.commit("v1");
    let name = format!("made-{ns}");

    // --dry-run -o yaml prints the Application and creates nothing.
    let out = create(
        &name,
        &repo,
        "app",
        &ns,
        &["--dry-run", "-o", "yaml", "--auto", "--prune"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let printed: serde_yaml::Value = serde_yaml::from_slice(&out.stdout).expect("YAML on stdout");
    assert_eq!(printed["kind"], "Application");
    assert_eq!(printed["spec"]["source"]["path"], "app");
    assert_eq!(printed["spec"]["syncPolicy"]["automated"], true);
    assert!(!app_exists(&name), "a dry run creates nothing");

    let out = create(&name, &repo, "app", &ns, &["--prune"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 objects"), "{}", text(&out));
    assert!(app_exists(&name));
    assert_eq!(
        kget(
            "staging",
            "recon-system",
            &format!("applications.recon.dev/{name}"),
            "{.spec.destination.namespace}"
        ),
        ns
    );

    let again = create(&name, &repo, "app", &ns, &[]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing app is refused: {}",
        text(&again)
    );
    assert!(
        text(&again).contains("already exists") && text(&again).contains("--upsert"),
        "{}",
        text(&again)
    );
    let upsert = create(&name, &repo, "app", &ns, &["--upsert", "--auto"]);
    assert!(upsert.status.success(), "{}", text(&upsert));

    recon_ok(&["sync", &name], 0);
    assert_eq!(
        kget("staging", &ns, "configmap/made", "{.data.value}"),
        "v1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_app_of_broken_yaml_names_the_file_and_line_and_creates_nothing() {
    install();
    let ns = namespace("broken", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write(
        "bad/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [unclosed\n",
    );
    repo.commit("broken");
    let name = format!("broken-{ns}");
    let out = create(&name, &repo, "bad", &ns, &[]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains("bad/cm.yaml:7:1") && said.contains("invalid YAML"),
        "names file and line: {said}"
    );
    assert!(!app_exists(&name), "nothing created");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_keeps_the_objects_untracked_and_a_later_prune_leaves_them() {
    install();
    let ns = namespace("release", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("kept", "v1"));
    repo.commit("v1");
    let name = format!("rel-{ns}");
    assert!(create(&name, &repo, "app", &ns, &[]).status.success());
    recon_ok(&["sync", &name], 0);
    assert_eq!(tracking(&ns, "kept"), format!("recon-system/{name}"));

    let out = recon(&["delete", &name, "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("configmap {ns}/kept").to_lowercase())
            || text(&out).contains("kept"),
        "lists the object: {}",
        text(&out)
    );
    assert!(!app_exists(&name), "the Application is gone");
    assert_eq!(
        kget("staging", &ns, "configmap/kept", "{.data.value}"),
        "v1",
        "the object stays"
    );
    assert_eq!(
        tracking(&ns, "kept"),
        "",
        "recon's tracking annotation is removed"
    );

    // An app of the same name again, whose Git no longer has the object, prunes: it stays.
    repo.remove("app/cm.yaml");
    repo.write("app/other.yaml", configmap("other", "v1"));
    repo.commit("drop kept");
    assert!(
        create(&name, &repo, "app", &ns, &["--prune"])
            .status
            .success()
    );
    recon_ok(&["sync", &name, "--prune"], 0);
    assert!(
        exists("staging", &ns, "configmap/kept"),
        "a released object is never pruned"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_cascade_removes_exactly_the_tracked_objects() {
    install();
    let ns = namespace("cascade", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("a/cm.yaml", configmap("mine", "v1"))
        .write("b/cm.yaml", configmap("theirs", "v1"));
    repo.commit("two apps");
    let (a, b) = (format!("a-{ns}"), format!("b-{ns}"));
    assert!(create(&a, &repo, "a", &ns, &[]).status.success());
    assert!(create(&b, &repo, "b", &ns, &[]).status.success());
    recon_ok(&["sync", &a], 0);
    recon_ok(&["sync", &b], 0);
    let by_hand = kubectl(
        "staging",
        &[
            "-n",
            &ns,
            "create",
            "configmap",
            "bystander",
            "--from-literal=k=v",
        ],
    );
    assert!(by_hand.status.success());

    let dry = recon(&["delete", &a, "--cascade", "--dry-run"]);
    assert!(
        dry.status.success() && text(&dry).contains("mine") && !text(&dry).contains("theirs"),
        "{}",
        text(&dry)
    );
    assert!(
        exists("staging", &ns, "configmap/mine"),
        "dry run deletes nothing"
    );
    let no_tty = recon(&["delete", &a, "--cascade"]);
    assert_eq!(
        no_tty.status.code(),
        Some(2),
        "no terminal, no --yes: refused: {}",
        text(&no_tty)
    );
    assert!(app_exists(&a));

    let out = recon(&["delete", &a, "--cascade", "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !exists("staging", &ns, "configmap/mine"),
        "the tracked object is deleted"
    );
    assert!(
        exists("staging", &ns, "configmap/theirs"),
        "another app's object survives"
    );
    assert!(
        exists("staging", &ns, "configmap/bystander"),
        "an untracked object survives"
    );
    assert!(!app_exists(&a));
    let audit = std::fs::read_to_string(crate::support::cli::paths().audit()).unwrap_or_default();
    assert!(
        audit
            .lines()
            .any(|l| l.contains("delete-cascade") && l.contains(&a)),
        "recorded in the audit journal"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_delete_of_a_cascade_app_with_the_agent_running_removes_its_objects() {
    install();
    let ns = namespace("final", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("doomed", "v1"));
    repo.commit("v1");
    let name = format!("fin-{ns}");
    assert!(
        create(&name, &repo, "app", &ns, &["--cascade-delete"])
            .status
            .success()
    );
    let finalizers = kget(
        "staging",
        "recon-system",
        &format!("applications.recon.dev/{name}"),
        "{.metadata.finalizers}",
    );
    assert!(
        finalizers.contains("recon.dev/cascade-delete"),
        "{finalizers}"
    );
    recon_ok(&["sync", &name], 0);
    assert!(exists("staging", &ns, "configmap/doomed"));

    let mut agent = recon_cmd(&["--context", "staging", "agent", "--interval", "2s"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the agent");
    let out = kubectl(
        "staging",
        &[
            "-n",
            "recon-system",
            "delete",
            "application.recon.dev",
            &name,
            "--wait=false",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    eventually(
        "the agent deletes the objects, then the Application",
        60,
        || {
            std::future::ready(Ok(
                !exists("staging", &ns, "configmap/doomed") && !app_exists(&name)
            ))
        },
    )
    .await;
    let _ = agent.kill();
    let _ = agent.wait();
    tokio::time::sleep(Duration::from_millis(10)).await;
}
