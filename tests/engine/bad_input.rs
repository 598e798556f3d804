//! Bad input gets a clear error naming the app, file or object, loses
//! nothing, and never panics (exit 2 for errors, never 101).

use crate::fixtures::*;
use crate::support::cli::{create_app, recon, text};
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};

/// Runs `recon ARGS`, expects exit 2, every needle in the output, and an
/// `error:` line that says each of its parts once.
fn fails_naming(args: &[&str], needles: &[&str]) -> String {
    let out = recon(args);
    let all = text(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "recon {} should fail with exit 2:\n{all}",
        args.join(" ")
    );
    for n in needles {
        assert!(
            all.contains(n),
            "error for `recon {}` should mention {n:?}:\n{all}",
            args.join(" ")
        );
    }
    says_each_part_once(&all);
    all
}

/// The error line is "error: outer: cause: its cause"; a cause printed by
/// an error and again by the chain printer would show a part twice: as the
/// same part again, or (a long part) inside a later one. Short words such
/// as "forbidden" may well recur in the API server's own sentence.
fn says_each_part_once(output: &str) {
    let line = output
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("no `error:` line in:\n{output}"));
    let parts: Vec<&str> = line.split(": ").collect();
    for (i, part) in parts.iter().enumerate() {
        let again = parts[i + 1..].iter().any(|later| later == part)
            || (part.len() >= 24 && line.matches(part).count() > 1);
        assert!(
            !again,
            "{part:?} is said more than once in the error:\n{line}"
        );
    }
}

