//! A mapping key given twice is refused at that key's own line, with the
//! path to it (see strict_yaml.rs).

use super::*;

fn parse(text: &str) -> Result<Vec<DesiredObject>, RenderError> {
    parse_stream("app/manifests.yaml", text.as_bytes())
}

#[test]
fn a_duplicate_key_deep_in_a_later_document_is_refused_at_its_own_line() {
    let err = parse(include_str!("fixtures/duplicate_key_deep.yaml")).unwrap_err();
    let RenderError::Yaml { line, column, .. } = &err else {
        panic!("expected a located YAML error, got {err:?}");
    };
    // Line 31 holds the second `memory:`, in the second document; serde_yaml
    // alone would blame the start of the `limits` mapping.
    assert_eq!((*line, *column), (31, 15), "{err}");
    let message = err.to_string();
    assert!(
        message.starts_with("app/manifests.yaml:31:15: invalid YAML: "),
        "{message}"
    );
    assert!(
        message.contains(r#"duplicate field "memory""#),
        "names the key: {message}"
    );
    assert!(
        message.contains("spec.template.spec.containers[0].resources.limits"),
        "names where it is: {message}"
    );
    assert!(
        !message.contains("512Mi") && !message.contains("256Mi"),
        "values must not be quoted: {message}"
    );
}

#[test]
fn the_same_key_in_sibling_mappings_and_documents_is_fine() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {name: x}}\n\
                data: {name: y}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n";
    let objects = parse(text).expect("no key repeats within one mapping");
    assert_eq!(objects.len(), 2);
}

#[test]
fn duplicate_keys_are_refused_at_any_depth_and_in_flow_style() {
    for (text, line) in [
        (
            "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: a}\n",
            3,
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, name: b}\n",
            3,
        ),
        (
            "apiVersion: v1\nkind: List\nitems:\n- metadata:\n    name: a\n  kind: X\n  kind: Y\n",
            7,
        ),
    ] {
        let err = parse(text).unwrap_err();
        assert!(
            matches!(err, RenderError::Yaml { line: l, .. } if l == line),
            "{text:?}: {err}"
        );
        assert!(err.to_string().contains("duplicate field"), "{err}");
    }
}
