//! The console's way out, after the terminal is restored: actions still in
//! flight get time to finish (a dropped SSH session must not cut a sync in
//! half); any still running then is stopped and recorded in the audit
//! journal as interrupted (its one record). Ctrl-c or SIGTERM stops the
//! wait early.

use std::io::Write;
use std::time::Duration;

use super::in_flight::{InFlight, Op};
use crate::engine::audit::{self, AuditRecord, AuditResult};

/// Long enough for a sync of a few hundred objects on a slow link; short
/// enough that a console whose SSH session dropped does not linger.
pub const GRACE: Duration = Duration::from_secs(60);

/// Waits up to `grace` for the actions in flight; records the rest.
pub async fn settle(in_flight: &InFlight, grace: Duration) {
    let running = in_flight.running();
    if running.is_empty() {
        return;
    }
    say(&format!(
        "recon: waiting up to {}s for {} to finish: {} (ctrl-c stops waiting)",
        grace.as_secs(),
        plural(running.len()),
        names(&running)
    ));
    let left = tokio::select! {
        left = in_flight.settle(grace) => left,
        () = stop_asked() => in_flight.stop_all().await,
    };
    for op in &left {
        record_interrupted(op, grace);
    }
    if !left.is_empty() {
        say(&format!(
            "recon: recorded as interrupted in {}: {}",
            audit::journal_path().display(),
            names(&left)
        ));
    }
}

fn record_interrupted(op: &Op, grace: Duration) {
    let rec = AuditRecord {
        time: jiff::Timestamp::now().to_string(),
        // The cluster is not asked who we are on the way out: it may be
        // what went away. The local user started the console.
        actor: local_user(),
        context: op.context.clone(),
        app: op.app.clone(),
        action: op.action.clone(),
        revision: None,
        result: AuditResult::Failed("interrupted".into()),
        details: format!(
            "interrupted: the console exited before the {} ended (waited {}s); check the app's state",
            op.action,
            grace.as_secs()
        ),
    };
    audit::append_journal(&rec);
}

fn local_user() -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    format!("{user} (local)")
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 action".into()
    } else {
        format!("{n} actions")
    }
}

fn names(ops: &[Op]) -> String {
    ops.iter()
        .map(|o| format!("{} {}/{}", o.action, o.context, o.app))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ctrl-c or SIGTERM while waiting.
async fn stop_asked() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        },
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// To stderr, which may be a terminal that is gone (SIGHUP): never fatal.
fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
