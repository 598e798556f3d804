//! Every default key in every mode: the keymap gives the expected action
//! and `update` makes the expected change (rows in `key_table_cases.rs`).

use super::checked_update::update;
use super::key_case::Expect;
use super::key_table_cases::cases;
use crate::tui::action::Mode;
use crate::tui::keymap::Resolved;
use crate::tui::keys::KeyCombo;
use crate::tui::msg::Msg;

#[test]
fn every_default_key_does_what_it_says() {
    for case in cases() {
        let mut state = (case.setup)();
        assert_eq!(state.mode(), case.mode, "mode before `{}`", case.key);
        let key = KeyCombo::parse(case.key).unwrap_or_else(|e| panic!("{e}"));
        let resolved = state.keymap.resolve(state.mode(), &key);
        let msg = match (&case.expect, resolved) {
            (Expect::Action(wanted), Resolved::Action(got)) => {
                assert_eq!(got, *wanted, "`{}` in {:?}", case.key, case.mode);
                Msg::Action(got)
            }
            (Expect::Text, Resolved::Text(key)) => Msg::Input(key),
            (_, other) => panic!("`{}` in {:?} resolved to {other:?}", case.key, case.mode),
        };
        let effects = update(&mut state, msg);
        assert!(
            (case.check)(&state, &effects),
            "`{}` in {:?}: unexpected result, effects {effects:?}",
            case.key,
            case.mode
        );
    }
}

#[test]
fn every_bound_mode_is_covered_by_the_table() {
    let covered: Vec<Mode> = cases().iter().map(|c| c.mode).collect();
    for mode in Mode::ALL.into_iter().filter(|m| *m != Mode::Global) {
        assert!(covered.contains(&mode), "no key case for {mode:?}");
    }
}
