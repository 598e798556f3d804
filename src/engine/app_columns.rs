//! The Application CRD's printer columns beyond `kubectl get`'s default
//! ones: every field an apps-table row shows. The console watches recon's
//! Applications as Table rows of these columns (`as=Table`, no object), so
//! the API server encodes a few strings per app instead of the whole app
//! and its managed fields: under half the server's time at 2,500 apps.
//! `priority: 1` keeps them to `kubectl get -o wide` (the server still
//! evaluates them for kubectl's Table: +9 % to its time at 2,500 apps).

use serde_json::{Value, json};

/// One printer column: its name (what a Table row's cell is found by),
/// JSONPath and type.
pub struct Column {
    pub name: &'static str,
    pub json_path: &'static str,
    pub kind: ColumnType,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Flag,
}

const fn text(name: &'static str, json_path: &'static str) -> Column {
    Column {
        name,
        json_path,
        kind: ColumnType::Text,
    }
}

/// kubectl's default columns (declared on the type) the rows read too.
pub const SYNC: &str = "Sync";
pub const HEALTH: &str = "Health";
pub const REVISION: &str = "Revision";
pub const SUSPENDED: &str = "Suspended";

pub const NAMESPACE: &str = "Namespace";
pub const CREATED: &str = "Created";
pub const MESSAGE: &str = "Message";
pub const SUBJECT: &str = "Subject";
pub const TARGET: &str = "Target";
pub const REPO: &str = "Repo";
pub const PATH: &str = "Path";
pub const AUTO: &str = "Auto";
pub const UNTIL: &str = "Until";
pub const REASON: &str = "Reason";
pub const BY: &str = "By";
pub const PINNED: &str = "Pinned";
pub const LAST_SYNC: &str = "Last Sync";

/// The wide columns, in the order `kubectl get -o wide` shows them.
pub const ROW_COLUMNS: &[Column] = &[
    text(NAMESPACE, ".metadata.namespace"),
    text(MESSAGE, ".status.health.message"),
    text(SUBJECT, ".status.sync.subject"),
    text(TARGET, ".spec.source.targetRevision"),
    text(REPO, ".spec.source.repoURL"),
    text(PATH, ".spec.source.path"),
    Column {
        name: AUTO,
        json_path: ".spec.syncPolicy.automated",
        kind: ColumnType::Flag,
    },
    text(UNTIL, ".spec.suspendUntil"),
    text(REASON, ".spec.suspendReason"),
    text(BY, ".spec.suspendedBy"),
    text(PINNED, ".status.pinnedRevision"),
    text(LAST_SYNC, ".status.history[0].deployedAt"),
    // A string, not a `date`: a date cell comes back as an age ("5d").
    text(CREATED, ".metadata.creationTimestamp"),
];

/// Every column a row needs from a Table: the wide ones and the default
/// ones it reads. A server whose CRD lacks one (installed by an older
/// recon) is watched whole instead.
pub fn needed() -> impl Iterator<Item = &'static str> {
    [SYNC, HEALTH, REVISION, SUSPENDED]
        .into_iter()
        .chain(ROW_COLUMNS.iter().map(|c| c.name))
}

/// The CRD's `additionalPrinterColumns` with the wide ones added.
pub fn add_to(crd: &mut Value) {
    let Some(versions) = crd
        .pointer_mut("/spec/versions")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for version in versions {
        let columns = version.as_object_mut().map(|v| {
            v.entry("additionalPrinterColumns")
                .or_insert_with(|| json!([]))
        });
        if let Some(Value::Array(columns)) = columns {
            columns.extend(ROW_COLUMNS.iter().map(|c| {
                json!({
                    "name": c.name,
                    "type": match c.kind { ColumnType::Text => "string", ColumnType::Flag => "boolean" },
                    "jsonPath": c.json_path,
                    "priority": 1,
                })
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_crd_has_every_column_a_row_reads() {
        let crd = crate::engine::install::crd_manifest().expect("crd");
        let columns = crd
            .pointer("/spec/versions/0/additionalPrinterColumns")
            .and_then(Value::as_array)
            .expect("columns");
        let names: Vec<&str> = columns.iter().filter_map(|c| c["name"].as_str()).collect();
        for needed in needed() {
            assert!(names.contains(&needed), "{needed} missing from {names:?}");
        }
        let wide = columns.iter().filter(|c| c["priority"] == 1).count();
        assert_eq!(
            wide,
            ROW_COLUMNS.len(),
            "kubectl's default view keeps its columns"
        );
    }
}
