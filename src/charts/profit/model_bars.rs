//! A bar chart on a category axis, shared by the period chart, the profit distribution and the trades log:
//! one bar per item from zero to its value, coloured profit or loss, with an optional secondary series
//! (dots on a right-hand count axis) and band hit testing.

use super::model_axis::{frame, nice_range, Frame, Tick, Unit, CHAR_PX};
use super::model_chart::{Hover, Tooltip};
use super::model_theme::ProfitTheme;
use crate::charts::model::color::Rgba;

/// Bars narrower than this are not drawn: the layout keeps the last items that fit.
pub const MIN_BAND: f64 = 2.0;
/// Bars are never wider than this (a few trades should not look like a wall).
pub const MAX_BAR: f64 = 44.0;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarItem {
    /// Its label on the x axis.
    pub label: String,
    pub value: f64,
    /// Profit colour when true, loss colour otherwise.
    pub positive: bool,
    /// The secondary series' value (e.g. the trade count).
    pub secondary: Option<f64>,
    pub tooltip: Tooltip,
}

/// A bar chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub items: Vec<BarItem>,
    /// How the y axis is labelled.
    pub unit: Unit,
    /// Title of the secondary axis; `None` for no secondary series.
    pub secondary_title: Option<String>,
}

/// A bar in CSS pixels (`y0` above `y1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarGeom {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub color: Rgba,
}

/// The bar chart in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct BarsGeom {
    pub frame: Frame,
    /// The drawn items' bars (zero-height bars are skipped; `centers` has every shown item).
    pub bars: Vec<BarGeom>,
    /// Index of the first shown item (the layout shows the last items that fit).
    pub first: usize,
    /// Band centre and value pixel of each shown item, for hover anchors.
    pub anchors: Vec<(f64, f64)>,
    pub band: f64,
    /// Secondary series dots.
    pub secondary: Vec<(f64, f64)>,
    pub secondary_color: Rgba,
    /// "last 120 of 480" when not every item fits.
    pub note: Option<String>,
}

/// X labels at band centres, thinned so they do not overlap.
fn x_labels(items: &[BarItem], x0: f64, band: f64) -> Vec<Tick> {
    let widest = items
        .iter()
        .map(|i| i.label.chars().count())
        .max()
        .unwrap_or(0);
    let need = widest as f64 * CHAR_PX + 10.0;
    let every = if band > 0.0 && band.is_finite() {
        (need / band).ceil().max(1.0) as usize
    } else {
        return Vec::new();
    };
    // Keep the last label (the newest period / trade) and step back from it.
    let n = items.len();
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| (n - 1 - i).is_multiple_of(every))
        .map(|(i, item)| Tick {
            pos: x0 + band * (i as f64 + 0.5),
            label: item.label.clone(),
        })
        .collect()
}

/// Lays the bars out on a `w`×`h` canvas.
pub fn layout_bars(b: &Bars, w: f64, h: f64, theme: &ProfitTheme) -> BarsGeom {
    let secondary_domain = b.secondary_title.as_ref().map(|title| {
        let (lo, hi) = nice_range(b.items.iter().filter_map(|i| i.secondary), true);
        ((lo.max(0.0), hi.max(1.0)), title.as_str())
    });
    let values = b.items.iter().map(|i| i.value);
    let (mut frame, y, y2) = frame(w, h, nice_range(values, true), b.unit, secondary_domain);
    let plot = frame.plot;
    let fits = ((plot.w / MIN_BAND).floor() as usize).max(1);
    let first = b.items.len().saturating_sub(fits);
    let shown = b.items.get(first..).unwrap_or(&[]);
    let band = if shown.is_empty() {
        plot.w
    } else {
        plot.w / shown.len() as f64
    };
    let width = if band >= 4.0 {
        (band * 0.72).min(MAX_BAR)
    } else {
        band
    };
    let zero = y.px(0.0);
    let mut bars = Vec::with_capacity(shown.len());
    let mut anchors = Vec::with_capacity(shown.len());
    let mut secondary = Vec::new();
    for (i, item) in shown.iter().enumerate() {
        let cx = plot.x + band * (i as f64 + 0.5);
        let v = y.px(item.value);
        anchors.push((cx, v.min(zero)));
        if item.value != 0.0 {
            let (mut y0, mut y1) = (v.min(zero), v.max(zero));
            // A visible sliver for tiny values.
            if y1 - y0 < 1.0 {
                if item.value > 0.0 {
                    y0 = y1 - 1.0;
                } else {
                    y1 = y0 + 1.0;
                }
            }
            bars.push(BarGeom {
                x0: cx - width / 2.0,
                x1: cx + width / 2.0,
                y0,
                y1,
                color: if item.positive {
                    theme.profit
                } else {
                    theme.loss
                },
            });
        }
        if let (Some(s), Some(y2)) = (item.secondary, y2.as_ref()) {
            secondary.push((cx, y2.px(s)));
        }
    }
    frame.x_ticks = x_labels(shown, plot.x, band);
    let note = (first > 0).then(|| format!("last {} of {}", shown.len(), b.items.len()));
    BarsGeom {
        frame,
        bars,
        first,
        anchors,
        band,
        secondary,
        secondary_color: theme.secondary,
        note,
    }
}

