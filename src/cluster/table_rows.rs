//! What one Table watch stream's lines mean (`table_watch` reads them):
//! rows of printer columns named once per request, the list's end at the
//! `k8s.io/initial-events-end` bookmark, the version to resume from, and
//! when to list again or stop.

use std::collections::VecDeque;
use std::sync::Arc;

use kube::runtime::watcher::{self, Event};
use serde::Deserialize;
use serde_json::Value;

/// One object as its printer columns.
#[derive(Clone, Debug)]
pub struct TableRow {
    columns: Arc<Vec<String>>,
    cells: Vec<Value>,
    /// The version of the object this row is of.
    pub resource_version: Option<String>,
}

impl TableRow {
    /// A row of `cells` under `columns` (the Table's column names).
    pub fn new(columns: Vec<String>, cells: Vec<Value>, resource_version: Option<String>) -> Self {
        TableRow {
            columns: Arc::new(columns),
            cells,
            resource_version,
        }
    }

    /// The object's name (a Table's first column always is).
    pub fn name(&self) -> &str {
        self.cells
            .first()
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The cell of the named column; `None` where the object has no value.
    pub fn cell(&self, column: &str) -> Option<&Value> {
        let at = self.columns.iter().position(|c| c == column)?;
        self.cells.get(at).filter(|v| !v.is_null())
    }

    pub fn text(&self, column: &str) -> Option<String> {
        self.cell(column)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    pub fn flag(&self, column: &str) -> bool {
        self.cell(column).and_then(Value::as_bool).unwrap_or(false)
    }
}

pub type Item = Result<Event<TableRow>, watcher::Error>;

/// What the reader does after a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Then {
    Read,
    /// Open a new request (after the backoff when `retry`).
    Reopen {
        retry: bool,
    },
    /// The server cannot send what is needed: the stream ends.
    Stop,
}

/// The state of one kind's Table watch across its requests.
pub struct Decoder {
    what: String,
    needed: Vec<&'static str>,
    /// Where a new request resumes; `None` lists everything first.
    pub version: Option<String>,
    columns: Arc<Vec<String>>,
    /// Between `Init` and `InitDone`.
    listing: bool,
    pub queued: VecDeque<Item>,
}

impl Decoder {
    /// `what` names the kind in errors; `needed` are the columns read.
    pub fn new(what: String, needed: Vec<&'static str>) -> Self {
        Decoder {
            what,
            needed,
            version: None,
            columns: Arc::new(Vec::new()),
            listing: false,
            queued: VecDeque::new(),
        }
    }

    /// A request was answered: without a version to resume from, it lists.
    pub fn opened(&mut self) {
        if self.version.is_none() {
            self.listing = true;
            self.queued.push_back(Ok(Event::Init));
        }
    }

    pub fn on_line(&mut self, line: &str) -> Then {
        let event: WatchLine = match serde_json::from_str(line) {
            Ok(e) => e,
            Err(e) => return self.unreadable(e),
        };
        if event.kind == "ERROR" {
            return self.on_error(event.object);
        }
        let table: Table = match serde_json::from_value(event.object) {
            Ok(t) => t,
            Err(e) => return self.unreadable(e),
        };
        // The first event of a request names the columns, a bookmark too.
        if !table.column_definitions.is_empty() {
            self.columns = Arc::new(
                table
                    .column_definitions
                    .into_iter()
                    .map(|c| c.name)
                    .collect(),
            );
            if let Some(missing) = self
                .needed
                .iter()
                .find(|n| !self.columns.iter().any(|c| c == *n))
            {
                return self.refuse(missing);
            }
        }
        // A list cut short is listed again whole, never resumed halfway.
        if !self.listing && table.metadata.resource_version.is_some() {
            self.version = table.metadata.resource_version.clone();
        }
        if event.kind == "BOOKMARK" {
            if self.listing && table.rows.iter().any(ends_initial_events) {
                self.listing = false;
                self.version = table.metadata.resource_version;
                self.queued.push_back(Ok(Event::InitDone));
            }
            return Then::Read;
        }
        for row in table.rows {
            let row = TableRow {
                columns: self.columns.clone(),
                cells: row.cells,
                resource_version: table.metadata.resource_version.clone(),
            };
            self.queued.push_back(Ok(match event.kind.as_str() {
                "DELETED" => Event::Delete(row),
                _ if self.listing => Event::InitApply(row),
                _ => Event::Apply(row),
            }));
        }
        Then::Read
    }

    /// A line that is no watch event of a Table: said, and read past.
    fn unreadable(&mut self, e: serde_json::Error) -> Then {
        self.queued
            .push_back(Err(watcher::Error::WatchFailed(kube::Error::SerdeError(e))));
        Then::Read
    }

    fn on_error(&mut self, object: Value) -> Then {
        match serde_json::from_value::<kube::core::Status>(object) {
            // Too old to resume: list everything again.
            Ok(status) if status.code == 410 => {
                self.version = None;
                Then::Reopen { retry: false }
            }
            Ok(status) => {
                self.queued
                    .push_back(Err(watcher::Error::WatchError(Box::new(status))));
                Then::Reopen { retry: true }
            }
            Err(e) => {
                self.unreadable(e);
                Then::Reopen { retry: true }
            }
        }
    }

