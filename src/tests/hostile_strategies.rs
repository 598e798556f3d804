//! Generators for the hostile-input properties: text shaped like YAML,
//! TOML and Kubernetes objects, so the parsers' corners are reached far more
//! often than by arbitrary bytes; and the run's case count.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Cases per property unless `PROPTEST_CASES` says otherwise.
pub const CASES: u32 = 128;

pub fn config() -> ProptestConfig {
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
pub fn yamlish() -> impl Strategy<Value = String> {
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
pub fn json_value() -> impl Strategy<Value = Value> {
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
pub fn field_name() -> impl Strategy<Value = String> {
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
pub fn k8s_object() -> impl Strategy<Value = Value> {
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

pub fn b64(bytes: &[u8]) -> String {
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
pub fn secret_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{10,40}".prop_map(|v| format!("S3C{v}"))
}

pub const KEYMAP_WORDS: &[&str] = &[
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

pub const THEME_WORDS: &[&str] = &[
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
pub fn toml_like(words: &'static [&'static str]) -> impl Strategy<Value = String> {
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
