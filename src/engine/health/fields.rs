//! Lenient accessors for live objects.
//!
//! Live objects come from many API versions and sometimes from hand-written
//! files, so a missing field or a value of the wrong type is read as "absent"
//! instead of failing: health must never panic on odd input.

use serde_json::Value;

/// The value at `path` (a list of object keys), if every step exists.
pub fn at<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(obj, |value, key| value.get(*key))
}

pub fn str_at<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(obj, path).and_then(Value::as_str)
}

/// An integer field; strings and floats count as absent.
pub fn int_at(obj: &Value, path: &[&str]) -> Option<i64> {
    at(obj, path).and_then(Value::as_i64)
}

/// An integer field that Kubernetes defaults to zero when omitted.
pub fn count_at(obj: &Value, path: &[&str]) -> i64 {
    int_at(obj, path).unwrap_or(0)
}

/// True only for a JSON `true`; anything else (absent, "true") is false.
pub fn is_true_at(obj: &Value, path: &[&str]) -> bool {
    at(obj, path).and_then(Value::as_bool).unwrap_or(false)
}

/// The array at `path`, or an empty slice when absent or not an array.
pub fn array_at<'a>(obj: &'a Value, path: &[&str]) -> &'a [Value] {
    at(obj, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The value of one annotation, if the object carries it.
pub fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    at(obj, &["metadata", "annotations", key]).and_then(Value::as_str)
}

pub fn has_finalizer(obj: &Value, finalizer: &str) -> bool {
    array_at(obj, &["metadata", "finalizers"])
        .iter()
        .any(|f| f.as_str() == Some(finalizer))
}

pub fn name(obj: &Value) -> &str {
    str_at(obj, &["metadata", "name"]).unwrap_or("")
}

/// True when the controller has not yet seen the latest spec
/// (`metadata.generation` > `status.observedGeneration`).
pub fn generation_not_observed(obj: &Value) -> bool {
    count_at(obj, &["metadata", "generation"]) > count_at(obj, &["status", "observedGeneration"])
}

/// One entry of a `status.conditions` list, with absent strings read as "".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition<'a> {
    pub type_: &'a str,
    pub status: &'a str,
    pub reason: &'a str,
    pub message: &'a str,
}

impl<'a> Condition<'a> {
    fn from_value(value: &'a Value) -> Option<Self> {
        let field = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or("");
        let type_ = field("type");
        if type_.is_empty() {
            return None;
        }
        Some(Condition {
            type_,
            status: field("status"),
            reason: field("reason"),
            message: field("message"),
        })
    }

    pub fn is_true(&self) -> bool {
        self.status == "True"
    }

    pub fn is_false(&self) -> bool {
        self.status == "False"
    }

    /// "reason: message", or whichever of the two is present.
    pub fn reason_and_message(&self) -> String {
        match (self.reason.is_empty(), self.message.is_empty()) {
            (false, false) => format!("{}: {}", self.reason, self.message),
            (false, true) => self.reason.to_string(),
            (true, false) => self.message.to_string(),
            (true, true) => String::new(),
        }
    }

    /// The message, falling back to the reason when the message is empty.
    pub fn message_or_reason(&self) -> &'a str {
        if self.message.is_empty() {
            self.reason
        } else {
            self.message
        }
    }
}

/// All well-formed conditions from a conditions array.
pub fn conditions_in(list: &[Value]) -> Vec<Condition<'_>> {
    list.iter().filter_map(Condition::from_value).collect()
}

/// All well-formed entries of `status.conditions`.
pub fn conditions(obj: &Value) -> Vec<Condition<'_>> {
    conditions_in(array_at(obj, &["status", "conditions"]))
}

/// The first condition in `status.conditions` of the given type.
pub fn condition<'a>(obj: &'a Value, type_: &str) -> Option<Condition<'a>> {
    conditions(obj).into_iter().find(|c| c.type_ == type_)
}

/// Longest message we keep: longer ones (stack traces, controller dumps)
/// would blow up a terminal table row.
const MAX_MESSAGE_CHARS: usize = 160;

/// First non-empty line of `message`, trimmed and cut to a table-friendly length.
pub fn shorten_message(message: &str) -> String {
    let first_line = message
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    if first_line.chars().count() <= MAX_MESSAGE_CHARS {
        return first_line.to_string();
    }
    let mut cut: String = first_line.chars().take(MAX_MESSAGE_CHARS - 1).collect();
    cut.push('…');
    cut
}