impl BarsGeom {
    /// The item whose band is under the pointer (anywhere in the plot's height).
    pub fn hit(&self, x: f64, y: f64) -> Option<Hover> {
        let p = self.frame.plot;
        if self.anchors.is_empty()
            || !(p.x..=p.right()).contains(&x)
            || y < p.y - 4.0
            || y > p.bottom() + 4.0
        {
            return None;
        }
        let band = if self.band > 0.0 {
            self.band
        } else {
            return None;
        };
        let i = (((x - p.x) / band).floor() as usize).min(self.anchors.len() - 1);
        let &(ax, ay) = self.anchors.get(i)?;
        Some(Hover {
            index: self.first + i,
            x: ax,
            y: ay,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;

    fn item(label: &str, value: f64) -> BarItem {
        BarItem {
            label: label.into(),
            value,
            positive: value >= 0.0,
            secondary: Some(value.abs().round()),
            tooltip: Tooltip::new(label),
        }
    }

    fn bars(values: &[f64]) -> Bars {
        Bars {
            items: values
                .iter()
                .enumerate()
                .map(|(i, v)| item(&format!("d{i}"), *v))
                .collect(),
            unit: Unit::Amount,
            secondary_title: Some("Trades".into()),
        }
    }

    #[test]
    fn bars_go_from_zero_and_take_the_sign_colour() {
        let theme = ProfitTheme::new(true);
        let g = layout_bars(&bars(&[2.0, -1.0, 0.0, 3.0]), 400.0, 200.0, &theme);
        assert_eq!(g.bars.len(), 3, "the zero bar is not drawn");
        assert_eq!(g.anchors.len(), 4);
        let zero = g.frame.zero_y.unwrap_or_default();
        assert!((g.bars[0].y1 - zero).abs() < 1e-9 && g.bars[0].y0 < zero);
        assert!((g.bars[1].y0 - zero).abs() < 1e-9 && g.bars[1].y1 > zero);
        assert_eq!(g.bars[0].color, theme.profit);
        assert_eq!(g.bars[1].color, theme.loss);
        assert_eq!(g.secondary.len(), 4);
        assert!(!g.frame.y2_ticks.is_empty());
        assert!(g
            .bars
            .iter()
            .all(|b| b.x0 >= g.frame.plot.x && b.x1 <= g.frame.plot.right()));
    }

    #[test]
    fn hover_picks_the_band_under_the_pointer() {
        let g = layout_bars(
            &bars(&[1.0, 2.0, 3.0]),
            300.0,
            200.0,
            &ProfitTheme::new(true),
        );
        let p = g.frame.plot;
        assert_eq!(g.hit(p.x + 1.0, p.y + 5.0).map(|h| h.index), Some(0));
        assert_eq!(g.hit(p.right(), p.bottom()).map(|h| h.index), Some(2));
        assert_eq!(g.hit(p.x - 1.0, p.y + 5.0), None);
        assert_eq!(g.hit(p.x + 5.0, p.bottom() + 50.0), None);
    }

    #[test]
    fn too_many_bars_show_the_last_that_fit() {
        let values: Vec<f64> = (0..1000).map(|i| (i as f64).sin()).collect();
        let g = layout_bars(&bars(&values), 300.0, 200.0, &ProfitTheme::new(true));
        assert!(g.first > 0 && g.anchors.len() + g.first == 1000);
        assert!(g.band >= MIN_BAND);
        assert!(g.note.as_deref().is_some_and(|n| n.ends_with("of 1000")));
        let p = g.frame.plot;
        assert_eq!(g.hit(p.right() - 0.1, p.y).map(|h| h.index), Some(999));
        // Labels never overlap.
        assert!(g
            .frame
            .x_ticks
            .windows(2)
            .all(|w| w[1].pos - w[0].pos >= 2.0 * CHAR_PX));
    }

    #[test]
    fn tiny_and_empty_inputs() {
        let theme = ProfitTheme::new(false);
        let g = layout_bars(&bars(&[1e-12]), 300.0, 200.0, &theme);
        assert_eq!(g.bars.len(), 1);
        assert!(g.bars[0].y1 - g.bars[0].y0 >= 1.0 - 1e-9);
        let empty = layout_bars(&bars(&[]), 300.0, 200.0, &theme);
        assert!(empty.bars.is_empty() && empty.hit(100.0, 100.0).is_none());
        let zero = layout_bars(&bars(&[1.0, 2.0]), 0.0, 0.0, &theme);
        assert!(zero
            .bars
            .iter()
            .all(|b| b.x0.is_finite() && b.y0.is_finite()));
    }
}
