//! No module of `src/` imports a module that imports it, directly or round
//! a longer loop. Every path a file names (`use crate::…`, `use super::…`,
//! or a path written inline) is resolved to the longest module that exists,
//! and the graph of those edges must have no cycle. Test code (`#[cfg(test)]`
//! onwards in a file, and `tests/` folders) is left out: a test may use
//! whatever it tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != "tests" && n != "snapshots")
            {
                files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` → `a::b`; `src/a/mod.rs` → `a`; `src/lib.rs` → ``.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|l| l == "mod" || l == "lib" || l == "main")
    {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file before its test module.
fn non_test_code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every path that starts with `crate::` or `super::`, with `use` braces expanded.
fn paths_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts = rest.starts_with("crate::") || rest.starts_with("super::");
        let boundary = i == 0
            || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if starts && boundary {
            let mut j = i;
            let mut depth = 0;
            while j < bytes.len() {
                let c = bytes[j];
                if c == '{' {
                    depth += 1;
                } else if c == '}' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') {
                    break;
                }
                j += 1;
            }
            let text: String = bytes[i..j].iter().collect();
            out.extend(expand(&text.replace(char::is_whitespace, "")));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else {
        return vec![path.trim_end_matches("::").to_string()];
    };
    let prefix = &path[..open];
    let inner = path[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&path[open + 1..]);
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|s| !s.is_empty())
        .flat_map(|item| expand(&format!("{prefix}{item}")))
        .collect()
}

/// The module a path names: the longest prefix that is a module.
fn resolve(from: &str, path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let mut segments: Vec<String> = Vec::new();
    let mut base: Vec<String> = if from.is_empty() {
        vec![]
    } else {
        from.split("::").map(String::from).collect()
    };
    let mut parts = path.split("::").peekable();
    match parts.peek().copied() {
        Some("crate") => {
            parts.next();
            base.clear();
        }
        Some("super") => {
            while parts.peek() == Some(&"super") {
                parts.next();
                base.pop();
            }
        }
        _ => return None,
    }
    segments.extend(base);
    let rest: Vec<String> = parts
        .filter(|p| *p != "self" && *p != "*")
        .map(String::from)
        .collect();
    let mut best = None;
    for n in 0..=rest.len() {
        let mut candidate = segments.clone();
        candidate.extend(rest[..n].iter().cloned());
        let name = candidate.join("::");
        if modules.contains(&name) {
            best = Some(name);
        }
    }
    best
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let modules: BTreeSet<String> = all.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &all {
        let from = module_of(&src, file);
        let code = non_test_code(&std::fs::read_to_string(file).expect("read source"));
        for path in paths_in(&code) {
            if let Some(to) = resolve(&from, &path, &modules)
                && to != from
                // A module always reaches its parent's namespace; only a real import counts.
                && !to.is_empty()
            {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // Depth-first search for a back edge, reporting the loop it closes.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        loops: &mut Vec<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(pos) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(node.to_string());
            loops.push(cycle.join(" → "));
            return;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, stack, done, loops);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut loops = Vec::new();
    let mut done = BTreeSet::new();
    for m in &modules {
        visit(m, &edges, &mut Vec::new(), &mut done, &mut loops);
    }
    assert!(
        loops.is_empty(),
        "modules that import a module importing them:\n  {}",
        loops.join("\n  ")
    );
    assert!(
        edges.len() > 50,
        "the scan found the imports ({} modules with edges)",
        edges.len()
    );
}

#[test]
fn the_scanner_reads_braces_super_and_inline_paths() {
    let code = "use crate::a::{b, c::{d, e}};\nuse super::f;\nlet x = crate::g::h(1);";
    let mut got = paths_in(code);
    got.sort();
    assert_eq!(
        got,
        [
            "crate::a::b",
            "crate::a::c::d",
            "crate::a::c::e",
            "crate::g::h",
            "super::f"
        ]
    );
    let modules: BTreeSet<String> = ["a", "a::c", "x", "x::f", "g"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        resolve("x::y", "super::f", &modules).as_deref(),
        Some("x::f")
    );
    assert_eq!(
        resolve("q", "crate::a::c::d", &modules).as_deref(),
        Some("a::c")
    );
    assert_eq!(resolve("q", "crate::a::b", &modules).as_deref(), Some("a"));
}
