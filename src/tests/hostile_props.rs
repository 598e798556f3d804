//! Property tests over everything that parses or shows outside input:
//! rendering YAML, health, Secret masking, keymap and theme files, and the
//! terminal-safety of text. Each property: no panic, and a bounded result.
//!
//! Every property is named `prop_…`; `cargo test` runs each with
//! [`CASES`] cases (or `PROPTEST_CASES`), longer runs:
//! `PROPTEST_CASES=10000 cargo test --lib prop_`.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::engine::health::assess;
use crate::engine::mask::{mask_object, mask_secret_pair, scrub_message};
use crate::engine::render::{RenderMode, SourceFile, parse_documents, render};
use crate::engine::textdiff::yaml_of;
use crate::text::{printable, printable_lines};
use crate::tui::{Keymap, Theme};

/// Cases per property unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 128;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        // Failures are reported with the shrunk input; no files are left
        // behind in the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text built from YAML's structural characters, so the parser's corners
/// (anchors, aliases, tags, flow and block collections, documents, merge
/// keys) are hit far more often than by arbitrary Unicode.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("apiVersion: v1\n".to_string()),
        Just("kind: ConfigMap\n".to_string()),
        Just("kind: List\nitems:\n".to_string()),
        Just("metadata:\n  name: x\n".to_string()),
        Just("---\n".to_string()),
        Just("- ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just(": ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("<<: *a\n".to_string()),
        Just("!!binary ".to_string()),
        Just("!tag ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(", ".to_string()),
        Just("|\n".to_string()),
        Just(">-\n".to_string()),
        Just("\"\\e]52;c;aGk=\\a\"".to_string()),
        Just("'q'".to_string()),
        Just("# c\n".to_string()),
        Just("? ".to_string()),
        Just(".nan".to_string()),
        Just("1e400".to_string()),
        Just("-0x1F".to_string()),
        Just("~".to_string()),
        "[a-z0-9]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
}

/// Arbitrary JSON, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,24}".prop_map(Value::String),
        prop_oneof![
            Just("True"),
            Just("False"),
            Just("Ready"),
            Just("Available"),
            Just("Progressing"),
            Just("Complete"),
            Just("Failed"),
            Just("Running"),
            Just("Pending"),
            Just("Bound"),
            Just("Succeeded"),
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Field names of Kubernetes statuses, and a few others.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![
            Just("status"),
            Just("spec"),
            Just("conditions"),
            Just("type"),
            Just("reason"),
            Just("message"),
            Just("replicas"),
            Just("readyReplicas"),
            Just("updatedReplicas"),
            Just("availableReplicas"),
            Just("observedGeneration"),
            Just("phase"),
            Just("containerStatuses"),
            Just("state"),
            Just("waiting"),
            Just("loadBalancer"),
            Just("ingress"),
            Just("active"),
            Just("succeeded"),
            Just("failed"),
            Just("suspend"),
            Just("currentNumberScheduled"),
            Just("desiredNumberScheduled"),
            Just("numberReady"),
            Just("lastScheduleTime"),
        ]
        .prop_map(String::from),
        "[a-zA-Z]{1,10}",
    ]
}

/// Kubernetes-shaped objects: a known kind with random metadata, spec and
/// status, so each health rule is reached.
fn k8s_object() -> impl Strategy<Value = Value> {
    let kinds = prop_oneof![
        Just(("apps/v1", "Deployment")),
        Just(("apps/v1", "StatefulSet")),
        Just(("apps/v1", "DaemonSet")),
        Just(("apps/v1", "ReplicaSet")),
        Just(("v1", "Pod")),
        Just(("v1", "Service")),
        Just(("v1", "PersistentVolumeClaim")),
        Just(("v1", "Namespace")),
        Just(("batch/v1", "Job")),
        Just(("batch/v1", "CronJob")),
        Just(("networking.k8s.io/v1", "Ingress")),
        Just(("autoscaling/v2", "HorizontalPodAutoscaler")),
        Just(("apiregistration.k8s.io/v1", "APIService")),
        Just(("example.com/v1", "Widget")),
    ];
    (kinds, json_value(), json_value(), json_value()).prop_map(
        |((api_version, kind), metadata, spec, status)| {
            json!({
                "apiVersion": api_version,
                "kind": kind,
                "metadata": metadata,
                "spec": spec,
                "status": status,
            })
        },
    )
}

fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A secret value distinctive enough not to occur by chance elsewhere.
fn secret_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{10,40}".prop_map(|v| format!("S3C{v}"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn prop_parse_documents_never_panics_and_is_bounded(text in yamlish()) {
        if let Ok(objects) = parse_documents("hostile.yaml", &text) {
            // Every object comes from at least a few bytes of the input
            // (aliases are bounded by the parser's repetition limit).
            prop_assert!(objects.len() <= text.len() + 1, "{} objects", objects.len());
        }
    }

    #[test]
    fn prop_parse_documents_of_any_text_never_panics(text in any::<String>()) {
        let _ = parse_documents("hostile.yaml", &text);
    }

    #[test]
    fn prop_render_of_any_files_never_panics(
        files in prop::collection::vec(
            (
                prop_oneof![
                    Just("app/a.yaml".to_string()),
                    Just("app/sub/b.yml".to_string()),
                    Just("./app//c.YAML".to_string()),
                    Just("other/d.yaml".to_string()),
                    "[a-z/.]{0,12}",
                ],
                prop_oneof![
                    yamlish().prop_map(String::into_bytes),
                    prop::collection::vec(any::<u8>(), 0..64),
                ],
            ),
            0..5,
        ),
        app_path in prop_oneof![Just("app"), Just(""), Just("./app/"), Just("..")],
    ) {
        let files: Vec<SourceFile> = files
            .into_iter()
            .map(|(path, bytes)| SourceFile { path, bytes })
            .collect();
        let total: usize = files.iter().map(|f| f.bytes.len()).sum();
        if let Ok(objects) = render(&files, app_path, RenderMode::Plain) {
            prop_assert!(objects.len() <= total + files.len());
        }
    }

    #[test]
    fn prop_health_of_any_json_never_panics(value in json_value()) {
        if let Some(health) = assess(&value) {
            prop_assert!(health.message.chars().count() <= 160, "{health:?}");
        }
    }

    #[test]
    fn prop_health_of_kubernetes_shaped_objects_is_short(object in k8s_object()) {
        if let Some(health) = assess(&object) {
            prop_assert!(health.message.chars().count() <= 160, "{health:?}");
            prop_assert!(!health.message.contains('\n'), "{health:?}");
        }
    }

    #[test]
    fn prop_masking_never_shows_a_value(
        data in prop::collection::btree_map("[a-z]{1,8}", secret_value(), 0..4),
        string_data in prop::collection::btree_map("[a-z]{1,8}", secret_value(), 0..4),
        live_data in prop::collection::btree_map("[a-z]{1,8}", secret_value(), 0..4),
        extra in json_value(),
    ) {
        let encoded: Map<String, Value> = data
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(b64(v.as_bytes()))))
            .collect();
        let desired = json!({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": "db", "annotations": {"note": extra}},
            "data": encoded,
            "stringData": string_data,
        });
        let live_encoded: Map<String, Value> = live_data
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(b64(v.as_bytes()))))
            .collect();
        let live = json!({"apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": "db"}, "data": live_encoded});
        let (masked_desired, masked_live) = mask_secret_pair(Some(&desired), Some(&live));
        let shown = [
            yaml_of(&mask_object(&desired)),
            yaml_of(&mask_object(&live)),
            masked_desired.as_ref().map(yaml_of).unwrap_or_default(),
            masked_live.as_ref().map(yaml_of).unwrap_or_default(),
        ];
        let values = data.values().chain(string_data.values()).chain(live_data.values());
        for value in values {
            let message = format!("rejected: {value} / {}", b64(value.as_bytes()));
            let scrubbed_desired = scrub_message(&message, &desired);
            let scrubbed_live = scrub_message(&message, &live);
            for text in &shown {
                prop_assert!(!text.contains(value.as_str()), "{value} in {text}");
                prop_assert!(!text.contains(&b64(value.as_bytes())), "{value} in {text}");
            }
            if data.values().chain(string_data.values()).any(|v| v == value) {
                prop_assert!(!scrubbed_desired.contains(value.as_str()), "{scrubbed_desired}");
            }
            if live_data.values().any(|v| v == value) {
                prop_assert!(!scrubbed_live.contains(value.as_str()), "{scrubbed_live}");
            }
        }
    }

    #[test]
    fn prop_masking_any_json_never_panics(value in json_value(), other in json_value()) {
        let secret_like = |v: &Value| {
            let mut v = v.clone();
            if let Some(map) = v.as_object_mut() {
                map.insert("kind".into(), "Secret".into());
            }
            v
        };
        let (a, b) = (secret_like(&value), secret_like(&other));
        let _ = mask_object(&value);
        let _ = mask_object(&a);
        let _ = mask_secret_pair(Some(&a), Some(&b));
        let _ = mask_secret_pair(Some(&a), None);
        let _ = mask_secret_pair(None, Some(&b));
        let _ = scrub_message("some message", &a);
    }

    #[test]
    fn prop_keymap_files_never_panic(text in toml_like(KEYMAP_WORDS)) {
        if let Err(err) = Keymap::from_toml(&text, Path::new("keymap.toml")) {
            prop_assert!(err.to_string().len() < 4 * text.len() + 1024, "{err}");
        }
    }

    #[test]
    fn prop_keymap_files_of_any_text_never_panic(text in any::<String>()) {
        let _ = Keymap::from_toml(&text, Path::new("keymap.toml"));
    }

    #[test]
    fn prop_theme_files_never_panic(text in toml_like(THEME_WORDS)) {
        if let Err(err) = Theme::from_toml(&text, "theme.toml") {
            prop_assert!(err.to_string().len() < 4 * text.len() + 1024, "{err}");
        }
    }

    #[test]
    fn prop_theme_files_of_any_text_never_panic(text in any::<String>()) {
        let _ = Theme::from_toml(&text, "theme.toml");
    }

    #[test]
    fn prop_printable_is_safe_bounded_and_idempotent(text in any::<String>()) {
        let shown = printable(&text);
        prop_assert!(!shown.chars().any(char::is_control), "{shown:?}");
        // The longest escape of a control character is `\u{9f}`: 6 bytes.
        prop_assert!(shown.len() <= 6 * text.len(), "{} → {}", text.len(), shown.len());
        let again = printable(&shown).into_owned();
        prop_assert_eq!(again.as_str(), shown.as_ref());
        let lines = printable_lines(&text);
        prop_assert!(
            !lines.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{lines:?}"
        );
        prop_assert_eq!(lines.matches('\n').count(), text.matches('\n').count());
    }

    #[test]
    fn prop_printable_of_control_heavy_text(text in "[\\x00-\\x1f\\x7f-\\x9fa;\\]\\[]{0,200}") {
        let shown = printable(&text);
        prop_assert!(!shown.chars().any(char::is_control), "{shown:?}");
        prop_assert!(!shown.contains('\u{1b}'), "{:?}", shown);
    }
}

