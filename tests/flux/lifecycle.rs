//! Flux's processes belong to their control plane: reported with it, and
//! gone with it (the Git HTTP server too) even when the supervisor is
//! killed outright.

use recon::testbed::{StartOptions, TestEnv, TestEnvError};

use crate::support::{alive, binaries, ports, wait_all_gone};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flux_is_reported_and_dies_with_a_killed_supervisor() {
    let own = TestEnv::start(
        binaries(),
        StartOptions::new(["flux-orphan"]).with_flux(["flux-orphan"]),
        &mut |l| eprintln!("[flux-orphan] {l}"),
    )
    .expect("start a control plane with Flux");
    let cluster = own
        .cluster("flux-orphan")
        .expect("cluster reported")
        .clone();
    let flux = cluster.flux.clone().expect("Flux reported for the cluster");
    assert_eq!(flux.namespace, "flux-system");
    assert_eq!(
        flux.pids.keys().map(String::as_str).collect::<Vec<_>>(),
        ["kustomize-controller", "source-controller"]
    );
    let flux_pids: Vec<u32> = flux.pids.values().copied().collect();
    assert!(
        flux_pids
            .iter()
            .all(|p| cluster.pids.contains(p) && alive(*p)),
        "Flux's processes run and are among the cluster's: {flux:?} {:?}",
        cluster.pids
    );
    assert_eq!(
        cluster.pids.len(),
        7,
        "5 control-plane components + 2 of Flux"
    );
    let git = own.git.clone().expect("a Git HTTP server beside Flux");
    let git_addr = git.url.trim_start_matches("http://").to_string();
    for addr in [&flux.storage, &git_addr] {
        assert!(std::net::TcpStream::connect(addr).is_ok(), "{addr} answers");
    }

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
    for addr in [&flux.storage, &git_addr] {
        if let Err(e) = ports::wait_released(addr, &ours).await {
            panic!("{e}");
        }
    }
}

#[test]
fn flux_on_a_cluster_not_started_is_refused_before_anything_runs() {
    let err = TestEnv::start(
        binaries(),
        StartOptions::new(["alone"]).with_flux(["elsewhere"]),
        &mut |_| {},
    )
    .err()
    .expect("refused");
    assert!(
        matches!(&err, TestEnvError::FluxClusterUnknown(name) if name == "elsewhere"),
        "{err}"
    );
}
