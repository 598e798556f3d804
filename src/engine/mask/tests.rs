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

fn masked_pair(desired: Option<&Value>, live: Option<&Value>) -> (Option<Value>, Option<Value>) {
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
    let desired = secret(json!({"data": {"k": b64(OTHER_CANARY)}, "stringData": {"k": CANARY}}));
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
    let mut obj = secret(json!({"data": {"a": b64(CANARY)}, "stringData": {"b": OTHER_CANARY}}));
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
