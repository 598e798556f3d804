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
mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub(super) fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes padded base64, skipping line breaks like Go's decoder; `None` if invalid.
    pub(super) fn decode(text: &str) -> Option<Vec<u8>> {
        let symbols: Vec<u8> = text
            .bytes()
            .filter(|b| !matches!(b, b'\r' | b'\n'))
            .collect();
        if !symbols.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(symbols.len() / 4 * 3);
        let quads = symbols.chunks(4);
        let last = quads.len().saturating_sub(1);
        for (index, quad) in quads.enumerate() {
            let padding = quad.iter().rev().take_while(|&&b| b == b'=').count();
            if padding > 2 || (padding > 0 && index != last) {
                return None;
            }
            let mut n = 0u32;
            for &symbol in &quad[..4 - padding] {
                n = (n << 6) | u32::from(value_of(symbol)?);
            }
            n <<= 6 * padding as u32;
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&bytes[..3 - padding]);
        }
        Some(out)
    }

    fn value_of(symbol: u8) -> Option<u8> {
        ALPHABET.iter().position(|&a| a == symbol).map(|p| p as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::super::textdiff::{diff_lines, stats, unified_diff, yaml_of};
    use super::*;
    use serde_json::json;

    const CANARY: &str = "s3cr3t-CANARY";
    const OTHER_CANARY: &str = "0ther-CANARY-v2";

    fn b64(text: &str) -> String {
        base64::encode(text.as_bytes())
    }

    fn secret(fields: Value) -> Value {
        let mut obj = json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": "db", "namespace": "shop"}});
        if let (Some(obj_map), Some(extra)) = (obj.as_object_mut(), fields.as_object()) {
            for (key, value) in extra {
                obj_map.insert(key.clone(), value.clone());
            }
        }
        obj
    }

    /// Fails if any canary shows up, plain, base64 or JSON-escaped, in any rendering.
    fn assert_no_canary(desired: Option<&Value>, live: Option<&Value>) {
        let yaml = |v: Option<&Value>| v.map(yaml_of).unwrap_or_default();
        let (old, new) = (yaml(live), yaml(desired));
        let mut outputs = vec![
            unified_diff(&old, &new, "live", "desired", 3),
            format!("{:?}", diff_lines(&old, &new, 3)),
            format!("{desired:?} {live:?}"),
            old,
            new,
        ];
        outputs.extend([desired, live].into_iter().flatten().map(Value::to_string));
        for canary in [CANARY, OTHER_CANARY] {
            for form in [
                canary.to_string(),
                b64(canary),
                b64(canary).trim_end_matches('=').to_string(),
            ] {
                for output in &outputs {
                    assert!(!output.contains(&form), "{form} leaked in:\n{output}");
                }
            }
        }
    }

    fn masked_pair(
        desired: Option<&Value>,
        live: Option<&Value>,
    ) -> (Option<Value>, Option<Value>) {
        let pair = mask_secret_pair(desired, live);
        assert_no_canary(pair.0.as_ref(), pair.1.as_ref());
        pair
    }

    #[test]
    fn unchanged_data_is_masked_identically() {
        let obj = secret(json!({"data": {"password": b64(CANARY)}}));
        let (desired, live) = masked_pair(Some(&obj), Some(&obj));
        assert_eq!(desired, live);
        assert_eq!(desired.expect("desired")["data"]["password"], MASKED);
    }

    #[test]
    fn desired_string_data_equals_live_base64_data() {
        let desired = secret(json!({"stringData": {"password": CANARY}}));
        let live = secret(json!({"data": {"password": b64(CANARY)}}));
        let (desired, live) = masked_pair(Some(&desired), Some(&live));
        let desired = desired.expect("desired");
        assert_eq!(
            desired.get("stringData"),
            None,
            "stringData is folded into data"
        );
        assert_eq!(desired["data"]["password"], MASKED);
        assert_eq!(Some(desired), live, "no diff when the values agree");
    }

    #[test]
    fn string_data_wins_over_data_for_the_same_key() {
        let desired =
            secret(json!({"data": {"k": b64(OTHER_CANARY)}, "stringData": {"k": CANARY}}));
        let live = secret(json!({"data": {"k": b64(CANARY)}}));
        let (desired, _) = masked_pair(Some(&desired), Some(&live));
        assert_eq!(desired.expect("desired")["data"]["k"], MASKED);
    }

    #[test]
    fn changed_value_gets_side_specific_placeholders() {
        let desired = secret(json!({"stringData": {"password": CANARY, "user": "admin"}}));
        let live = secret(json!({"data": {"password": b64(OTHER_CANARY), "user": b64("admin")}}));
        let (desired, live) = masked_pair(Some(&desired), Some(&live));
        let (desired, live) = (desired.expect("desired"), live.expect("live"));
        assert_eq!(desired["data"]["password"], MASKED_DESIRED_CHANGED);
        assert_eq!(live["data"]["password"], MASKED_LIVE_CHANGED);
        assert_eq!(desired["data"]["user"], MASKED);
        assert_eq!(live["data"]["user"], MASKED);
        let diff = unified_diff(&yaml_of(&live), &yaml_of(&desired), "live", "desired", 0);
        assert!(
            diff.contains("-  password: '<masked: live value>'"),
            "{diff}"
        );
        assert!(
            diff.contains("+  password: '<masked: desired value>'"),
            "{diff}"
        );
    }

    #[test]
    fn added_and_removed_keys_show_as_masked_keys() {
        let desired = secret(json!({"data": {"kept": b64("x"), "added": b64(CANARY)}}));
        let live = secret(json!({"data": {"kept": b64("x"), "removed": b64(OTHER_CANARY)}}));
        let (desired, live) = masked_pair(Some(&desired), Some(&live));
        let (desired, live) = (desired.expect("desired"), live.expect("live"));
        assert_eq!(desired["data"], json!({"added": MASKED, "kept": MASKED}));
        assert_eq!(live["data"], json!({"kept": MASKED, "removed": MASKED}));
        let lines = diff_lines(&yaml_of(&live), &yaml_of(&desired), 1);
        assert_eq!(stats(&lines), (1, 1));
    }

    #[test]
    fn one_sided_secrets_are_masked() {
        let obj = secret(json!({"data": {"password": b64(CANARY)}}));
        let (desired, live) = masked_pair(Some(&obj), None);
        assert_eq!(live, None);
        assert_eq!(desired.expect("desired")["data"]["password"], MASKED);
        let (desired, live) = masked_pair(None, Some(&obj));
        assert_eq!(desired, None);
        assert_eq!(live.expect("live")["data"]["password"], MASKED);
    }

    #[test]
    fn last_applied_annotation_is_always_masked() {
        let last_applied = |value: &str| json!({"metadata": {"annotations": {LAST_APPLIED: json!({"stringData": {"p": value}}).to_string()}}});
        let desired = secret(json!({"stringData": {"p": CANARY}}));
        let mut live = secret(json!({"data": {"p": b64(CANARY)}}));
        live["metadata"]["annotations"] = last_applied(CANARY)["metadata"]["annotations"].clone();
        let (_, masked_live) = masked_pair(Some(&desired), Some(&live));
        assert_eq!(
            masked_live.expect("live")["metadata"]["annotations"][LAST_APPLIED],
            MASKED
        );

        let mut newer = live.clone();
        newer["metadata"]["annotations"] =
            last_applied(OTHER_CANARY)["metadata"]["annotations"].clone();
        let (masked_newer, masked_live) = masked_pair(Some(&newer), Some(&live));
        let annotation =
            |v: Option<Value>| v.expect("present")["metadata"]["annotations"][LAST_APPLIED].clone();
        assert_eq!(annotation(masked_newer), MASKED_DESIRED_CHANGED);
        assert_eq!(annotation(masked_live), MASKED_LIVE_CHANGED);
    }

    #[test]
    fn other_fields_holding_a_secret_value_are_masked() {
        // Quote and newline: inside JSON text this value only appears escaped.
        let tricky = "pa\"ss\nword-s3cr3t-CANARY";
        let mut live = secret(json!({"data": {"p": b64(tricky)}}));
        live["metadata"]["annotations"] = json!({
            "note": format!("password is {tricky}!"),
            "as-json": json!({"p": tricky}).to_string(),
            "harmless": "team shop"
        });
        live["metadata"]["labels"] = json!({"hint": b64(tricky)});
        let desired = secret(json!({"stringData": {"p": tricky}}));
        let (_, masked) = masked_pair(Some(&desired), Some(&live));
        let masked = masked.expect("live");
        let annotations = &masked["metadata"]["annotations"];
        // The desired side has no such fields, so there is nothing to call "changed".
        assert_eq!(annotations["note"], MASKED);
        assert_eq!(annotations["as-json"], MASKED);
        assert_eq!(annotations["harmless"], "team shop");
        assert_eq!(masked["metadata"]["labels"]["hint"], MASKED);
        assert_eq!(masked["metadata"]["name"], "db");
        assert_eq!(masked["type"], "Opaque");
    }

    #[test]
    fn mask_object_masks_data_string_data_and_annotations() {
        let mut obj =
            secret(json!({"data": {"a": b64(CANARY)}, "stringData": {"b": OTHER_CANARY}}));
        obj["metadata"]["annotations"] = json!({LAST_APPLIED: "{}", "copy": CANARY});
        let masked = mask_object(&obj);
        assert_no_canary(Some(&masked), None);
        assert_eq!(masked["data"], json!({"a": MASKED}));
        assert_eq!(masked["stringData"], json!({"b": MASKED}));
        assert_eq!(
            masked["metadata"]["annotations"],
            json!({LAST_APPLIED: MASKED, "copy": MASKED})
        );
        assert!(is_secret(&masked), "identity survives masking");
    }

    #[test]
    fn mask_object_masks_secrets_inside_lists_and_malformed_data() {
        let list = json!({"apiVersion": "v1", "kind": "List", "items": [
            secret(json!({"data": CANARY})),
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "visible"}}
        ]});
        let masked = mask_object(&list);
        assert_no_canary(Some(&masked), None);
        assert_eq!(masked["items"][0]["data"], MASKED);
        assert_eq!(masked["items"][1]["data"]["k"], "visible");
    }

    #[test]
    fn non_secrets_are_untouched() {
        let config = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}});
        let custom = json!({"apiVersion": "example.com/v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "v"}});
        for obj in [config, custom] {
            assert!(!is_secret(&obj));
            assert_eq!(mask_object(&obj), obj);
            assert_eq!(
                mask_secret_pair(Some(&obj), Some(&obj)),
                (Some(obj.clone()), Some(obj))
            );
        }
    }

    #[test]
    fn undecodable_data_is_compared_as_written_and_still_masked() {
        let desired = secret(json!({"data": {"k": "not base64!", "n": 12345}}));
        let (masked, live) = masked_pair(Some(&desired), Some(&desired));
        assert_eq!(masked, live);
        assert_eq!(
            masked.expect("desired")["data"],
            json!({"k": MASKED, "n": MASKED})
        );
    }

    #[test]
    fn base64_round_trips_rfc4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64::encode(plain.as_bytes()), encoded);
            assert_eq!(base64::decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(
            base64::decode("Zm9v\nYmFy\n").as_deref(),
            Some(&b"foobar"[..])
        );
        for invalid in ["Zg", "Zg=a", "Z===", "Zg==Zm9v", "Zm9*"] {
            assert_eq!(base64::decode(invalid), None, "{invalid}");
        }
        let binary: Vec<u8> = (0..=255).collect();
        assert_eq!(base64::decode(&base64::encode(&binary)), Some(binary));
    }

    #[test]
    fn scrub_message_removes_plain_and_base64_secret_values() {
        let secret = serde_json::json!({
            "apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
            "stringData": {"password": "s3cr3t-CANARY"},
            "data": {"token": "dG9rZW4tQ0FOQVJZ"}
        });
        let msg = "admission denied: password s3cr3t-CANARY, encoded czNjcjN0LUNBTkFSWQ==, token token-CANARY";
        let out = scrub_message(msg, &secret);
        assert!(!out.contains("CANARY"), "{out}");
        assert!(!out.contains("czNjcjN0LUNBTkFSWQ"), "{out}");
        assert!(out.contains("admission denied"), "{out}");
        let cm = serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}});
        assert_eq!(scrub_message("b is fine", &cm), "b is fine");
    }
}
