//! Actions the console has started and not yet seen end (sync, rollback,
//! pause, resume, create, delete). On the way out — `q`, SIGTERM, or SIGHUP
//! when the SSH connection drops — they are given time to finish and record
//! themselves; one still running when that time is up is recorded in the
//! audit journal as interrupted. The journal never lacks an action an
//! operator confirmed, however the session ended.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

/// How long stopped actions get to reach their next await and end.
const STOP_WAIT: Duration = Duration::from_secs(2);

/// One action in flight, named as the journal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    pub context: String,
    /// `<namespace>/<name>`, or several apps for a batch.
    pub app: String,
    /// sync, rollback, suspend, resume, create, delete, batch-….
    pub action: String,
}

/// An action and the handle that stops it.
struct Running {
    op: Op,
    abort: Option<tokio::task::AbortHandle>,
}

#[derive(Clone)]
pub struct InFlight {
    ops: Arc<Mutex<BTreeMap<u64, Running>>>,
    next: Arc<AtomicU64>,
    count: Arc<watch::Sender<usize>>,
}

impl Default for InFlight {
    fn default() -> Self {
        Self {
            ops: Arc::default(),
            next: Arc::default(),
            count: Arc::new(watch::Sender::new(0)),
        }
    }
}

/// Removes its op when the task holding it ends, however it ends.
struct Ticket {
    id: u64,
    owner: InFlight,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.owner.remove(self.id);
    }
}

impl InFlight {
    /// Runs `task` on its own, counted until it ends.
    pub fn spawn(&self, op: Op, task: impl Future<Output = ()> + Send + 'static) {
        let ticket = self.add(op);
        let id = ticket.id;
        let handle = tokio::spawn(async move {
            task.await;
            drop(ticket);
        });
        if let Ok(mut ops) = self.ops.lock()
            && let Some(running) = ops.get_mut(&id)
        {
            running.abort = Some(handle.abort_handle());
        }
    }

    /// The actions running now.
    pub fn running(&self) -> Vec<Op> {
        self.ops
            .lock()
            .map(|ops| ops.values().map(|r| r.op.clone()).collect())
            .unwrap_or_default()
    }

    /// Waits until nothing runs or `within` passes. What still runs then is
    /// stopped (so it records nothing half-done after it was given up on)
    /// and given back.
    pub async fn settle(&self, within: Duration) -> Vec<Op> {
        let mut count = self.count.subscribe();
        let _ = tokio::time::timeout(within, count.wait_for(|n| *n == 0)).await;
        self.stop_all().await
    }

    /// Stops every action running now; gives back what was stopped.
    pub async fn stop_all(&self) -> Vec<Op> {
        let left = self.running();
        if let Ok(ops) = self.ops.lock() {
            for running in ops.values() {
                if let Some(abort) = &running.abort {
                    abort.abort();
                }
            }
        }
        // A stopped task ends at its next await, dropping its ticket.
        let mut count = self.count.subscribe();
        let _ = tokio::time::timeout(STOP_WAIT, count.wait_for(|n| *n == 0)).await;
        left
    }

    fn add(&self, op: Op) -> Ticket {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut ops) = self.ops.lock() {
            ops.insert(id, Running { op, abort: None });
            self.count.send_replace(ops.len());
        }
        Ticket {
            id,
            owner: self.clone(),
        }
    }

    fn remove(&self, id: u64) {
        if let Ok(mut ops) = self.ops.lock() {
            ops.remove(&id);
            self.count.send_replace(ops.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(app: &str) -> Op {
        Op {
            context: "prod".into(),
            app: app.into(),
            action: "sync".into(),
        }
    }

    #[tokio::test]
    async fn a_finished_action_is_not_waited_for_and_a_stuck_one_is_given_back() {
        let in_flight = InFlight::default();
        let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
        in_flight.spawn(op("recon/quick"), async move {
            let _ = done_rx.await;
        });
        in_flight.spawn(op("recon/stuck"), std::future::pending());
        assert_eq!(in_flight.running().len(), 2);
        let _ = done_tx.send(());
        let left = in_flight.settle(Duration::from_millis(200)).await;
        assert_eq!(left, vec![op("recon/stuck")]);
        assert!(in_flight.running().is_empty(), "the stuck one was stopped");
    }

    #[tokio::test]
    async fn settling_returns_as_soon_as_the_last_action_ends() {
        let in_flight = InFlight::default();
        in_flight.spawn(
            op("recon/web"),
            tokio::time::sleep(Duration::from_millis(50)),
        );
        let started = std::time::Instant::now();
        let left = in_flight.settle(Duration::from_secs(30)).await;
        assert!(left.is_empty(), "{left:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn an_action_that_panics_is_no_longer_counted() {
        let in_flight = InFlight::default();
        in_flight.spawn(op("recon/boom"), async { panic!("boom") });
        let left = in_flight.settle(Duration::from_secs(5)).await;
        assert!(left.is_empty(), "{left:?}");
    }
}
