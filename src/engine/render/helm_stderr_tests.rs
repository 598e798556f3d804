//! Real helm v3.22 error texts (`fixtures/helm/*.stderr`, made by
//! `fixtures/helm/generate.sh` in the temp dir below) read into locations.

use std::path::Path;

use super::*;

const FIXTURE_TEMP: &str = "/tmp/recon-helm-fixture";

fn parse(stderr: &str) -> HelmFailure {
    parse_failure(stderr, Path::new(FIXTURE_TEMP), "charts/web")
}

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("fixtures/helm/", $name, ".stderr"))
    };
}

fn at(failure: &HelmFailure) -> (Option<&str>, Option<usize>, Option<usize>) {
    (failure.file.as_deref(), failure.line, failure.column)
}

#[test]
fn a_parse_error_names_the_template_and_its_line() {
    let failure = parse(fixture!("undefined_function"));
    assert_eq!(
        at(&failure),
        (Some("charts/web/templates/bad.yaml"), Some(2), None)
    );
    assert_eq!(failure.message, "function \"nosuchfunc\" not defined");
    let failure = parse(fixture!("unclosed_action"));
    assert_eq!(
        at(&failure),
        (Some("charts/web/templates/bad.yaml"), Some(7), None)
    );
    assert!(
        failure.message.starts_with("unclosed action"),
        "{failure:?}"
    );
}

#[test]
fn an_execution_error_names_line_and_column() {
    let failure = parse(fixture!("nil_pointer"));
    assert_eq!(
        at(&failure),
        (Some("charts/web/templates/bad.yaml"), Some(6), Some(15))
    );
    assert!(
        failure.message.contains("<.Values.nested.deep>")
            && failure.message.contains("nil pointer"),
        "{failure:?}"
    );
    let failure = parse(fixture!("fail_function"));
    assert_eq!(
        at(&failure),
        (Some("charts/web/templates/bad.yaml"), Some(3), Some(3))
    );
    assert_eq!(failure.message, "replicas must be set");
}

#[test]
fn invalid_rendered_yaml_names_the_template_but_not_a_template_line() {
    let failure = parse(fixture!("rendered_yaml"));
    // helm's "line 4" counts lines of the rendered text, not of the template.
    assert_eq!(
        at(&failure),
        (Some("charts/web/templates/bad.yaml"), None, None)
    );
    assert!(
        failure
            .message
            .contains("yaml: line 4: did not find expected key"),
        "{failure:?}"
    );
}

#[test]
fn broken_values_name_the_file_they_came_from_and_the_line() {
    let failure = parse(fixture!("chart_values"));
    assert_eq!(
        at(&failure),
        (Some("charts/web/values.yaml"), Some(1), None)
    );
    let failure = parse(fixture!("values_file"));
    assert_eq!(
        at(&failure),
        (Some("charts/web/values-prod.yaml"), Some(2), None)
    );
    let failure = parse(fixture!("inline_values"));
    assert_eq!(at(&failure), (Some(INLINE_VALUES_NAME), Some(2), None));
    let failure = parse(fixture!("chart_yaml"));
    assert_eq!(at(&failure), (Some("charts/web/Chart.yaml"), Some(3), None));
    for failure in [
        parse(fixture!("values_file")),
        parse(fixture!("inline_values")),
    ] {
        assert!(!failure.message.contains(FIXTURE_TEMP), "{failure:?}");
    }
}

#[test]
fn a_missing_dependency_points_at_chart_yaml_and_says_to_vendor_it() {
    let failure = parse(fixture!("missing_dependency"));
    assert_eq!(at(&failure), (Some("charts/web/Chart.yaml"), None, None));
    assert!(
        failure.message.contains("common") && failure.message.contains("helm dependency build"),
        "{failure:?}"
    );
}

#[test]
fn the_debug_advice_is_dropped_and_no_fixture_keeps_the_temp_dir() {
    for stderr in [
        fixture!("undefined_function"),
        fixture!("rendered_yaml"),
        fixture!("nil_pointer"),
        fixture!("fail_function"),
        fixture!("values_file"),
    ] {
        let failure = parse(stderr);
        assert!(!failure.message.contains("--debug"), "{failure:?}");
        assert!(!failure.message.contains(FIXTURE_TEMP), "{failure:?}");
    }
}

#[test]
fn a_chart_at_the_repository_root_has_no_prefix() {
    let failure = parse_failure(fixture!("nil_pointer"), Path::new(FIXTURE_TEMP), "");
    assert_eq!(failure.file.as_deref(), Some("templates/bad.yaml"));
    let failure = parse_failure(fixture!("chart_values"), Path::new(FIXTURE_TEMP), "");
    assert_eq!(failure.file.as_deref(), Some("values.yaml"));
}

#[test]
fn unknown_shapes_keep_the_whole_error_and_control_characters_are_escaped() {
    let failure = parse("walk.go:75: warning\nError: something new \u{1b}[2J happened\n");
    assert_eq!(at(&failure), (None, None, None));
    assert_eq!(failure.message, "something new \\u{1b}[2J happened");
    let failure = parse("Error: execution error at (web/templates/x.yaml:1:3): \u{7}bell\r\n");
    assert_eq!(failure.message, "\\u{7}bell");
}
