//! Hover: which candle and pane are under the pointer, and the tooltip listing OHLC, volume and every indicator
//! at that candle, in sections per pane.

use super::chart::{ChartModel, KEY_SIGNALS, KEY_TRADES};
use super::color::Rgba;
use super::layout::PaneKey;
use super::marks::{signal_text, SignalKind};
use super::plot::PaneId;
use super::scene::Scene;
use super::ticks::full_time;
use super::units::CssPx;
use crate::util::format;

/// What is under the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The candle (always an existing one).
    pub index: usize,
    /// Its x on screen (the crosshair snaps to it).
    pub x: f64,
    pub pane: Option<PaneKey>,
    /// The value at the pointer's height in that pane.
    pub value: Option<f64>,
}

/// The candle under `(x, y)`: the nearest one to x, provided x is inside the plot and there is data.
pub fn hit_test(scene: &Scene, len: usize, x: f64, y: f64) -> Option<Hit> {
    let plot = scene.layout.plot;
    if len == 0 || !x.is_finite() || !y.is_finite() || x < plot.x || x > plot.right() {
        return None;
    }
    if y < 0.0 || y > scene.layout.time_axis.bottom() {
        return None;
    }
    let l = scene.time.logical(CssPx(x - plot.x)).0.round();
    let index = l.clamp(0.0, (len - 1) as f64) as usize;
    let pane = scene.layout.pane_at(x, y);
    let value = pane
        .and_then(|k| scene.pane(k))
        .map(|p| p.scale.value(y))
        .filter(|v| v.is_finite());
    Some(Hit {
        index,
        x: scene.x_of(index),
        pane,
        value,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct TooltipRow {
    pub label: String,
    pub value: String,
    pub color: Option<Rgba>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TooltipSection {
    /// Empty for the volume section (as FreqUI).
    pub title: String,
    pub rows: Vec<TooltipRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tooltip {
    pub title: String,
    pub sections: Vec<TooltipSection>,
}

impl Tooltip {
    /// The tooltip as plain text lines (for the accessible mirror and tests).
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![self.title.clone()];
        for s in &self.sections {
            if !s.title.is_empty() {
                out.push(s.title.clone());
            }
            for r in &s.rows {
                out.push(format!("{} {}", r.label, r.value));
            }
        }
        out
    }
}

fn row(label: &str, value: String, color: Option<Rgba>) -> TooltipRow {
    TooltipRow {
        label: label.to_string(),
        value,
        color,
    }
}

impl ChartModel {
    /// The tooltip of candle `i`; `None` past the data.
    pub fn tooltip(&self, i: usize) -> Option<Tooltip> {
        let f = &self.frame;
        let t = f.time(i)?;
        let ohlc = self.ohlc();
        let num = |v: Option<f64>| v.map(format::price).unwrap_or_else(|| "–".into());
        let mut sections = Vec::new();
        let title = if self.options.heikin_ashi {
            "Heikin-Ashi"
        } else {
            "Candles"
        };
        sections.push(TooltipSection {
            title: title.to_string(),
            rows: vec![
                row("Open", num(ohlc.open.get(i)), None),
                row("High", num(ohlc.high.get(i)), None),
                row("Low", num(ohlc.low.get(i)), None),
                row("Close", num(ohlc.close.get(i)), None),
            ],
        });
        let rows_of = |pane: PaneId| -> Vec<TooltipRow> {
            self.indicators
                .iter()
                .filter(|ind| ind.pane == pane)
                .map(|ind| {
                    let v = f.column(&ind.name).and_then(|c| c.get(i));
                    row(&ind.name, num(v), Some(ind.color))
                })
                .collect()
        };
        let main = rows_of(PaneId::Main);
        if !main.is_empty() {
            sections.push(TooltipSection {
                title: "Indicators".into(),
                rows: main,
            });
        }
        if !f.volume.is_empty() {
            sections.push(TooltipSection {
                title: String::new(),
                rows: vec![row(
                    "Volume",
                    f.volume
                        .get(i)
                        .map(format::compact)
                        .unwrap_or_else(|| "–".into()),
                    None,
                )],
            });
        }
        for (k, p) in self.spec.subplots.iter().enumerate() {
            let rows = rows_of(PaneId::Sub(k));
            if !rows.is_empty() {
                sections.push(TooltipSection {
                    title: p.name.clone(),
                    rows,
                });
            }
        }
        let mut events = Vec::new();
        if !self.is_hidden(KEY_SIGNALS) {
            let s = &f.signals;
            for (col, kind) in [
                (&s.enter_long, SignalKind::EnterLong),
                (&s.exit_long, SignalKind::ExitLong),
                (&s.enter_short, SignalKind::EnterShort),
                (&s.exit_short, SignalKind::ExitShort),
            ] {
                if col.get(i).is_some() {
                    events.push(row(
                        "Signal",
                        signal_text(f, kind, i, self.spec.show_tags),
                        None,
                    ));
                }
            }
        }
        if !self.is_hidden(KEY_TRADES) {
            for m in self.trade_marks.iter().filter(|m| m.index == i) {
                for d in &m.details {
                    events.push(row("Trade", d.clone(), None));
                }
            }
        }
        if !events.is_empty() {
            sections.push(TooltipSection {
                title: "Events".into(),
                rows: events,
            });
        }
        Some(Tooltip {
            title: full_time(t, self.options.offset_minutes),
            sections,
        })
    }
}
