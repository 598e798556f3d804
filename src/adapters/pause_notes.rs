//! Who paused another tool's app, why and until when: neither Argo CD nor
//! Flux has fields for them, so recon keeps them in annotations on the
//! tool's own object (read back into the row's pause summary).

use serde_json::{Value, json};

pub const PAUSED_BY_ANNOTATION: &str = "recon.dev/paused-by";
pub const PAUSE_REASON_ANNOTATION: &str = "recon.dev/pause-reason";
pub const PAUSE_UNTIL_ANNOTATION: &str = "recon.dev/pause-until";

/// The annotations a pause sets (a merge patch of `metadata.annotations`).
pub fn set(actor: &str, reason: Option<&str>, until: Option<&str>) -> Value {
    json!({
        PAUSED_BY_ANNOTATION: actor,
        PAUSE_REASON_ANNOTATION: reason,
        PAUSE_UNTIL_ANNOTATION: until,
    })
}

/// The annotations a resume removes.
pub fn cleared() -> serde_json::Map<String, Value> {
    [
        PAUSED_BY_ANNOTATION,
        PAUSE_REASON_ANNOTATION,
        PAUSE_UNTIL_ANNOTATION,
    ]
    .into_iter()
    .map(|k| (k.to_string(), Value::Null))
    .collect()
}

/// "automated sync off until T: why", for the journal and the Event.
pub fn details(what: &str, until: Option<&str>, reason: Option<&str>) -> String {
    match (until, reason) {
        (Some(u), Some(r)) => format!("{what} until {u}: {r}"),
        (Some(u), None) => format!("{what} until {u}"),
        (None, Some(r)) => format!("{what}: {r}"),
        (None, None) => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_say_until_and_why_when_given() {
        assert_eq!(
            details("suspended", Some("T"), Some("incident")),
            "suspended until T: incident"
        );
        assert_eq!(details("suspended", None, None), "suspended");
    }

    #[test]
    fn a_resume_clears_every_pause_annotation() {
        let set = set("me", Some("why"), Some("T"));
        let cleared = cleared();
        for key in set.as_object().expect("object").keys() {
            assert_eq!(cleared.get(key), Some(&Value::Null), "{key}");
        }
    }
}
