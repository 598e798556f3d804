//! What the console scenarios share: waiting, the console's environment, setup.

use std::time::Duration;

use crate::support::cli::{paths, recon, text};
use crate::support::{env, kubectl};
use crate::tmux::Tmux;

pub const WAIT: Duration = Duration::from_secs(30);

pub use crate::support::cli::{app_for, configmap};

/// Environment for a console under test: the shared clusters, and a config
/// home of its own so no user keymap/theme/config leaks in.
pub fn console_env(config_home: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![
        ("KUBECONFIG", env().kubeconfig.display().to_string()),
        ("RECON_CACHE_DIR", paths().cache().display().to_string()),
        ("RECON_AUDIT_LOG", paths().audit().display().to_string()),
        ("XDG_CONFIG_HOME", config_home.display().to_string()),
        (
            "PATH",
            format!(
                "{}:{}",
                crate::support::binaries().dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        ),
    ]
}

pub fn sync_cli(app: &str) {
    let out = recon(&["sync", app]);
    assert!(out.status.success(), "{}", text(&out));
}

pub fn kget(ctx: &str, ns: &str, what: &str, path: &str) -> String {
    let out = kubectl(
        ctx,
        &["get", "-n", ns, what, "-o", &format!("jsonpath={path}")],
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Opens the console, filters down to `app` and opens it.
pub fn open_app(t: &Tmux, app: &str) -> String {
    t.wait_for(app, WAIT);
    t.send(&["/"]);
    t.type_text(app);
    t.send(&["Enter"]);
    t.send(&["Enter"]);
    t.wait_for("history of", WAIT)
}
