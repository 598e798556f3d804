//! Builds the control-plane programs once and caches them under `target/`,
//! keyed by a hash of the Go module's sources, so a rebuild happens only when
//! `tests/testenv` changes.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::error::TestEnvError;

/// Programs the supervisor needs, all in one directory.
const PROGRAMS: &[(&str, &str)] = &[
    ("etcd", "./cmd/etcd"),
    ("recon-testenv", "./cmd/recon-testenv"),
    ("kube-apiserver", "k8s.io/kubernetes/cmd/kube-apiserver"),
    (
        "kube-controller-manager",
        "k8s.io/kubernetes/cmd/kube-controller-manager",
    ),
    ("kube-scheduler", "k8s.io/kubernetes/cmd/kube-scheduler"),
    ("kwok", "sigs.k8s.io/kwok/cmd/kwok"),
    // The peer client tests check recon against, at the servers' version.
    ("kubectl", "k8s.io/kubernetes/cmd/kubectl"),
];

/// Folders of `tests/testenv` that are Go modules of their own, built only
/// on request (compile_argocd.rs, compile_flux.rs): no part of the control
/// plane's hash.
const MODULES_OF_THEIR_OWN: [&str; 3] = ["argocd", "flux", "helm"];

/// Where the built programs are.
#[derive(Debug, Clone)]
pub struct HarnessBinaries {
    pub dir: PathBuf,
}

impl HarnessBinaries {
    pub fn supervisor(&self) -> PathBuf {
        self.dir.join("recon-testenv")
    }

    pub fn kubectl(&self) -> PathBuf {
        self.dir.join("kubectl")
    }
}

/// The Go module's directory inside the source tree this binary was built from.
pub fn testenv_source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("testenv")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Builds the harness if its cached build is missing or out of date, calling
/// `progress` with each line of what it is doing (a cold build takes minutes).
pub fn ensure_built(progress: &mut dyn FnMut(&str)) -> Result<HarnessBinaries, TestEnvError> {
    let src = testenv_source_dir();
    // Argo CD, Flux and Helm are modules of their own, built only on request.
    let hash = source_hash(&src, &MODULES_OF_THEIR_OWN, &[])?;
    let dir = cache_root().join(format!("bin-{hash:016x}"));
    cached_build(
        &dir,
        &|d| is_complete(d),
        progress,
        &mut |staging, progress| go_build(&src, staging, progress),
    )?;
    Ok(HarnessBinaries { dir })
}

/// Where every test-bed build is cached.
pub(crate) fn cache_root() -> PathBuf {
    target_dir().join("testenv")
}

/// Writes a build's programs into the staging dir it is given.
pub(crate) type BuildInto<'a> =
    dyn FnMut(&Path, &mut dyn FnMut(&str)) -> Result<(), TestEnvError> + 'a;

