//! Builds Argo CD (its one `argocd` binary) from the Go module pinned in
//! `tests/testenv/argocd`, only when a test or `recon testbed` asks for it,
//! and caches it under `target/testenv/argocd-<hash>` beside the upstream
//! files its components need at run time (taken from the module cache, never
//! copied into our repository).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::compile::{
    cache_root, cached_build, run_go_build, source_hash, testenv_source_dir, which,
};
use super::error::TestEnvError;
use super::go_module::{module_dir, required_version, toolchain_or};

/// The Go toolchain Argo CD v3.6 needs (its go.mod says go 1.27); the `go`
/// command fetches it from the module proxy. A `GOTOOLCHAIN` set in the
/// environment wins.
pub const ARGOCD_GOTOOLCHAIN: &str = "go1.27.3";

const MODULE: &str = "github.com/argoproj/argo-cd/v3";

/// Upstream files copied next to the binary: (path in the module, mode).
/// The supervisor applies the CRDs; the repo-server runs the wrapper from PATH
/// for every revision and fails every manifest when it is missing.
const UPSTREAM_FILES: &[(&str, u32)] = &[
    ("manifests/crds/application-crd.yaml", 0o644),
    ("manifests/crds/appproject-crd.yaml", 0o644),
    ("hack/git-verify-wrapper.sh", 0o755),
];

/// Where Argo CD and its run-time files are.
#[derive(Debug, Clone)]
pub struct ArgoCdBinaries {
    pub dir: PathBuf,
}

impl ArgoCdBinaries {
    pub fn argocd(&self) -> PathBuf {
        self.dir.join("argocd")
    }
}

fn source_dir() -> PathBuf {
    testenv_source_dir().join("argocd")
}

/// Builds Argo CD if its cached build is missing or out of date.
pub fn ensure_argocd_built(progress: &mut dyn FnMut(&str)) -> Result<ArgoCdBinaries, TestEnvError> {
    let src = source_dir();
    let toolchain = toolchain_or(ARGOCD_GOTOOLCHAIN);
    let hash = source_hash(&src, &[], toolchain.as_bytes())?;
    let dir = cache_root().join(format!("argocd-{hash:016x}"));
    cached_build(
        &dir,
        &|d| is_complete(d),
        progress,
        &mut |staging, progress| build(&src, &toolchain, staging, progress),
    )?;
    Ok(ArgoCdBinaries { dir })
}

fn is_complete(dir: &Path) -> bool {
    dir.join("argocd").is_file()
        && UPSTREAM_FILES
            .iter()
            .all(|(path, _)| dir.join(file_name(path)).is_file())
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn build(
    src: &Path,
    toolchain: &str,
    out: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<(), TestEnvError> {
    let go = which("go").ok_or(TestEnvError::GoMissing)?;
    let version = required_version(src, MODULE, "Argo CD")?;
    progress(&format!(
        "building Argo CD {version} with {} and GOTOOLCHAIN={toolchain} (about 6 minutes on 2 cores with a cold cache)",
        go.display()
    ));
    let mut cmd = Command::new(&go);
    // No -trimpath: a plain `go build` of the same package by hand then
    // shares Go's build cache with this one.
    cmd.current_dir(src)
        .env("GOTOOLCHAIN", toolchain)
        .args(["build", "-v", "-buildvcs=false"])
        .arg(format!(
            "-ldflags=-s -w -X {MODULE}/common.version={}",
            version.trim_start_matches('v')
        ))
        .arg("-o")
        .arg(out.join("argocd"))
        .arg(format!("{MODULE}/cmd"));
    run_go_build(cmd, "Argo CD", src, progress)?;
    let module_dir = module_dir(&go, src, toolchain, MODULE, "Argo CD")?;
    for (path, mode) in UPSTREAM_FILES {
        let from = module_dir.join(path);
        let to = out.join(file_name(path));
        fs::copy(&from, &to).map_err(|e| TestEnvError::io("copy", &from, e))?;
        // The module cache is read-only; our copy gets its own mode.
        fs::set_permissions(&to, fs::Permissions::from_mode(*mode))
            .map_err(|e| TestEnvError::io("chmod", &to, e))?;
    }
    Ok(())
}
