//! The README's runnable example, run exactly as written: each line of the
//! block between `<!-- readme-test:begin -->` and `<!-- readme-test:end -->`
//! in bash, from the repository root, with `recon` on PATH and KUBECONFIG on
//! the test bed. The repository itself is the Git source (`file://$PWD`).

use crate::support::cli::{install, paths};
use crate::support::{binaries, env, kubectl};

fn readme_block() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme
        .find("<!-- readme-test:begin -->")
        .expect("begin marker");
    let end = readme.find("<!-- readme-test:end -->").expect("end marker");
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with("recon "))
        .map(str::to_string)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readmes_example_runs_as_written() {
    install();
    let lines = readme_block();
    assert!(
        lines.len() >= 3,
        "the README has its example block: {lines:?}"
    );
    let recon_dir = std::path::Path::new(env!("CARGO_BIN_EXE_recon"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = format!(
        "{}:{}:{}",
        recon_dir.display(),
        binaries().dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for line in &lines {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(line)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PATH", &path)
            .env("KUBECONFIG", &env().kubeconfig)
            .env("RECON_CACHE_DIR", paths().cache())
            .env("RECON_AUDIT_LOG", paths().audit())
            .output()
            .expect("run bash");
        assert!(
            out.status.success(),
            "README line failed: {line}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if line.contains(" sync hello") {
            let cm = kubectl(
                "staging",
                &[
                    "-n",
                    "hello",
                    "get",
                    "configmap",
                    "hello",
                    "-o",
                    "jsonpath={.data.greeting}",
                ],
            );
            assert_eq!(
                String::from_utf8_lossy(&cm.stdout),
                "hello from recon's README"
            );
        }
    }
    let gone = kubectl("staging", &["-n", "hello", "get", "configmap", "hello"]);
    assert!(
        !gone.status.success(),
        "the cascade delete removed what the example deployed"
    );
}
