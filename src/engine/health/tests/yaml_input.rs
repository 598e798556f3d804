use super::super::{HealthInputError, HealthStatus, assess_yaml_documents};

fn statuses(text: &str) -> Vec<(String, Option<HealthStatus>)> {
    match assess_yaml_documents(text) {
        Ok(results) => results
            .into_iter()
            .map(|(label, health)| (label, health.map(|h| h.status)))
            .collect(),
        Err(err) => panic!("unexpected error: {err}"),
    }
}

#[test]
fn multi_document_skips_empty_documents_and_expands_lists() {
    let results = statuses(include_str!("../fixtures/yaml_multi_document.yaml"));
    assert_eq!(
        results,
        vec![
            (
                "Deployment/web".to_string(),
                Some(HealthStatus::Progressing)
            ),
            ("ConfigMap/web-config".to_string(), None),
            (
                "PersistentVolumeClaim/data-postgres-0".to_string(),
                Some(HealthStatus::Degraded)
            ),
        ]
    );
}

#[test]
fn typed_lists_lend_kind_and_api_version_to_their_items() {
    let results = statuses(include_str!("../fixtures/yaml_typed_list.yaml"));
    assert_eq!(
        results,
        vec![
            (
                "Job/report-28461300".to_string(),
                Some(HealthStatus::Degraded)
            ),
            (
                "Job/db-migrate-28461230".to_string(),
                Some(HealthStatus::Healthy)
            ),
        ]
    );
}

#[test]
fn empty_input_has_no_objects() {
    assert_eq!(statuses(""), vec![]);
    assert_eq!(statuses("---\n# only a comment\n---\n"), vec![]);
}

#[test]
fn invalid_yaml_reports_document_and_line() {
    let err = assess_yaml_documents(include_str!("../fixtures/yaml_invalid_syntax.yaml"));
    match err {
        Err(HealthInputError::InvalidYaml { document, line, .. }) => {
            assert_eq!(document, 2);
            // The unclosed flow sequence opens on line 10; the parser gives up when line 11 starts a key.
            assert_eq!(line, Some(11));
        }
        other => panic!("expected InvalidYaml, got {other:?}"),
    }
    let message = assess_yaml_documents("kind: Pod\nmetadata: {name: [x\n")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(message.starts_with("document 1: invalid YAML"), "{message}");
    assert!(message.contains("line"), "{message}");
}

#[test]
fn missing_kind_names_the_document() {
    let err = assess_yaml_documents(include_str!("../fixtures/yaml_missing_kind.yaml"));
    match err {
        Err(
            err @ HealthInputError::MissingKind {
                document: 2,
                item: None,
            },
        ) => {
            assert_eq!(err.to_string(), "document 2: object has no kind");
        }
        other => panic!("expected MissingKind in document 2, got {other:?}"),
    }
}

#[test]
fn missing_name_names_the_list_item() {
    let err = assess_yaml_documents(include_str!("../fixtures/yaml_list_item_missing_name.yaml"));
    match err {
        Err(
            err @ HealthInputError::MissingName {
                document: 1,
                item: Some(1),
                ..
            },
        ) => {
            assert_eq!(
                err.to_string(),
                "document 1, item 1: Service has no metadata.name"
            );
        }
        other => panic!("expected MissingName for item 1, got {other:?}"),
    }
}

#[test]
fn scalars_are_not_objects() {
    let err = assess_yaml_documents(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\njust text\n",
    );
    assert!(
        matches!(
            err,
            Err(HealthInputError::NotAnObject {
                document: 2,
                item: None,
                found: "a string"
            })
        ),
        "{err:?}"
    );
}
