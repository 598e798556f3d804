//! A kubeconfig as real users have them: 30 contexts, 28 of them bad in
//! different ways (connection refused, an address that accepts and never
//! answers, a CA that does not match, a rejected token, an exec credential
//! plugin that fails, one that hangs). `recon get apps` must list the two
//! good clusters' apps, say in one line why each bad context is out, and
//! return within the per-cluster timeout however many contexts hang.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use serde_yaml::{Mapping, Value};

use crate::support::cli::{app_for, recon_cmd_with, text};
use crate::support::gitrepo::TestRepo;
use crate::support::{env, namespace};

fn map(pairs: &[(&str, Value)]) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::from(*k), v.clone());
    }
    Value::Mapping(m)
}

fn s(text: &str) -> Value {
    Value::from(text)
}

/// The test bed's kubeconfig with `extra` contexts: (name, server, CA, user).
fn kubeconfig_with(extra: &[(String, String, Option<String>, Value)]) -> Value {
    let raw = std::fs::read_to_string(&env().kubeconfig).expect("read the test kubeconfig");
    let mut kc: Value = serde_yaml::from_str(&raw).expect("kubeconfig yaml");
    for (name, server, ca, user) in extra {
        let mut cluster = vec![("server", s(server))];
        if let Some(ca) = ca {
            cluster.push(("certificate-authority-data", s(ca)));
        }
        let push = |kc: &mut Value, list: &str, item: Value| {
            kc[list]
                .as_sequence_mut()
                .expect("a list in the kubeconfig")
                .push(item);
        };
        push(
            &mut kc,
            "clusters",
            map(&[("name", s(name)), ("cluster", map(&cluster))]),
        );
        push(
            &mut kc,
            "users",
            map(&[("name", s(name)), ("user", user.clone())]),
        );
        push(
            &mut kc,
            "contexts",
            map(&[
                ("name", s(name)),
                ("context", map(&[("cluster", s(name)), ("user", s(name))])),
            ]),
        );
    }
    kc
}

fn exec_user(script: &str) -> Value {
    map(&[(
        "exec",
        map(&[
            ("apiVersion", s("client.authentication.k8s.io/v1")),
            ("command", s("sh")),
            ("args", Value::Sequence(vec![s("-c"), s(script)])),
            ("interactiveMode", s("Never")),
        ]),
    )])
}

fn cluster_field(kc: &Value, context: &str, field: &str) -> String {
    kc["clusters"]
        .as_sequence()
        .and_then(|l| l.iter().find(|c| c["name"] == s(context)))
        .and_then(|c| c["cluster"][field].as_str())
        .unwrap_or_else(|| panic!("{field} of cluster {context}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_contexts_of_which_28_are_bad_list_the_good_ones_and_say_why_for_each() {
    let ns = namespace("kubeconfig", &["staging", "prod"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", crate::fixtures::configmap("k", "v1"));
    repo.commit("v1");
    let app = app_for("staging", "kc", &ns, &repo, "app").await;

    let base = kubeconfig_with(&[]);
    let staging = cluster_field(&base, "staging", "server");
    let prod_ca = cluster_field(&base, "prod", "certificate-authority-data");
    let staging_ca = cluster_field(&base, "staging", "certificate-authority-data");
    // Accept connections and never answer: a hung load balancer.
    let blackholes: Vec<TcpListener> = (0..5)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("bind"))
        .collect();
    let mut bad = Vec::new();
    let token = |t: &str| map(&[("token", s(t))]);
    for (i, blackhole) in blackholes.iter().enumerate() {
        bad.push((
            format!("refused-{i}"),
            format!("https://127.0.0.1:{}", i + 1),
            None,
            token("x"),
        ));
        let port = blackhole.local_addr().expect("addr").port();
        bad.push((
            format!("blackhole-{i}"),
            format!("https://127.0.0.1:{port}"),
            None,
            token("x"),
        ));
        bad.push((
            format!("exec-fails-{i}"),
            staging.clone(),
            None,
            exec_user("echo no credentials for you >&2; exit 3"),
        ));
        bad.push((
            format!("exec-hangs-{i}"),
            staging.clone(),
            None,
            exec_user("sleep 600"),
        ));
    }
    for i in 0..4 {
        // The staging server with prod's CA: the certificate does not verify.
        bad.push((
            format!("wrong-ca-{i}"),
            staging.clone(),
            Some(prod_ca.clone()),
            token("x"),
        ));
        bad.push((
            format!("bad-token-{i}"),
            staging.clone(),
            Some(staging_ca.clone()),
            token("expired-or-revoked"),
        ));
    }
    assert_eq!(bad.len(), 28);
    let kc = kubeconfig_with(&bad);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kubeconfig");
    std::fs::write(&path, serde_yaml::to_string(&kc).expect("yaml")).expect("write");
    let mut contexts: Vec<String> = vec!["staging".into(), "prod".into()];
    contexts.extend(bad.iter().map(|b| b.0.clone()));
    let all = contexts.join(",");

    let timeout = "3s";
    let started = Instant::now();
    let out = recon_cmd_with(
        &path,
        &["--context", &all, "--timeout", timeout, "get", "apps"],
    )
    .output()
    .expect("run recon");
    let took = started.elapsed();
    let started = Instant::now();
    let two = recon_cmd_with(&path, &["--context", "staging,prod", "get", "apps"])
        .output()
        .expect("run recon");
    let took_two = started.elapsed();
    let printed = text(&out);
    eprintln!("get apps: 30 contexts {took:?}, the 2 good ones alone {took_two:?}");
    assert!(
        printed.contains(&app),
        "the good cluster's app is listed:\n{printed}"
    );
    assert!(two.status.success(), "{}", text(&two));
    assert!(
        took < Duration::from_secs(3 + 5),
        "bounded by the 3 s per-cluster timeout, took {took:?}:\n{printed}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    for (name, ..) in &bad {
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with(&format!("warning: {name}: ")))
            .collect();
        assert_eq!(lines.len(), 1, "one line says why {name} is out:\n{stderr}");
        let why = lines[0];
        let expected = match name.split('-').next().unwrap_or_default() {
            "refused" => "refused",
            "blackhole" => "no answer within 3s",
            "exec" if name.starts_with("exec-hangs") => "exec plugin did not answer",
            "exec" => "exit",
            "wrong" => "certificate",
            "bad" => "nauthorized",
            other => panic!("unexpected context kind {other}"),
        };
        assert!(
            why.to_lowercase().contains(&expected.to_lowercase()),
            "{name}: expected {expected:?} in {why}"
        );
    }
    assert_eq!(out.status.code(), Some(1), "exit 1: some clusters are out");
    drop(blackholes);
}
