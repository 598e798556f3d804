//! `recon suspend|resume -l SELECTOR --context staging,prod`: every app whose
//! labels match, in both clusters, and no other; checked with kubectl.

use crate::fixtures::*;
use crate::support::cli::{create_app, paths};
use crate::support::gitrepo::TestRepo;
use crate::support::{kubectl, namespace};

/// `spec.suspend` of a recon Application as kubectl reads it ("" when unset).
fn suspended(ctx: &str, app: &str) -> String {
    kget(
        ctx,
        "recon-system",
        &format!("applications.recon.dev/{app}"),
        "{.spec.suspend}",
    )
}

fn label(ctx: &str, app: &str, label: &str) {
    let out = kubectl(
        ctx,
        &[
            "label",
            "-n",
            "recon-system",
            &format!("applications.recon.dev/{app}"),
            label,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspend_and_resume_by_label_selector_act_on_exactly_the_matching_apps() {
    let ns = namespace("batchcli", &["staging", "prod"]).await;
    let mut repo = TestRepo::new();
    repo.write("b/cm.yaml", configmap("c", "1"));
    repo.commit("c");
    let url = repo.url();
    // Three apps of team shop-<ns> (one in staging, two in prod), and one of
    // another team in prod beside them.
    let team = format!("team=shop-{ns}");
    let apps = [
        ("staging", format!("cart-{ns}"), team.clone()),
        ("prod", format!("pay-{ns}"), team.clone()),
        ("prod", format!("web-{ns}"), format!("{team},tier=front")),
        ("prod", format!("other-{ns}"), format!("team=other-{ns}")),
    ];
    for (ctx, app, labels) in &apps {
        create_app(ctx, app, &url, "b", &ns, serde_json::json!({})).await;
        for l in labels.split(',') {
            label(ctx, app, l);
        }
    }

    let out = recon_ok(
        &[
            "suspend",
            "-l",
            &team,
            "--context",
            "staging,prod",
            "--reason",
            "incident 9",
            "--for",
            "2h",
        ],
        0,
    );
    for (ctx, app, _) in &apps[..3] {
        assert_eq!(suspended(ctx, app), "true", "{ctx}/{app}:\n{out}");
        let line = out
            .lines()
            .find(|l| l.contains(&format!("{ctx}/recon-system/{app} ")))
            .unwrap_or_else(|| panic!("no line for {app}:\n{out}"));
        assert!(
            line.starts_with("done")
                && line.contains("paused by admin")
                && line.contains("incident 9"),
            "{line}"
        );
    }
    let (ctx, other, _) = &apps[3];
    assert_ne!(suspended(ctx, other), "true", "{other} is not of the team");
    assert!(!out.contains(other.as_str()), "{out}");
    assert!(
        out.contains("suspend: 3 done, 0 skipped, 0 failed"),
        "{out}"
    );

    let audit = std::fs::read_to_string(paths().audit()).expect("audit journal");
    for (ctx, app, _) in &apps[..3] {
        assert!(
            audit
                .lines()
                .any(|l| l.contains(&format!("\"context\":\"{ctx}\""))
                    && l.contains(&format!("recon-system/{app}\""))
                    && l.contains("\"suspend\"")
                    && l.contains("incident 9")),
            "no suspend of {ctx}/{app} in the journal:\n{audit}"
        );
    }

    // A narrower selector, again: already paused is a skip, not a failure.
    let out = recon_ok(
        &[
            "suspend",
            "-l",
            &format!("{team},tier=front"),
            "--context",
            "staging,prod",
        ],
        0,
    );
    assert!(
        out.contains("skipped") && out.contains("already paused"),
        "{out}"
    );

    let json = recon_ok(
        &[
            "resume",
            "-l",
            &team,
            "--context",
            "staging,prod",
            "-o",
            "json",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("resume json");
    assert_eq!(v["action"], "resume", "{json}");
    assert_eq!(v["done"], 3, "{json}");
    let results = v["results"].as_array().expect("results");
    let mut named: Vec<&str> = results.iter().filter_map(|r| r["app"].as_str()).collect();
    named.sort();
    let mut wanted: Vec<String> = apps[..3]
        .iter()
        .map(|(ctx, app, _)| format!("{ctx}/recon-system/{app}"))
        .collect();
    wanted.sort();
    assert_eq!(named, wanted, "{json}");
    assert!(results.iter().all(|r| r["outcome"] == "done"), "{json}");
    for (ctx, app, _) in &apps[..3] {
        assert_eq!(suspended(ctx, app), "false", "{ctx}/{app} resumed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_selector_that_matches_nothing_names_the_selector_and_the_contexts() {
    crate::support::cli::install();
    let selector = format!("team=nobody-{}", std::process::id());
    let out = recon_ok(
        &["suspend", "-l", &selector, "--context", "staging,prod"],
        2,
    );
    assert!(
        out.contains(&format!("no app matches the label selector `{selector}`"))
            && out.contains("staging, prod"),
        "{out}"
    );
    let out = recon_ok(&["suspend", "--context", "staging"], 2);
    // Neither an app nor -l: refused by the argument parser.
    assert!(out.contains("required") && out.contains("<APP>"), "{out}");
}
