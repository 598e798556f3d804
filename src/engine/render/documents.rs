//! Parses a multi-document YAML stream into validated objects, expanding `List` kinds.

use serde::Deserialize;
use serde_json::{Map, Number, Value};

use super::error::RenderError;
use super::object::DesiredObject;
use super::strict_yaml::StrictValue;

/// Parses `bytes` (the contents of `source`) into objects, skipping empty documents.
pub(super) fn parse_stream(source: &str, bytes: &[u8]) -> Result<Vec<DesiredObject>, RenderError> {
    let text = std::str::from_utf8(bytes).map_err(|err| RenderError::NotUtf8 {
        file: source.to_string(),
        valid_up_to: err.valid_up_to(),
    })?;
    let mut objects = Vec::new();
    // The iterator repeats a parse error forever, so stop at the first one.
    for (doc_index, document) in serde_yaml::Deserializer::from_str(text).enumerate() {
        let StrictValue(mut yaml) =
            StrictValue::deserialize(document).map_err(|err| yaml_error(source, &err))?;
        yaml.apply_merge().map_err(|err| yaml_error(source, &err))?;
        let invalid = |problem: String| RenderError::InvalidObject {
            file: source.to_string(),
            doc_index,
            problem,
        };
        let json = yaml_to_json(yaml).map_err(invalid)?;
        if json.is_null() {
            continue;
        }
        for object in expand_lists(json).map_err(invalid)? {
            objects.push(DesiredObject {
                source: source.to_string(),
                doc_index,
                object,
            });
        }
    }
    Ok(objects)
}

fn yaml_error(source: &str, err: &serde_yaml::Error) -> RenderError {
    match err.location() {
        Some(location) => RenderError::Yaml {
            file: source.to_string(),
            line: location.line(),
            column: location.column(),
            message: err.to_string(),
        },
        None => RenderError::YamlWithoutLocation {
            file: source.to_string(),
            message: err.to_string(),
        },
    }
}

/// Converts YAML to JSON the way Kubernetes tooling does: scalar keys become strings,
/// tags are dropped. Errors describe the problem without quoting any value.
fn yaml_to_json(yaml: serde_yaml::Value) -> Result<Value, String> {
    Ok(match yaml {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(flag) => Value::Bool(flag),
        serde_yaml::Value::Number(number) => number_to_json(&number)?,
        serde_yaml::Value::String(text) => Value::String(text),
        serde_yaml::Value::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        serde_yaml::Value::Mapping(mapping) => {
            let mut object = Map::new();
            for (key, value) in mapping {
                object.insert(mapping_key(key)?, yaml_to_json(value)?);
            }
            Value::Object(object)
        }
        serde_yaml::Value::Tagged(tagged) => yaml_to_json(tagged.value)?,
    })
}

fn number_to_json(number: &serde_yaml::Number) -> Result<Value, String> {
    if let Some(int) = number.as_i64() {
        return Ok(Value::from(int));
    }
    if let Some(uint) = number.as_u64() {
        return Ok(Value::from(uint));
    }
    number
        .as_f64()
        .and_then(Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| "contains a number that is NaN or infinite, which JSON cannot hold".into())
}

fn mapping_key(key: serde_yaml::Value) -> Result<String, String> {
    match key {
        serde_yaml::Value::String(text) => Ok(text),
        serde_yaml::Value::Bool(flag) => Ok(flag.to_string()),
        serde_yaml::Value::Number(number) => Ok(number.to_string()),
        serde_yaml::Value::Null => Ok("null".to_string()),
        serde_yaml::Value::Tagged(tagged) => mapping_key(tagged.value),
        serde_yaml::Value::Sequence(_) | serde_yaml::Value::Mapping(_) => {
            Err("contains a mapping key that is itself a list or mapping".to_string())
        }
    }
}

/// Returns the objects of a document: the document itself, or the items of a List.
fn expand_lists(document: Value) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    expand_into(document, &mut out)?;
    Ok(out)
}

fn expand_into(value: Value, out: &mut Vec<Value>) -> Result<(), String> {
    if !value.is_object() {
        return Err(format!(
            "expected a mapping (a Kubernetes object), found {}",
            type_name(&value)
        ));
    }
    if !is_list(&value) {
        validate_object(&value)?;
        out.push(value);
        return Ok(());
    }
    let items = match value.get("items") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(items)) => items.clone(),
        Some(_) => return Err("`items` of a List must be a sequence".to_string()),
    };
    // The API server leaves kind and apiVersion off the items of a typed list
    // (`DeploymentList`): they come from the list itself.
    let list_kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let item_kind = (list_kind != "List").then(|| list_kind.trim_end_matches("List").to_string());
    let api_version = value.get("apiVersion").cloned();
    for (item_index, mut item) in items.into_iter().enumerate() {
        if let (Some(kind), Some(map)) = (&item_kind, item.as_object_mut()) {
            map.entry("kind")
                .or_insert_with(|| Value::String(kind.clone()));
            if let Some(v) = &api_version {
                map.entry("apiVersion").or_insert_with(|| v.clone());
            }
        }
        expand_into(item, out).map_err(|problem| format!("List item {item_index}: {problem}"))?;
    }
    Ok(())
}

/// `kind: List`, or any `*List` kind that carries an `items` sequence (e.g. `PodList`).
fn is_list(value: &Value) -> bool {
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    kind == "List" || (kind.ends_with("List") && value.get("items").is_some_and(Value::is_array))
}

