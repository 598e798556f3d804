//! Builds Flux's source-controller and kustomize-controller from the Go
//! module pinned in `tests/testenv/flux`, only when a test or `recon testbed`
//! asks for it, and caches them under `target/testenv/flux-<hash>` beside
//! the CRDs of both controllers (taken from the module cache at build time,
//! never copied into our repository).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::compile::{
    cache_root, cached_build, run_go_build, source_hash, testenv_source_dir, which,
};
use super::error::TestEnvError;
use super::go_module::{module_dir, required_version, toolchain_or};

/// The Go toolchain Flux is built with. Both controllers' go.mod say go
/// 1.26, so the local Go would do; Argo CD's toolchain is used so that the
/// two builds share the standard library in Go's build cache. A
/// `GOTOOLCHAIN` set in the environment wins.
pub const FLUX_GOTOOLCHAIN: &str = "go1.27.3";

const SOURCE_CONTROLLER: &str = "github.com/fluxcd/source-controller";
const KUSTOMIZE_CONTROLLER: &str = "github.com/fluxcd/kustomize-controller";
/// Each module's main package is its root; the binary takes its last element.
const CONTROLLERS: [&str; 2] = [SOURCE_CONTROLLER, KUSTOMIZE_CONTROLLER];
/// Where each module keeps its CRDs.
const CRD_DIR: &str = "config/crd/bases";
/// CRDs the test bed cannot do without, to tell a complete build.
const REQUIRED_CRDS: [&str; 2] = [
    "source.toolkit.fluxcd.io_gitrepositories.yaml",
    "kustomize.toolkit.fluxcd.io_kustomizations.yaml",
];

/// Where the Flux controllers and their CRDs (under `crds/`) are.
#[derive(Debug, Clone)]
pub struct FluxBinaries {
    pub dir: PathBuf,
}

impl FluxBinaries {
    pub fn source_controller(&self) -> PathBuf {
        self.dir.join("source-controller")
    }

    pub fn kustomize_controller(&self) -> PathBuf {
        self.dir.join("kustomize-controller")
    }

    pub fn crds(&self) -> PathBuf {
        self.dir.join("crds")
    }
}

fn source_dir() -> PathBuf {
    testenv_source_dir().join("flux")
}

/// Builds Flux if its cached build is missing or out of date.
pub fn ensure_flux_built(progress: &mut dyn FnMut(&str)) -> Result<FluxBinaries, TestEnvError> {
    let src = source_dir();
    let toolchain = toolchain_or(FLUX_GOTOOLCHAIN);
    let hash = source_hash(&src, &[], toolchain.as_bytes())?;
    let dir = cache_root().join(format!("flux-{hash:016x}"));
    cached_build(
        &dir,
        &|d| is_complete(d),
        progress,
        &mut |staging, progress| build(&src, &toolchain, staging, progress),
    )?;
    Ok(FluxBinaries { dir })
}

fn is_complete(dir: &Path) -> bool {
    let bins = FluxBinaries {
        dir: dir.to_path_buf(),
    };
    bins.source_controller().is_file()
        && bins.kustomize_controller().is_file()
        && REQUIRED_CRDS.iter().all(|f| bins.crds().join(f).is_file())
}

fn build(
    src: &Path,
    toolchain: &str,
    out: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<(), TestEnvError> {
    let go = which("go").ok_or(TestEnvError::GoMissing)?;
    let versions = CONTROLLERS
        .iter()
        .map(|m| required_version(src, m, "Flux").map(|v| format!("{} {v}", short_name(m))))
        .collect::<Result<Vec<_>, _>>()?;
    progress(&format!(
        "building Flux ({}) with {} and GOTOOLCHAIN={toolchain} (about 6 minutes on 2 cores with a cold cache)",
        versions.join(", "),
        go.display()
    ));
    let mut out_arg = out.as_os_str().to_owned();
    out_arg.push("/");
    let mut cmd = Command::new(&go);
    // No -trimpath: a plain `go build` of the same packages by hand then
    // shares Go's build cache with this one.
    cmd.current_dir(src)
        .env("GOTOOLCHAIN", toolchain)
        .args(["build", "-v", "-buildvcs=false", "-ldflags=-s -w", "-o"])
        .arg(out_arg)
        .args(CONTROLLERS);
    run_go_build(cmd, "Flux", src, progress)?;
    let crds = out.join("crds");
    fs::create_dir_all(&crds).map_err(|e| TestEnvError::io("create", &crds, e))?;
    for module in CONTROLLERS {
        let from_dir = module_dir(&go, src, toolchain, module, "Flux")?.join(CRD_DIR);
        copy_crds(&from_dir, &crds)?;
    }
    Ok(())
}

/// Copies every `*.yaml` of `from` into `to`, writable (the module cache is read-only).
fn copy_crds(from: &Path, to: &Path) -> Result<(), TestEnvError> {
    let entries = fs::read_dir(from).map_err(|e| TestEnvError::io("list", from, e))?;
    for entry in entries {
        let path = entry.map_err(|e| TestEnvError::io("list", from, e))?.path();
        let Some(name) = path
            .file_name()
            .filter(|_| path.extension().is_some_and(|x| x == "yaml"))
        else {
            continue;
        };
        let dest = to.join(name);
        fs::copy(&path, &dest).map_err(|e| TestEnvError::io("copy", &path, e))?;
        fs::set_permissions(&dest, fs::Permissions::from_mode(0o644))
            .map_err(|e| TestEnvError::io("chmod", &dest, e))?;
    }
    Ok(())
}

fn short_name(module: &str) -> &str {
    module.rsplit('/').next().unwrap_or(module)
}
