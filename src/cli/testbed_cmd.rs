//! `recon testbed build|up`: the local Kubernetes test bed, by hand.

use std::time::Instant;

use crate::cli::args::{TestbedAction, TestbedArgs, TestbedExtra};
use crate::testbed::{
    StartOptions, TestEnv, ensure_argocd_built, ensure_built, ensure_flux_built, ensure_helm_built,
};

pub fn run_testbed(args: &TestbedArgs) -> anyhow::Result<()> {
    let began = Instant::now();
    let mut progress = |line: &str| eprintln!("[{:>5.1}s] {line}", began.elapsed().as_secs_f64());
    let bins = ensure_built(&mut progress)?;
    match &args.action {
        TestbedAction::Build { with } => {
            crate::outln!("{}", bins.dir.display());
            if with.contains(&TestbedExtra::Argocd) {
                let argo = ensure_argocd_built(&mut progress)?;
                crate::outln!("{}", argo.dir.display());
            }
            if with.contains(&TestbedExtra::Helm) {
                let helm = ensure_helm_built(&mut progress)?;
                crate::outln!("{}", helm.dir.display());
            }
            if with.contains(&TestbedExtra::Flux) {
                let flux = ensure_flux_built(&mut progress)?;
                crate::outln!("{}", flux.dir.display());
            }
            Ok(())
        }
        TestbedAction::Up { cluster, with } => {
            let mut opts = StartOptions::new(cluster.clone());
            if with.contains(&TestbedExtra::Argocd) {
                opts = opts.with_argocd(cluster.clone());
            }
            if with.contains(&TestbedExtra::Flux) {
                opts = opts.with_flux(cluster.clone());
            }
            let helm = if with.contains(&TestbedExtra::Helm) {
                Some(ensure_helm_built(&mut progress)?)
            } else {
                None
            };
            let env = TestEnv::start(&bins, opts, &mut progress)?;
            crate::outln!("export KUBECONFIG={}", env.kubeconfig.display());
            if let Some(helm) = helm {
                crate::outln!("export RECON_HELM={}", helm.helm().display());
            }
            for c in &env.clusters {
                crate::outln!(
                    "context {:<12} {} (read-only: {})",
                    c.context,
                    c.server,
                    c.readonly_context
                );
                if let Some(argo) = &c.argocd {
                    crate::outln!(
                        "  Argo CD: Applications in namespace {}, repo-server {}, redis {}, logs in {}",
                        argo.namespace,
                        argo.repo_server,
                        argo.redis,
                        c.dir.join("logs").display()
                    );
                }
                if let Some(flux) = &c.flux {
                    crate::outln!(
                        "  Flux: source-controller artifacts on {}, events in namespace {}, logs in {}",
                        flux.storage,
                        flux.namespace,
                        c.dir.join("logs").display()
                    );
                }
            }
            if let Some(git) = &env.git {
                crate::outln!(
                    "Git over HTTP: {}/NAME.git serves the bare repository {}/NAME.git",
                    git.url,
                    git.root.display()
                );
            }
            eprintln!("ready; ctrl-c stops everything");
            let (tx, rx) = std::sync::mpsc::channel();
            let _ = ctrlc_channel(tx);
            let _ = rx.recv();
            env.stop()?;
            Ok(())
        }
    }
}

/// Waits for SIGINT/SIGTERM on a small runtime of its own.
fn ctrlc_channel(tx: std::sync::mpsc::Sender<()>) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::spawn(move || {
        rt.block_on(async {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        });
        let _ = tx.send(());
    });
    Ok(())
}
