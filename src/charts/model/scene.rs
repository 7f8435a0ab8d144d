//! The scene: everything the renderers draw, in CSS pixels, built from a [`ChartModel`] and a viewport. Only
//! the visible candles are converted, and never more items than the plot has pixel columns.

use super::chart::{ChartModel, ResolvedIndicator, KEY_CANDLES, KEY_SIGNALS, KEY_TRADES};
use super::color::{color_or_auto, Rgba};
use super::conflate::{conflate_bars, conflate_line, Runs};
use super::fill::{fill_between, BandPoint};
use super::frame::Annotation;
use super::layout::{Layout, PaneKey};
use super::marks::{SignalKind, TradeMarkKind};
use super::plot::{PaneId, SeriesKind};
use super::scale::{PriceScale, TimeScale};
use super::theme::{ANNOTATION, LONG_TRADE, SHORT_TRADE, SIGNAL_ENTRY, SIGNAL_EXIT, STOPLOSS};
use super::ticks::{price_ticks, step_decimals, time_step, time_ticks};
use super::units::{Logical, Rect, TimestampMs};
use crate::util::format;

/// Trade marker labels are drawn from this bar spacing (px) up.
pub const LABEL_MIN_SPACING: f64 = 3.0;

/// A candle (or merged candles) in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandleGeom {
    pub x: f64,
    pub open: f64,
    pub close: f64,
    pub high: f64,
    pub low: f64,
    pub up: bool,
}

/// A volume bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VolumeGeom {
    pub x: f64,
    pub top: f64,
    pub bottom: f64,
    pub up: bool,
}

/// A polyline, split at gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct LineGeom {
    pub color: Rgba,
    pub width: f64,
    pub runs: Vec<Vec<(f64, f64)>>,
    pub dashed: bool,
}