async fn app_with(
    ns: &str,
    name: &str,
    repo: &TestRepo,
    path: &str,
    spec: serde_json::Value,
) -> String {
    let app = format!("{name}-{ns}");
    create_app("staging", &app, &repo.url(), path, ns, spec).await;
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_manifests_name_the_file_line_and_object() {
    let ns = namespace("badyaml", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("y/ok.yaml", configmap("fine", "1")).write(
        "y/broken.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [unclosed\n  b: 2\n",
    );
    repo.commit("broken yaml");
    repo.write(
        "k/nokind.yaml",
        "apiVersion: v1\nmetadata:\n  name: nameless-kind\n",
    );
    repo.write(
        "u/unknown.yaml",
        "apiVersion: nothere.example.com/v1\nkind: Phantom\nmetadata:\n  name: ghost\n",
    );
    repo.write(
        "big/huge.yaml",
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: \"{}\"\n",
            "x".repeat(5 * 1024 * 1024)
        ),
    );
    repo.symlink("evil/link.yaml", "../../../../etc/passwd");
    repo.commit("more broken things");

    let app = app_with(&ns, "yaml", &repo, "y", serde_json::json!({})).await;
    let out = fails_naming(&["diff", &app], &[&app, "y/broken.yaml", "line"]);
    assert!(
        out.contains("line 6") || out.contains("line 7"),
        "the line of the error: {out}"
    );
    fails_naming(&["sync", &app], &["y/broken.yaml"]);
    assert!(
        !exists("staging", &ns, "configmap/fine"),
        "nothing applied when rendering fails"
    );

    let app = app_with(&ns, "nokind", &repo, "k", serde_json::json!({})).await;
    fails_naming(&["diff", &app], &["k/nokind.yaml", "kind"]);
    let app = app_with(&ns, "unknown", &repo, "u", serde_json::json!({})).await;
    fails_naming(
        &["sync", &app],
        &["Phantom", "nothere.example.com/v1", "u/unknown.yaml", "CRD"],
    );
    let app = app_with(&ns, "huge", &repo, "big", serde_json::json!({})).await;
    fails_naming(&["diff", &app], &["big/huge.yaml"]);
    let app = app_with(&ns, "evil", &repo, "evil", serde_json::json!({})).await;
    // Refused as a symlink that leaves the repository, not merely "not found".
    fails_naming(
        &["diff", &app],
        &["evil/link.yaml", "symlink", "points outside the repository"],
    );
    let app = app_with(&ns, "escape", &repo, "../outside", serde_json::json!({})).await;
    fails_naming(&["diff", &app], &["../outside"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_paths_revisions_repos_and_apps_are_named() {
    let ns = namespace("missing", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("real/cm.yaml", configmap("c", "1"));
    repo.commit("c");
    let app = app_with(
        &ns,
        "nopath",
        &repo,
        "does/not/exist",
        serde_json::json!({}),
    )
    .await;
    fails_naming(&["diff", &app], &[&app, "does/not/exist"]);
    let app = app_with(&ns, "norev", &repo, "real", serde_json::json!({})).await;
    let patch = r#"{"spec":{"source":{"targetRevision":"no-such-branch"}}}"#;
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            "recon-system",
            &format!("applications.recon.dev/{app}"),
            "--type=merge",
            "-p",
            patch,
        ],
    );
    assert!(patched.status.success());
    fails_naming(&["sync", &app], &[&app, "no-such-branch"]);
    fails_naming(
        &["rollback", &app, "deadbeefdeadbeef"],
        &["deadbeefdeadbeef"],
    );

    let app = format!("norepo-{ns}");
    create_app(
        "staging",
        &app,
        "https://user:tok3n-SECRET@127.0.0.1:9/missing.git",
        "x",
        &ns,
        serde_json::json!({}),
    )
    .await;
    let out = fails_naming(&["diff", &app], &[&app, "127.0.0.1:9/missing.git"]);
    assert!(
        !out.contains("tok3n-SECRET"),
        "a token in a repo URL is never printed: {out}"
    );
    let log = std::fs::read_to_string(crate::support::cli::paths().log()).unwrap_or_default();
    assert!(!log.contains("tok3n-SECRET"), "nor logged");

    fails_naming(&["diff", "no-such-app"], &["no-such-app", "staging"]);
    fails_naming(&["--context", "nope", "get", "apps"], &["nope", "staging"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forbidden_identity_gets_a_clear_error_and_changes_nothing() {
    let ns = namespace("forbid", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("f/cm.yaml", configmap("c", "1"));
    repo.commit("c");
    let app = app_with(&ns, "forbid", &repo, "f", serde_json::json!({})).await;
    // Nothing is live yet, so the refusal comes per object, on apply: exit 1, reported.
    let out = recon(&["--context", "staging-readonly", "sync", &app]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("forbidden") && all.contains("User \"viewer\"") && all.contains("f/cm.yaml"),
        "{all}"
    );
    assert!(!exists("staging", &ns, "configmap/c"));
    fails_naming(
        &["--context", "staging-readonly", "suspend", &app],
        &["forbidden", &app],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_rejected_part_way_reports_what_was_applied_and_what_was_not() {
    let ns = namespace("reject", &["staging"]).await;
    let policy = format!(
        r#"apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {{name: deny-{ns}}}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["configmaps"]
  validations:
    - expression: "!has(object.metadata.labels) || !('reject' in object.metadata.labels)"
      message: "configmaps labelled reject are refused by policy"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {{name: deny-{ns}}}
spec:
  policyName: deny-{ns}
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels: {{kubernetes.io/metadata.name: {ns}}}
"#
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("policy.yaml");
    std::fs::write(&file, policy).expect("write policy");
    let applied = kubectl("staging", &["apply", "-f", &file.display().to_string()]);
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    // Policies take effect asynchronously: wait until the cluster enforces it.
    let probe = dir.path().join("probe.yaml");
    let cm = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\n  namespace: {ns}\n  labels:\n    reject: \"yes\"\n"
    );
    std::fs::write(&probe, cm).expect("write probe");
    for i in 0.. {
        let res = kubectl(
            "staging",
            &[
                "apply",
                "--dry-run=server",
                "-f",
                &probe.display().to_string(),
            ],
        );
        if !res.status.success()
            && String::from_utf8_lossy(&res.stderr).contains("refused by policy")
        {
            break;
        }
        assert!(i < 100, "the policy never took effect");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    let mut repo = TestRepo::new();
    repo.write("r/a.yaml", configmap("first", "1"))
        .write("r/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: refused\n  labels:\n    reject: \"yes\"\ndata:\n  v: \"1\"\n")
        .write("r/c.yaml", configmap_in_wave("later", 1));
    repo.commit("one refused object");
    let app = app_with(&ns, "reject", &repo, "r", serde_json::json!({})).await;
    let out = recon(&["sync", &app]);
    let all = text(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a partial failure exits 1:\n{all}"
    );
    assert!(
        all.contains("ConfigMap") && all.contains("first created"),
        "{all}"
    );
    assert!(
        all.contains("refused failed")
            && all.contains("refused by policy")
            && all.contains("r/b.yaml"),
        "{all}"
    );
    assert!(
        all.contains("later skipped") && all.contains("earlier wave"),
        "{all}"
    );
    assert!(
        exists("staging", &ns, "configmap/first"),
        "applied before the failure"
    );
    assert!(!exists("staging", &ns, "configmap/refused"));
    assert!(
        !exists("staging", &ns, "configmap/later"),
        "a later wave is not applied after a failure"
    );
    let status = crate::support::cli::get_app("staging", &app)
        .await
        .status
        .expect("status");
    assert!(
        status.history[0].result.contains("failed"),
        "{:?}",
        status.history[0]
    );
    assert_ne!(
        status.sync.revision.as_deref(),
        Some(repo.head().as_str()),
        "a failed sync does not claim the revision"
    );
}

#[test]
fn a_closed_stdout_ends_a_command_quietly_instead_of_panicking() {
    for args in [
        ["man"].as_slice(),
        ["completions", "bash"].as_slice(),
        [
            "health",
            "-f",
            "src/cli/health_fixtures/multi_document.yaml",
        ]
        .as_slice(),
    ] {
        let mut child = crate::support::cli::recon_cmd(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn recon");
        // Close the read end before recon writes: its writes get EPIPE.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "recon {args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked"),
            "recon {args:?} panicked: {stderr}"
        );
    }
}
