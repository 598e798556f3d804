//! Masks Secret values before anything is shown, diffed, logged or serialised.
//!
//! Placeholders say only whether a value is unchanged or differs between the desired and
//! the live side; they never carry a hash, length or fragment of the value (hashes of
//! short secrets can be brute-forced).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Placeholder for a value that is the same on both sides, or has no counterpart.
pub const MASKED: &str = "<masked>";
/// Placeholder on the desired side for a value that differs from the live one.
pub const MASKED_DESIRED_CHANGED: &str = "<masked: desired value>";
/// Placeholder on the live side for a value that differs from the desired one.
pub const MASKED_LIVE_CHANGED: &str = "<masked: live value>";

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// A core-group (`v1`) Secret; an absent apiVersion counts, to err on the side of masking.
pub fn is_secret(obj: &Value) -> bool {
    let api_version = obj.get("apiVersion").and_then(Value::as_str);
    obj.get("kind").and_then(Value::as_str) == Some("Secret")
        && matches!(api_version, None | Some("v1"))
}

/// Masks one object for display. Secrets (and Secrets inside a `*List`) get every
/// `data`/`stringData` value replaced, and any other string holding a secret value too.
pub fn mask_object(obj: &Value) -> Value {
    if let Some(items) = list_items(obj) {
        let mut out = obj.clone();
        out["items"] = Value::Array(items.iter().map(mask_object).collect());
        return out;
    }
    if !is_secret(obj) {
        return obj.clone();
    }
    let needles = Needles::collect([obj]);
    let mut out = obj.clone();
    for field in ["data", "stringData"] {
        if let Some(values) = out.get_mut(field) {
            *values = mask_all_values(values);
        }
    }
    scrub(&mut out, None, &mut Vec::new(), &needles, None);
    out
}

/// Masks the desired and live versions of one object so they can be diffed.
///
/// For Secrets, desired `stringData` is folded into `data` (as the API server does) and
/// values are compared decoded, so `stringData: {k: v}` matches live `data: {k: base64(v)}`.
/// A key present on both sides gets [`MASKED`] on both when equal, and
/// [`MASKED_DESIRED_CHANGED`] / [`MASKED_LIVE_CHANGED`] when different.
pub fn mask_secret_pair(
    desired: Option<&Value>,
    live: Option<&Value>,
) -> (Option<Value>, Option<Value>) {
    let desired_secret = desired.filter(|obj| is_secret(obj));
    let live_secret = live.filter(|obj| is_secret(obj));
    let needles = Needles::collect(desired_secret.into_iter().chain(live_secret));
    let desired_fields = desired_secret.map(SecretFields::of);
    let live_fields = live_secret.map(SecretFields::of);

    let masked_desired = desired.map(|obj| match &desired_fields {
        Some(own) => mask_pair_side(
            obj,
            own,
            live_fields.as_ref(),
            live_secret,
            Side::Desired,
            &needles,
        ),
        None => obj.clone(),
    });
    let masked_live = live.map(|obj| match &live_fields {
        Some(own) => mask_pair_side(
            obj,
            own,
            desired_fields.as_ref(),
            desired_secret,
            Side::Live,
            &needles,
        ),
        None => obj.clone(),
    });
    (masked_desired, masked_live)
}

#[derive(Clone, Copy)]
enum Side {
    Desired,
    Live,
}

impl Side {
    fn changed_placeholder(self) -> &'static str {
        match self {
            Side::Desired => MASKED_DESIRED_CHANGED,
            Side::Live => MASKED_LIVE_CHANGED,
        }
    }
}

/// A secret value reduced to what the API server would store, for equality only.
#[derive(PartialEq, Eq)]
enum SecretValue {
    Bytes(Vec<u8>),
    /// `data` text that is not valid base64: compared as written.
    Undecodable(String),
    /// A non-string value (invalid in a Secret): compared as JSON.
    Other(String),
}

/// The effective `data` of a Secret: `data` decoded, overlaid by `stringData`.
struct SecretFields {
    values: BTreeMap<String, SecretValue>,
    /// `data` or `stringData` is present but not a mapping: masked whole.
    malformed: bool,
    has_data_field: bool,
}

impl SecretFields {
    fn of(secret: &Value) -> SecretFields {
        let mut fields = SecretFields {
            values: BTreeMap::new(),
            malformed: false,
            has_data_field: secret.get("data").is_some(),
        };
        for (field, encoded) in [("data", true), ("stringData", false)] {
            match secret.get(field) {
                None | Some(Value::Null) => {}
                Some(Value::Object(map)) => {
                    for (key, value) in map {
                        fields
                            .values
                            .insert(key.clone(), secret_value(value, encoded));
                    }
                }
                Some(_) => fields.malformed = true,
            }
        }
        fields
    }
}

fn secret_value(value: &Value, base64_encoded: bool) -> SecretValue {
    match value {
        Value::String(text) if base64_encoded => base64::decode(text)
            .map(SecretValue::Bytes)
            .unwrap_or_else(|| SecretValue::Undecodable(text.clone())),
        Value::String(text) => SecretValue::Bytes(text.as_bytes().to_vec()),
        other => SecretValue::Other(other.to_string()),
    }
}

