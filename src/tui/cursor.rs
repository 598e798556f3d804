//! Selection and scrolling arithmetic shared by every list and text pane.

/// A selected row plus the first row shown. The view derives the offset it
/// draws with from `visible_offset`, so a stale offset can never hide the
/// selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Move by `delta` rows, clamped to the list, keeping the row in view.
    pub fn move_by(&mut self, delta: isize, len: usize, viewport: usize) {
        let last = len.saturating_sub(1);
        let target = self.selected.saturating_add_signed(delta).min(last);
        self.select(target, len, viewport);
    }

    pub fn select(&mut self, index: usize, len: usize, viewport: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.offset = self.visible_offset(viewport, len);
    }

    /// Re-clamp after the list changed length.
    pub fn clamp(&mut self, len: usize, viewport: usize) {
        self.select(self.selected, len, viewport);
    }

    /// The first row to draw so that `selected` is inside `viewport` rows
    /// and no rows are wasted below the end of the list.
    pub fn visible_offset(&self, viewport: usize, len: usize) -> usize {
        let viewport = viewport.max(1);
        let offset = if self.selected < self.offset {
            self.selected
        } else if self.selected >= self.offset + viewport {
            self.selected + 1 - viewport
        } else {
            self.offset
        };
        offset.min(len.saturating_sub(viewport))
    }
}

/// Scroll position of a text pane: the first line shown.
pub fn scroll_by(offset: usize, delta: isize, len: usize, viewport: usize) -> usize {
    let max = len.saturating_sub(viewport.max(1));
    offset.saturating_add_signed(delta).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_keeps_selection_in_view() {
        let mut cursor = Cursor::default();
        cursor.move_by(7, 20, 5);
        assert_eq!(
            cursor,
            Cursor {
                selected: 7,
                offset: 3
            }
        );
        cursor.move_by(-6, 20, 5);
        assert_eq!(
            cursor,
            Cursor {
                selected: 1,
                offset: 1
            }
        );
        cursor.move_by(100, 20, 5);
        assert_eq!(
            cursor,
            Cursor {
                selected: 19,
                offset: 15
            }
        );
        cursor.clamp(3, 5);
        assert_eq!(
            cursor,
            Cursor {
                selected: 2,
                offset: 0
            }
        );
    }

    #[test]
    fn scrolling_stops_at_the_last_page() {
        assert_eq!(scroll_by(0, 10, 12, 5), 7);
        assert_eq!(scroll_by(7, -10, 12, 5), 0);
        assert_eq!(scroll_by(0, 3, 2, 5), 0);
    }
}
