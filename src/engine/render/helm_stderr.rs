//! Reads what `helm template` printed when it failed: where (file, line,
//! column, as a repository path) and what, made safe for a terminal.

use std::path::Path;

/// Where the chart's files sit in the temp dir (at their repository paths),
/// and what the inline values are written as; both are shown to users by
/// their names in the Application.
pub(super) const CHECKOUT_DIR: &str = "checkout";
pub(super) const INLINE_VALUES_FILE: &str = "inline-values.yaml";
/// How the inline values are named in messages.
pub(super) const INLINE_VALUES_NAME: &str = "spec.source.helm.values";

/// A failure as helm located it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HelmFailure {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Turns helm's stderr into a located failure. `temp_dir` is where the chart
/// was written (under [`CHECKOUT_DIR`]); `chart_root` is the chart's path in
/// the repository (`""` for the root).
pub(super) fn parse_failure(stderr: &str, temp_dir: &Path, chart_root: &str) -> HelmFailure {
    let paths = PathMap {
        temp: temp_dir.to_string_lossy().into_owned(),
        root: chart_root,
    };
    let error = error_text(stderr);
    let located = locate(&error, &paths);
    let mut message = paths.tidy(located.as_ref().map_or(error.as_str(), |l| l.rest));
    let (mut file, line, column) = match located {
        Some(l) => (Some(l.file), l.line, l.column),
        None => (None, None, None),
    };
    if message.contains("missing in charts/ directory") {
        file = Some(paths.in_chart("Chart.yaml"));
        message.push_str(
            "; recon renders the chart as committed and never fetches dependencies: \
             vendor them (`helm dependency build`) and commit charts/",
        );
    }
    HelmFailure {
        file,
        line,
        column,
        message: crate::text::printable_lines(message.trim()).into_owned(),
    }
}

/// From `Error: ` on, without helm's advice to rerun with `--debug` (which
/// would print the rendered manifests, Secrets included).
fn error_text(stderr: &str) -> String {
    let start = stderr.find("Error: ").map_or(0, |i| i + "Error: ".len());
    stderr[start..]
        .lines()
        .filter(|l| !l.starts_with("Use --debug flag"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

struct Located<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    /// The message after the location.
    rest: &'a str,
}

/// The shapes helm v3 prints (see the fixtures in `fixtures/helm/`).
fn locate<'a>(error: &'a str, paths: &PathMap) -> Option<Located<'a>> {
    // `parse error at (web/templates/x.yaml:2): …`, `execution error at (web/templates/x.yaml:1:3): …`
    for prefix in ["parse error at (", "execution error at ("] {
        if let Some(after) = error.strip_prefix(prefix)
            && let Some((position, rest)) = after.split_once("): ")
        {
            return Some(template_position(position, rest, paths));
        }
    }
    // `template: web/templates/x.yaml:6:15: executing "…" at <…>: …`
    if let Some(after) = error.strip_prefix("template: ")
        && let Some((file, numbers)) = after.split_once(':')
    {
        let mut parts = numbers.splitn(3, ':');
        let line = parts.next().and_then(|n| n.parse().ok());
        let column = parts.next().and_then(|n| n.parse().ok());
        if let (Some(line), Some(column), Some(rest)) = (line, column, parts.next()) {
            return Some(Located {
                file: paths.template(file),
                line: Some(line),
                column: Some(column),
                rest: rest.trim_start(),
            });
        }
    }
    // The template rendered, but not to YAML: helm's line is one of the rendered
    // text, not of the template, so it stays in the message only.
    if let Some(after) = error.strip_prefix("YAML parse error on ")
        && let Some((file, rest)) = after.split_once(": ")
    {
        return Some(Located {
            file: paths.template(file),
            line: None,
            column: None,
            rest,
        });
    }
    // Values and Chart.yaml: `cannot load values.yaml: … yaml: line 1: …` (chart
    // relative) and `failed to parse /tmp/…/chart/values-prod.yaml: …` (as given).
    for prefix in ["cannot load ", "failed to parse ", "open "] {
        if let Some(after) = error.strip_prefix(prefix)
            && let Some((file, rest)) = after.split_once(": ")
        {
            return Some(Located {
                file: paths.data_file(file),
                line: yaml_line(rest),
                column: None,
                rest,
            });
        }
    }
    None
}

/// `web/templates/x.yaml:6` or `web/templates/x.yaml:6:15`.
fn template_position<'a>(position: &str, rest: &'a str, paths: &PathMap) -> Located<'a> {
    let mut parts = position.split(':');
    let file = parts.next().unwrap_or_default();
    Located {
        file: paths.template(file),
        line: parts.next().and_then(|n| n.parse().ok()),
        column: parts.next().and_then(|n| n.parse().ok()),
        rest,
    }
}

/// The `N` of `yaml: line N:` in a YAML error from Go's yaml library.
fn yaml_line(message: &str) -> Option<usize> {
    let after = &message[message.find("yaml: line ")? + "yaml: line ".len()..];
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

struct PathMap<'a> {
    temp: String,
    root: &'a str,
}

impl PathMap<'_> {
    /// helm names templates `<chart name>/templates/…`: the chart name is
    /// Chart.yaml's, whatever the directory is called, so it is replaced by
    /// the chart's path in the repository.
    fn template(&self, helm_path: &str) -> String {
        let inside = helm_path
            .split_once('/')
            .map_or(helm_path, |(_, rest)| rest);
        self.in_chart(inside)
    }

    /// A values file or Chart.yaml: a temp path (a `-f` file) or a path
    /// relative to the chart.
    fn data_file(&self, path: &str) -> String {
        let tidied = self.tidy(path);
        if tidied != path {
            return tidied;
        }
        self.in_chart(path)
    }

    fn in_chart(&self, inside: &str) -> String {
        if self.root.is_empty() {
            inside.to_string()
        } else {
            format!("{}/{inside}", self.root)
        }
    }

    /// Temp paths anywhere in a message as repository paths.
    fn tidy(&self, text: &str) -> String {
        let checkout = format!("{}/{CHECKOUT_DIR}", self.temp);
        text.replace(
            &format!("{}/{INLINE_VALUES_FILE}", self.temp),
            INLINE_VALUES_NAME,
        )
        .replace(&format!("{checkout}/"), "")
        .replace(&checkout, ".")
        .replace(&format!("{}/", self.temp), "")
    }
}

#[cfg(test)]
#[path = "helm_stderr_tests.rs"]
mod tests;
