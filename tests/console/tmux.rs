//! Drives the real `recon` binary in a real terminal: tmux sessions, keys
//! sent with send-keys, the screen read with capture-pane.

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

static SESSIONS: AtomicU32 = AtomicU32::new(0);

pub struct Tmux {
    pub name: String,
}

impl Tmux {
    /// Starts `recon ARGS` (via `env` so variables reach it) in a detached session.
    pub fn start(width: u16, height: u16, env: &[(&str, String)], args: &[&str]) -> Tmux {
        Self::start_wrapped(width, height, env, &[], args)
    }

    /// As `start`, with recon run by `wrapper` (a program taking the
    /// command line to run as its last arguments).
    pub fn start_wrapped(
        width: u16,
        height: u16,
        env: &[(&str, String)],
        wrapper: &[&str],
        args: &[&str],
    ) -> Tmux {
        let name = format!(
            "recon-e2e-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::SeqCst)
        );
        let mut cmd = vec!["env".to_string()];
        cmd.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        cmd.extend(wrapper.iter().map(|a| a.to_string()));
        cmd.push(env!("CARGO_BIN_EXE_recon").to_string());
        cmd.extend(args.iter().map(|a| a.to_string()));
        let new_session = || {
            Command::new("tmux")
                .args([
                    "new-session",
                    "-d",
                    "-s",
                    &name,
                    "-x",
                    &width.to_string(),
                    "-y",
                    &height.to_string(),
                ])
                .args(["-e", "TERM=xterm-256color"])
                .args(cmd.iter().map(String::as_str))
                .output()
                .expect("tmux new-session")
        };
        let mut out = new_session();
        // Right after the last session was killed, the tmux server may still
        // be exiting and drop a new client ("server exited unexpectedly"):
        // a new server starts on the next try.
        for _ in 0..3 {
            let said = String::from_utf8_lossy(&out.stderr);
            if out.status.success() || !said.contains("server exited unexpectedly") {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
            out = new_session();
        }
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Keep the pane after recon exits, so its last words can be read.
        let _ = Command::new("tmux")
            .args(["set-option", "-t", &name, "remain-on-exit", "on"])
            .status();
        Tmux { name }
    }

    /// Sends keys, then gives the console a moment to take them.
    pub fn send(&self, keys: &[&str]) {
        self.send_now(keys);
        std::thread::sleep(Duration::from_millis(150));
    }

    /// As `send`, without the pause after it (for timing what follows).
    pub fn send_now(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    /// Types text literally (no key-name interpretation).
    pub fn type_text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.name, "-l", text])
            .status()
            .expect("send-keys");
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen if it never does.
    pub fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// For benchmarks: polls every 2 ms and returns how long until `pred`
    /// held (panics with the screen after `timeout`).
    #[allow(dead_code)] // benchmarks only
    pub fn time_until(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Duration {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return start.elapsed();
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?}"), timeout, |s| s.contains(text))
    }

    /// The pid of the program in the pane (`env` execs recon, so it is recon's).
    pub fn pane_pid(&self) -> Option<u32> {
        let out = Command::new("tmux")
            .args(["display-message", "-p", "-t", &self.name, "#{pane_pid}"])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    }

    /// Whether the program in the pane has exited.
    pub fn exited(&self) -> bool {
        let out = Command::new("tmux")
            .args(["display-message", "-p", "-t", &self.name, "#{pane_dead}"])
            .output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).trim() == "1")
            .unwrap_or(true)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}
