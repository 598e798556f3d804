//! `recon demo`: two local clusters, a demo Git repository with a believable
//! history, apps installed and synced, some drift, and the console on them.
//! The user's own kubeconfig is never read or touched.

mod argocd;
mod history;
mod manifests;
mod progress;
mod setup;

pub use setup::{DemoEnv, Progress, prepare};

use std::time::Duration;

use crate::cli::args::{ConsoleArgs, DemoArgs};
use crate::console::ConsoleOptions;

/// Sets everything up, runs the agent in the background (so statuses stay
/// current while you look) and opens the console; quitting stops it all,
/// unless `--keep`.
pub async fn run(args: &DemoArgs, console: &ConsoleArgs) -> anyhow::Result<()> {
    let p = Progress::new();
    let demo = prepare(args.keep, &p).await?;
    let agent_opts = crate::agent::AgentOptions {
        pacing: crate::agent::Pacing {
            interval: Duration::from_secs(5),
            ..Default::default()
        },
        namespace: None,
        concurrency: 4,
        // The demo's clusters are its own: no other agent runs there.
        lease: None,
        once: false,
        metrics_addr: None,
    };
    let agent = tokio::spawn(crate::agent::run(
        demo.engine.clone(),
        demo.fleet.clone(),
        agent_opts,
    ));
    let kubeconfig = demo.env.kubeconfig.clone();
    let result = if args.no_console {
        print_lines(&[
            &format!("demo ready: export KUBECONFIG={}", kubeconfig.display()),
            "then run `recon` for the console; ctrl-c here stops the demo",
        ]);
        tokio::signal::ctrl_c().await.map_err(anyhow::Error::from)
    } else {
        p.say("opening the console (q quits, ? for help)");
        let opts = ConsoleOptions {
            kubeconfig: Some(kubeconfig.clone()),
            contexts: Vec::new(),
            timeout: Duration::from_secs(5),
            readonly: console.readonly,
            theme: console.theme.clone(),
            config: None,
            exit_grace: console.exit_grace,
        };
        crate::console::run(opts, demo.engine.clone()).await
    };
    agent.abort();
    if args.keep {
        let (kubeconfig, pid) = demo.env.detach();
        print_lines(&[
            "the demo clusters keep running:",
            &format!("  export KUBECONFIG={}", kubeconfig.display()),
            "  kubectl --context prod get pods -A     # or staging",
            "  recon                                   # the console again",
            &format!("stop them with: kill {pid}"),
        ]);
    } else {
        p.say("stopping the demo clusters");
        tokio::task::spawn_blocking(move || demo.env.stop()).await??;
        p.say("stopped; nothing left running");
    }
    result
}

/// Prints to stdout in one write and ignores a reader that went away: a
/// script that read the kubeconfig line and closed the pipe must not turn
/// the demo into a panic (println! panics on a closed pipe).
fn print_lines(lines: &[&str]) {
    use std::io::Write;
    let mut text = lines.join("\n");
    text.push('\n');
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
