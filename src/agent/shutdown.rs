//! SIGTERM (Kubernetes stopping the pod) and ctrl-c start a clean shutdown:
//! reconciles in flight finish, then the Lease is released.

use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::watch;

/// Becomes true at the first SIGTERM or SIGINT.
pub fn on_signal() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        match (term, int) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => tracing::info!("agent: SIGTERM, shutting down cleanly"),
                    _ = int.recv() => tracing::info!("agent: interrupted, shutting down cleanly"),
                }
            }
            _ => {
                tracing::warn!("agent: cannot listen for signals; ctrl-c only");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        let _ = tx.send(true);
    });
    rx
}

/// Resolves when either receiver becomes true. A receiver whose sender is
/// gone can never become true: it is waited on for ever, not taken as true.
pub async fn either(a: watch::Receiver<bool>, b: watch::Receiver<bool>) {
    tokio::select! {
        _ = becomes_true(a) => {}
        _ = becomes_true(b) => {}
    }
}

async fn becomes_true(mut rx: watch::Receiver<bool>) {
    if rx.wait_for(|v| *v).await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_dropped_sender_does_not_count_as_a_shutdown() {
        let (_keep, stop) = watch::channel(false);
        let never = watch::channel(false).1;
        let waited = tokio::time::timeout(Duration::from_millis(100), either(stop, never)).await;
        assert!(waited.is_err(), "either() resolved without a shutdown");
    }

    #[tokio::test]
    async fn either_signal_ends_the_wait() {
        let (tx, stop) = watch::channel(false);
        let never = watch::channel(false).1;
        let wait = tokio::spawn(either(stop, never));
        tx.send(true).expect("send");
        tokio::time::timeout(Duration::from_secs(1), wait)
            .await
            .expect("resolved")
            .expect("joined");
    }
}
