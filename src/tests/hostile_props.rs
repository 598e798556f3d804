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

use super::hostile_strategies::*;

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
