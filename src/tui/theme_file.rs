//! Theme files: partial overrides of the default theme.
//!
//! ```toml
//! sync_drift = "yellow"                       # foreground only
//! selection = { fg = "black", bg = "#5fafff", bold = true }
//! ```
//! Colours: ANSI names (`red`, `lightblue`, `darkgray`), `#rrggbb`, or a
//! 256-colour index (`"208"`); `reset` means the terminal's default.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::DeValue;

use super::theme::Theme;
use super::toml_doc::{self, LineError};

/// Themes shipped in `themes/`, embedded so an installed binary has them.
const SHIPPED: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
];

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("cannot read theme file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("theme {file}, line {line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    #[error("unknown theme `{0}`: not a shipped theme (dark, light, high-contrast) nor a file")]
    Unknown(String),
}

impl Theme {
    pub fn shipped_names() -> impl Iterator<Item = &'static str> {
        SHIPPED.iter().map(|(name, _)| *name)
    }

    /// A theme shipped with recon, by name.
    pub fn shipped(name: &str) -> Option<Result<Theme, ThemeError>> {
        SHIPPED
            .iter()
            .find(|(shipped, _)| *shipped == name)
            .map(|(shipped, text)| Theme::from_toml(text, &format!("themes/{shipped}.toml")))
    }

    pub fn load(path: &Path) -> Result<Theme, ThemeError> {
        let text = std::fs::read_to_string(path).map_err(|source| ThemeError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Theme::from_toml(&text, &path.display().to_string())
    }

    /// What the console should use: monochrome under `NO_COLOR`, else the
    /// named shipped theme or theme file, else the default.
    pub fn resolve(choice: Option<&str>) -> Result<Theme, ThemeError> {
        if Theme::no_color_requested() {
            return Ok(Theme::monochrome());
        }
        match choice {
            None => Ok(Theme::default()),
            Some(name) => match Theme::shipped(name) {
                Some(theme) => theme,
                None if Path::new(name).exists() => Theme::load(Path::new(name)),
                None => Err(ThemeError::Unknown(name.to_string())),
            },
        }
    }

    /// The default theme with `text`'s fields applied; `file` names the
    /// source in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Theme, ThemeError> {
        let mut theme = Theme::default();
        apply(&mut theme, text).map_err(|err| ThemeError::Invalid {
            file: file.to_string(),
            line: err.line,
            message: err.message,
        })?;
        Ok(theme)
    }
}

fn apply(theme: &mut Theme, text: &str) -> Result<(), LineError> {
    let document = toml_doc::parse(text)?;
    for (name, value) in document.get_ref() {
        let at = name.span().start;
        let field = theme.field_mut(name.get_ref()).ok_or_else(|| {
            LineError::at(
                text,
                at,
                format!(
                    "unknown field `{}` (known: {})",
                    name.get_ref(),
                    Theme::FIELDS.join(", ")
                ),
            )
        })?;
        *field = parse_style(text, name.get_ref(), value)?;
    }
    Ok(())
}

fn parse_color(text: &str, field: &str, value: &Spanned<DeValue<'_>>) -> Result<Color, LineError> {
    let at = value.span().start;
    match value.get_ref() {
        DeValue::String(name) => Color::from_str(name).map_err(|_| {
            LineError::at(
                text,
                at,
                format!("field `{field}`: bad colour `{name}` (use a name like `red`, `#rrggbb` or 0-255)"),
            )
        }),
        other => Err(LineError::at(
            text,
            at,
            format!("field `{field}`: expected a colour string, found {}", other.type_str()),
        )),
    }
}

fn parse_style(text: &str, field: &str, value: &Spanned<DeValue<'_>>) -> Result<Style, LineError> {
    let DeValue::Table(table) = value.get_ref() else {
        return Ok(Style::new().fg(parse_color(text, field, value)?));
    };
    let mut style = Style::new();
    for (key, item) in table {
        let at = key.span().start;
        match key.get_ref().as_ref() {
            "fg" => style = style.fg(parse_color(text, field, item)?),
            "bg" => style = style.bg(parse_color(text, field, item)?),
            name => {
                let modifier = MODIFIERS
                    .iter()
                    .find(|(known, _)| *known == name)
                    .map(|(_, modifier)| *modifier)
                    .ok_or_else(|| {
                        LineError::at(
                            text,
                            at,
                            format!("field `{field}`: unknown key `{name}` (fg, bg, bold, dim, italic, underlined, reversed)"),
                        )
                    })?;
                match item.get_ref() {
                    DeValue::Boolean(true) => style = style.add_modifier(modifier),
                    DeValue::Boolean(false) => style = style.remove_modifier(modifier),
                    other => {
                        return Err(LineError::at(
                            text,
                            item.span().start,
                            format!(
                                "field `{field}`: `{name}` must be true or false, found {}",
                                other.type_str()
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(style)
}
