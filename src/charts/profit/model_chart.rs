//! What every profit chart shares: the tooltip text, the plot (a transform's result, independent of the size),
//! the scene (the plot laid out in CSS pixels) and hit testing.

use super::model_bars::{layout_bars, Bars, BarsGeom};
use super::model_cumulative::{layout_cumulative, Cumulative, CumulativeGeom};
use super::model_donut::{layout_donut, Donut, DonutGeom};
use super::model_theme::ProfitTheme;
use crate::charts::model::units::Rect;

/// A tooltip: a title and label/value rows. Plain text only (the view renders text nodes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tooltip {
    pub title: String,
    pub rows: Vec<(String, String)>,
}

impl Tooltip {
    pub fn new(title: impl Into<String>) -> Self {
        Tooltip {
            title: title.into(),
            rows: Vec::new(),
        }
    }

    pub fn row(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.rows.push((label.into(), value.into()));
        self
    }

    /// One line per row, for tests and the accessible mirror.
    pub fn text(&self) -> String {
        let mut out = self.title.clone();
        for (label, value) in &self.rows {
            out.push('\n');
            out.push_str(label);
            out.push_str(": ");
            out.push_str(value);
        }
        out
    }
}

/// What the pointer is over: the item (an index into the plot's tooltips) and where to anchor the tooltip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hover {
    pub index: usize,
    pub x: f64,
    pub y: f64,
}

/// A chart's data after its transform, ready to be laid out at any size.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfitPlot {
    Cumulative(Cumulative),
    Bars(Bars),
    Donut(Donut),
}

impl ProfitPlot {
    /// Nothing to draw (the card shows its empty state instead).
    pub fn is_empty(&self) -> bool {
        self.items() == 0
    }

    /// Number of drawn items (points, bars, slices).
    pub fn items(&self) -> usize {
        match self {
            ProfitPlot::Cumulative(c) => c.points.len(),
            ProfitPlot::Bars(b) => b.items.len(),
            ProfitPlot::Donut(d) => d.slices.len(),
        }
    }

    pub fn tooltip(&self, index: usize) -> Option<&Tooltip> {
        match self {
            ProfitPlot::Cumulative(c) => c.tooltip(index),
            ProfitPlot::Bars(b) => b.items.get(index).map(|i| &i.tooltip),
            ProfitPlot::Donut(d) => d.slices.get(index).map(|s| &s.tooltip),
        }
    }

    /// The plot laid out for a `w`×`h` CSS-pixel canvas.
    pub fn layout(&self, w: f64, h: f64, theme: &ProfitTheme) -> ProfitScene {
        match self {
            ProfitPlot::Cumulative(c) => ProfitScene::Cumulative(layout_cumulative(c, w, h, theme)),
            ProfitPlot::Bars(b) => ProfitScene::Bars(layout_bars(b, w, h, theme)),
            ProfitPlot::Donut(d) => ProfitScene::Donut(layout_donut(d, w, h, theme)),
        }
    }
}

/// A laid-out chart: everything the renderer draws, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfitScene {
    Cumulative(CumulativeGeom),
    Bars(BarsGeom),
    Donut(DonutGeom),
}

impl ProfitScene {
    /// The area holding the data (the plot of cartesian charts, the ring's box for the donut).
    pub fn plot(&self) -> Rect {
        match self {
            ProfitScene::Cumulative(g) => g.frame.plot,
            ProfitScene::Bars(g) => g.frame.plot,
            ProfitScene::Donut(g) => g.ring_box(),
        }
    }

    /// The item under `(x, y)`, if any.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hover> {
        if !x.is_finite() || !y.is_finite() {
            return None;
        }
        match self {
            ProfitScene::Cumulative(g) => g.hit(x, y),
            ProfitScene::Bars(g) => g.hit(x, y),
            ProfitScene::Donut(g) => g.hit(x, y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltip_text() {
        let t = Tooltip::new("2026-11-21").row("Profit", "-0.0998 USDT".to_string());
        assert_eq!(t.text(), "2026-11-21\nProfit: -0.0998 USDT");
    }
}
