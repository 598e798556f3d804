//! Theme files: shipped ones load, overrides are partial, errors point at
//! the file, line, field and colour.

use std::ffi::OsStr;
use std::path::Path;

use ratatui::style::{Color, Style};

use crate::tui::theme::{Theme, no_color_set};
use crate::tui::theme_file::ThemeError;

/// `themes/` of the repository, found from this source file so it works
/// whatever crate compiles it.
fn themes_dir() -> std::path::PathBuf {
    let here = Path::new(file!());
    let dir = here.ancestors().nth(4).map(|root| root.join("themes"));
    dir.filter(|d| d.is_dir())
        .unwrap_or_else(|| panic!("no themes/ above {}", here.display()))
}

#[test]
fn every_shipped_theme_file_loads_and_changes_something() {
    let mut on_disk: Vec<String> = std::fs::read_dir(themes_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension() == Some(OsStr::new("toml")))
        .filter_map(|path| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    on_disk.sort();
    let mut shipped: Vec<String> = Theme::shipped_names().map(str::to_string).collect();
    shipped.sort();
    assert_eq!(
        on_disk, shipped,
        "every file in themes/ must be shipped (theme_file::SHIPPED)"
    );
    for name in shipped {
        let from_disk = Theme::load(&themes_dir().join(format!("{name}.toml")));
        let theme = match from_disk {
            Ok(theme) => theme,
            Err(err) => panic!("{err}"),
        };
        assert_ne!(theme, Theme::default(), "{name} overrides nothing");
        let embedded = Theme::shipped(&name).map(|r| r.map_err(|e| e.to_string()));
        assert_eq!(
            embedded,
            Some(Ok(theme)),
            "embedded {name} differs from the file"
        );
    }
}

#[test]
fn a_theme_file_overrides_only_the_fields_it_names() {
    let text = "sync_drift = \"#ff0000\"\nselection = { fg = \"black\", bg = \"lightblue\", bold = true }\n";
    let theme = Theme::from_toml(text, "mine.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(theme.sync_drift, Style::new().fg(Color::Rgb(255, 0, 0)));
    assert_eq!(
        theme.selection,
        Style::new()
            .fg(Color::Black)
            .bg(Color::LightBlue)
            .add_modifier(ratatui::style::Modifier::BOLD)
    );
    let expected = Theme {
        sync_drift: theme.sync_drift,
        selection: theme.selection,
        ..Theme::default()
    };
    assert_eq!(theme, expected);
}

fn error_of(text: &str) -> String {
    match Theme::from_toml(text, "themes/broken.toml") {
        Ok(_) => panic!("`{text}` should not load"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn theme_errors_name_file_line_field_and_colour() {
    let unknown = error_of("sync_ok = \"green\"\n\nsync_drfit = \"yellow\"\n");
    assert!(unknown.contains("themes/broken.toml"), "{unknown}");
    assert!(unknown.contains("line 3"), "{unknown}");
    assert!(unknown.contains("sync_drfit"), "{unknown}");

    let colour = error_of("# comment\nhealth_bad = \"reddish\"\n");
    assert!(colour.contains("line 2"), "{colour}");
    assert!(
        colour.contains("health_bad") && colour.contains("reddish"),
        "{colour}"
    );

    let modifier = error_of("error = { fg = \"red\", blink = true }\n");
    assert!(
        modifier.contains("blink") && modifier.contains("line 1"),
        "{modifier}"
    );

    let syntax = error_of("text = \"white\"\ntext2 = \n");
    assert!(syntax.contains("line 2"), "{syntax}");
}

#[test]
fn missing_theme_file_is_a_read_error_naming_the_path() {
    let path = themes_dir().join("does-not-exist.toml");
    match Theme::load(&path) {
        Err(err @ ThemeError::Read { .. }) => {
            assert!(err.to_string().contains("does-not-exist.toml"))
        }
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[test]
fn monochrome_theme_has_no_colour_in_any_field() {
    let mut theme = Theme::monochrome();
    for name in Theme::FIELDS {
        let style = *theme.field_mut(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!((style.fg, style.bg), (None, None), "{name}");
    }
    assert_ne!(theme.selection, Style::new(), "selection must stay visible");
}

#[test]
fn no_color_counts_only_when_non_empty() {
    assert!(no_color_set(Some(OsStr::new("1"))));
    assert!(!no_color_set(Some(OsStr::new(""))));
    assert!(!no_color_set(None));
}
