//! Builds Helm v3 (its one `helm` binary) from the Go module pinned in
//! `tests/testenv/helm`, only when a test or `recon testbed build --with helm`
//! asks for it, and caches it under `target/testenv/helm-<hash>`. recon runs
//! it (`helm template`) for `render: helm` Applications; the tests hand its
//! path to recon through `RECON_HELM`.
//!
//! Helm v3.22's go.mod says go 1.26.0, which the machine's Go satisfies, so no
//! GOTOOLCHAIN is forced (one set in the environment still wins, as always).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::compile::{cache_root, cached_build, run_go_build, source_hash, testenv_source_dir};
use super::error::TestEnvError;

const MODULE: &str = "helm.sh/helm/v3";

/// Where the built Helm is.
#[derive(Debug, Clone)]
pub struct HelmBinary {
    pub dir: PathBuf,
}

impl HelmBinary {
    pub fn helm(&self) -> PathBuf {
        self.dir.join("helm")
    }
}

fn source_dir() -> PathBuf {
    testenv_source_dir().join("helm")
}

/// Builds Helm if its cached build is missing or out of date.
pub fn ensure_helm_built(progress: &mut dyn FnMut(&str)) -> Result<HelmBinary, TestEnvError> {
    let src = source_dir();
    let toolchain = std::env::var("GOTOOLCHAIN").unwrap_or_default();
    let hash = source_hash(&src, &[], toolchain.as_bytes())?;
    let dir = cache_root().join(format!("helm-{hash:016x}"));
    cached_build(
        &dir,
        &|d| d.join("helm").is_file(),
        progress,
        &mut |staging, progress| build(&src, staging, progress),
    )?;
    Ok(HelmBinary { dir })
}

fn build(src: &Path, out: &Path, progress: &mut dyn FnMut(&str)) -> Result<(), TestEnvError> {
    let go = super::compile::which("go").ok_or(TestEnvError::GoMissing)?;
    let version = module_version(src)?;
    progress(&format!(
        "building Helm {version} with {} (about 4 minutes on 2 cores with a cold cache)",
        go.display()
    ));
    let mut cmd = Command::new(&go);
    // `helm version` then reports the release rather than "v3.22".
    cmd.current_dir(src)
        .args(["build", "-v", "-buildvcs=false"])
        .arg(format!(
            "-ldflags=-s -w -X {MODULE}/internal/version.version={version} \
             -X {MODULE}/internal/version.gitTreeState=clean"
        ))
        .arg("-o")
        .arg(out.join("helm"))
        .arg(format!("{MODULE}/cmd/helm"));
    run_go_build(cmd, "Helm", src, progress)
}

/// The Helm release go.mod pins, e.g. "v3.22.0".
fn module_version(src: &Path) -> Result<String, TestEnvError> {
    super::go_module::required_version(src, MODULE, "Helm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_helm_release_is_read_from_go_mod() {
        assert_eq!(
            module_version(&source_dir()).expect("version"),
            "v3.22.0",
            "the README and .ci/run name this release"
        );
    }
}
