//! Reads objects from a multi-document YAML file for `recon health -f FILE`.

use serde::Deserialize;
use serde_json::Value;

use super::dispatch::assess;
use super::fields::str_at;
use super::status::Health;

/// Why a YAML input could not be assessed. Document numbers are 1-based, in
/// the order the documents appear in the file; `item` is the 0-based index
/// inside a `kind: List` document.
#[derive(Debug, thiserror::Error)]
pub enum HealthInputError {
    #[error("document {document}: invalid YAML: {message}")]
    InvalidYaml {
        document: usize,
        /// 1-based line of the error in the whole file, when serde_yaml knows it.
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    #[error("document {document}{}: expected a Kubernetes object (a mapping), found {found}", item_suffix(*.item))]
    NotAnObject {
        document: usize,
        item: Option<usize>,
        found: &'static str,
    },
    #[error("document {document}{}: object has no kind", item_suffix(*.item))]
    MissingKind {
        document: usize,
        item: Option<usize>,
    },
    #[error("document {document}{}: {kind} has no metadata.name", item_suffix(*.item))]
    MissingName {
        document: usize,
        item: Option<usize>,
        kind: String,
    },
}

fn item_suffix(item: Option<usize>) -> String {
    item.map(|index| format!(", item {index}"))
        .unwrap_or_default()
}

/// Assesses every object in `text`, labelled "kind/name", in file order.
/// Empty documents are skipped and `List` documents are expanded.
pub fn assess_yaml_documents(
    text: &str,
) -> Result<Vec<(String, Option<Health>)>, HealthInputError> {
    let mut assessed = Vec::new();
    for (index, document) in serde_yaml::Deserializer::from_str(text).enumerate() {
        let number = index + 1;
        let value = Value::deserialize(document).map_err(|err| invalid_yaml(number, &err))?;
        if value.is_null() {
            continue;
        }
        for (item, object) in expand_lists(number, value)? {
            let label = label(number, item, &object)?;
            assessed.push((label, assess(&object)));
        }
    }
    Ok(assessed)
}

fn invalid_yaml(document: usize, err: &serde_yaml::Error) -> HealthInputError {
    let location = err.location();
    HealthInputError::InvalidYaml {
        document,
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
        message: err.to_string(),
    }
}

/// A document as a list of (item index, object). `kubectl get -o yaml` emits
/// `kind: List`; raw API lists (`DeploymentList`) omit kind/apiVersion on
/// items, so those are filled in from the list.
fn expand_lists(
    document: usize,
    value: Value,
) -> Result<Vec<(Option<usize>, Value)>, HealthInputError> {
    let Value::Object(mut map) = value else {
        return Err(HealthInputError::NotAnObject {
            document,
            item: None,
            found: type_name(&value),
        });
    };
    let kind = map.get("kind").and_then(Value::as_str).unwrap_or("");
    let Some(item_kind) = kind.strip_suffix("List").map(str::to_string) else {
        return Ok(vec![(None, Value::Object(map))]);
    };
    let items = match map.get_mut("items") {
        Some(Value::Array(items)) => std::mem::take(items),
        _ => return Ok(vec![(None, Value::Object(map))]),
    };
    let list_api_version = map.get("apiVersion").cloned();

    let mut expanded = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let Value::Object(mut object) = item else {
            return Err(HealthInputError::NotAnObject {
                document,
                item: Some(index),
                found: type_name(&item),
            });
        };
        // A plain `List` holds mixed kinds that each name themselves.
        if !item_kind.is_empty() {
            object
                .entry("kind")
                .or_insert_with(|| Value::String(item_kind.clone()));
            if let Some(api_version) = &list_api_version {
                object
                    .entry("apiVersion")
                    .or_insert_with(|| api_version.clone());
            }
        }
        expanded.push((Some(index), Value::Object(object)));
    }
    Ok(expanded)
}

fn label(document: usize, item: Option<usize>, object: &Value) -> Result<String, HealthInputError> {
    let kind = str_at(object, &["kind"]).filter(|k| !k.is_empty());
    let Some(kind) = kind else {
        return Err(HealthInputError::MissingKind { document, item });
    };
    match str_at(object, &["metadata", "name"]).filter(|n| !n.is_empty()) {
        Some(name) => Ok(format!("{kind}/{name}")),
        None => Err(HealthInputError::MissingName {
            document,
            item,
            kind: kind.to_string(),
        }),
    }
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
