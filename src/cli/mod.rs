//! The command line: argument types and one module per command.

mod agent_args;
mod argocd_cmd;
pub mod args;
mod batch_cmd;
mod console_args;
mod diff_cmd;
mod flux_cmd;
mod get;
mod health_cmd;
#[cfg(test)]
mod help_examples_test;
mod history_cmd;
mod install;
mod install_args;
mod lifecycle_args;
mod lifecycle_cmd;
pub mod output;
mod pause_cmd;
mod sync_cmd;
mod testbed_cmd;

use std::process::ExitCode;

pub use args::Cli;
pub use testbed_cmd::run_testbed;

use crate::engine::fleet::Fleet;
use crate::engine::ops::Engine;
use args::Command;

/// How a command ended, as an exit code: 0 ok, 1 "not clean" (drift, a
/// failed object, an unreachable cluster), 2 error.
pub enum Verdict {
    Ok,
    NotClean,
}

impl From<bool> for Verdict {
    fn from(clean: bool) -> Self {
        if clean {
            Verdict::Ok
        } else {
            Verdict::NotClean
        }
    }
}

impl Verdict {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Verdict::Ok => ExitCode::SUCCESS,
            Verdict::NotClean => ExitCode::from(1),
        }
    }
}

/// Runs every subcommand that needs clusters.
pub async fn run_command(cli: &Cli, cmd: &Command) -> anyhow::Result<Verdict> {
    let g = &cli.global;
    if reads_git(cmd) {
        crate::git::warm_up_in_background();
    }
    if changes_clusters(cmd) {
        finish_when_the_terminal_hangs_up();
    }
    let engine = Engine::from_env();
    let fleet = async || Fleet::load(g.kubeconfig.as_deref(), &g.context, g.timeout).await;
    Ok(match cmd {
        Command::Get(a) => get::run(&fleet().await?, a).await?.into(),
        Command::Diff(a) => diff_cmd::run(&engine, &fleet().await?, a).await?.into(),
        Command::Sync(a) => sync_cmd::run_sync(&engine, &fleet().await?, a)
            .await?
            .into(),
        Command::Rollback(a) => sync_cmd::run_rollback(&engine, &fleet().await?, a)
            .await?
            .into(),
        Command::Suspend(a) => pause_cmd::run_suspend(&engine, &fleet().await?, a)
            .await?
            .into(),
        Command::Resume(a) => pause_cmd::run_resume(&engine, &fleet().await?, a)
            .await?
            .into(),
        Command::History(a) => history_cmd::run(&engine, &fleet().await?, a)
            .await
            .map(|_| Verdict::Ok)?,
        Command::Health(a) => health_cmd::run(a).map(|_| Verdict::Ok)?,
        Command::Install(a) => install::run(g, a).await.map(|_| Verdict::Ok)?,
        Command::Create(a) => lifecycle_cmd::run_create(&engine, &fleet().await?, a)
            .await
            .map(|_| Verdict::Ok)?,
        Command::Delete(a) => lifecycle_cmd::run_delete(&fleet().await?, a).await?.into(),
        Command::Agent(a) => {
            crate::agent::run(engine, fleet().await?, agent_options(a)).await?;
            Verdict::Ok
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "recon", &mut buf);
            output::write_stdout(&buf);
            Verdict::Ok
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut buf)?;
            output::write_stdout(&buf);
            Verdict::Ok
        }
        Command::Demo(_) | Command::Testbed(_) => {
            anyhow::bail!("not a cluster command")
        }
    })
}

/// The commands that change a cluster: cut by a dropped SSH session, they
/// would leave a half-applied sync with no record of it.
fn changes_clusters(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::Sync(_)
            | Command::Rollback(_)
            | Command::Suspend(_)
            | Command::Resume(_)
            | Command::Create(_)
            | Command::Delete(_)
    )
}

/// SIGHUP (the SSH connection dropped) no longer ends the process: the
/// action finishes and records itself; only its output, to a terminal
/// that is gone, is lost. SIGTERM and ctrl-c still stop it.
fn finish_when_the_terminal_hangs_up() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::hangup()) {
        // Once a stream is made, tokio handles the signal for the life of
        // the process; nothing needs to read it.
        Ok(stream) => drop(stream),
        Err(e) => {
            tracing::warn!(error = %e, "cannot handle SIGHUP; a dropped session ends the command")
        }
    }
}

/// The commands that read Git after finding their app in the clusters.
fn reads_git(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::Diff(_)
            | Command::Sync(_)
            | Command::Rollback(_)
            | Command::History(_)
            | Command::Create(_)
            | Command::Agent(_)
    )
}

/// `recon` with no subcommand: the console on every context (or `--context`).
pub async fn run_console(cli: &Cli) -> anyhow::Result<()> {
    crate::git::warm_up_in_background();
    let opts = crate::console::ConsoleOptions {
        kubeconfig: cli.global.kubeconfig.clone(),
        contexts: cli.global.context.clone(),
        timeout: cli.global.timeout,
        readonly: cli.console.readonly,
        theme: cli.console.theme.clone(),
        config: cli.console.config.clone(),
        exit_grace: cli.console.exit_grace,
    };
    crate::console::run(opts, Engine::from_env()).await
}

fn agent_options(a: &args::AgentArgs) -> crate::agent::AgentOptions {
    use crate::agent::{AgentOptions, Pacing, leader};
    AgentOptions {
        pacing: Pacing {
            interval: a.interval,
            retry_base: a.retry_base,
            retry_max: a.retry_max,
        },
        namespace: a.namespace.clone(),
        concurrency: a.concurrency,
        lease: (!a.no_leader_election).then(|| leader::LeaseConfig {
            name: "recon-agent".into(),
            namespace: a.lease_namespace.clone(),
            identity: leader::default_identity(),
            duration: a.lease_duration,
        }),
        once: a.once,
        metrics_addr: a.metrics_addr,
    }
}