/// Bars of an indicator of type bar: (x, y of the value, y of zero).
#[derive(Debug, Clone, PartialEq)]
pub struct BarsGeom {
    pub color: Rgba,
    pub width: f64,
    pub bars: Vec<(f64, f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PointsGeom {
    pub color: Rgba,
    pub radius: f64,
    pub points: Vec<(f64, f64)>,
}

/// Filled polygons (fill_to bands, annotation areas).
#[derive(Debug, Clone, PartialEq)]
pub struct FillGeom {
    pub color: Rgba,
    pub polygons: Vec<Vec<(f64, f64)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    TriangleUp,
    TriangleDown,
    Diamond,
    Circle,
    Square,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarkerGeom {
    pub x: f64,
    pub y: f64,
    pub shape: MarkerShape,
    pub size: f64,
    pub color: Rgba,
    pub label: Option<String>,
}

/// A horizontal line with a label (stoploss).
#[derive(Debug, Clone, PartialEq)]
pub struct HLineGeom {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub color: Rgba,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabelGeom {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// One pane with its scale and axis labels.
#[derive(Debug, Clone, PartialEq)]
pub struct PaneScene {
    pub key: PaneKey,
    pub rect: Rect,
    pub scale: PriceScale,
    pub title: String,
    /// (y, label) of the price ticks.
    pub ticks: Vec<(f64, String)>,
}

/// Everything drawn on the main canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub layout: Layout,
    pub time: TimeScale,
    /// Visible candle range.
    pub visible: Option<(usize, usize)>,
    pub panes: Vec<PaneScene>,
    /// (x, label) of the time ticks.
    pub time_ticks: Vec<(f64, String)>,
    pub candle_width: f64,
    pub candles: Vec<CandleGeom>,
    pub volume: Vec<VolumeGeom>,
    pub lines: Vec<LineGeom>,
    pub bars: Vec<BarsGeom>,
    pub points: Vec<PointsGeom>,
    pub fills: Vec<FillGeom>,
    pub areas: Vec<FillGeom>,
    pub markers: Vec<MarkerGeom>,
    pub hlines: Vec<HLineGeom>,
    /// Text of annotations.
    pub notes: Vec<LabelGeom>,
    /// How many of `markers` are trade markers (entries, adjustments, exits).
    pub trade_markers: usize,
    pub up: Rgba,
    pub down: Rgba,
}

impl Scene {
    pub fn pane(&self, key: PaneKey) -> Option<&PaneScene> {
        self.panes.iter().find(|p| p.key == key)
    }

    /// The x of candle `i`.
    pub fn x_of(&self, i: usize) -> f64 {
        self.layout.plot.x + self.time.x(Logical(i as f64))
    }

    /// Number of primitives, for the benchmark's report.
    pub fn primitive_count(&self) -> usize {
        self.candles.len() * 2
            + self.volume.len()
            + self.lines.iter().map(|l| l.runs.len()).sum::<usize>()
            + self.bars.iter().map(|b| b.bars.len()).sum::<usize>()
            + self.points.iter().map(|p| p.points.len()).sum::<usize>()
            + self.fills.iter().map(|f| f.polygons.len()).sum::<usize>()
            + self.markers.len()
    }
}

fn pane_key(p: PaneId) -> PaneKey {
    match p {
        PaneId::Main => PaneKey::Price,
        PaneId::Sub(k) => PaneKey::Sub(k),
    }
}

fn merge(acc: Option<(f64, f64)>, v: Option<(f64, f64)>) -> Option<(f64, f64)> {
    match (acc, v) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    }
}

/// The index of the candle at or before `t`, clamped to the data (annotations that start in a gap).
fn index_near(ts: &[i64], t: TimestampMs) -> Option<usize> {
    if ts.is_empty() {
        return None;
    }
    Some(ts.partition_point(|&o| o <= t.0).saturating_sub(1))
}

/// A polyline in pixels without points that land within half a pixel of the previous one (they draw
/// nothing): flat stretches of a zoomed-out line shrink to a few points.
pub fn pixel_path(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for p in points {
        match out.last() {
            Some(&(x, y)) if (p.0 - x).abs() < 0.5 && (p.1 - y).abs() < 0.5 => {}
            _ => out.push(p),
        }
    }
    out
}

/// An indicator's visible values in data space.
enum SeriesPoints {
    Line(Runs),
    Bars(Vec<(Logical, f64)>),
    Points(Vec<(Logical, f64)>),
}

struct SeriesData<'a> {
    ind: &'a ResolvedIndicator,
    points: SeriesPoints,
    band: Vec<Vec<BandPoint>>,
    range: Option<(f64, f64)>,
}

impl SeriesData<'_> {
    /// Maps the data to pixels of `scale` and adds it to the scene.
    fn into_geometry(self, scene: &mut Scene, scale: &PriceScale, x_of: &dyn Fn(Logical) -> f64) {
        let ind = self.ind;
        if !self.band.is_empty() {
            let polygons = self
                .band
                .into_iter()
                .map(|run| {
                    let fwd = run.iter().map(|p| (x_of(p.x), scale.y(p.a)));
                    let back = run.iter().rev().map(|p| (x_of(p.x), scale.y(p.b)));
                    fwd.chain(back).collect()
                })
                .collect();
            scene.fills.push(FillGeom {
                color: ind.color.with_alpha(0.15),
                polygons,
            });
        }
        match self.points {
            SeriesPoints::Line(runs) => {
                let runs = runs
                    .into_iter()
                    .map(|run| pixel_path(run.into_iter().map(|(l, v)| (x_of(l), scale.y(v)))))
                    .collect();
                scene.lines.push(LineGeom {
                    color: ind.color,
                    width: 1.0,
                    runs,
                    dashed: false,
                });
            }
            SeriesPoints::Bars(points) => {
                let zero = scale.y(0.0);
                scene.bars.push(BarsGeom {
                    color: ind.color,
                    width: scene.candle_width,
                    bars: points
                        .into_iter()
                        .map(|(l, v)| (x_of(l), scale.y(v), zero))
                        .collect(),
                });
            }
            SeriesPoints::Points(points) => {
                scene.points.push(PointsGeom {
                    color: ind.color,
                    radius: (ind.size / 2.0).clamp(1.0, 12.0),
                    points: points
                        .into_iter()
                        .map(|(l, v)| (x_of(l), scale.y(v)))
                        .collect(),
                });
            }
        }
    }
}

impl ChartModel {
    /// Builds the scene of a `width`×`height` chart showing `time` (its width is fitted to the plot).
    pub fn scene(&self, width: f64, height: f64, time: &TimeScale) -> Scene {
        let layout = Layout::new(
            width,
            height,
            self.spec.subplots.len(),
            self.shows_volume(),
            self.options.axis_left,
        );
        let time = time.with_width(super::units::CssPx(layout.plot.w));
        let n = self.frame.len();
        let visible = time.visible(n);
        let mut scene = Scene {
            time,
            visible,
            panes: Vec::new(),
            time_ticks: Vec::new(),
            candle_width: 1.0,
            candles: Vec::new(),
            volume: Vec::new(),
            lines: Vec::new(),
            bars: Vec::new(),
            points: Vec::new(),
            fills: Vec::new(),
            areas: Vec::new(),
            markers: Vec::new(),
            hlines: Vec::new(),
            notes: Vec::new(),
            trade_markers: 0,
            up: self.options.up,
            down: self.options.down,
            layout,
        };
        let (from, to) = visible.unwrap_or((1, 0));
        let plot_x = scene.layout.plot.x;
        let x_of = |l: Logical| plot_x + time.x(l);
        let bars = if visible.is_some() {
            self.ohlc_lod
                .conflate(&time, from, to)
                .unwrap_or_else(|| conflate_bars(self.ohlc(), &time, from, to))
        } else {
            Vec::new()
        };

        // Value ranges per pane.
        let show_candles = !self.is_hidden(KEY_CANDLES);
        let mut price_range = if show_candles {
            bars.iter()
                .fold(None, |acc, b| merge(acc, Some((b.low, b.high))))
        } else {
            None
        };
        let mut sub_ranges: Vec<Option<(f64, f64)>> = vec![None; self.spec.subplots.len()];
        // Indicators in data space first (one pass over the visible candles each); their extremes scale the
        // panes, so no separate min/max pass is needed.
        let series: Vec<SeriesData<'_>> = if visible.is_some() {
            self.visible_indicators()
                .filter_map(|ind| self.series_data(ind, &time, from, to))
                .collect()
        } else {
            Vec::new()
        };
        for sd in &series {
            match sd.ind.pane {
                PaneId::Main => price_range = merge(price_range, sd.range),
                PaneId::Sub(k) => {
                    if let Some(slot) = sub_ranges.get_mut(k) {
                        *slot = merge(*slot, sd.range);
                    }
                }
            }
        }
        if price_range.is_none() && visible.is_some() {
            price_range = self.frame.close.min_max(from, to);
        }
        // The trade markers shown scale the price pane too: one in the forming candle's slot has no candle
        // there yet, and its price may lie outside the closed candles' range (it then drew over the volume
        // pane).
        if visible.is_some() && !self.is_hidden(KEY_TRADES) {
            let last = self.marker_slot_end(to);
            for m in self
                .trade_marks
                .iter()
                .filter(|m| m.index >= from && m.index <= last && m.price.is_finite())
            {
                price_range = merge(price_range, Some((m.price, m.price)));
            }
        }

