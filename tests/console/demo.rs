//! `recon demo` opens with both clusters and quits leaving no process.

use std::time::Duration;

use crate::support::env;
use crate::tmux::Tmux;

fn cmdline(pid: u32) -> String {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    String::from_utf8_lossy(&raw).replace('\0', " ")
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| s.split_whitespace().nth(2).is_some_and(|st| st != "Z"))
}

fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // Field 4 of /proc/PID/stat is the parent pid (after "pid (comm) state").
        let ppid = stat
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(child);
        }
    }
    out
}

#[test]
fn the_demo_opens_with_both_clusters_and_quitting_leaves_no_process() {
    let _ = env();
    let home = tempfile::tempdir().expect("tempdir");
    let vars = vec![
        ("XDG_CONFIG_HOME", home.path().display().to_string()),
        (
            "RECON_AUDIT_LOG",
            home.path().join("audit.jsonl").display().to_string(),
        ),
    ];
    let t = Tmux::start(
        160,
        48,
        &vars,
        &[
            "demo",
            "--log-file",
            &home.path().join("demo.log").display().to_string(),
        ],
    );
    let screen = t.wait_until("the demo console", Duration::from_secs(240), |s| {
        s.contains("● staging") && s.contains("● prod") && s.contains("8 apps")
    });
    // recon's three apps in each cluster, and Argo CD's two beside them (one
    // deployed from prod to staging), Argo CD marking the hand-scaled one.
    let row = |app: &str| {
        screen
            .lines()
            .find(|l| l.contains(app))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        row("shop-staging").contains("argocd") && row("shop-staging").contains("prod→staging"),
        "{screen}"
    );
    assert!(screen.contains("worker"), "{screen}");
    // The demo's own supervisor: a child of the recon process in this pane
    // (other demos or test beds on the machine are not ours to count).
    let recon_pid = t.pane_pid().expect("pane pid");
    let supervisors: Vec<u32> = children_of(recon_pid)
        .into_iter()
        .filter(|p| cmdline(*p).contains("recon-testenv up"))
        .collect();
    assert_eq!(
        supervisors.len(),
        1,
        "one demo supervisor under recon {recon_pid}: {supervisors:?}"
    );
    let mut pids = supervisors.clone();
    pids.extend(children_of(supervisors[0]));
    assert!(
        pids.len() >= 14,
        "supervisor + 2 x 5 components + Argo CD's controller, repo-server and redis: {pids:?}"
    );
    t.send(&["q"]);
    t.wait_until("the demo to exit", Duration::from_secs(60), |_| t.exited());
    let left: Vec<u32> = pids.into_iter().filter(|p| alive(*p)).collect();
    assert!(
        left.is_empty(),
        "processes left after quitting the demo: {left:?}\n{}",
        t.screen()
    );
    assert!(
        t.screen().contains("nothing left running"),
        "{}",
        t.screen()
    );
}
