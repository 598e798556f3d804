//! Strips server-managed noise from objects so desired and live can be compared.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Metadata fields the API server owns; they always differ from Git and are not drift.
const SERVER_METADATA_FIELDS: &[&str] = &[
    "managedFields",
    "resourceVersion",
    "uid",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "selfLink",
];

/// Annotations written by tools rather than by the user.
const TOOL_ANNOTATIONS: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    "deployment.kubernetes.io/revision",
];

/// An `ignoreDifferences` entry: the pointers apply to objects matching every field that is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JsonPointerRule {
    pub group: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub json_pointers: Vec<String>,
}

impl JsonPointerRule {
    /// Whether every set selector matches `obj` (group `""` selects the core group).
    pub fn matches(&self, obj: &Value) -> bool {
        let api_version = str_at(obj, &["apiVersion"]).unwrap_or_default();
        let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
        let selectors = [
            (&self.group, Some(group)),
            (&self.kind, str_at(obj, &["kind"])),
            (&self.name, str_at(obj, &["metadata", "name"])),
            (&self.namespace, str_at(obj, &["metadata", "namespace"])),
        ];
        selectors.iter().all(|(wanted, actual)| match wanted {
            None => true,
            Some(wanted) => *actual == Some(wanted.as_str()),
        })
    }
}

/// Removes server-managed fields, tool annotations, `status`, and empty label/annotation maps.
pub fn normalize_live(obj: &Value) -> Value {
    let mut out = obj.clone();
    if let Some(object) = out.as_object_mut() {
        object.remove("status");
        if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            for field in SERVER_METADATA_FIELDS {
                metadata.remove(*field);
            }
            if let Some(annotations) = metadata
                .get_mut("annotations")
                .and_then(Value::as_object_mut)
            {
                for annotation in TOOL_ANNOTATIONS {
                    annotations.remove(*annotation);
                }
            }
            drop_empty_maps(metadata);
        }
    }
    out
}

/// [`normalize_live`] plus removal of every ignoreDifferences pointer whose rule matches.
pub fn normalize_for_compare(obj: &Value, ignore: &[JsonPointerRule]) -> Value {
    let mut out = normalize_live(obj);
    // Rules are matched against the original so pointers may remove the fields they select on.
    for rule in ignore.iter().filter(|rule| rule.matches(obj)) {
        for pointer in &rule.json_pointers {
            if let Err(problem) = remove_pointer(&mut out, pointer) {
                tracing::warn!(pointer = %pointer, %problem, "ignoring invalid ignoreDifferences pointer");
            }
        }
    }
    if let Some(metadata) = out.get_mut("metadata").and_then(Value::as_object_mut) {
        drop_empty_maps(metadata);
    }
    out
}

/// Removes the value at an RFC 6901 JSON pointer. Returns whether something was removed;
/// a pointer to a missing field is fine (`Ok(false)`), a malformed one is an error.
pub fn remove_pointer(value: &mut Value, pointer: &str) -> Result<bool, String> {
    let tokens = parse_pointer(pointer)?;
    let Some((last, parents)) = tokens.split_last() else {
        return Err("the empty pointer selects the whole object, which cannot be ignored".into());
    };
    let mut current = value;
    for token in parents {
        let next = match current {
            Value::Object(map) => map.get_mut(token),
            Value::Array(items) => array_index(token).and_then(|index| items.get_mut(index)),
            _ => None,
        };
        let Some(next) = next else {
            return Ok(false);
        };
        current = next;
    }
    Ok(match current {
        Value::Object(map) => map.remove(last).is_some(),
        Value::Array(items) => match array_index(last) {
            Some(index) if index < items.len() => {
                items.remove(index);
                true
            }
            _ => false,
        },
        _ => false,
    })
}

/// Splits a pointer into unescaped tokens (`~1` → `/`, then `~0` → `~`, per RFC 6901).
fn parse_pointer(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err("a JSON pointer must start with `/`".into());
    };
    rest.split('/').map(unescape_token).collect()
}

fn unescape_token(token: &str) -> Result<String, String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => return Err("`~` must be followed by `0` or `1`".into()),
        }
    }
    Ok(out)
}

/// Array indexes are plain decimal without leading zeros (`-`, "past the end", never exists).
fn array_index(token: &str) -> Option<usize> {
    let well_formed = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    well_formed.then(|| token.parse().ok()).flatten()
}

fn drop_empty_maps(metadata: &mut Map<String, Value>) {
    for field in ["annotations", "labels"] {
        let empty = metadata
            .get(field)
            .is_some_and(|value| value.is_null() || value.as_object().is_some_and(Map::is_empty));
        if empty {
            metadata.remove(field);
        }
    }
}

fn str_at<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(obj, |current, key| current.get(*key))
        .and_then(Value::as_str)
}

/// For client-side drift: keeps from `live` only what `desired` sets, so fields defaulted
/// or added by the cluster are not reported as drift.
///
/// Objects recurse key by key. Arrays whose desired elements all carry a unique string
/// `name` are matched by name (in desired order; live-only elements are dropped, as a
/// client-side apply merges them by name and would leave them in place). Other arrays of
/// equal length recurse element by element, and arrays of different length (a real
/// change) are kept whole. Scalars are kept as they are in `live`.
pub fn desired_fields_only(live: &Value, desired: &Value) -> Value {
    match (live, desired) {
        (Value::Object(live_map), Value::Object(desired_map)) => Value::Object(
            desired_map
                .iter()
                .filter_map(|(key, desired_value)| {
                    let live_value = live_map.get(key)?;
                    Some((key.clone(), desired_fields_only(live_value, desired_value)))
                })
                .collect(),
        ),
        (Value::Array(live_items), Value::Array(desired_items)) => {
            if let Some(desired_names) = unique_names(desired_items) {
                let matched =
                    desired_names
                        .iter()
                        .zip(desired_items)
                        .filter_map(|(name, desired_item)| {
                            let live_item =
                                live_items.iter().find(|item| name_of(item) == Some(name))?;
                            Some(desired_fields_only(live_item, desired_item))
                        });
                Value::Array(matched.collect())
            } else if live_items.len() == desired_items.len() {
                let pairs = live_items.iter().zip(desired_items);
                Value::Array(pairs.map(|(l, d)| desired_fields_only(l, d)).collect())
            } else {
                live.clone()
            }
        }
        _ => live.clone(),
    }
}

/// The `name` of every element, if all are objects with distinct string names (and there is one).
fn unique_names(items: &[Value]) -> Option<Vec<&str>> {
    let names: Vec<&str> = items.iter().map(name_of).collect::<Option<_>>()?;
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (!names.is_empty() && sorted.len() == names.len()).then_some(names)
}

fn name_of(item: &Value) -> Option<&str> {
    item.as_object()?.get("name")?.as_str()
}

#[cfg(test)]
mod tests;
