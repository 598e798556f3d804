//! Text from Git that carries terminal escape sequences (OSC 52 writes the
//! reader's clipboard) is shown escaped, in the console and the CLI, and
//! never reaches the terminal raw (issue 10).

use std::process::Command;

use crate::common::*;
use crate::support::cli::{recon, text};
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

/// OSC 52 "set the clipboard to `hello`", as a commit message may carry it.
const OSC52: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";
/// How recon shows it.
const SHOWN: &str = "\\u{1b}]52;c;aGVsbG8=\\u{7}";

/// The pane with its attributes as escape sequences (`capture-pane -e`):
/// what the terminal was told to draw, colours and all.
fn raw_pane(t: &Tmux) -> String {
    let out = Command::new("tmux")
        .args(["capture-pane", "-p", "-e", "-t", &t.name])
        .output()
        .expect("capture-pane");
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn assert_not_raw(what: &str, output: &str) {
    assert!(
        !output.contains("\u{1b}]52"),
        "{what}: an OSC 52 sequence reached the terminal raw:\n{output:?}"
    );
    assert!(
        !output.contains('\u{7}'),
        "{what}: a BEL reached the terminal raw:\n{output:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_message_with_osc52_is_shown_escaped_and_never_obeyed() {
    let ns = namespace("e2eosc", &["staging"]).await;
    let mut repo = TestRepo::new();
    // The ConfigMap value carries the sequence too (a YAML `\e` escape).
    repo.write("app/cm.yaml", configmap("osc", "v1 \\e]52;c;aGVsbG8=\\a"));
    repo.commit(&format!("deploy {OSC52} now\n\nbody {OSC52}"));
    let app = app_for("staging", "osc", &ns, &repo, "app").await;
    sync_cli(&app);
    // A second commit, not synced: drift whose diff holds the value.
    repo.write("app/cm.yaml", configmap("osc", "v2 \\e]52;c;aGVsbG8=\\a"));
    repo.commit(&format!("bump {OSC52}"));

    // The CLI: history (a table) and diff (unified text) print it escaped.
    let history = recon(&["history", &app]);
    let history_out = String::from_utf8_lossy(&history.stdout).to_string();
    assert!(history.status.success(), "{}", text(&history));
    assert_not_raw("recon history", &history_out);
    assert!(
        history_out.contains(&format!("deploy {SHOWN}")),
        "{history_out}"
    );
    let diff = recon(&["diff", &app]);
    let diff_out = String::from_utf8_lossy(&diff.stdout).to_string();
    assert_eq!(
        diff.status.code(),
        Some(1),
        "drift expected: {}",
        text(&diff)
    );
    assert!(!diff_out.contains('\u{1b}'), "recon diff: {diff_out:?}");
    assert!(diff_out.contains("v2"), "{diff_out}");

    // The console: the apps list shows the deployed commit's subject, the
    // app view its history, escaped.
    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(200, 48, &console_env(home.path()), &[]);
    let screen = t.wait_for(&app, WAIT);
    let screen = if screen.contains("deploy \\u{1b}") {
        screen
    } else {
        t.wait_for("deploy \\u{1b}", WAIT)
    };
    assert!(screen.contains("deploy \\u{1b}]52"), "{screen}");
    assert_not_raw("the apps list", &raw_pane(&t));
    open_app(&t, &app);
    let screen = t.wait_for(&format!("bump {SHOWN}"), WAIT);
    assert!(screen.contains(&format!("deploy {SHOWN}")), "{screen}");
    assert_not_raw("the app view", &raw_pane(&t));
    // The drift diff of the ConfigMap: the value is shown escaped too (here
    // by the YAML printer, as `\e`), never raw.
    t.send(&["Enter"]);
    let screen = t.wait_for("v2", WAIT);
    assert!(screen.contains("52;c;aGVsbG8="), "{screen}");
    assert_not_raw("the diff pane", &raw_pane(&t));
    // No raw ESC other than the colour sequences tmux itself writes for -e.
    let raw = raw_pane(&t);
    for (i, _) in raw.match_indices('\u{1b}') {
        assert!(
            raw[i..].starts_with("\u{1b}["),
            "a non-SGR escape in the pane at {i}: {:?}",
            &raw[i..raw.len().min(i + 20)]
        );
    }
}
