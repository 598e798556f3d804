//! A long-running `recon agent` process under test, with a log of its own.

use std::path::PathBuf;
use std::process::{Child, Stdio};

use super::cli::{paths, recon_cmd_logging_to};

pub struct AgentProcess {
    child: Option<Child>,
    pub log: PathBuf,
}

static AGENTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl AgentProcess {
    /// `recon --context CONTEXT agent -n NS --lease-namespace NS ARGS`: an
    /// agent that sees only the test's namespace and campaigns there.
    pub fn start(context: &str, ns: &str, args: &[&str]) -> Self {
        let n = AGENTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let log = paths().root.path().join(format!("agent-{ns}-{n}.log"));
        let mut all = vec![
            "--context",
            context,
            "agent",
            "-n",
            ns,
            "--lease-namespace",
            ns,
        ];
        all.extend_from_slice(args);
        let mut cmd = recon_cmd_logging_to(&super::env().kubeconfig, &log, &all);
        cmd.env("RECON_LOG", "info,recon=debug")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = cmd.spawn().expect("start recon agent");
        Self {
            child: Some(child),
            log,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(Child::id).unwrap_or_default()
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Log lines that contain every one of `needles`.
    pub fn count_lines(&self, needles: &[&str]) -> usize {
        self.log_text()
            .lines()
            .filter(|l| needles.iter().all(|n| l.contains(n)))
            .count()
    }

    fn signal(&self, sig: i32) {
        if let Some(child) = &self.child {
            // SAFETY: kill(2) on our own child's pid.
            unsafe {
                libc::kill(child.id() as i32, sig);
            }
        }
    }

    /// SIGKILL: the agent dies mid-work, as an OOM kill or a node loss does.
    pub fn kill(&mut self) {
        self.signal(libc::SIGKILL);
        if let Some(mut child) = self.child.take() {
            let _ = child.wait();
        }
    }

    /// SIGTERM and wait for the exit; returns the exit code.
    pub fn terminate(&mut self) -> Option<i32> {
        self.signal(libc::SIGTERM);
        self.child
            .take()
            .and_then(|mut c| c.wait().ok())
            .and_then(|s| s.code())
    }

    pub fn running(&mut self) -> bool {
        match &mut self.child {
            Some(c) => matches!(c.try_wait(), Ok(None)),
            None => false,
        }
    }
}

impl Drop for AgentProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
