//! A Secret's values never appear in any output of any command: diff (text
//! and JSON), sync, get, history, errors, the log file, the audit journal.

use crate::fixtures::*;
use crate::support::cli::{paths, recon, text};
use crate::support::gitrepo::TestRepo;
use crate::support::{b64, kubectl, namespace};

const CANARY: &str = "s3cr3t-CANARY-value";
const CANARY_LIVE: &str = "live-CANARY-changed";

fn assert_clean(what: &str, output: &str) {
    for needle in [
        CANARY,
        CANARY_LIVE,
        &b64(CANARY),
        &b64(CANARY_LIVE),
        "CANARY",
    ] {
        assert!(
            !output.contains(needle),
            "{what} leaked {needle:?}:\n{output}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_canary_secret_value_never_appears_in_any_output() {
    let ns = namespace("secret", &["staging"]).await;
    let mut repo = TestRepo::new();
    repo.write(
        "s/secret.yaml",
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\nstringData:\n  password: {CANARY}\n  user: admin\n"),
    )
    .write("s/cm.yaml", configmap("plain", "visible"));
    repo.commit("creds");
    let app = app_for("staging", "sec", &ns, &repo, "s").await;

    let mut outputs = vec![("diff before sync", text(&recon(&["diff", &app])))];
    outputs.push(("sync", recon_ok(&["sync", &app], 0)));
    outputs.push(("diff after sync", recon_ok(&["diff", &app], 0)));
    // The real value is in the cluster (so the canary is a meaningful check)…
    assert_eq!(
        kget("staging", &ns, "secret/creds", "{.data.password}"),
        b64(CANARY)
    );

    // …and an out-of-band change shows as a changed key, masked.
    let patch = format!(r#"{{"data":{{"password":"{}"}}}}"#, b64(CANARY_LIVE));
    assert!(
        kubectl(
            "staging",
            &["patch", "-n", &ns, "secret/creds", "-p", &patch]
        )
        .status
        .success()
    );
    let diff = recon_ok(&["diff", &app], 1);
    assert!(
        diff.contains("password") && diff.contains("<masked"),
        "the changed key is shown: {diff}"
    );
    outputs.push(("diff of a changed secret", diff));
    outputs.push(("diff -o json", recon_ok(&["diff", &app, "-o", "json"], 1)));
    outputs.push(("diff -o yaml", recon_ok(&["diff", &app, "-o", "yaml"], 1)));
    outputs.push(("sync --dry-run", recon_ok(&["sync", &app, "--dry-run"], 0)));
    outputs.push(("sync -o json", recon_ok(&["sync", &app, "-o", "json"], 0)));
    outputs.push((
        "get apps -o json",
        text(&recon(&["get", "apps", "-o", "json"])),
    ));
    outputs.push((
        "get apps -o wide",
        text(&recon(&["get", "apps", "-o", "wide"])),
    ));
    outputs.push((
        "history -o json",
        recon_ok(&["history", &app, "-o", "json"], 0),
    ));

    // A rejected Secret: the API server's error must not carry the value either.
    repo.write(
        "s/secret.yaml",
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\nstringData:\n  password: {CANARY}\n  \"bad key!\": {CANARY}\n"),
    );
    repo.commit("invalid key");
    outputs.push(("failed sync", recon_ok(&["sync", &app], 1)));
    // A command that fails is logged with its error, which names the app.
    let failed = recon(&["rollback", &app, "deadbeefdeadbeef"]);
    assert_eq!(failed.status.code(), Some(2), "{}", text(&failed));
    outputs.push(("failed rollback", text(&failed)));

    for (what, out) in &outputs {
        assert_clean(what, out);
    }
    let log = std::fs::read_to_string(paths().log()).expect("log file");
    assert!(
        log.lines()
            .any(|l| l.contains("command failed") && l.contains(&app)),
        "this test's failed command is in the log, so the log checked below is ours:\n{log}"
    );
    assert_clean("log file", &log);
    let audit = std::fs::read_to_string(paths().audit()).expect("audit journal");
    assert!(audit.contains(&app), "the audit journal records the syncs");
    assert_clean("audit journal", &audit);
    let events = kubectl(
        "staging",
        &["get", "events", "-n", "recon-system", "-o", "yaml"],
    );
    assert_clean(
        "kubernetes events",
        &String::from_utf8_lossy(&events.stdout),
    );
}