    fn refuse(&mut self, missing: &str) -> Then {
        let message = format!(
            "{} has no printer column {missing:?} (its CRD is older than this recon)",
            self.what
        );
        tracing::debug!("{message}; watching the objects whole instead");
        let status = kube::core::Status::failure(&message, "NotAcceptable").with_code(406);
        self.queued.clear();
        self.queued
            .push_back(Err(watcher::Error::WatchStartFailed(kube::Error::Api(
                status.boxed(),
            ))));
        Then::Stop
    }
}

fn ends_initial_events(row: &Row) -> bool {
    row.object
        .as_ref()
        .and_then(|o| o.pointer("/metadata/annotations/k8s.io~1initial-events-end"))
        .and_then(Value::as_str)
        == Some("true")
}

/// Go sends an empty list as `null`.
fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Deserialize)]
struct WatchLine {
    #[serde(rename = "type")]
    kind: String,
    object: Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Table {
    #[serde(default)]
    metadata: TableMeta,
    #[serde(default, deserialize_with = "null_as_empty")]
    column_definitions: Vec<ColumnDefinition>,
    #[serde(default, deserialize_with = "null_as_empty")]
    rows: Vec<Row>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct TableMeta {
    resource_version: Option<String>,
}

#[derive(Deserialize)]
struct ColumnDefinition {
    name: String,
}

#[derive(Deserialize)]
struct Row {
    #[serde(default, deserialize_with = "null_as_empty")]
    cells: Vec<Value>,
    #[serde(default)]
    object: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(kind: &str, table: Value) -> String {
        json!({"type": kind, "object": table}).to_string()
    }

    fn table(rv: &str, columns: &[&str], rows: Value) -> Value {
        let defs: Vec<Value> = columns
            .iter()
            .map(|c| json!({"name": c, "type": "string"}))
            .collect();
        json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": rv}, "columnDefinitions": defs, "rows": rows})
    }

    fn end_bookmark(rv: &str) -> String {
        // As the API server sends it: a later event, so no column names (null).
        line(
            "BOOKMARK",
            json!({"kind": "Table", "metadata": {"resourceVersion": rv},
            "columnDefinitions": null, "rows": [{"cells": [""], "object": {"kind": "PartialObjectMetadata",
            "metadata": {"resourceVersion": rv, "annotations": {"k8s.io/initial-events-end": "true"}}}}]}),
        )
    }

    fn seen(d: &mut Decoder) -> Vec<String> {
        d.queued
            .drain(..)
            .map(|item| match item {
                Ok(Event::Init) => "init".into(),
                Ok(Event::InitApply(r)) => {
                    format!("list {} {}", r.name(), r.text("Sync").unwrap_or_default())
                }
                Ok(Event::InitDone) => "done".into(),
                Ok(Event::Apply(r)) => {
                    format!("apply {} {}", r.name(), r.text("Sync").unwrap_or_default())
                }
                Ok(Event::Delete(r)) => format!("delete {}", r.name()),
                Err(e) => format!("error {e}"),
            })
            .collect()
    }

    #[test]
    fn a_streamed_list_then_changes_become_watch_events_by_column_name() {
        let mut d = Decoder::new("apps".into(), vec!["Sync"]);
        d.opened();
        let first = table(
            "5",
            &["Name", "Sync"],
            json!([{"cells": ["web", "Synced"]}]),
        );
        assert_eq!(d.on_line(&line("ADDED", first)), Then::Read);
        let later = json!({"kind": "Table", "metadata": {"resourceVersion": "6"}, "rows": [{"cells": ["api", null]}]});
        d.on_line(&line("ADDED", later));
        assert_eq!(
            d.version, None,
            "a list cut short must be listed again, not resumed"
        );
        d.on_line(&end_bookmark("7"));
        assert_eq!(d.version.as_deref(), Some("7"));
        let change = json!({"kind": "Table", "metadata": {"resourceVersion": "8"}, "rows": [{"cells": ["web", "OutOfSync"]}]});
        d.on_line(&line("MODIFIED", change));
        let gone = json!({"kind": "Table", "metadata": {"resourceVersion": "9"}, "rows": [{"cells": ["api", null]}]});
        d.on_line(&line("DELETED", gone));
        assert_eq!(
            seen(&mut d),
            [
                "init",
                "list web Synced",
                "list api ",
                "done",
                "apply web OutOfSync",
                "delete api"
            ]
        );
        assert_eq!(d.version.as_deref(), Some("9"));
        d.opened();
        assert!(
            seen(&mut d).is_empty(),
            "a resumed watch does not list again"
        );
    }

    #[test]
    fn a_table_without_a_needed_column_is_refused_as_not_acceptable() {
        let mut d = Decoder::new("apps".into(), vec!["Sync", "Repo"]);
        d.opened();
        let old_crd = table(
            "5",
            &["Name", "Sync"],
            json!([{"cells": ["web", "Synced"]}]),
        );
        assert_eq!(d.on_line(&line("ADDED", old_crd)), Then::Stop);
        let items: Vec<Item> = d.queued.drain(..).collect();
        assert_eq!(items.len(), 1, "only the refusal, not the rows");
        assert!(matches!(&items[0],
            Err(watcher::Error::WatchStartFailed(kube::Error::Api(s))) if s.code == 406 && s.message.contains("\"Repo\"")));
    }

    #[test]
    fn gone_lists_again_and_other_errors_are_said_and_retried() {
        let mut d = Decoder::new("apps".into(), vec![]);
        d.version = Some("5".into());
        let gone = json!({"kind": "Status", "status": "Failure", "code": 410, "reason": "Expired", "message": "too old"});
        assert_eq!(
            d.on_line(&line("ERROR", gone)),
            Then::Reopen { retry: false }
        );
        assert_eq!(d.version, None);
        assert!(d.queued.is_empty());
        let other = json!({"kind": "Status", "status": "Failure", "code": 500, "reason": "InternalError", "message": "boom"});
        assert_eq!(
            d.on_line(&line("ERROR", other)),
            Then::Reopen { retry: true }
        );
        assert!(seen(&mut d)[0].contains("boom"));
        assert_eq!(d.on_line("not json"), Then::Read);
        assert!(seen(&mut d)[0].starts_with("error"));
    }
}
