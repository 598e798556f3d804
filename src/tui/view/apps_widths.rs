//! How wide each column of the apps table must be, measured once per
//! change of the rows rather than per frame.

use super::apps_cells::{ALL, Column, cell, cell_width};
use crate::tui::model::AppRow;
use crate::tui::state::State;
use crate::tui::theme::Theme;

thread_local! {
    /// The widest cell of each column for one `rows_version`.
    static MEASURED: std::cell::RefCell<Option<(u64, Vec<usize>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The widest cell of each column (in `ALL`'s order). Measured over every
/// app once per `rows_version` (so typing a filter neither re-measures nor
/// moves the columns), except the columns that change with the clock, over
/// `rows` (pause marks: few rows have any; LAST SYNC: as wide as its label).
pub fn measured_widths(rows: &[(usize, &AppRow)], state: &State, theme: &Theme) -> Vec<usize> {
    let widest = |column: Column, rows: &mut dyn Iterator<Item = &(usize, &AppRow)>| {
        // Highlighting changes no width: measured without it.
        rows.map(|&(_, row)| cell_width(&cell(column, row, None, state, theme)))
            .max()
            .unwrap_or(0)
    };
    let version = state.rows_version.0;
    let cached = MEASURED.with_borrow(|m| {
        m.as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, w)| w.clone())
    });
    let mut widths = cached.unwrap_or_else(|| {
        let all: Vec<(usize, &AppRow)> = state.apps.iter().enumerate().collect();
        let widths: Vec<usize> = ALL
            .iter()
            .map(|&column| match column {
                Column::Marks | Column::LastSync => 0,
                column => widest(column, &mut all.iter()),
            })
            .collect();
        MEASURED.set(Some((version, widths.clone())));
        widths
    });
    for (column, w) in ALL.iter().zip(widths.iter_mut()) {
        *w = match column {
            Column::Marks => widest(
                Column::Marks,
                &mut rows.iter().filter(|(_, r)| {
                    r.paused.is_some() || r.pinned.is_some() || r.operation.is_some()
                }),
            ),
            Column::LastSync => Column::LastSync.cap(),
            _ => *w,
        };
    }
    widths
}
