//! Scales: the time scale maps a fractional bar index to x (after lightweight-charts: `bar_spacing` and a right
//! offset); the price scale maps a value to y. Both repair degenerate input instead of dividing by zero.

use super::units::{CssPx, Logical};
use crate::charts::kit::scale::LinearScale;

/// Narrowest bar spacing: 50,000 candles still fit into 1,000 px.
pub const MIN_BAR_SPACING: f64 = 0.01;
/// Widest bar spacing in CSS px.
pub const MAX_BAR_SPACING: f64 = 80.0;

/// The horizontal viewport: how wide a bar is and which logical index sits at the right edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale {
    /// Pixels per bar.
    bar_spacing: f64,
    /// The logical index at the right edge of the plot.
    right: f64,
    /// Plot width in CSS px.
    width: f64,
}

fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        fallback
    }
}

impl TimeScale {
    /// A scale; non-finite or out-of-range values are repaired.
    pub fn new(bar_spacing: f64, right: Logical, width: CssPx) -> Self {
        let scale = TimeScale {
            bar_spacing: finite_or(bar_spacing, 6.0).clamp(MIN_BAR_SPACING, MAX_BAR_SPACING),
            right: finite_or(right.0, 0.0),
            width: finite_or(width.0, 0.0).max(1.0),
        };
        debug_assert!(scale.bar_spacing > 0.0 && scale.width > 0.0);
        scale
    }

    /// The scale that shows the last `count` of `bars` candles, with `right_pad` empty bars after the last one.
    pub fn showing_last(bars: usize, count: usize, right_pad: f64, width: CssPx) -> Self {
        let count = count.clamp(1, bars.max(1)) as f64;
        let pad = finite_or(right_pad, 0.0).max(0.0);
        let last = bars.saturating_sub(1) as f64;
        TimeScale::new(
            finite_or(width.0, 1.0) / (count + pad),
            Logical(last + pad + 0.5),
            width,
        )
    }

    /// The scale that shows candles `from..=to` with `pad` bars of room on each side.
    pub fn showing(from: usize, to: usize, pad: f64, width: CssPx) -> Self {
        let (from, to) = (from.min(to), from.max(to));
        let pad = finite_or(pad, 0.0).max(0.0);
        let count = (to - from + 1) as f64 + 2.0 * pad;
        TimeScale::new(
            finite_or(width.0, 1.0) / count,
            Logical(to as f64 + pad + 0.5),
            width,
        )
    }

    pub fn bar_spacing(&self) -> f64 {
        self.bar_spacing
    }

    pub fn right(&self) -> Logical {
        Logical(self.right)
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    /// x (from the plot's left edge) of the centre of logical index `l`.
    #[inline]
    pub fn x(&self, l: Logical) -> f64 {
        self.width - (self.right - l.0) * self.bar_spacing
    }

    /// The logical index at `x`; the inverse of [`TimeScale::x`].
    #[inline]
    pub fn logical(&self, x: CssPx) -> Logical {
        Logical(self.right - (self.width - x.0) / self.bar_spacing)
    }

    /// The candles at least partly visible, clamped to `0..bars`; `None` when none is.
    pub fn visible(&self, bars: usize) -> Option<(usize, usize)> {
        if bars == 0 {
            return None;
        }
        let first = (self.logical(CssPx(0.0)).0 - 0.5).ceil();
        let last = (self.logical(CssPx(self.width)).0 + 0.5).floor();
        let max = (bars - 1) as f64;
        if last < 0.0 || first > max {
            return None;
        }
        Some((first.max(0.0) as usize, last.min(max) as usize))
    }

    /// Zooms by `factor` (> 1 widens bars) keeping the logical index under `anchor` in place.
    pub fn zoom(&self, anchor: CssPx, factor: f64) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let under = self.logical(anchor);
        let spacing = (self.bar_spacing * factor).clamp(MIN_BAR_SPACING, MAX_BAR_SPACING);
        let right = under.0 + (self.width - anchor.0) / spacing;
        TimeScale::new(spacing, Logical(right), CssPx(self.width))
    }

    /// Pans by `dx` pixels (positive moves the content right, showing older candles).
    pub fn pan(&self, dx: CssPx) -> Self {
        TimeScale::new(
            self.bar_spacing,
            Logical(self.right - dx.0 / self.bar_spacing),
            CssPx(self.width),
        )
    }

    /// Keeps at least a few bars of `bars` on screen: the right edge may not pass far beyond either end.
    pub fn clamped(&self, bars: usize) -> Self {
        let keep = 2.0_f64.min(bars as f64);
        let last = bars.saturating_sub(1) as f64;
        let visible = self.width / self.bar_spacing;
        let min_right = keep - 0.5;
        let max_right = last + visible - keep + 0.5;
        let right = if min_right <= max_right {
            self.right.clamp(min_right, max_right)
        } else {
            self.right
        };
        TimeScale::new(self.bar_spacing, Logical(right), CssPx(self.width))
    }

    /// Same view on a plot of another width (the right edge stays put).
    pub fn with_width(&self, width: CssPx) -> Self {
        TimeScale::new(self.bar_spacing, Logical(self.right), width)
    }
}

/// The vertical mapping of one pane: the kit's [`LinearScale`] over the pane's value range plus headroom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriceScale(LinearScale);

