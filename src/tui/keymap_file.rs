//! The user keymap file: TOML tables named after modes, each mapping an
//! action name to a key or a list of keys. Only the actions named are
//! changed; everything else keeps its default.
//!
//! ```toml
//! [apps]
//! sync = "S"
//! [app-view]
//! toggle-side-by-side = ["v", "f2"]
//! ```

use std::path::{Path, PathBuf};

use toml::de::DeValue;

use super::action::{Action, Mode};
use super::keymap::Keymap;
use super::keys::KeyCombo;
use super::toml_doc::{self, LineError};

#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("cannot read keymap file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("keymap file {}, line {line}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl Keymap {
    /// `<config dir>/recon/keymap.toml`, e.g. `~/.config/recon/keymap.toml`.
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|dir| dir.join("recon").join("keymap.toml"))
    }

    /// The defaults with the user's file applied. An explicitly given path
    /// must exist; the default path may be missing (no customisation).
    pub fn load_user(explicit: Option<&Path>) -> Result<Keymap, KeymapError> {
        let (path, required) = match explicit {
            Some(path) => (path.to_path_buf(), true),
            None => match Keymap::default_path() {
                Some(path) => (path, false),
                None => return Ok(Keymap::default()),
            },
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Keymap::from_toml(&text, &path),
            Err(err) if !required && err.kind() == std::io::ErrorKind::NotFound => {
                Ok(Keymap::default())
            }
            Err(source) => Err(KeymapError::Read { path, source }),
        }
    }

    /// The defaults overridden by `text`; `path` is only used in errors.
    pub fn from_toml(text: &str, path: &Path) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        keymap
            .apply_toml(text)
            .map_err(|err| KeymapError::Invalid {
                path: path.to_path_buf(),
                line: err.line,
                message: err.message,
            })?;
        Ok(keymap)
    }

    fn apply_toml(&mut self, text: &str) -> Result<(), LineError> {
        let document = toml_doc::parse(text)?;
        for (mode_name, table) in document.get_ref() {
            let mode = Mode::from_name(mode_name.get_ref()).ok_or_else(|| {
                LineError::at(
                    text,
                    mode_name.span().start,
                    format!(
                        "unknown mode `{}` (expected one of: {})",
                        mode_name.get_ref(),
                        Mode::ALL.map(Mode::name).join(", ")
                    ),
                )
            })?;
            let DeValue::Table(entries) = table.get_ref() else {
                return Err(LineError::at(
                    text,
                    mode_name.span().start,
                    format!("`{}` must be a table like [{}]", mode.name(), mode.name()),
                ));
            };
            for (action_name, keys) in entries {
                let at = action_name.span().start;
                let action = Action::from_name(action_name.get_ref()).ok_or_else(|| {
                    LineError::at(
                        text,
                        at,
                        format!(
                            "unknown action `{}` (known: {})",
                            action_name.get_ref(),
                            Action::ALL.map(Action::name).join(", ")
                        ),
                    )
                })?;
                let keys = toml_doc::string_list(text, keys)
                    .map_err(|err| LineError {
                        message: format!("`{}`: {}", action.name(), err.message),
                        ..err
                    })?
                    .into_iter()
                    .map(|(name, offset)| {
                        KeyCombo::parse(name).map_err(|msg| LineError::at(text, offset, msg))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                self.set_keys(mode, action, keys)
                    .map_err(|msg| LineError::at(text, at, msg))?;
            }
        }
        Ok(())
    }
}