        // Pane scales and ticks.
        for pr in scene.layout.panes.clone() {
            let rect = pr.rect;
            let (range, head, foot, title) = match pr.key {
                PaneKey::Price => (price_range, 0.02, 0.04, String::new()),
                PaneKey::Volume => (
                    Some((
                        0.0,
                        bars.iter().filter_map(|b| b.volume).fold(0.0, f64::max),
                    )),
                    0.08,
                    0.0,
                    "Volume".to_string(),
                ),
                PaneKey::Sub(k) => (
                    sub_ranges.get(k).copied().flatten(),
                    0.06,
                    0.06,
                    self.spec
                        .subplots
                        .get(k)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                ),
            };
            let (lo, hi) = range.unwrap_or((0.0, 1.0));
            let scale = PriceScale::new(lo, hi, rect.y, rect.bottom(), head, foot);
            let target = ((rect.h / 28.0).floor() as usize).clamp(2, 12);
            let (values, step) = price_ticks(scale.min(), scale.max(), target);
            let decimals = step_decimals(step);
            let ticks = values
                .into_iter()
                .map(|v| {
                    let label = if pr.key == PaneKey::Volume {
                        format::compact(v)
                    } else {
                        format::fixed(v, decimals)
                    };
                    (scale.y(v), label)
                })
                .filter(|(y, _)| *y >= rect.y + 4.0 && *y <= rect.bottom() - 4.0)
                .collect();
            scene.panes.push(PaneScene {
                key: pr.key,
                rect,
                scale,
                title,
                ticks,
            });
        }

