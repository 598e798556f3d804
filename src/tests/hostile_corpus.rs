//! A corpus of nasty inputs: each gives a clear error or a bounded result,
//! never a panic, and none takes long (issue 10).

use std::time::{Duration, Instant};

use crate::engine::health::assess;
use crate::engine::render::{RenderError, RenderMode, SourceFile, parse_documents, render};
use crate::engine::textdiff::{diff_lines, yaml_of};
use crate::text::{printable, printable_lines};

/// Far above what any of these takes in a debug build on a busy machine,
/// far below "hangs".
const BOUND: Duration = Duration::from_secs(20);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < BOUND, "{what} took {took:?}");
    out
}

fn config_map(data: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: ns\ndata:\n{data}")
}

/// "Billion laughs": nine levels of nine aliases would expand to 10⁹
/// strings. The parser's repetition limit refuses it.
#[test]
fn a_yaml_alias_bomb_is_refused() {
    let mut text = config_map(
        "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("  {next}: &{next} [{refs}]\n"));
    }
    let result = timed("the alias bomb", || parse_documents("bomb.yaml", &text));
    let err = match result {
        Ok(objects) => panic!("an alias bomb was expanded into {} objects", objects.len()),
        Err(err) => err.to_string(),
    };
    assert!(err.starts_with("bomb.yaml"), "{err}");
    assert!(err.contains("repetition limit"), "{err}");
}

