use std::process::ExitCode;

use clap::Parser;
use recon::cli::Cli;
use recon::cli::args::Command;

fn main() -> ExitCode {
    recon::memory::few_arenas();
    let cli = Cli::parse();
    let log_file = cli.global.log_file.as_deref();
    let _log_guard = match &cli.command {
        Some(Command::Agent(_)) => recon::logging::init_agent(log_file),
        _ => recon::logging::init(log_file),
    };
    if let Some(Command::Testbed(args)) = &cli.command {
        return report(recon::cli::run_testbed(args).map(|_| recon::cli::Verdict::Ok));
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return report(Err(anyhow::anyhow!("cannot start the async runtime: {e}"))),
    };
    let result = runtime.block_on(async {
        match &cli.command {
            Some(Command::Demo(args)) => recon::demo::run(args, &cli.console)
                .await
                .map(|_| recon::cli::Verdict::Ok),
            Some(cmd) => recon::cli::run_command(&cli, cmd).await,
            None => recon::cli::run_console(&cli)
                .await
                .map(|_| recon::cli::Verdict::Ok),
        }
    });
    // A credential plugin that never answered still holds a blocking thread:
    // do not wait for it to exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    report(result)
}

fn report(result: anyhow::Result<recon::cli::Verdict>) -> ExitCode {
    match result {
        Ok(v) => v.exit_code(),
        Err(e) => {
            // Each cause once: recon's errors leave theirs to source().
            let message = recon::error_chain::chain(e.as_ref());
            tracing::error!(error = %message, "command failed");
            // Not eprintln!: it panics when stderr is a terminal that is gone.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                recon::text::printable(&message)
            );
            ExitCode::from(2)
        }
    }
}
