//! The test bed itself: real control planes behave like real clusters.

mod support;

use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::ConfigMap;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, ListParams, Patch, PatchParams, PostParams};
use kube::core::{ApiResource, DynamicObject, GroupVersionKind};
use recon::testbed::{StartOptions, TestEnv};
use serde_json::json;
use support::{alive, client, env, eventually, kubectl, namespace, wait_all_gone};

fn deployment(name: &str) -> serde_json::Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}
            }
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deployment_becomes_available_in_two_clusters_and_kubectl_sees_running_pods() {
    let ns = namespace("deploy", &["staging", "prod"]).await;
    for ctx in ["staging", "prod"] {
        let api: Api<Deployment> = Api::namespaced(client(ctx).await, &ns);
        let params = PatchParams::apply("recon-test").force();
        api.patch("web", &params, &Patch::Apply(deployment("web")))
            .await
            .unwrap_or_else(|e| panic!("apply Deployment in {ctx}: {e}"));
    }
    for ctx in ["staging", "prod"] {
        let api: Api<Deployment> = Api::namespaced(client(ctx).await, &ns);
        eventually(&format!("2 available replicas in {ctx}"), 120, || {
            let api = api.clone();
            async move {
                let d = api.get("web").await.map_err(|e| e.to_string())?;
                Ok(d.status.and_then(|s| s.available_replicas) == Some(2))
            }
        })
        .await;
        let out = kubectl(
            ctx,
            &[
                "get",
                "pods",
                "-n",
                &ns,
                "-l",
                "app=web",
                "-o",
                "jsonpath={.items[*].status.phase}",
            ],
        );
        assert!(
            out.status.success(),
            "kubectl failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let phases = String::from_utf8_lossy(&out.stdout).to_string();
        assert_eq!(
            phases.split_whitespace().collect::<Vec<_>>(),
            ["Running", "Running"],
            "pods in {ctx}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readonly_identity_can_read_but_gets_403_on_write() {
    let ns = namespace("readonly", &["staging"]).await;
    let ro: Api<ConfigMap> = Api::namespaced(client("staging-readonly").await, &ns);
    ro.list(&ListParams::default())
        .await
        .expect("read-only identity may list");
    let out = kubectl("staging-readonly", &["get", "configmaps", "-n", &ns]);
    assert!(
        out.status.success(),
        "kubectl read as viewer: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cm: ConfigMap =
        serde_json::from_value(json!({"metadata": {"name": "nope"}, "data": {"a": "b"}}))
            .expect("cm");
    match ro.create(&PostParams::default(), &cm).await {
        Err(kube::Error::Api(status)) => {
            assert_eq!(status.code, 403, "expected Forbidden, got {status:?}")
        }
        other => panic!("write by the read-only identity should be forbidden, got {other:?}"),
    }
    // The same write by the admin identity succeeds, so the 403 is RBAC, not a broken request.
    let admin: Api<ConfigMap> = Api::namespaced(client("staging").await, &ns);
    admin
        .create(&PostParams::default(), &cm)
        .await
        .expect("admin may write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crd_applied_to_one_cluster_is_served_there_and_not_in_the_other() {
    let crd: CustomResourceDefinition = serde_json::from_value(json!({
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.testbed.recon.dev"},
        "spec": {
            "group": "testbed.recon.dev", "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
            "versions": [{"name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}]
        }
    }))
    .expect("crd");
    let crds: Api<CustomResourceDefinition> = Api::all(client("staging").await);
    crds.patch(
        "widgets.testbed.recon.dev",
        &PatchParams::apply("recon-test").force(),
        &Patch::Apply(&crd),
    )
    .await
    .expect("apply CRD");
    let ns = namespace("crd", &["staging", "prod"]).await;
    let gvk = GroupVersionKind::gvk("testbed.recon.dev", "v1", "Widget");
    let ar = ApiResource::from_gvk_with_plural(&gvk, "widgets");
    let staging: Api<DynamicObject> = Api::namespaced_with(client("staging").await, &ns, &ar);
    eventually("Widget served in staging", 30, || {
        let staging = staging.clone();
        async move {
            Ok(staging
                .list(&ListParams::default())
                .await
                .map_err(|e| e.to_string())
                .is_ok())
        }
    })
    .await;
    let prod: Api<DynamicObject> = Api::namespaced_with(client("prod").await, &ns, &ar);
    match prod.list(&ListParams::default()).await {
        Err(kube::Error::Api(status)) => assert_eq!(
            status.code, 404,
            "prod should not serve Widgets: {status:?}"
        ),
        other => panic!("prod should not serve Widgets, got {other:?}"),
    }
    let out = kubectl("prod", &["get", "widgets", "-n", &ns]);
    assert!(!out.status.success(), "kubectl found widgets in prod");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_a_control_plane_leaves_no_process_or_port_behind() {
    let own = TestEnv::start(
        support::binaries(),
        StartOptions::new(["ephemeral"]),
        &mut |l| eprintln!("[ephemeral] {l}"),
    )
    .expect("start ephemeral control plane");
    let cluster = own.cluster("ephemeral").expect("cluster reported").clone();
    assert_eq!(
        cluster.pids.len(),
        5,
        "etcd, apiserver, controller-manager, scheduler, kwok"
    );
    assert!(
        cluster.pids.iter().all(|p| alive(*p)),
        "all components run before stop"
    );
    let supervisor = own.supervisor_pid();
    let ours: Vec<u32> = cluster.pids.iter().copied().chain([supervisor]).collect();
    let work_dir = own.work_dir.clone();
    let addr = cluster.server.trim_start_matches("https://").to_string();
    own.stop().expect("stop");
    let left = wait_all_gone(&cluster.pids).await;
    assert!(left.is_empty(), "processes left after stop: {left:?}");
    assert!(!alive(supervisor), "supervisor still alive");
    if let Err(e) = support::ports::wait_released(&addr, &ours).await {
        panic!("apiserver port: {e}");
    }
    assert!(
        !work_dir.exists(),
        "work dir {} left behind",
        work_dir.display()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_supervisor_takes_its_control_plane_with_it() {
    let own = TestEnv::start(
        support::binaries(),
        StartOptions::new(["orphan"]),
        &mut |l| eprintln!("[orphan] {l}"),
    )
    .expect("start control plane");
    let pids = own.cluster("orphan").expect("cluster").pids.clone();
    let supervisor = own.supervisor_pid();
    // SIGKILL gives the supervisor no chance to clean up: the parent-death
    // signal on each component must do it.
    let pid = i32::try_from(supervisor).expect("pid");
    // SAFETY: kill(2) on a child we spawned.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    drop(own);
    let left = wait_all_gone(&pids).await;
    assert!(
        left.is_empty(),
        "components survived their supervisor: {left:?}"
    );
}

#[test]
fn shared_env_has_both_contexts_in_its_kubeconfig() {
    let text = std::fs::read_to_string(&env().kubeconfig).expect("kubeconfig");
    for ctx in ["staging", "prod", "staging-readonly", "prod-readonly"] {
        assert!(
            text.contains(&format!("- name: {ctx}\n")),
            "context {ctx} missing"
        );
    }
}

/// Regression: with kube-controller-manager's node lifecycle controller and
/// kwok's heartbeats, pods were marked NotReady for good about 50 s after
/// start. Long-lived clusters (the demo) must keep their Deployments available.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deployments_stay_available_past_the_node_monitor_grace_period() {
    let ns = namespace("steady", &["prod"]).await;
    let api: Api<Deployment> = Api::namespaced(client("prod").await, &ns);
    api.patch(
        "steady",
        &PatchParams::apply("recon-test").force(),
        &Patch::Apply(deployment("steady")),
    )
    .await
    .expect("apply");
    let available = || {
        let api = api.clone();
        async move {
            let d = api.get("steady").await.map_err(|e| e.to_string())?;
            Ok(d.status.and_then(|s| s.available_replicas) == Some(2))
        }
    };
    eventually("2 available replicas", 120, available).await;
    // Past the controller-manager's default node monitor grace period (50 s).
    tokio::time::sleep(Duration::from_secs(70)).await;
    let d = api.get("steady").await.expect("get");
    assert_eq!(
        d.status.and_then(|s| s.available_replicas),
        Some(2),
        "pods went unavailable over time"
    );
    let nodes = kubectl(
        "prod",
        &["get", "nodes", "-o", "jsonpath={.items[*].spec.taints}"],
    );
    assert_eq!(
        String::from_utf8_lossy(&nodes.stdout).trim(),
        "",
        "nodes keep no not-ready taint"
    );
}

/// kwok's kubelet-like server on every fake node: `kubectl logs` reads the
/// file a ClusterLogs object names, `--previous` the previous file, and
/// `-f` follows lines appended to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_logs_reads_and_follows_the_file_kwok_serves() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let ns = namespace("podlogs", &["staging"]).await;
    let staging = env()
        .clusters
        .iter()
        .find(|c| c.name == "staging")
        .expect("staging cluster");
    assert!(
        staging.kubelet.starts_with("127.0.0.1:"),
        "fake nodes advertise kwok on loopback: {:?}",
        staging.kubelet
    );
    let files = support::podlogs::PodLogFiles::serve("staging", &ns);
    files.append("first line from the file");
    files.append("second line from the file");
    files.append_previous("the crashed container said this");
    let api: Api<Deployment> = Api::namespaced(client("staging").await, &ns);
    let mut web = deployment("web");
    web["spec"]["replicas"] = json!(1);
    api.patch(
        "web",
        &PatchParams::apply("recon-test").force(),
        &Patch::Apply(web),
    )
    .await
    .expect("apply Deployment");
    let logs = |extra: &[&str]| {
        let mut args = vec!["logs", "-n", &ns, "deploy/web"];
        args.extend_from_slice(extra);
        let out = kubectl("staging", &args);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    // kwok learns of the ClusterLogs by watch, and the pod must be Running.
    eventually("kubectl logs to return the file's lines", 120, || {
        let (ok, out, err) = logs(&[]);
        async move {
            if ok {
                Ok(out == "first line from the file\nsecond line from the file\n")
            } else {
                Err(err)
            }
        }
    })
    .await;
    let (ok, out, err) = logs(&["--previous"]);
    assert!(ok, "{err}");
    assert_eq!(out, "the crashed container said this\n");
    let (ok, out, err) = logs(&["--tail=1"]);
    assert!(ok, "{err}");
    assert_eq!(out, "second line from the file\n");

    // Follow: a line appended after kubectl started arrives on its own.
    let mut follow = Command::new(support::binaries().kubectl())
        .env("KUBECONFIG", &env().kubeconfig)
        .args([
            "--context",
            "staging",
            "logs",
            "-f",
            "-n",
            &ns,
            "deploy/web",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kubectl logs -f");
    let stdout = follow.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let next = || {
        rx.recv_timeout(Duration::from_secs(30))
            .expect("a followed line")
    };
    assert_eq!(next(), "first line from the file");
    assert_eq!(next(), "second line from the file");
    files.append("appended while following");
    assert_eq!(next(), "appended while following");
    let _ = follow.kill();
    let _ = follow.wait();
}
