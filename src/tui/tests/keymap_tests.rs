//! User keymap files: overrides are partial, errors name file and line.

use std::path::Path;

use crate::tui::action::{Action, Mode};
use crate::tui::keymap::{Keymap, Resolved};
use crate::tui::keymap_file::KeymapError;
use crate::tui::keys::KeyCombo;

fn key(name: &str) -> KeyCombo {
    KeyCombo::parse(name).unwrap_or_else(|e| panic!("{e}"))
}

fn load(text: &str) -> Keymap {
    Keymap::from_toml(text, Path::new("/home/op/.config/recon/keymap.toml"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn error_of(text: &str) -> String {
    match Keymap::from_toml(text, Path::new("/home/op/.config/recon/keymap.toml")) {
        Ok(_) => panic!("`{text}` should be rejected"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn overriding_one_key_changes_only_that_key() {
    let keymap = load("[apps]\nsync = \"S\"\n");
    let defaults = Keymap::default();
    assert_eq!(
        keymap.resolve(Mode::Apps, &key("S")),
        Resolved::Action(Action::Sync)
    );
    assert_eq!(keymap.resolve(Mode::Apps, &key("s")), Resolved::Unbound);
    // The same action elsewhere keeps its key.
    assert_eq!(
        keymap.resolve(Mode::AppView, &key("s")),
        Resolved::Action(Action::Sync)
    );
    assert_eq!(
        keymap.key_label(Mode::Apps, Action::Sync).as_deref(),
        Some("S")
    );
    // Every other binding is untouched.
    let others = |k: &Keymap| {
        k.bindings()
            .iter()
            .filter(|b| !(b.action == Action::Sync && b.modes == [Mode::Apps]))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&keymap), others(&defaults));
    // The hint bar follows.
    assert!(
        keymap
            .hints(Mode::Apps)
            .iter()
            .any(|h| h.keys == "S" && h.label == "sync")
    );
}

#[test]
fn taking_a_key_from_another_action_unbinds_it_there_only() {
    let keymap = load("[apps]\nsync = [\"p\", \"f5\"]\n");
    assert_eq!(
        keymap.resolve(Mode::Apps, &key("p")),
        Resolved::Action(Action::Sync)
    );
    assert_eq!(
        keymap.resolve(Mode::Apps, &key("f5")),
        Resolved::Action(Action::Sync)
    );
    assert_eq!(keymap.key_label(Mode::Apps, Action::PauseResume), None);
    assert_eq!(
        keymap.resolve(Mode::AppView, &key("p")),
        Resolved::Action(Action::PauseResume)
    );
}

#[test]
fn shared_bindings_are_split_per_mode() {
    let keymap = load("[yaml]\nmove-down = \"n\"\n");
    assert_eq!(
        keymap.resolve(Mode::Yaml, &key("n")),
        Resolved::Action(Action::MoveDown)
    );
    assert_eq!(keymap.resolve(Mode::Yaml, &key("j")), Resolved::Unbound);
    assert_eq!(
        keymap.resolve(Mode::Help, &key("j")),
        Resolved::Action(Action::MoveDown)
    );
    assert_eq!(
        keymap.resolve(Mode::Apps, &key("j")),
        Resolved::Action(Action::MoveDown)
    );
}

#[test]
fn global_bindings_can_be_changed() {
    let keymap = load("[global]\nhelp = \"f1\"\n");
    assert_eq!(
        keymap.resolve(Mode::Apps, &key("f1")),
        Resolved::Action(Action::Help)
    );
    assert_eq!(keymap.resolve(Mode::Apps, &key("?")), Resolved::Unbound);
}

#[test]
fn invalid_entries_name_the_file_line_and_culprit() {
    let action = error_of("# my keys\n[apps]\nsynk = \"s\"\n");
    assert!(action.contains("keymap.toml"), "{action}");
    assert!(action.contains("line 3"), "{action}");
    assert!(action.contains("synk"), "{action}");

    let key_name = error_of("[apps]\nsync = \"s\"\nfilter = \"ctrl-sift-f\"\n");
    assert!(
        key_name.contains("line 3") && key_name.contains("ctrl-sift-f"),
        "{key_name}"
    );

    let mode = error_of("[appz]\nsync = \"s\"\n");
    assert!(mode.contains("line 1") && mode.contains("appz"), "{mode}");

    let misplaced = error_of("[apps]\n\nrollback = \"R\"\n");
    assert!(
        misplaced.contains("line 3") && misplaced.contains("rollback"),
        "{misplaced}"
    );
    assert!(
        misplaced.contains("app-view"),
        "says where it is available: {misplaced}"
    );

    let syntax = error_of("[apps]\nsync = s\n");
    assert!(syntax.contains("line 2"), "{syntax}");

    let kind = error_of("[apps]\nsync = 5\n");
    assert!(
        kind.contains("line 2") && kind.contains("integer"),
        "{kind}"
    );
}

#[test]
fn explicit_missing_file_is_an_error_naming_it() {
    let path = std::env::temp_dir().join("recon-tui-test-no-such-keymap.toml");
    match Keymap::load_user(Some(&path)) {
        Err(err @ KeymapError::Read { .. }) => {
            assert!(
                err.to_string()
                    .contains("recon-tui-test-no-such-keymap.toml")
            )
        }
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[test]
fn a_keymap_file_on_disk_is_applied() {
    let path =
        std::env::temp_dir().join(format!("recon-tui-test-keymap-{}.toml", std::process::id()));
    std::fs::write(&path, "[app-view]\nrollback = \"B\"\n").unwrap_or_else(|e| panic!("{e}"));
    let loaded = Keymap::load_user(Some(&path));
    std::fs::remove_file(&path).ok();
    let keymap = loaded.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        keymap.resolve(Mode::AppView, &key("B")),
        Resolved::Action(Action::Rollback)
    );
    assert_eq!(
        keymap.key_label(Mode::AppView, Action::Rollback).as_deref(),
        Some("B")
    );
}

#[test]
fn text_modes_type_printable_keys_but_still_quit_on_ctrl_c() {
    let keymap = Keymap::default();
    assert_eq!(
        keymap.resolve(Mode::Filter, &key("s")),
        Resolved::Text(key("s"))
    );
    assert_eq!(
        keymap.resolve(Mode::Filter, &key("?")),
        Resolved::Text(key("?"))
    );
    assert_eq!(
        keymap.resolve(Mode::Filter, &key("backspace")),
        Resolved::Text(key("backspace"))
    );
    assert_eq!(
        keymap.resolve(Mode::Pause, &key("n")),
        Resolved::Text(key("n"))
    );
    assert_eq!(
        keymap.resolve(Mode::Command, &key("ctrl-c")),
        Resolved::Action(Action::Quit)
    );
    assert_eq!(
        keymap.resolve(Mode::Confirm, &key("ctrl-c")),
        Resolved::Action(Action::Quit)
    );
}
