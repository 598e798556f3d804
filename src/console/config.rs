//! The console's config file, `<XDG config>/recon/config.toml`, e.g.
//!
//! ```toml
//! theme = "dark"                 # dark, light, high-contrast or a path
//! readonly_contexts = ["prod"]   # mutating keys disabled on these clusters
//! keymap = "~/my-keys.toml"      # default: <XDG config>/recon/keymap.toml
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleConfig {
    pub theme: Option<String>,
    #[serde(default)]
    pub readonly_contexts: Vec<String>,
    pub keymap: Option<PathBuf>,
}

pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("recon").join("config.toml"))
}

/// Reads the config; a missing file is the default, a broken one an error naming it.
pub fn load(path: Option<&Path>) -> anyhow::Result<ConsoleConfig> {
    let path = match path.map(Path::to_path_buf).or_else(default_path) {
        Some(p) => p,
        None => return Ok(ConsoleConfig::default()),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConsoleConfig::default()),
        Err(e) => Err(anyhow::anyhow!(
            "cannot read config file {}: {e}",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_names_readonly_contexts_and_a_theme() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "theme = \"light\"\nreadonly_contexts = [\"prod\"]\n").expect("write");
        let c = load(Some(&p)).expect("config");
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.readonly_contexts, ["prod"]);
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "readonly = true\n").expect("write");
        let e = load(Some(&p)).expect_err("unknown key").to_string();
        assert!(e.contains("config.toml") && e.contains("readonly"), "{e}");
    }

    #[test]
    fn a_missing_file_is_the_default() {
        let dir = tempfile::tempdir().expect("tempdir");
        let c = load(Some(&dir.path().join("none.toml"))).expect("default");
        assert!(c.readonly_contexts.is_empty() && c.theme.is_none());
    }
}