        // Time ticks.
        if visible.is_some() {
            let step = time_step(self.frame.timeframe_ms, time.bar_spacing(), 90.0);
            scene.time_ticks =
                time_ticks(&self.frame.ts, from, to, step, self.options.offset_minutes)
                    .into_iter()
                    .map(|t| (x_of(Logical(t.index as f64)), t.label))
                    .collect();
        }

        let price = scene.pane(PaneKey::Price).map(|p| p.scale);
        let volume = scene.pane(PaneKey::Volume).map(|p| p.scale);
        let spacing = time.bar_spacing();
        scene.candle_width = if spacing >= 1.0 {
            (spacing * 0.8).round().max(1.0)
        } else {
            1.0
        };

        // Candles and volume.
        if let Some(ps) = price.filter(|_| show_candles) {
            scene.candles = bars
                .iter()
                .map(|b| CandleGeom {
                    x: x_of(b.center),
                    open: ps.y(b.open),
                    close: ps.y(b.close),
                    high: ps.y(b.high),
                    low: ps.y(b.low),
                    up: b.close >= b.open,
                })
                .collect();
        }
        if let Some(vs) = volume {
            let zero = vs.y(0.0);
            scene.volume = bars
                .iter()
                .filter_map(|b| {
                    let v = b.volume?;
                    Some(VolumeGeom {
                        x: x_of(b.center),
                        top: vs.y(v),
                        bottom: zero,
                        up: b.close >= b.open,
                    })
                })
                .collect();
        }

        // Annotations under the series.
        if self.options.show_annotations {
            if let Some(ps) = price {
                self.annotations(&mut scene, &ps, &x_of);
            }
        }

        // Indicators.
        for sd in series {
            let Some(scale) = scene.pane(pane_key(sd.ind.pane)).map(|p| p.scale) else {
                continue;
            };
            sd.into_geometry(&mut scene, &scale, &x_of);
        }

        // Signals, trades and stoploss lines.
        if let (Some(ps), Some(_)) = (price, visible) {
            if !self.is_hidden(KEY_SIGNALS) {
                self.signals(&mut scene, &ps, from, to, &x_of);
            }
            if !self.is_hidden(KEY_TRADES) {
                self.trades(&mut scene, &ps, from, to, &x_of);
            }
        }
        scene
    }

    fn visible_indicators(&self) -> impl Iterator<Item = &ResolvedIndicator> {
        self.indicators.iter().filter(|i| !self.is_hidden(&i.name))
    }