/// The same bomb through a merge key (`<<: *a`), which recon applies.
#[test]
fn a_merge_key_alias_bomb_is_refused_or_bounded() {
    let mut text = String::from("a: &a {k0: lol}\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
    for (i, pair) in names.windows(2).enumerate() {
        let (prev, next) = (pair[0], pair[1]);
        text.push_str(&format!(
            "{next}: &{next}\n  <<: [*{prev}, *{prev}, *{prev}]\n  k{i}: x\n"
        ));
    }
    let result = timed("the merge bomb", || parse_documents("merge.yaml", &text));
    if let Err(err) = result {
        assert!(err.to_string().starts_with("merge.yaml"), "{err}");
    }
}

/// 10,000 levels of flow sequences, flow mappings and block sequences: the
/// parser's recursion limit refuses them, with the file and line.
#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let depth = 10_000;
    let cases = [
        (
            "flow sequences",
            config_map(&format!(
                "  v: {}{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            )),
        ),
        (
            "flow mappings",
            config_map(&format!(
                "  v: {}1{}\n",
                "{a: ".repeat(depth),
                "}".repeat(depth)
            )),
        ),
        ("block sequences", format!("{}x\n", "- ".repeat(depth))),
    ];
    for (what, text) in cases {
        let result = timed(what, || parse_documents("deep.yaml", &text));
        match result {
            Ok(objects) => panic!(
                "{what}: {depth} levels parsed into {} objects",
                objects.len()
            ),
            Err(RenderError::Yaml { file, message, .. }) => {
                assert_eq!(file, "deep.yaml");
                assert!(message.contains("recursion limit"), "{what}: {message}");
            }
            Err(other) => panic!("{what}: unexpected error {other}"),
        }
    }
    // A live object that deep never reaches health: the API client's JSON
    // parser has a recursion limit too.
    let json = format!(
        "{{\"kind\":\"Pod\",\"status\":{}1{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_err());
}

/// A deeply nested object that did get built (127 levels, under the
/// parsers' limits) is assessed, masked and shown without trouble.
#[test]
fn the_deepest_parsable_object_is_handled() {
    let depth = 120;
    let text = config_map(&format!(
        "  v: {}1{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    ));
    let objects = timed("nesting under the limit", || {
        parse_documents("deep.yaml", &text)
    });
    let objects = objects.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(objects.len(), 1);
    let yaml = yaml_of(&objects[0].object);
    assert!(yaml.contains("v:"), "{yaml}");
    let _ = assess(&objects[0].object);
    let _ = crate::engine::mask::mask_object(&objects[0].object);
}

#[test]
fn invalid_utf8_in_a_manifest_names_the_file_and_offset() {
    let mut bytes = config_map("  k: v\n").into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28, b'\n']);
    let files = vec![SourceFile {
        path: "app/broken.yaml".into(),
        bytes,
    }];
    match render(&files, "app", RenderMode::Plain) {
        Err(RenderError::NotUtf8 { file, valid_up_to }) => {
            assert_eq!(file, "app/broken.yaml");
            assert_eq!(valid_up_to, offset);
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(objects) => panic!("invalid UTF-8 rendered into {} objects", objects.len()),
    }
}

/// A 10 MB value on one line is parsed once (bounded time), kept whole,
/// and diffed, escaped and health-checked in bounded time.
#[test]
fn a_ten_megabyte_single_line_is_bounded() {
    let big = "x".repeat(10 * 1024 * 1024);
    let text = config_map(&format!("  big: {big}\n"));
    let objects = timed("parsing a 10 MB line", || {
        parse_documents("big.yaml", &text)
    });
    let objects = objects.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(objects.len(), 1);
    assert_eq!(
        objects[0].object["data"]["big"].as_str().map(str::len),
        Some(big.len())
    );
    let yaml = timed("YAML of it", || yaml_of(&objects[0].object));
    let changed = yaml.replacen("xxxx", "xxyx", 1);
    let lines = timed("diffing it", || diff_lines(&yaml, &changed, 3));
    assert!(lines.len() < 20, "{} lines", lines.len());
    timed("escaping it", || {
        assert_eq!(printable(&big).len(), big.len());
        assert_eq!(printable_lines(&yaml).len(), yaml.len());
    });
    let _ = timed("its health", || assess(&objects[0].object));
    // Garbage on one 10 MB line: a clear error, quickly.
    let garbage = "a: b: c ".repeat(1024 * 1024);
    let result = timed("a 10 MB line of garbage", || {
        parse_documents("junk.yaml", &garbage)
    });
    let err = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("junk.yaml:1:"), "{err}");
    assert!(
        err.len() < 1024,
        "the error quotes the input: {} bytes",
        err.len()
    );
}

/// Object names with terminal escapes: double-quoted YAML may carry them;
/// they reach the key intact (so the object can be found), and every way
/// recon shows them escapes them. Raw control bytes are refused by YAML.
#[test]
fn control_characters_in_object_names_are_kept_and_shown_escaped() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"web\\e]52;c;aGVsbG8=\\a\\r\\x9b2J\"\n  namespace: ns\n";
    let objects = parse_documents("names.yaml", text).unwrap_or_else(|e| panic!("{e}"));
    let key = objects[0].key();
    assert_eq!(key.name, "web\u{1b}]52;c;aGVsbG8=\u{7}\r\u{9b}2J");
    let shown = printable(&key.to_string()).into_owned();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(shown.contains("web\\u{1b}]52"), "{shown}");
    // The YAML recon diffs and shows escapes them itself.
    let yaml = yaml_of(&objects[0].object);
    assert!(
        !yaml.chars().any(|c| c.is_control() && c != '\n'),
        "{yaml:?}"
    );
    // And a diff header naming the object, through the diff printer.
    let header = crate::console::map::header(format!("{key} (Missing)"));
    assert!(printable(&header.text).contains("\\u{1b}"));

    let raw = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\u{1b}]52;c;aGk=\u{7}\n";
    match parse_documents("raw.yaml", raw) {
        // libyaml checks the whole stream before parsing: no line to give.
        Err(RenderError::Yaml { file, message, .. }) => {
            assert_eq!(file, "raw.yaml");
            assert!(message.contains("control characters"), "{message}");
            assert!(!message.contains('\u{1b}'), "{message:?}");
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(objects) => panic!("raw control bytes parsed: {:?}", objects[0].key()),
    }
}

/// Many empty documents and many tiny ones: linear, bounded.
#[test]
fn a_hundred_thousand_documents_are_bounded() {
    let empty = "---\n".repeat(100_000);
    let objects = timed("100k empty documents", || {
        parse_documents("empty.yaml", &empty)
    });
    assert_eq!(objects.map(|o| o.len()).ok(), Some(0));
    let mut many = String::new();
    for i in 0..10_000 {
        many.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"
        ));
    }
    let objects = timed("10k objects", || parse_documents("many.yaml", &many));
    assert_eq!(objects.map(|o| o.len()).ok(), Some(10_000));
}
