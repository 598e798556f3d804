//! The README's key table, generated from the default keymap (the same
//! grouping as the help screen), so the documentation cannot drift from the
//! keys: a test compares the README with it.

use super::help_content::{HelpLine, lines};
use super::keymap::Keymap;

/// A Markdown table: one heading row per group of modes, one row per binding.
pub fn markdown(keymap: &Keymap) -> String {
    let mut out = String::from(
        "| key | what (⚠: changes the cluster or Git; refused read-only) |\n|---|---|\n",
    );
    for line in lines(keymap) {
        match line {
            HelpLine::Heading(title) => out.push_str(&format!("| **{title}** | |\n")),
            HelpLine::Binding {
                keys,
                description,
                dangerous,
            } => {
                let mark = if dangerous { " ⚠" } else { "" };
                let keys = keys.replace('|', "\\|");
                out.push_str(&format!("| `{keys}` | {description}{mark} |\n"));
            }
            HelpLine::Blank => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEGIN: &str = "<!-- keymap:begin (generated from the keymap; RECON_WRITE_README=1 cargo test --lib readme_key_table rewrites it) -->\n";
    const END: &str = "<!-- keymap:end -->";

    #[test]
    fn readme_key_table_is_the_keymap() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README");
        let table = markdown(&Keymap::default());
        let (Some(start), Some(end)) = (readme.find(BEGIN), readme.find(END)) else {
            panic!("README.md has no keymap markers");
        };
        let current = &readme[start + BEGIN.len()..end];
        if current != table {
            if std::env::var_os("RECON_WRITE_README").is_some() {
                let next = format!("{}{BEGIN}{table}{}", &readme[..start], &readme[end..]);
                std::fs::write(path, next).expect("write README");
            } else {
                panic!(
                    "README's key table differs from the keymap; RECON_WRITE_README=1 cargo test --lib readme_key_table rewrites it.\nexpected:\n{table}"
                );
            }
        }
    }

    #[test]
    fn every_binding_has_a_row() {
        let keymap = Keymap::default();
        let table = markdown(&keymap);
        let rows = keymap
            .bindings()
            .iter()
            .filter(|b| !b.keys.is_empty())
            .count();
        let bound = table.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(rows, bound, "{table}");
    }
}