const KEYMAP_WORDS: &[&str] = &[
    "[apps]",
    "[app]",
    "[confirm]",
    "[global]",
    "[filter]",
    "[pause]",
    "[create]",
    "[delete]",
    "[x.y]",
    "sync",
    "quit",
    "open",
    "filter",
    "help",
    "\"ctrl-r\"",
    "\"s\"",
    "\"shift-tab\"",
    "\"alt-\u{1b}\"",
    "[\"a\", \"b\"]",
    "\"\"",
    "=",
    " = ",
    "\n",
    "#",
    "'",
    "\"",
    "[[t]]",
    "{",
    "}",
    "1",
    "true",
];

const THEME_WORDS: &[&str] = &[
    "muted",
    "title",
    "border",
    "selection",
    "sync_drift",
    "error",
    "text",
    "unknown_field",
    "fg",
    "bg",
    "bold",
    "reversed",
    "\"red\"",
    "\"lightblue\"",
    "\"reset\"",
    "\"#ff00ff\"",
    "\"#fff\"",
    "\"#zzzzzz\"",
    "\"208\"",
    "\"300\"",
    "\"-1\"",
    "true",
    "1",
    "{ fg = \"#5fd7ff\", bold = true }",
    "=",
    " = ",
    ", ",
    "\n",
    "#",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ".",
];

/// TOML-ish text from the file format's own words.
fn toml_like(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(words).prop_map(String::from),
            1 => "[a-z_\\-]{1,8}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|words| words.concat())
}
