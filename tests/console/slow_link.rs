//! The console over a slow link: tmux → a pty relay adding 200 ms each way
//! (`tests/tools/slow_link.rs`) → recon. Keys typed in one burst are all
//! handled, in order, and cost fewer frames than keys.

use std::path::PathBuf;
use std::process::Command;

use crate::common::*;
use crate::support::cli::create_app;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

const DELAY_MS: &str = "200";

/// The relay, built by cargo next to this test's binary (examples/).
fn slow_link() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "--quiet", "--example", "slow_link"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo build --example slow_link");
    assert!(built.success(), "cannot build the slow_link relay");
    let exe = std::env::current_exe().expect("test binary path");
    let debug = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/debug");
    debug.join("examples/slow_link")
}

/// (bytes, writes) the console has written through the relay so far.
fn written(stats: &std::path::Path) -> (usize, usize) {
    let text = std::fs::read_to_string(stats).unwrap_or_default();
    let mut n = text.split_whitespace().filter_map(|v| v.parse().ok());
    (n.next().unwrap_or(0), n.next().unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_a_200_ms_link_a_burst_of_keys_is_handled_whole_in_fewer_frames() {
    let ns = namespace("slowlink", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write("app/cm.yaml", configmap("slow", "v1"));
    repo.commit("v1");
    let prefix = format!("sl-{ns}");
    for i in 0..25 {
        let app = format!("{prefix}-{i:02}");
        create_app(
            "staging",
            &app,
            &repo.url(),
            "app",
            &ns,
            serde_json::json!({}),
        )
        .await;
    }
    let home = tempfile::tempdir().expect("tempdir");
    let stats = home.path().join("link-stats");
    let relay = slow_link();
    let relay = [
        relay.to_str().expect("utf-8 path"),
        DELAY_MS,
        stats.to_str().expect("utf-8 path"),
    ];
    let t = Tmux::start_wrapped(160, 48, &console_env(home.path()), &relay, &[]);
    t.wait_for(&format!("{prefix}-00"), WAIT);

    // The filter typed in one burst: every character arrives, in order.
    t.send(&["/"]);
    t.type_text(&prefix);
    t.send(&["Enter"]);
    let selected = |s: &str, i: usize| {
        s.lines()
            .any(|l| l.contains('›') && l.contains(&format!("{prefix}-{i:02}")))
    };
    t.wait_until("the filtered list, first row selected", WAIT, |s| {
        selected(s, 0) && s.contains(&format!("{prefix}-24"))
    });
    std::thread::sleep(std::time::Duration::from_secs(1));

    // 20 × j at once: the selection lands exactly 20 rows down.
    let before = written(&stats);
    t.send(&["j"; 20]);
    t.wait_until("the selection 20 rows down", WAIT, |s| selected(s, 20));
    std::thread::sleep(std::time::Duration::from_secs(1));
    let after = written(&stats);
    let screen = t.screen();
    assert!(
        selected(&screen, 20),
        "no key lost, none doubled:\n{screen}"
    );
    let (bytes, frames) = (after.0 - before.0, after.1 - before.1);
    eprintln!(
        "slow link ({DELAY_MS} ms each way): 20 keys at once → {frames} writes, {bytes} bytes"
    );
    assert!(
        frames < 20,
        "redraws coalesce: 20 keys took {frames} writes to the terminal"
    );
}
