//! Pane geometry: the price pane, the volume pane under it, one pane per subplot, the time axis at the bottom
//! and the price axis gutter on the chosen side.

use super::units::Rect;

/// Width of the price-axis gutter.
pub const AXIS_GUTTER: f64 = 72.0;
/// Height of the time axis.
pub const TIME_AXIS: f64 = 22.0;
/// Space between panes.
pub const PANE_GAP: f64 = 6.0;

/// Which pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneKey {
    Price,
    Volume,
    Sub(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaneRect {
    pub key: PaneKey,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The whole canvas.
    pub size: Rect,
    /// The horizontal extent every pane shares (x and w), from the top of the first pane to the bottom of the
    /// last.
    pub plot: Rect,
    pub panes: Vec<PaneRect>,
    /// Where the time labels go.
    pub time_axis: Rect,
    pub axis_left: bool,
}

impl Layout {
    /// Lays out a `width`×`height` chart with `subplots` subplot panes.
    pub fn new(
        width: f64,
        height: f64,
        subplots: usize,
        show_volume: bool,
        axis_left: bool,
    ) -> Self {
        let size = Rect::new(0.0, 0.0, width, height);
        let gutter = AXIS_GUTTER.min(size.w / 3.0);
        let plot_x = if axis_left { gutter } else { 0.0 };
        let plot_w = (size.w - gutter).max(1.0);
        let avail = (size.h - TIME_AXIS).max(1.0);
        // Shares of the height: volume 12 %, each subplot 18 %, the price pane at least 40 %.
        let vol_share = if show_volume { 0.12 } else { 0.0 };
        let mut sub_share = 0.18;
        if 0.4 + vol_share + sub_share * subplots as f64 > 1.0 && subplots > 0 {
            sub_share = (0.6 - vol_share) / subplots as f64;
        }
        let gaps = PANE_GAP * (subplots + usize::from(show_volume)) as f64;
        let usable = (avail - gaps).max(1.0);
        let vol_h = usable * vol_share;
        let sub_h = usable * sub_share;
        let price_h = (usable - vol_h - sub_h * subplots as f64).max(1.0);
        let mut panes = Vec::with_capacity(subplots + 2);
        let mut y = 0.0;
        panes.push(PaneRect {
            key: PaneKey::Price,
            rect: Rect::new(plot_x, y, plot_w, price_h),
        });
        y += price_h + PANE_GAP;
        if show_volume {
            panes.push(PaneRect {
                key: PaneKey::Volume,
                rect: Rect::new(plot_x, y, plot_w, vol_h),
            });
            y += vol_h + PANE_GAP;
        }
        for k in 0..subplots {
            panes.push(PaneRect {
                key: PaneKey::Sub(k),
                rect: Rect::new(plot_x, y, plot_w, sub_h),
            });
            y += sub_h + PANE_GAP;
        }
        let bottom = (y - PANE_GAP).max(0.0);
        Layout {
            size,
            plot: Rect::new(plot_x, 0.0, plot_w, bottom),
            panes,
            time_axis: Rect::new(plot_x, bottom, plot_w, TIME_AXIS),
            axis_left,
        }
    }

    pub fn pane(&self, key: PaneKey) -> Option<Rect> {
        self.panes.iter().find(|p| p.key == key).map(|p| p.rect)
    }

    /// The pane under a point.
    pub fn pane_at(&self, x: f64, y: f64) -> Option<PaneKey> {
        self.panes
            .iter()
            .find(|p| p.rect.contains(x, y))
            .map(|p| p.key)
    }

    /// x of the price labels (left or right of the plot).
    pub fn label_x(&self) -> f64 {
        if self.axis_left {
            self.plot.x - 6.0
        } else {
            self.plot.right() + 6.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_stack_without_overlap_and_fit() {
        let l = Layout::new(1400.0, 800.0, 2, true, false);
        assert_eq!(l.panes.len(), 4);
        let mut bottom = 0.0;
        for p in &l.panes {
            assert!(p.rect.y >= bottom - 1e-9);
            bottom = p.rect.bottom();
        }
        assert!(bottom + TIME_AXIS <= 800.0 + 1e-9);
        assert_eq!(l.plot.x, 0.0);
        assert_eq!(l.plot.w, 1400.0 - AXIS_GUTTER);
        let price = l.pane(PaneKey::Price).unwrap_or_default();
        assert!(price.h > 0.4 * 800.0);
        assert_eq!(l.pane_at(10.0, 10.0), Some(PaneKey::Price));
        assert_eq!(l.pane_at(1390.0, 10.0), None);
        assert!(l.label_x() > l.plot.right());
    }

    #[test]
    fn many_subplots_and_tiny_sizes_stay_sane() {
        let l = Layout::new(300.0, 200.0, 12, true, true);
        assert!(l.panes.iter().all(|p| p.rect.h >= 0.0 && p.rect.w >= 1.0));
        assert!(l.plot.x > 0.0 && l.label_x() < l.plot.x);
        let l = Layout::new(0.0, 0.0, 0, false, false);
        assert_eq!(l.panes.len(), 1);
        let l = Layout::new(f64::NAN, f64::INFINITY, 1, true, false);
        assert!(l.panes.iter().all(|p| p.rect.h.is_finite()));
    }
}
