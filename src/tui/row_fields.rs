//! The fields of an app row that the `/` filter searches and the apps
//! table highlights, and where a filter matched them.

use super::model::AppRow;

/// The texts of a row the `/` filter searches, in this order; the table
/// highlights matches in each. The marks (`paused`, `pinned`) are searched
/// as words after them but drawn as symbols, so they are not highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Cluster,
    Tool,
    Namespace,
    Name,
    Sync,
    Health,
    Revision,
    Subject,
}

const FIELDS: [Field; 8] = [
    Field::Cluster,
    Field::Tool,
    Field::Namespace,
    Field::Name,
    Field::Sync,
    Field::Health,
    Field::Revision,
    Field::Subject,
];

pub fn field_text(row: &AppRow, field: Field) -> &str {
    match field {
        Field::Cluster => &row.id.cluster,
        Field::Tool => row.id.tool.label(),
        Field::Namespace => &row.id.namespace,
        Field::Name => &row.id.name,
        Field::Sync => &row.sync.text,
        Field::Health => &row.health.text,
        Field::Revision => &row.revision_short,
        Field::Subject => &row.revision_subject,
    }
}

pub fn searched(row: &AppRow) -> Vec<&str> {
    let mut texts: Vec<&str> = FIELDS.iter().map(|&f| field_text(row, f)).collect();
    if row.paused.is_some() {
        texts.push("paused");
    }
    if row.pinned.is_some() {
        texts.push("pinned");
    }
    // Where another tool deploys, and what it is doing, can be searched too.
    texts.extend(
        [&row.destination, &row.operation]
            .into_iter()
            .flatten()
            .map(String::as_str),
    );
    texts
}

/// Matched character positions of one shown row, per field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowHits(Vec<Vec<usize>>);

impl RowHits {
    /// From [`crate::tui::fuzzy::Match::positions`] over [`searched`].
    pub fn new(positions: Vec<Vec<usize>>) -> Self {
        RowHits(positions)
    }

    /// Positions (in characters) of matched characters in `field`.
    pub fn positions(&self, field: Field) -> &[usize] {
        let index = FIELDS.iter().position(|&f| f == field).unwrap_or(0);
        self.0.get(index).map_or(&[], Vec::as_slice)
    }
}
