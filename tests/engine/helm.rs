//! A Helm chart app (`render: helm`) syncs, drifts and diffs like a plain
//! one: values files and inline values reach the cluster, kubectl edits show
//! as drift, a values commit is diffed and applied, a broken template is
//! named by file and line, and a Secret the chart renders stays masked.

use crate::fixtures::*;
use crate::support::cli::{create_app, recon_cmd, text};
use crate::support::gitrepo::TestRepo;
use crate::support::{b64, helm, kubectl, namespace};

const CANARY: &str = "helm-CANARY-password";
const CANARY_LIVE: &str = "helm-CANARY-live";

/// `recon ARGS` with the test bed's helm; asserts the exit code.
fn recon_helm(args: &[&str], code: i32) -> String {
    let out = recon_cmd(args)
        .env("RECON_HELM", helm().helm())
        .output()
        .expect("run recon");
    let all = text(&out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "recon {} exited {:?}:\n{all}",
        args.join(" "),
        out.status.code()
    );
    all
}

fn assert_masked(what: &str, output: &str) {
    for needle in [
        CANARY,
        CANARY_LIVE,
        &b64(CANARY),
        &b64(CANARY_LIVE),
        "CANARY",
    ] {
        assert!(
            !output.contains(needle),
            "{what} leaked {needle:?}:\n{output}"
        );
    }
}

/// A chart whose name (`website`) differs from its directory, with a values
/// file for staging and a Secret.
fn write_chart(repo: &mut TestRepo, color: &str) {
    repo.write(
        "charts/web/Chart.yaml",
        "apiVersion: v2\nname: website\nversion: 0.1.0\n",
    )
    .write(
        "charts/web/values.yaml",
        format!("greeting: hello\nreplicas: 1\ncolor: {color}\npassword: unset\n"),
    )
    .write(
        "charts/web/values-staging.yaml",
        format!("greeting: staging-hello\npassword: {CANARY}\n"),
    )
    .write(
        "charts/web/templates/settings.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\n\
         data:\n  greeting: {{ .Values.greeting | quote }}\n  replicas: {{ .Values.replicas | quote }}\n\
         \x20 color: {{ .Values.color | quote }}\n  namespace: {{ .Release.Namespace | quote }}\n",
    )
    .write(
        "charts/web/templates/secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-creds\ntype: Opaque\n\
         stringData:\n  password: {{ .Values.password | quote }}\n",
    );
}

