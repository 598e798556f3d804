//! Faults on demand: a test stops one component of a running control plane
//! (kube-apiserver, etcd, …) and starts it again, through the supervisor's
//! standard input (see tests/testenv/cmd/recon-testenv/commands.go).

use std::io::Write;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use super::launch::{TestEnv, TestEnvError};

/// Long enough for kube-apiserver to start and answer /readyz on 2 cores.
const ANSWER_WITHIN: Duration = Duration::from_secs(120);

impl TestEnv {
    /// Stops `component` of `cluster` (SIGTERM, SIGKILL after 5 s) until
    /// [`TestEnv::start_component`]; the supervisor does not report it as died.
    pub fn stop_component(&self, cluster: &str, component: &str) -> Result<(), TestEnvError> {
        self.command(&format!("stop {cluster} {component}"))
    }

    /// Starts a stopped component again with its first arguments, same ports
    /// and data; for kube-apiserver, returns once it answers /readyz.
    pub fn start_component(&self, cluster: &str, component: &str) -> Result<(), TestEnvError> {
        self.command(&format!("start {cluster} {component}"))
    }

    fn command(&self, line: &str) -> Result<(), TestEnvError> {
        let failed = |why: String| TestEnvError::Command {
            command: line.to_string(),
            why,
        };
        let lifeline = self
            .lifeline
            .as_ref()
            .ok_or_else(|| failed("this test bed was started without a lifeline".into()))?;
        {
            let mut stdin = lifeline
                .lock()
                .map_err(|_| failed("the lifeline lock is poisoned".into()))?;
            writeln!(stdin, "{line}")
                .and_then(|()| stdin.flush())
                .map_err(|e| failed(format!("the supervisor is gone: {e}")))?;
        }
        let rx = self
            .events
            .lock()
            .map_err(|_| failed("the event lock is poisoned".into()))?;
        let deadline = Instant::now() + ANSWER_WITHIN;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                // Commands are answered in order, one at a time.
                Ok(ev) if ev.event == "done" => return Ok(()),
                Ok(ev) if ev.event == "failed" => {
                    return Err(failed(ev.message.unwrap_or_default()));
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(failed(format!("no answer within {ANSWER_WITHIN:?}")));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(failed("the supervisor exited".into()));
                }
            }
        }
    }
}
