//! Colours as data: one style per meaning. Theme files override only the
//! fields they name; `NO_COLOR` gives a monochrome theme that keeps meaning
//! through bold, dim and reverse (the views always add symbols too).

use ratatui::style::{Color, Modifier, Style};

use super::model::Tone;

macro_rules! theme_fields {
    ($($name:ident: $doc:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Theme {
            $(#[doc = $doc] pub $name: Style,)*
        }

        impl Theme {
            /// Every field name, as written in theme files.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($name),)*];

            pub(crate) fn field_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }

            /// The same style everywhere; the monochrome theme starts here.
            fn uniform(style: Style) -> Self {
                Theme { $($name: style,)* }
            }
        }
    };
}

theme_fields! {
    text: "Ordinary text.",
    muted: "Secondary text: ages, authors, hints of lesser importance.",
    header: "The top line (counts, mode).",
    title: "Titles of panes and dialogs.",
    column_header: "Table column headings.",
    sync_ok: "SYNC column when in sync.",
    sync_drift: "SYNC column when out of sync.",
    health_good: "Healthy.",
    health_progress: "Progressing / running.",
    health_bad: "Degraded / failed.",
    warn: "Warnings that are not failures.",
    paused: "Paused apps and their time left.",
    pinned: "The pin mark.",
    neutral: "Statuses with no opinion (Unknown, Missing).",
    cluster_ok: "A reachable cluster in the header.",
    cluster_bad: "An unreachable or forbidden cluster.",
    stale: "The stale-data mark.",
    diff_add: "Added lines.",
    diff_remove: "Removed lines.",
    diff_header: "Diff headers (objects, hunks).",
    diff_context: "Unchanged diff lines.",
    line_number: "Line numbers in diffs and YAML.",
    selection: "The selected row.",
    filter_match: "Characters the `/` filter matched (laid over the cell's own style).",
    border: "Pane borders.",
    border_focused: "The focused pane's border.",
    hint_key: "Keys in the hint bar and help.",
    hint_text: "Descriptions in the hint bar and help.",
    danger: "Dangerous actions (sync, rollback, pause).",
    error: "The error line.",
    info: "Informational messages.",
    input: "Text being typed (filter, command, dialog fields).",
}

fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Default for Theme {
    /// ANSI colours only, so the terminal's own palette decides the exact
    /// shades (works on dark and most light backgrounds).
    fn default() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new(),
            muted: fg(Color::DarkGray),
            header: Style::new().add_modifier(bold),
            title: fg(Color::Cyan).add_modifier(bold),
            column_header: Style::new().add_modifier(bold),
            sync_ok: fg(Color::Green),
            sync_drift: fg(Color::Yellow),
            health_good: fg(Color::Green),
            health_progress: fg(Color::Cyan),
            health_bad: fg(Color::Red).add_modifier(bold),
            warn: fg(Color::Yellow),
            paused: fg(Color::Magenta),
            pinned: fg(Color::Blue),
            neutral: fg(Color::Gray),
            cluster_ok: fg(Color::Green),
            cluster_bad: fg(Color::Red).add_modifier(bold),
            stale: fg(Color::Yellow).add_modifier(bold),
            diff_add: fg(Color::Green),
            diff_remove: fg(Color::Red),
            diff_header: fg(Color::Cyan).add_modifier(bold),
            diff_context: Style::new(),
            line_number: fg(Color::DarkGray),
            selection: Style::new().fg(Color::Black).bg(Color::Cyan),
            // Modifiers only: readable on any cell colour and on the selection.
            filter_match: Style::new()
                .add_modifier(bold)
                .add_modifier(Modifier::UNDERLINED),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan).add_modifier(bold),
            hint_key: fg(Color::Cyan).add_modifier(bold),
            hint_text: fg(Color::Gray),
            danger: fg(Color::Red).add_modifier(bold),
            error: fg(Color::Red).add_modifier(bold),
            info: fg(Color::Cyan),
            input: fg(Color::Yellow),
        }
    }
}

impl Theme {
    /// For `NO_COLOR`: no colour at all; meaning through modifiers.
    pub fn monochrome() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        let mut theme = Theme::uniform(Style::new());
        theme.muted = dim;
        theme.header = bold;
        theme.title = bold;
        theme.column_header = bold.add_modifier(Modifier::UNDERLINED);
        theme.sync_drift = bold;
        theme.health_bad = bold.add_modifier(Modifier::UNDERLINED);
        theme.warn = bold;
        theme.paused = Style::new().add_modifier(Modifier::ITALIC);
        theme.cluster_bad = bold;
        theme.stale = bold;
        theme.diff_header = bold;
        theme.diff_remove = dim;
        theme.line_number = dim;
        theme.selection = Style::new().add_modifier(Modifier::REVERSED);
        theme.filter_match = bold.add_modifier(Modifier::UNDERLINED);
        theme.border_focused = bold;
        theme.hint_key = bold;
        theme.danger = bold;
        theme.error = bold.add_modifier(Modifier::REVERSED);
        theme
    }

    /// `NO_COLOR` is set and non-empty (https://no-color.org).
    pub fn no_color_requested() -> bool {
        no_color_set(std::env::var_os("NO_COLOR").as_deref())
    }

    /// Style of a status in the SYNC column.
    pub fn sync_tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Good => self.sync_ok,
            Tone::Warn | Tone::Bad => self.sync_drift,
            other => self.tone(other),
        }
    }

    /// Style of a status anywhere else (health, progress rows).
    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Good => self.health_good,
            Tone::Progress => self.health_progress,
            Tone::Warn => self.warn,
            Tone::Bad => self.health_bad,
            Tone::Paused => self.paused,
            Tone::Neutral => self.neutral,
        }
    }
}

/// `NO_COLOR` counts only when present and non-empty.
pub fn no_color_set(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty())
}
