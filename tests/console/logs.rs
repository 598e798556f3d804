//! Logs: `l` on a Deployment's pod in the app view's tree streams its log, served
//! by kwok from a file, and follows lines appended to the file.

use crate::common::*;
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::support::podlogs::PodLogFiles;
use crate::tmux::Tmux;

fn deployment(name: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l_on_a_pod_in_the_tree_shows_its_log_and_follows_new_lines() {
    let ns = namespace("e2elogs", &["staging"]).await;
    let files = PodLogFiles::serve("staging", &ns);
    files.append("GET /healthz 200 from-kwok-file");
    files.append("evil \u{1b}]0;retitled\u{7} line");
    let mut repo = TestRepo::new();
    repo.write("app/web.yaml", deployment("web"));
    repo.commit("web deployment");
    let app = app_for("staging", "logs", &ns, &repo, "app").await;
    sync_cli(&app);
    let deadline = std::time::Instant::now() + WAIT * 4;
    while kget("staging", &ns, "deployment/web", "{.status.readyReplicas}") != "1" {
        assert!(
            std::time::Instant::now() < deadline,
            "web never became ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    }

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    let screen = open_app(&t, &app);
    assert!(screen.contains("Deployment"), "{screen}");
    // The tree shows the Deployment's pod two rows down: its own logs.
    t.wait_until("the pod in the tree", WAIT, |s| {
        s.lines().any(|l| l.contains("Pod ") && l.contains("web-"))
    });
    t.send(&["j", "j"]);
    t.wait_until("the pod selected", WAIT, |s| {
        s.lines().any(|l| l.starts_with("│›") && l.contains("Pod "))
    });
    t.send(&["l"]);
    let screen = t.wait_for("from-kwok-file", WAIT);
    assert!(screen.contains(&format!("logs: Pod/{ns}/web-")), "{screen}");
    assert!(screen.contains("● following"), "{screen}");
    // The escape sequence in the log is shown, not obeyed.
    assert!(screen.contains("\\u{1b}]0;retitled\\u{7}"), "{screen}");

    files.append("appended-after-the-viewer-opened");
    let screen = t.wait_for("appended-after-the-viewer-opened", WAIT);
    assert!(screen.contains("3 lines"), "{screen}");

    // Search highlights and counts the matching lines.
    t.send(&["/"]);
    t.type_text("appended");
    t.send(&["Enter"]);
    t.wait_for("/appended: 1 line", WAIT);

    // Closing stops the stream and returns to the app view.
    t.send(&["Escape"]);
    t.wait_until("the app view again", WAIT, |s| {
        s.contains("history of") && !s.contains("● following")
    });
}