async fn helm_app(ns: &str, repo: &TestRepo) -> String {
    let app = format!("chart-{ns}");
    let spec = serde_json::json!({"source": {
        "repoURL": repo.url(), "targetRevision": "main", "path": "charts/web", "render": "helm",
        "helm": {"valueFiles": ["values-staging.yaml"], "values": "replicas: 3\n"},
    }});
    create_app("staging", &app, &repo.url(), "charts/web", ns, spec).await;
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_helm_chart_app_syncs_drifts_and_diffs_like_a_plain_one() {
    let ns = namespace("helm", &["staging"]).await;
    let mut repo = TestRepo::new();
    write_chart(&mut repo, "blue");
    repo.commit("web chart");
    let app = helm_app(&ns, &repo).await;
    let settings = format!("configmap/{app}-settings");
    let mut outputs = Vec::new();

    let out = recon_helm(&["sync", &app], 0);
    assert!(out.contains("2 created"), "{out}");
    outputs.push(("sync", out));
    // The release is the app's name, values file over values.yaml, inline values last.
    let data = |field: &str| kget("staging", &ns, &settings, &format!("{{.data.{field}}}"));
    assert_eq!(data("greeting"), "staging-hello");
    assert_eq!(data("replicas"), "3");
    assert_eq!(data("color"), "blue");
    assert_eq!(data("namespace"), ns);
    assert_eq!(
        kget(
            "staging",
            &ns,
            &format!("secret/{app}-creds"),
            "{.data.password}"
        ),
        b64(CANARY),
        "the real value is in the cluster, so the masking checks below mean something"
    );
    outputs.push(("diff after sync", recon_helm(&["diff", &app], 0)));

    // A hand edit is drift, named by field.
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            &settings,
            "-p",
            r#"{"data":{"greeting":"hand-edited"}}"#,
        ],
    );
    assert!(patched.status.success());
    let out = recon_helm(&["diff", &app], 1);
    assert!(
        out.contains("-  greeting: hand-edited") && out.contains("+  greeting: staging-hello"),
        "{out}"
    );
    assert!(out.contains("1 out of sync"), "{out}");
    outputs.push(("diff of a hand edit", out));
    recon_helm(&["sync", &app, "--force"], 0);
    assert_eq!(data("greeting"), "staging-hello");

    // A commit to values.yaml is diffed, then applied.
    write_chart(&mut repo, "green");
    repo.commit("web: green");
    let out = recon_helm(&["diff", &app], 1);
    assert!(
        out.contains("-  color: blue") && out.contains("+  color: green"),
        "{out}"
    );
    let out = recon_helm(&["sync", &app], 0);
    assert!(out.contains("1 configured"), "{out}");
    assert_eq!(data("color"), "green");
    let status = crate::support::cli::get_app("staging", &app)
        .await
        .status
        .expect("status");
    assert_eq!(status.sync.revision.as_deref(), Some(repo.head().as_str()));

    // The Secret helm rendered is masked like any other.
    let patch = format!(r#"{{"data":{{"password":"{}"}}}}"#, b64(CANARY_LIVE));
    let patched = kubectl(
        "staging",
        &[
            "patch",
            "-n",
            &ns,
            &format!("secret/{app}-creds"),
            "-p",
            &patch,
        ],
    );
    assert!(patched.status.success());
    let diff = recon_helm(&["diff", &app], 1);
    assert!(
        diff.contains("password") && diff.contains("<masked"),
        "the changed key is shown: {diff}"
    );
    outputs.push(("diff of a changed secret", diff));
    let json = recon_helm(&["diff", &app, "-o", "json"], 1);
    let v: serde_json::Value =
        serde_json::from_str(&json[..json.rfind('}').map_or(0, |i| i + 1)]).expect("diff json");
    let secret = v["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| o.to_string().contains(&format!("{app}-creds")))
        .expect("the Secret is in the diff");
    assert_eq!(secret["state"], "OutOfSync", "{secret}");
    outputs.push(("diff -o json", json));
    outputs.push(("sync -o json", recon_helm(&["sync", &app, "-o", "json"], 0)));
    for (what, out) in &outputs {
        assert_masked(what, out);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_template_is_named_by_file_and_line_and_nothing_is_applied() {
    let ns = namespace("helmbad", &["staging"]).await;
    let mut repo = TestRepo::new();
    write_chart(&mut repo, "blue");
    repo.write(
        "charts/web/templates/broken.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: {{ .Values.missing.deep }}\n",
    );
    repo.commit("broken template");
    let app = helm_app(&ns, &repo).await;
    for command in ["diff", "sync"] {
        let out = recon_helm(&[command, &app], 2);
        assert!(
            out.contains(&app) && out.contains("charts/web/templates/broken.yaml:6:"),
            "{command}: {out}"
        );
        assert!(out.contains("nil pointer"), "helm's reason: {out}");
        assert!(!out.contains("recon-helm"), "no temp path: {out}");
    }
    assert!(
        !exists("staging", &ns, &format!("configmap/{app}-settings")),
        "nothing applied when rendering fails"
    );

    // Without a helm binary the error says so and names the app.
    let out = recon_cmd(&["diff", &app])
        .env("RECON_HELM", "/nonexistent/helm")
        .output()
        .expect("run recon");
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(
        all.contains(&app) && all.contains("RECON_HELM=/nonexistent/helm"),
        "{all}"
    );
}
