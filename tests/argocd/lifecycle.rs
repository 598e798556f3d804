//! Argo CD's processes belong to their control plane: reported with it, and
//! gone with it even when the supervisor is killed outright.

use recon::testbed::{StartOptions, TestEnv, TestEnvError};

use crate::support::{alive, binaries, wait_all_gone};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn argo_cd_is_reported_and_dies_with_a_killed_supervisor() {
    let own = TestEnv::start(
        binaries(),
        StartOptions::new(["argo-orphan"]).with_argocd(["argo-orphan"]),
        &mut |l| eprintln!("[argo-orphan] {l}"),
    )
    .expect("start a control plane with Argo CD");
    let cluster = own
        .cluster("argo-orphan")
        .expect("cluster reported")
        .clone();
    let argo = cluster
        .argocd
        .clone()
        .expect("Argo CD reported for the cluster");
    assert_eq!(argo.namespace, "argocd");
    let argo_pids: Vec<u32> = argo.pids.values().copied().collect();
    assert_eq!(
        argo.pids.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "argocd-application-controller",
            "argocd-repo-server",
            "redis"
        ]
    );
    assert!(
        argo_pids
            .iter()
            .all(|p| cluster.pids.contains(p) && alive(*p)),
        "Argo CD's processes run and are among the cluster's: {argo:?} {:?}",
        cluster.pids
    );
    assert_eq!(
        cluster.pids.len(),
        8,
        "5 control-plane components + 3 of Argo CD"
    );
    let metrics = argo.controller_metrics.clone();
    assert!(
        std::net::TcpStream::connect(&metrics).is_ok(),
        "controller metrics {metrics}"
    );

    // SIGKILL leaves the parent-death signal as the only way out.
    let ours: Vec<u32> = cluster
        .pids
        .iter()
        .copied()
        .chain([own.supervisor_pid()])
        .collect();
    let pid = i32::try_from(own.supervisor_pid()).expect("pid");
    // SAFETY: kill(2) on a child we spawned.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    drop(own);
    let left = wait_all_gone(&cluster.pids).await;
    assert!(left.is_empty(), "survived their supervisor: {left:?}");
    if let Err(e) = crate::support::ports::wait_released(&metrics, &ours).await {
        panic!("controller metrics: {e}");
    }
}

#[test]
fn argo_cd_on_a_cluster_not_started_is_refused_before_anything_runs() {
    let err = TestEnv::start(
        binaries(),
        StartOptions::new(["alone"]).with_argocd(["elsewhere"]),
        &mut |_| {},
    )
    .err()
    .expect("refused");
    assert!(
        matches!(&err, TestEnvError::ArgoCdClusterUnknown(name) if name == "elsewhere"),
        "{err}"
    );
}