/// Fills `dir` unless `complete(dir)` already holds: `build` writes into a
/// staging dir that is renamed into place at the end, under a lock, so that
/// several test binaries starting at once build once and the others wait,
/// and an interrupted build never leaves a half-filled cache behind.
pub(crate) fn cached_build(
    dir: &Path,
    complete: &dyn Fn(&Path) -> bool,
    progress: &mut dyn FnMut(&str),
    build: &mut BuildInto<'_>,
) -> Result<(), TestEnvError> {
    if complete(dir) {
        return Ok(());
    }
    let root = dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(cache_root);
    fs::create_dir_all(&root).map_err(|e| TestEnvError::io("create", &root, e))?;
    // One lock for every build: two Go builds at once only slow each other down.
    let lock_path = root.join("build.lock");
    let lock =
        fs::File::create(&lock_path).map_err(|e| TestEnvError::io("create", &lock_path, e))?;
    progress("waiting for the test-bed build lock");
    lock.lock()
        .map_err(|e| TestEnvError::io("lock", &lock_path, e))?;
    if complete(dir) {
        return Ok(());
    }
    let staging = root.join(format!("building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| TestEnvError::io("create", &staging, e))?;
    build(&staging, progress)?;
    let _ = fs::remove_dir_all(dir);
    fs::rename(&staging, dir).map_err(|e| TestEnvError::io("rename", &staging, e))?;
    progress(&format!("test bed built into {}", dir.display()));
    Ok(())
}

fn is_complete(dir: &Path) -> bool {
    PROGRAMS.iter().all(|(name, _)| dir.join(name).is_file())
}

fn go_build(src: &Path, out: &Path, progress: &mut dyn FnMut(&str)) -> Result<(), TestEnvError> {
    let go = which("go").ok_or(TestEnvError::GoMissing)?;
    progress(&format!(
        "building etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kubectl and the supervisor with {} (several minutes on a cold cache)",
        go.display()
    ));
    let mut out_arg = out.as_os_str().to_owned();
    out_arg.push("/");
    let mut cmd = Command::new(go);
    cmd.current_dir(src)
        .args(["build", "-v", "-trimpath", "-buildvcs=false"])
        .arg(format!("-ldflags=-s -w {}", version_ldflags(src)?))
        .arg("-o")
        .arg(out_arg)
        .args(PROGRAMS.iter().map(|(_, pkg)| *pkg));
    run_go_build(cmd, "the control plane", src, progress)
}

/// Runs a prepared `go build -v`, showing a package count rather than a
/// flood, and on failure returns the last lines it printed.
pub(crate) fn run_go_build(
    mut cmd: Command,
    component: &'static str,
    src: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<(), TestEnvError> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| TestEnvError::io("run go build in", src, e))?;
    // `go build -v` names each package as it compiles it.
    let mut tail: Vec<String> = Vec::new();
    if let Some(stderr) = child.stderr.take() {
        for (count, line) in BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .enumerate()
        {
            if count % 200 == 0 {
                progress(&format!("go build: {count} packages compiled, now {line}"));
            }
            tail.push(line);
            if tail.len() > 40 {
                tail.remove(0);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| TestEnvError::io("wait for go build in", src, e))?;
    if !status.success() {
        return Err(TestEnvError::Build {
            component,
            tail: tail.join("\n"),
        });
    }
    Ok(())
}

/// Stamps the Kubernetes release that go.mod pins into the binaries, so the
/// servers and kubectl report it rather than a development version.
fn version_ldflags(src: &Path) -> Result<String, TestEnvError> {
    let go_mod = src.join("go.mod");
    let text = fs::read_to_string(&go_mod).map_err(|e| TestEnvError::io("read", &go_mod, e))?;
    let version = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("k8s.io/kubernetes v"))
        .find_map(|v| v.split_whitespace().next())
        .ok_or_else(|| TestEnvError::Build {
            component: "the control plane",
            tail: format!("{} does not require k8s.io/kubernetes", go_mod.display()),
        })?;
    let mut parts = version.split('.');
    let (major, minor) = (parts.next().unwrap_or("1"), parts.next().unwrap_or("0"));
    Ok([
        "k8s.io/component-base/version",
        "k8s.io/client-go/pkg/version",
    ]
    .iter()
    .flat_map(|pkg| {
        [
            format!("-X {pkg}.gitVersion=v{version}"),
            format!("-X {pkg}.gitMajor={major}"),
            format!("-X {pkg}.gitMinor={minor}"),
            format!("-X {pkg}.gitTreeState=clean"),
        ]
    })
    .collect::<Vec<_>>()
    .join(" "))
}

/// A stable hash of every file under `src` (names and contents) except the
/// top-level folders in `skip`, and of `extra` (e.g. the Go toolchain asked for).
pub(crate) fn source_hash(src: &Path, skip: &[&str], extra: &[u8]) -> Result<u64, TestEnvError> {
    let mut files = Vec::new();
    let skipped: Vec<PathBuf> = skip.iter().map(|s| src.join(s)).collect();
    collect_files(src, &skipped, &mut files)?;
    files.sort();
    // FNV-1a: stable across Rust versions, unlike DefaultHasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in files {
        let rel = f.strip_prefix(src).unwrap_or(&f);
        feed(rel.to_string_lossy().as_bytes());
        feed(&fs::read(&f).map_err(|e| TestEnvError::io("read", &f, e))?);
    }
    feed(extra);
    Ok(h)
}

fn collect_files(dir: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>) -> Result<(), TestEnvError> {
    for entry in fs::read_dir(dir).map_err(|e| TestEnvError::io("list", dir, e))? {
        let path = entry.map_err(|e| TestEnvError::io("list", dir, e))?.path();
        if skip.contains(&path) {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, skip, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

pub(crate) fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    #[test]
    fn the_control_plane_hash_ignores_the_argocd_flux_and_helm_modules_but_sees_everything_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let src = dir.path();
        write(&src.join("go.mod"), "module x\n");
        write(&src.join("cmd/a/main.go"), "package main\n");
        write(&src.join("argocd/go.mod"), "module y\n");
        write(&src.join("flux/go.mod"), "module z\n");
        write(&src.join("helm/go.mod"), "module h\n");
        let hash = || source_hash(src, &MODULES_OF_THEIR_OWN, &[]).expect("hash");
        let before = hash();
        write(&src.join("argocd/go.mod"), "module y // changed\n");
        write(&src.join("argocd/tools.go"), "package tools\n");
        write(&src.join("flux/go.mod"), "module z // changed\n");
        write(&src.join("helm/go.mod"), "module h // changed\n");
        assert_eq!(
            hash(),
            before,
            "argocd/, flux/ and helm/ are hashed on their own"
        );
        write(&src.join("cmd/a/main.go"), "package main // changed\n");
        assert_ne!(hash(), before, "a change elsewhere must rebuild");
        let argo = source_hash(&src.join("argocd"), &[], b"go1.27.3").expect("hash");
        let other = source_hash(&src.join("argocd"), &[], b"go1.28.0").expect("hash");
        assert_ne!(argo, other, "another toolchain is another build");
    }
}
