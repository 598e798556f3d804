//! The incident "freeze": three apps selected across staging and prod,
//! paused with one confirmation; a fourth, unselected, is left alone.

use crate::common::*;
use crate::support::cli::{create_app, paths};
use crate::support::gitrepo::TestRepo;
use crate::support::namespace;
use crate::tmux::Tmux;

/// Filters the list down to `app` and toggles its selection (space).
fn select(t: &Tmux, app: &str) {
    t.send(&["/"]);
    t.send(&["Escape"]);
    t.send(&["/"]);
    t.type_text(app);
    t.send(&["Enter"]);
    t.wait_until(&format!("{app} alone in the list"), WAIT, |s| {
        s.lines().any(|l| l.contains('›') && l.contains(app))
    });
    t.send(&["Space"]);
}

fn suspended(ctx: &str, app: &str) -> String {
    kget(
        ctx,
        "recon-system",
        &format!("applications.recon.dev/{app}"),
        "{.spec.suspend}",
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_pause_of_three_apps_across_two_clusters_pauses_exactly_those() {
    let ns = namespace("e2ebatch", &["staging", "prod"]).await;
    let mut repo = TestRepo::new();
    repo.write("f/cm.yaml", configmap("freeze", "1"));
    repo.commit("freeze");
    let url = repo.url();
    let chosen = [
        ("staging", format!("fa-{ns}")),
        ("prod", format!("fb-{ns}")),
        ("prod", format!("fc-{ns}")),
    ];
    let left_alone = ("prod", format!("fd-{ns}"));
    for (ctx, app) in chosen.iter().chain([&left_alone]) {
        create_app(ctx, app, &url, "f", &ns, serde_json::json!({})).await;
    }

    let home = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(160, 48, &console_env(home.path()), &[]);
    for (_, app) in chosen.iter().chain([&left_alone]) {
        t.wait_for(app, WAIT);
    }
    for (_, app) in &chosen {
        select(&t, app);
    }
    t.send(&["/"]);
    t.send(&["Escape"]);
    // "3 selected" shows while the filter is still open: wait for the
    // cleared filter (the app left alone listed again) too.
    let screen = t.wait_until("3 selected in the whole list", WAIT, |s| {
        s.contains("3 selected") && s.contains(left_alone.1.as_str())
    });
    for (_, app) in &chosen {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(app.as_str()) && l.contains('✓')),
            "{app} marked:\n{screen}"
        );
    }
    assert!(
        screen
            .lines()
            .any(|l| l.contains(left_alone.1.as_str()) && !l.contains('✓')),
        "{screen}"
    );

    // One pause for all three: duration and reason once, then the list.
    t.send(&["p"]);
    t.wait_for("pause 3 selected apps", WAIT);
    t.type_text("2h");
    t.send(&["Tab"]);
    t.type_text("incident 123");
    t.send(&["Enter"]);
    let screen = t.wait_for("WHAT HAPPENS", WAIT);
    for (ctx, app) in &chosen {
        assert!(
            screen.lines().any(|l| l.contains(ctx)
                && l.contains(app.as_str())
                && l.contains("pause 2h 'incident 123'")),
            "{ctx}/{app} listed with what happens to it:\n{screen}"
        );
    }
    assert!(
        !screen
            .lines()
            .any(|l| l.contains(left_alone.1.as_str()) && l.contains("pause 2h")),
        "{screen}"
    );
    assert!(
        screen.contains("3 to pause"),
        "the footer counts them:\n{screen}"
    );
    t.send(&["y"]);
    let screen = t.wait_for("done: 3 paused, 0 skipped, 0 failed", WAIT);
    for (ctx, app) in &chosen {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("{ctx}/recon-system/{app}")) && l.contains("paused")),
            "{ctx}/{app}'s own result:\n{screen}"
        );
    }

    for (ctx, app) in &chosen {
        assert_eq!(suspended(ctx, app), "true", "{ctx}/{app} paused");
        let reason = kget(
            ctx,
            "recon-system",
            &format!("applications.recon.dev/{app}"),
            "{.spec.suspendReason}",
        );
        assert_eq!(reason, "incident 123");
    }
    let (ctx, app) = &left_alone;
    assert_ne!(suspended(ctx, app), "true", "{app} was not selected");

    let audit = std::fs::read_to_string(paths().audit()).expect("audit journal");
    for (ctx, app) in &chosen {
        assert!(
            audit
                .lines()
                .any(|l| l.contains(&format!("\"context\":\"{ctx}\""))
                    && l.contains(&format!("\"app\":\"recon-system/{app}\""))
                    && l.contains("\"action\":\"suspend\"")
                    && l.contains("incident 123")),
            "no suspend of {ctx}/{app} in the journal:\n{audit}"
        );
    }
    assert!(
        !audit.lines().any(|l| l.contains(app.as_str())),
        "{app} has no journal line:\n{audit}"
    );
}
