//! Reads facts about a Go module the test bed builds: which release of an
//! upstream module its go.mod pins, and where that module sits in the Go
//! module cache (upstream files such as CRDs are copied from there).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::error::TestEnvError;

/// The version of `module` that `src/go.mod` requires, e.g. "v3.6.1".
pub(crate) fn required_version(
    src: &Path,
    module: &str,
    component: &'static str,
) -> Result<String, TestEnvError> {
    let go_mod = src.join("go.mod");
    let text = fs::read_to_string(&go_mod).map_err(|e| TestEnvError::io("read", &go_mod, e))?;
    let prefix = format!("{module} ");
    // Either `require MODULE vX` or a line of a `require (...)` block.
    text.lines()
        .map(|l| l.trim())
        .map(|l| l.strip_prefix("require ").unwrap_or(l).trim_start())
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .find_map(|v| v.split_whitespace().next().map(str::to_string))
        .ok_or_else(|| TestEnvError::Build {
            component,
            tail: format!("{} does not require {module}", go_mod.display()),
        })
}

/// The directory of `module` (as `src`'s build list has it) in the Go module cache.
pub(crate) fn module_dir(
    go: &Path,
    src: &Path,
    toolchain: &str,
    module: &str,
    component: &'static str,
) -> Result<PathBuf, TestEnvError> {
    let out = Command::new(go)
        .current_dir(src)
        .env("GOTOOLCHAIN", toolchain)
        .args(["list", "-m", "-f", "{{.Dir}}", module])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| TestEnvError::io("run go list in", src, e))?;
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() || dir.is_empty() {
        return Err(TestEnvError::Build {
            component,
            tail: format!(
                "`go list -m {module}` found no module directory: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        });
    }
    Ok(PathBuf::from(dir))
}

/// `GOTOOLCHAIN` from the environment when set, else `default`.
pub(crate) fn toolchain_or(default: &str) -> String {
    std::env::var("GOTOOLCHAIN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_version_is_found_in_a_require_block_or_a_single_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let go_mod = dir.path().join("go.mod");
        fs::write(
            &go_mod,
            "module x\n\nrequire (\n\tgithub.com/a/b v1.2.3\n\tgithub.com/a/bc v9.9.9 // indirect\n)\n\nrequire github.com/c/d v0.1.0\n",
        )
        .expect("write");
        let version = |m| required_version(dir.path(), m, "test").ok();
        assert_eq!(version("github.com/a/b").as_deref(), Some("v1.2.3"));
        assert_eq!(version("github.com/c/d").as_deref(), Some("v0.1.0"));
        assert_eq!(version("github.com/a"), None, "a prefix is not the module");
    }
}