    /// An indicator's visible values in data space: a line's conflated runs, a bar series' value per pixel
    /// column (the one farthest from zero), a scatter's first point per pixel column, and the fill_to band.
    fn series_data<'a>(
        &self,
        ind: &'a ResolvedIndicator,
        time: &TimeScale,
        from: usize,
        to: usize,
    ) -> Option<SeriesData<'a>> {
        let col = self.frame.column(&ind.name)?;
        let band = match ind.fill_to.as_deref().and_then(|f| self.frame.column(f)) {
            Some(other) => fill_between(col, other, time, from, to),
            None => Vec::new(),
        };
        let mut range = band.iter().flatten().fold(None, |acc, p| {
            merge(acc, Some((p.a.min(p.b), p.a.max(p.b))))
        });
        let merge_conflated = time.bar_spacing() < 1.0;
        let points = match ind.kind {
            SeriesKind::Line => {
                let runs = self
                    .column_lod
                    .get(&ind.name)
                    .and_then(|p| p.conflate_line(time, from, to))
                    .unwrap_or_else(|| conflate_line(col, time, from, to));
                range = runs
                    .iter()
                    .flatten()
                    .fold(range, |acc, p| merge(acc, Some((p.1, p.1))));
                SeriesPoints::Line(runs)
            }
            SeriesKind::Bar
                if self.column_lod.contains_key(&ind.name)
                    && super::lod::level_for(time.bar_spacing()) > 0 =>
            {
                // Far out: per pixel column, the extreme farthest from zero (from the pyramid).
                let runs = self
                    .column_lod
                    .get(&ind.name)
                    .and_then(|p| p.conflate_line(time, from, to))
                    .unwrap_or_default();
                let mut out: Vec<(Logical, f64)> = Vec::new();
                for (l, v) in runs.into_iter().flatten() {
                    match out.last_mut() {
                        Some(last) if last.0 == l => {
                            if v.abs() > last.1.abs() {
                                last.1 = v;
                            }
                        }
                        _ => out.push((l, v)),
                    }
                }
                range = out
                    .iter()
                    .fold(range, |acc, p| merge(acc, Some((p.1, p.1))));
                range = merge(range, Some((0.0, 0.0)));
                SeriesPoints::Bars(out)
            }
            SeriesKind::Bar | SeriesKind::Scatter => {
                let bar = ind.kind == SeriesKind::Bar;
                let mut out: Vec<(Logical, f64)> = Vec::new();
                let mut last_col: Option<i64> = None;
                let step = 1usize << super::lod::level_for(time.bar_spacing());
                for i in (from..=to.min(col.len().saturating_sub(1))).step_by(step) {
                    let Some(v) = col.get(i) else { continue };
                    let l = Logical(i as f64);
                    let px = time.x(l).floor() as i64;
                    if merge_conflated && last_col == Some(px) {
                        if let Some(slot) = out.last_mut() {
                            if bar && v.abs() > slot.1.abs() {
                                slot.1 = v;
                            }
                        }
                        continue;
                    }
                    last_col = Some(px);
                    out.push((l, v));
                }
                range = out
                    .iter()
                    .fold(range, |acc, p| merge(acc, Some((p.1, p.1))));
                if bar {
                    range = merge(range, Some((0.0, 0.0)));
                    SeriesPoints::Bars(out)
                } else {
                    SeriesPoints::Points(out)
                }
            }
        };
        Some(SeriesData {
            ind,
            points,
            band,
            range,
        })
    }

    fn signals(
        &self,
        scene: &mut Scene,
        ps: &PriceScale,
        from: usize,
        to: usize,
        x_of: &dyn Fn(Logical) -> f64,
    ) {
        let mut seen: std::collections::HashSet<(i64, SignalKind)> =
            std::collections::HashSet::new();
        // Precomputed once per model, sorted by candle: only the visible slice is walked.
        let start = self.signals.partition_point(|s| s.index < from);
        let end = self.signals.partition_point(|s| s.index <= to);
        for s in self.signals.get(start..end).unwrap_or(&[]) {
            let x = x_of(Logical(s.index as f64));
            if !seen.insert((x.floor() as i64, s.kind)) {
                continue;
            }
            let (shape, color, dy) = match s.kind {
                SignalKind::EnterLong => (MarkerShape::TriangleUp, SIGNAL_ENTRY, 0.0),
                SignalKind::ExitLong => (MarkerShape::Diamond, SIGNAL_EXIT, 0.0),
                SignalKind::EnterShort => (MarkerShape::TriangleDown, SIGNAL_ENTRY, 0.0),
                SignalKind::ExitShort => (MarkerShape::Circle, SIGNAL_EXIT, 0.0),
            };
            scene.markers.push(MarkerGeom {
                x,
                y: ps.y(s.price) + dy,
                shape,
                size: 5.0,
                color,
                label: None,
            });
        }
    }

    /// The last slot whose markers show when candles up to `to` are visible: markers in the forming candle's
    /// slots after the data show while the last candle is visible.
    fn marker_slot_end(&self, to: usize) -> usize {
        let n = self.frame.len();
        if to + 1 >= n {
            n + super::marks::FUTURE_SLOTS
        } else {
            to
        }
    }

    fn trades(
        &self,
        scene: &mut Scene,
        ps: &PriceScale,
        from: usize,
        to: usize,
        x_of: &dyn Fn(Logical) -> f64,
    ) {
        let time_spacing = scene.time.bar_spacing();
        let to_slot = self.marker_slot_end(to);
        for m in self
            .trade_marks
            .iter()
            .filter(|m| m.index >= from && m.index <= to_slot)
        {
            let color = if m.is_short { SHORT_TRADE } else { LONG_TRADE };
            let buy_side = matches!(
                (m.kind, m.is_short),
                (TradeMarkKind::Entry, false) | (TradeMarkKind::Exit, true)
            );
            let shape = match m.kind {
                TradeMarkKind::Adjust => MarkerShape::Square,
                _ if buy_side => MarkerShape::TriangleUp,
                _ => MarkerShape::TriangleDown,
            };
            scene.trade_markers += 1;
            scene.markers.push(MarkerGeom {
                x: x_of(Logical(m.index as f64)),
                y: ps.y(m.price),
                shape,
                size: 7.0,
                color: if m.open_order {
                    color.with_alpha(0.5)
                } else {
                    color
                },
                // Labels only where bars are wide enough for them not to pile up (level of detail).
                label: (time_spacing >= LABEL_MIN_SPACING).then(|| m.label.clone()),
            });
        }
        let right = scene.layout.plot.right();
        let rect = scene
            .pane(PaneKey::Price)
            .map(|p| p.rect)
            .unwrap_or_default();
        for s in &self.stops {
            let y = ps.y(s.price);
            // A stoploss far outside the visible prices is not drawn at the pane's edge.
            if s.from > to_slot || !y.is_finite() || y < rect.y || y > rect.bottom() {
                continue;
            }
            scene.hlines.push(HLineGeom {
                x0: x_of(Logical(s.from as f64)).max(scene.layout.plot.x),
                x1: right,
                y,
                color: STOPLOSS,
                label: s.label.clone(),
            });
        }
    }

    fn annotations(&self, scene: &mut Scene, ps: &PriceScale, x_of: &dyn Fn(Logical) -> f64) {
        let ts = &self.frame.ts;
        let rect = scene
            .pane(PaneKey::Price)
            .map(|p| p.rect)
            .unwrap_or_default();
        let color = |c: &Option<String>| color_or_auto(c.as_deref(), "annotation");
        let clamp_x = |x: f64| x.clamp(rect.x, rect.right());
        for a in &self.frame.annotations {
            match a {
                Annotation::Area {
                    start,
                    end,
                    y_start,
                    y_end,
                    color: c,
                    label,
                } => {
                    let (Some(i0), Some(i1)) = (index_near(ts, *start), index_near(ts, *end))
                    else {
                        continue;
                    };
                    let x0 = clamp_x(x_of(Logical(i0 as f64 - 0.5)));
                    let x1 = clamp_x(x_of(Logical(i1 as f64 + 0.5)));
                    if x1 <= x0 {
                        continue;
                    }
                    let y0 = y_start
                        .map(|v| ps.y(v))
                        .unwrap_or(rect.bottom())
                        .clamp(rect.y, rect.bottom());
                    let y1 = y_end
                        .map(|v| ps.y(v))
                        .unwrap_or(rect.y)
                        .clamp(rect.y, rect.bottom());
                    let fill = if c.is_some() {
                        color(c).with_alpha(0.2)
                    } else {
                        ANNOTATION.with_alpha(0.2)
                    };
                    scene.areas.push(FillGeom {
                        color: fill,
                        polygons: vec![vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)]],
                    });
                    if let Some(text) = label {
                        scene.notes.push(LabelGeom {
                            x: x0 + 2.0,
                            y: y0.min(y1) + 2.0,
                            text: text.clone(),
                        });
                    }
                }
                Annotation::Line {
                    start,
                    end,
                    y_start,
                    y_end,
                    color: c,
                    label,
                    width,
                } => {
                    let (Some(i0), Some(i1)) = (index_near(ts, *start), index_near(ts, *end))
                    else {
                        continue;
                    };
                    let p0 = (x_of(Logical(i0 as f64)), ps.y(*y_start));
                    let p1 = (x_of(Logical(i1 as f64)), ps.y(*y_end));
                    scene.lines.push(LineGeom {
                        color: if c.is_some() { color(c) } else { ANNOTATION },
                        width: width.clamp(0.5, 8.0),
                        runs: vec![vec![p0, p1]],
                        dashed: false,
                    });
                    if let Some(text) = label {
                        scene.notes.push(LabelGeom {
                            x: p0.0,
                            y: p0.1 - 12.0,
                            text: text.clone(),
                        });
                    }
                }
                Annotation::Point {
                    at,
                    y,
                    color: c,
                    label,
                    size,
                } => {
                    let Some(i) = index_near(ts, *at) else {
                        continue;
                    };
                    let x = x_of(Logical(i as f64));
                    scene.markers.push(MarkerGeom {
                        x,
                        y: ps.y(*y),
                        shape: MarkerShape::Circle,
                        size: size.clamp(2.0, 20.0),
                        color: if c.is_some() { color(c) } else { ANNOTATION },
                        label: label.clone(),
                    });
                }
            }
        }
    }
}