fn mask_pair_side(
    obj: &Value,
    own: &SecretFields,
    other: Option<&SecretFields>,
    other_obj: Option<&Value>,
    side: Side,
    needles: &Needles,
) -> Value {
    let mut out = obj.clone();
    let Some(map) = out.as_object_mut() else {
        return out;
    };
    map.remove("data");
    map.remove("stringData");
    scrub(&mut out, other_obj, &mut Vec::new(), needles, Some(side));
    let data = if own.malformed {
        Some(Value::String(MASKED.to_string()))
    } else if own.values.is_empty() && !own.has_data_field {
        None
    } else {
        let masked = own.values.iter().map(|(key, value)| {
            let other_value = other.and_then(|fields| fields.values.get(key));
            let placeholder = match other_value {
                Some(other_value) if other_value != value => side.changed_placeholder(),
                _ => MASKED,
            };
            (key.clone(), Value::String(placeholder.to_string()))
        });
        Some(Value::Object(masked.collect()))
    };
    if let (Some(data), Some(map)) = (data, out.as_object_mut()) {
        map.insert("data".to_string(), data);
    }
    out
}

fn mask_all_values(values: &Value) -> Value {
    match values {
        Value::Null => Value::Null,
        Value::Object(map) => Value::Object(
            map.keys()
                .map(|key| (key.clone(), Value::String(MASKED.to_string())))
                .collect::<Map<_, _>>(),
        ),
        _ => Value::String(MASKED.to_string()),
    }
}

/// Every text form in which a secret value could show up in the rest of the object.
/// Replaces every value of `object`'s Secret data found in `message` (plain,
/// base64 or JSON-escaped) with `<masked>`: API server and admission errors
/// can echo the object they rejected.
pub fn scrub_message(message: &str, object: &Value) -> String {
    if !is_secret(object) {
        return message.to_string();
    }
    let needles = Needles::collect([object]);
    let mut out = message.to_string();
    // Longest first, so a value is not half-replaced by a shorter one it contains.
    let mut sorted: Vec<&String> = needles.0.iter().collect();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for needle in sorted {
        out = out.replace(needle.as_str(), MASKED);
    }
    out
}

struct Needles(Vec<String>);

impl Needles {
    fn collect<'a>(secrets: impl IntoIterator<Item = &'a Value>) -> Needles {
        let mut needles = Vec::new();
        for secret in secrets {
            for (field, encoded) in [("data", true), ("stringData", false)] {
                let Some(map) = secret.get(field).and_then(Value::as_object) else {
                    continue;
                };
                for value in map.values() {
                    add_needles(&mut needles, value, encoded);
                }
            }
        }
        needles.retain(|needle| !needle.is_empty());
        needles.sort();
        needles.dedup();
        Needles(needles)
    }

    fn found_in(&self, text: &str) -> bool {
        self.0.iter().any(|needle| text.contains(needle.as_str()))
    }
}

fn add_needles(needles: &mut Vec<String>, value: &Value, base64_encoded: bool) {
    let Value::String(text) = value else {
        needles.push(value.to_string());
        return;
    };
    needles.push(text.clone());
    let plain_bytes = if base64_encoded {
        base64::decode(text)
    } else {
        needles.push(base64::encode(text.as_bytes()));
        Some(text.as_bytes().to_vec())
    };
    if let Some(plain) = plain_bytes.and_then(|bytes| String::from_utf8(bytes).ok()) {
        // Inside JSON (e.g. an annotation) quotes, backslashes and newlines are escaped.
        let quoted = Value::String(plain.clone()).to_string();
        needles.push(quoted[1..quoted.len() - 1].to_string());
        needles.push(plain);
    }
}

/// Masks strings outside `data` that hold a secret value, plus the last-applied annotation
/// (it embeds the whole manifest, escaped). `other` is the same path on the other side,
/// used to tell unchanged from changed.
fn scrub(
    value: &mut Value,
    other: Option<&Value>,
    path: &mut Vec<String>,
    needles: &Needles,
    side: Option<Side>,
) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if is_identity_field(path, key) {
                    continue;
                }
                let other_child = other.and_then(|other| other.get(key));
                path.push(key.clone());
                scrub(child, other_child, path, needles, side);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                scrub(
                    child,
                    other.and_then(|other| other.get(index)),
                    path,
                    needles,
                    side,
                );
            }
        }
        Value::Null => {}
        scalar => {
            let text = match &*scalar {
                Value::String(text) => text.clone(),
                number_or_bool => number_or_bool.to_string(),
            };
            if is_last_applied(path) || needles.found_in(&text) {
                let unchanged = other.is_some_and(|other| *other == *scalar);
                let placeholder = match side {
                    Some(side) if other.is_some() && !unchanged => side.changed_placeholder(),
                    _ => MASKED,
                };
                *scalar = Value::String(placeholder.to_string());
            }
        }
    }
}

/// apiVersion, kind, name and namespace stay readable: they identify the object and are
/// shown in every listing anyway.
fn is_identity_field(path: &[String], key: &str) -> bool {
    match path {
        [] => matches!(key, "apiVersion" | "kind"),
        [metadata] if metadata == "metadata" => {
            matches!(key, "name" | "namespace" | "generateName")
        }
        _ => false,
    }
}

fn is_last_applied(path: &[String]) -> bool {
    matches!(path, [metadata, annotations, name]
        if metadata == "metadata" && annotations == "annotations" && name == LAST_APPLIED)
}

fn list_items(obj: &Value) -> Option<&Vec<Value>> {
    let kind = obj.get("kind").and_then(Value::as_str)?;
    kind.ends_with("List")
        .then(|| obj.get("items")?.as_array())?
}

/// Standard base64 (RFC 4648, padded), as Kubernetes stores Secret data.
mod base64;

#[cfg(test)]
mod tests;