fn validate_object(value: &Value) -> Result<(), String> {
    let api_version = non_empty_str(value.get("apiVersion"))
        .ok_or("missing `apiVersion` (must be a non-empty string)")?;
    let kind =
        non_empty_str(value.get("kind")).ok_or("missing `kind` (must be a non-empty string)")?;
    if kind == "Kustomization" && api_version.starts_with("kustomize.config.k8s.io/") {
        return Err(
            "this is a kustomization file, not an object; render this app in kustomize mode"
                .to_string(),
        );
    }
    let metadata = value.get("metadata");
    if non_empty_str(metadata.and_then(|m| m.get("name"))).is_none() {
        return Err(format!(
            "{kind}: missing `metadata.name` (must be a non-empty string)"
        ));
    }
    match metadata.and_then(|m| m.get("namespace")) {
        None | Some(Value::Null) | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(format!("{kind}: `metadata.namespace` must be a string")),
    }
}

fn non_empty_str(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
#[path = "documents_duplicate_tests.rs"]
mod duplicate_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<DesiredObject>, RenderError> {
        parse_stream("app/manifests.yaml", text.as_bytes())
    }

    #[test]
    fn multi_document_with_empty_documents_and_lists() {
        let text = "\
---
apiVersion: v1
kind: ConfigMap
metadata: {name: first}
---
# only a comment
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: svc}
- apiVersion: apps/v1
  kind: DeploymentList
  items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: nested}
---
apiVersion: v1
kind: Secret
metadata: {name: last}
";
        let objects = parse(text).expect("parses");
        let summary: Vec<_> = objects
            .iter()
            .map(|o| {
                (
                    o.kind().unwrap_or_default(),
                    o.name().unwrap_or_default(),
                    o.doc_index,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("ConfigMap", "first", 0),
                ("Service", "svc", 2),
                ("Deployment", "nested", 2),
                ("Secret", "last", 3),
            ]
        );
        assert!(objects.iter().all(|o| o.source == "app/manifests.yaml"));
    }

    #[test]
    fn empty_file_gives_no_objects() {
        assert!(parse("").expect("parses").is_empty());
        assert!(parse("---\n---\n").expect("parses").is_empty());
    }

    #[test]
    fn malformed_yaml_reports_file_and_line() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n\
                    apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n";
        let err = parse(text).unwrap_err();
        let RenderError::Yaml { file, line, .. } = &err else {
            panic!("expected a located YAML error, got {err:?}");
        };
        assert_eq!(file, "app/manifests.yaml");
        assert_eq!(*line, 10, "{err}");
        assert!(
            err.to_string().starts_with("app/manifests.yaml:10:"),
            "{err}"
        );
    }

    #[test]
    fn bad_indentation_is_located_on_its_line() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indent\n";
        let err = parse(text).unwrap_err();
        assert!(matches!(err, RenderError::Yaml { line: 5, .. }), "{err:?}");
    }

    #[test]
    fn missing_fields_name_the_document() {
        let cases = [
            ("kind: ConfigMap\nmetadata: {name: a}\n", "apiVersion"),
            ("apiVersion: v1\nmetadata: {name: a}\n", "`kind`"),
            (
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n",
                "metadata.name",
            ),
            ("apiVersion: v1\nkind: ConfigMap\n", "metadata.name"),
            (
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ''}\n",
                "metadata.name",
            ),
        ];
        for (body, expected) in cases {
            let text =
                format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: fine}}\n---\n{body}");
            let err = parse(&text).unwrap_err();
            assert!(
                matches!(err, RenderError::InvalidObject { doc_index: 1, .. }),
                "{err:?}"
            );
            let message = err.to_string();
            assert!(
                message.starts_with("app/manifests.yaml (document 2)"),
                "{message}"
            );
            assert!(
                message.contains(expected),
                "{message} should mention {expected}"
            );
        }
    }

    #[test]
    fn invalid_list_item_and_scalar_documents() {
        let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {}\n";
        let message = parse(list).unwrap_err().to_string();
        assert!(
            message.contains("List item 0") && message.contains("metadata.name"),
            "{message}"
        );

        let scalar = parse("just-a-string\n").unwrap_err().to_string();
        assert!(scalar.contains("found a string"), "{scalar}");
        assert!(
            !scalar.contains("just-a-string"),
            "values must not be quoted: {scalar}"
        );
    }

    #[test]
    fn kustomization_in_plain_mode_gets_a_hint() {
        let text =
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n";
        let message = parse(text).unwrap_err().to_string();
        assert!(message.contains("kustomize mode"), "{message}");
    }

    #[test]
    fn yaml_features_convert_like_kubernetes() {
        let text = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: conv
  labels: &labels {app: web}
  annotations:
    <<: *labels
    extra: !custom tagged
data:
  1: numeric key
  true: bool key
  ratio: 0.5
";
        let objects = parse(text).expect("parses");
        let object = &objects[0].object;
        assert_eq!(object["metadata"]["annotations"]["app"], "web");
        assert_eq!(object["metadata"]["annotations"]["extra"], "tagged");
        assert_eq!(object["data"]["1"], "numeric key");
        assert_eq!(object["data"]["true"], "bool key");
        assert_eq!(object["data"]["ratio"], 0.5);
    }
}