impl PriceScale {
    /// Maps `min..max` onto the pixel rows `bottom..top`, with headroom fractions above and below. A zero,
    /// inverted or non-finite range is widened around its value.
    pub fn new(min: f64, max: f64, top: f64, bottom: f64, head: f64, foot: f64) -> Self {
        let (mut lo, mut hi) = match (min.is_finite(), max.is_finite()) {
            (true, true) => (min.min(max), min.max(max)),
            (true, false) => (min, min),
            (false, true) => (max, max),
            (false, false) => (0.0, 1.0),
        };
        if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.01 };
            lo -= pad;
            hi += pad;
        }
        let span = hi - lo;
        let head = finite_or(head, 0.0).clamp(0.0, 0.45);
        let foot = finite_or(foot, 0.0).clamp(0.0, 0.45);
        let top = finite_or(top, 0.0);
        let bottom = finite_or(bottom, top + 1.0).max(top + 1.0);
        PriceScale(LinearScale::new(
            (lo - span * foot, hi + span * head),
            (bottom, top),
        ))
    }

    pub fn min(&self) -> f64 {
        self.0.domain().0
    }

    pub fn max(&self) -> f64 {
        self.0.domain().1
    }

    /// y of `v` (NaN for NaN: callers skip gaps).
    #[inline]
    pub fn y(&self, v: f64) -> f64 {
        self.0.px_raw(v)
    }

    /// The value at `y`; the inverse of [`PriceScale::y`].
    pub fn value(&self, y: f64) -> f64 {
        self.0.value(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn index_and_x_are_inverses() {
        let s = TimeScale::new(7.5, Logical(120.3), CssPx(1400.0));
        for x in [0.0, 1.0, 333.3, 1399.0, 1400.0] {
            assert!(close(s.x(s.logical(CssPx(x))), x));
        }
        for l in [-3.0, 0.0, 17.25, 120.0] {
            assert!(close(s.logical(CssPx(s.x(Logical(l)))).0, l));
        }
        assert!(close(s.x(Logical(120.3)), 1400.0));
    }

    #[test]
    fn zoom_keeps_the_bar_under_the_cursor() {
        let s = TimeScale::new(5.0, Logical(300.0), CssPx(1000.0));
        let anchor = CssPx(420.0);
        let before = s.logical(anchor);
        let z = s.zoom(anchor, 1.7);
        assert!(close(z.logical(anchor).0, before.0));
        assert!(close(z.bar_spacing(), 8.5));
        // Factors that make no sense leave the scale alone; spacing is clamped.
        assert_eq!(s.zoom(anchor, f64::NAN), s);
        assert_eq!(s.zoom(anchor, 0.0), s);
        assert_eq!(s.zoom(anchor, 1e9).bar_spacing(), MAX_BAR_SPACING);
        assert_eq!(s.zoom(anchor, 1e-9).bar_spacing(), MIN_BAR_SPACING);
    }

    #[test]
    fn pan_moves_by_pixels() {
        let s = TimeScale::new(10.0, Logical(100.0), CssPx(500.0));
        let p = s.pan(CssPx(50.0));
        assert!(close(p.right().0, 95.0));
        assert!(close(p.x(Logical(50.0)), s.x(Logical(50.0)) + 50.0));
    }

    #[test]
    fn visible_range_and_initial_view() {
        let s = TimeScale::showing_last(1000, 250, 3.0, CssPx(1400.0));
        let (a, b) = s.visible(1000).unwrap_or((0, 0));
        assert_eq!(b, 999);
        assert!((749..=751).contains(&a), "first visible {a}");
        // Fewer candles than asked: all shown.
        let s = TimeScale::showing_last(10, 250, 0.0, CssPx(100.0));
        assert_eq!(s.visible(10), Some((0, 9)));
        assert_eq!(s.visible(0), None);
        // Panned far away: nothing visible, until clamped.
        let away = s.pan(CssPx(-10_000.0));
        assert_eq!(away.visible(10), None);
        assert!(away.clamped(10).visible(10).is_some());
    }

    #[test]
    fn degenerate_input_is_repaired() {
        let s = TimeScale::new(f64::NAN, Logical(f64::INFINITY), CssPx(0.0));
        assert!(s.bar_spacing() > 0.0 && s.width() >= 1.0 && s.right().0.is_finite());
        let p = PriceScale::new(5.0, 5.0, 0.0, 100.0, 0.0, 0.0);
        assert!(p.max() > p.min());
        assert!(close(p.y(5.0), 50.0));
        let p = PriceScale::new(f64::NAN, f64::NAN, 10.0, 10.0, 0.0, 0.0);
        assert!(p.y(0.5).is_finite());
        let p = PriceScale::new(0.0, 0.0, 0.0, 100.0, 0.0, 0.0);
        assert!(close(p.y(0.0), 50.0));
    }

    #[test]
    fn price_mapping_with_headroom() {
        let p = PriceScale::new(100.0, 200.0, 0.0, 100.0, 0.0, 0.0);
        assert!(close(p.y(100.0), 100.0));
        assert!(close(p.y(200.0), 0.0));
        assert!(close(p.value(p.y(137.0)), 137.0));
        let p = PriceScale::new(100.0, 200.0, 0.0, 100.0, 0.02, 0.04);
        assert!(p.y(200.0) > 0.0 && p.y(100.0) < 100.0);
    }
}
