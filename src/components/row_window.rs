//! Which rows of a long list of fixed-height rows to put in the DOM: the visible ones plus a margin.
//!
//! A list of thousands of rows (a bot's 1,500-pair whitelist) costs thousands of elements to build, lay out and
//! keep reactive; the user sees a few dozen at a time. The list's scroller keeps its full height (padding above
//! the drawn rows stands for the rows scrolled past), so the scrollbar, scrolling and keyboard paging behave as
//! if every row were there.

use std::ops::Range;

/// Rows drawn beyond each edge of the viewport, so a quick scroll shows rows rather than a gap for a frame.
pub const OVERSCAN: usize = 10;

/// The rows to draw out of `total`, for a scroller at `scroll_top` px whose viewport is `viewport` px high.
/// Never out of `0..total`, whatever the numbers (a scroll position from before the list shrank, NaN, 0 px rows).
pub fn row_window(total: usize, scroll_top: f64, viewport: f64, row_px: f64) -> Range<usize> {
    if total == 0 {
        return 0..0;
    }
    let row_px = if row_px.is_finite() && row_px >= 1.0 {
        row_px
    } else {
        1.0
    };
    let rows_at = |px: f64| {
        if px.is_finite() && px > 0.0 {
            // Saturating float-to-int conversion: a huge value is clamped below.
            (px / row_px) as usize
        } else {
            0
        }
    };
    let first_visible = rows_at(scroll_top).min(total - 1);
    let visible = rows_at(viewport).saturating_add(1);
    let start = first_visible.saturating_sub(OVERSCAN);
    let end = first_visible
        .saturating_add(visible)
        .saturating_add(OVERSCAN)
        .min(total);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_of_a_long_list_draws_the_viewport_and_the_margin_below() {
        // 600 px of 30 px rows: 20 rows visible (+1 partly), then 10 more.
        assert_eq!(row_window(1_500, 0.0, 600.0, 30.0), 0..31);
    }

    #[test]
    fn a_scrolled_list_draws_a_margin_on_both_sides() {
        // Scrolled to row 500.
        assert_eq!(row_window(1_500, 15_000.0, 600.0, 30.0), 490..531);
    }

    #[test]
    fn the_end_is_clamped_and_a_stale_scroll_position_still_shows_the_last_rows() {
        assert_eq!(row_window(1_500, 44_990.0, 600.0, 30.0), 1_489..1_500);
        // The list shrank to 5 rows while the scroller still says row 1,000.
        assert_eq!(row_window(5, 30_000.0, 600.0, 30.0), 0..5);
    }

    #[test]
    fn short_and_empty_lists() {
        assert_eq!(row_window(4, 0.0, 600.0, 30.0), 0..4);
        assert_eq!(row_window(0, 100.0, 600.0, 30.0), 0..0);
    }

    #[test]
    fn nonsense_numbers_stay_in_bounds() {
        for (top, view, row) in [
            (f64::NAN, f64::NAN, f64::NAN),
            (-50.0, -1.0, 0.0),
            (f64::INFINITY, f64::INFINITY, 30.0),
            (1e300, 1e300, 1e-300),
        ] {
            let w = row_window(100, top, view, row);
            assert!(
                w.start <= w.end && w.end <= 100,
                "{top} {view} {row}: {w:?}"
            );
        }
        // A viewport of 0 px still draws the row at the scroll position.
        assert_eq!(row_window(100, 300.0, 0.0, 30.0), 0..21);
    }
}
