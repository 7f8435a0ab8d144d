//! The chart engine: owns the canvases, the cached model and scene, the viewport, and the pending
//! invalidation. Inputs and pointer events only mark what is stale; [`Engine::run_frame`] (one per
//! `requestAnimationFrame`) does the work once: rebuild the model on `Full`, the scene and the main canvas on
//! `Light`, and only the overlay on `Cursor`.

use std::collections::HashSet;
use std::sync::Arc;

use web_sys::HtmlElement;

use super::canvas::{local_offset_minutes, Layers};
use super::interaction::{Invalidation, PointerInput, ViewContext, ViewState};
use super::model::chart::{ChartModel, ChartOptions};
use super::model::frame::CandleFrame;
use super::model::layout::{Layout, PaneKey};
use super::model::marks::TradeInput;
use super::model::measure::measure_on;
use super::model::plot::PlotSpec;
use super::model::scene::Scene;
use super::model::tooltip::{hit_test, Hit};
use super::model::units::TimestampMs;
use super::render::Candles;

/// Everything the chart shows, as last given by its props.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub frame: Option<Arc<CandleFrame>>,
    pub spec: PlotSpec,
    pub trades: Vec<TradeInput>,
    pub options: ChartOptions,
    /// Use the browser's zone for time labels (otherwise `options.offset_minutes`).
    pub local_time: bool,
    pub hidden: HashSet<String>,
    pub default_candles: usize,
}

/// What a frame produced, for the DOM (test hooks and the accessible tooltip text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameReport {
    pub bars: usize,
    pub drawn: usize,
    pub visible: Option<(usize, usize)>,
    /// Price pane: x, y, w, h.
    pub plot: Option<(f64, f64, f64, f64)>,
    /// Trade markers drawn.
    pub trade_markers: usize,
    pub hover_index: Option<usize>,
    /// The hovered candle's open time (Unix ms): what a grid of charts shares.
    pub hover_time: Option<i64>,
    /// The candle under another chart's crosshair (a grid's shared time), when this one is not hovered.
    pub linked_index: Option<usize>,
    pub linked_time: Option<i64>,
    pub hover_text: String,
    /// The measure tool's text while it is shown.
    pub measure_text: String,
    pub painted: bool,
    pub error: Option<String>,
}

pub struct Engine {
    layers: Option<Layers>,
    container: Option<HtmlElement>,
    inputs: Inputs,
    model: Option<ChartModel>,
    view: ViewState,
    scene: Option<Scene>,
    pending: Invalidation,
    report: FrameReport,
    pub candles: Candles,
    /// A time range to show once there are a frame and a plot (`show_time`).
    focus: Option<(i64, i64)>,
    /// Another chart's crosshair time (Unix ms).
    linked: Option<i64>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            layers: None,
            container: None,
            inputs: Inputs::default(),
            model: None,
            view: ViewState::default(),
            scene: None,
            pending: Invalidation::Full,
            report: FrameReport::default(),
            candles: Candles::Skip,
            focus: None,
            linked: None,
        }
    }
}

impl Engine {
    pub fn attach(&mut self, layers: Layers, container: HtmlElement) {
        self.layers = Some(layers);
        self.container = Some(container);
        self.invalidate(Invalidation::Full);
        self.apply_focus();
    }

    pub fn invalidate(&mut self, what: Invalidation) {
        self.pending = self.pending.merge(what);
    }

    pub fn pending(&self) -> Invalidation {
        self.pending
    }

    /// New props. A new frame of another pair or timeframe resets the view; the same series keeps it when the
    /// user moved it.
    pub fn set_inputs(&mut self, inputs: Inputs) {
        let new_frame = match (&self.inputs.frame, &inputs.frame) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            (None, None) => false,
            _ => true,
        };
        if new_frame {
            let same_series = match (&self.inputs.frame, &inputs.frame) {
                (Some(a), Some(b)) => a.pair == b.pair && a.timeframe == b.timeframe,
                _ => false,
            };
            let defaults_changed = self.inputs.default_candles != inputs.default_candles;
            self.inputs = inputs;
            if let Some(ctx) = self.view_context() {
                self.view
                    .data_changed(&ctx, same_series && !defaults_changed);
            }
        } else {
            if self.inputs.default_candles != inputs.default_candles {
                self.view = ViewState::default();
            }
            self.inputs = inputs;
        }
        self.invalidate(Invalidation::Full);
        self.apply_focus();
    }

    fn layout(&self) -> Option<Layout> {
        let (w, h) = self.layers.as_ref()?.size();
        let model = self.model.as_ref();
        let show_volume = model.map(ChartModel::shows_volume).unwrap_or(true);
        Some(Layout::new(
            w,
            h,
            self.inputs.spec.subplots.len(),
            show_volume,
            self.inputs.options.axis_left,
        ))
    }

    fn view_context(&self) -> Option<ViewContext> {
        let plot = match &self.scene {
            Some(s) => s.layout.plot,
            None => self.layout()?.plot,
        };
        Some(ViewContext {
            bars: self.inputs.frame.as_ref().map(|f| f.len()).unwrap_or(0),
            plot_x: plot.x,
            plot_w: plot.w,
            default_candles: self.inputs.default_candles.max(1),
        })
    }

    /// Shows the candles from `from_ms` to `to_ms` (Unix ms), now or once a frame is there.
    pub fn show_time(&mut self, from_ms: i64, to_ms: i64) {
        self.focus = Some((from_ms, to_ms));
        self.apply_focus();
    }

    fn apply_focus(&mut self) {
        let (Some((from_ms, to_ms)), Some(frame), Some(ctx)) =
            (self.focus, self.inputs.frame.clone(), self.view_context())
        else {
            return;
        };
        if frame.is_empty() {
            return;
        }
        let last = frame.len() - 1;
        let from = frame.ts.partition_point(|&t| t < from_ms).min(last);
        let to = frame
            .ts
            .partition_point(|&t| t <= to_ms)
            .saturating_sub(1)
            .clamp(from, last);
        self.focus = None;
        let what = self.view.show(from, to, &ctx);
        self.invalidate(what);
    }

    /// Another chart's crosshair moved to `time` (or left it): draw a crosshair at the candle holding it.
    pub fn set_linked(&mut self, time: Option<i64>) {
        if self.linked != time {
            self.linked = time;
            self.invalidate(Invalidation::Cursor);
        }
    }

    /// A pointer event; returns what it invalidated (already merged into the pending work).
    pub fn input(&mut self, input: PointerInput) -> Invalidation {
        let Some(ctx) = self.view_context() else {
            return Invalidation::None;
        };
        let what = self.view.reduce(input, &ctx);
        self.invalidate(what);
        what
    }

    fn rebuild_model(&mut self) {
        self.model = self.inputs.frame.clone().map(|frame| {
            let mut options = self.inputs.options.clone();
            if self.inputs.local_time {
                let at = frame.ts.last().copied().unwrap_or(0) as f64;
                options.offset_minutes = local_offset_minutes(at);
            }
            ChartModel::new(
                frame,
                self.inputs.spec.clone(),
                &self.inputs.trades,
                options,
                self.inputs.hidden.clone(),
            )
        });
    }

    /// Does the pending work; called once per animation frame.
    pub fn run_frame(&mut self) -> FrameReport {
        let pending = std::mem::take(&mut self.pending);
        let Some(layers) = self.layers.as_mut() else {
            self.pending = pending;
            return self.report.clone();
        };
        let mut pending = pending;
        if let Some(container) = &self.container {
            if layers.sync_size(container) {
                pending = pending.merge(Invalidation::Light);
            }
        }
        if pending == Invalidation::None {
            return self.report.clone();
        }
        if pending >= Invalidation::Full {
            self.rebuild_model();
        }
        if pending >= Invalidation::Light {
            self.paint_main();
        }
        self.paint_overlay();
        self.report.clone()
    }

    fn paint_main(&mut self) {
        let Some(layers) = self.layers.as_ref() else {
            return;
        };
        let (w, h) = layers.size();
        let Some(model) = self.model.as_ref() else {
            self.scene = None;
            let _ = layers.paint_overlay_clear();
            let _ = layers.clear_main();
            self.report = FrameReport::default();
            return;
        };
        let Some(ctx) = self.view_context() else {
            return;
        };
        // The plot width depends on the layout, which the scene fixes; build once for the layout, then fit.
        let layout = Layout::new(
            w,
            h,
            model.spec.subplots.len(),
            model.shows_volume(),
            model.options.axis_left,
        );
        let ctx = ViewContext {
            plot_x: layout.plot.x,
            plot_w: layout.plot.w,
            ..ctx
        };
        let scale = self.view.scale(&ctx);
        let scene = model.scene(w, h, &scale);
        let result = layers.paint_main(&scene, &model.palette, self.candles);
        self.report.bars = model.frame.len();
        self.report.drawn = scene.candles.len();
        self.report.trade_markers = scene.trade_markers;
        self.report.visible = scene.visible;
        self.report.plot = scene
            .pane(PaneKey::Price)
            .map(|p| (p.rect.x, p.rect.y, p.rect.w, p.rect.h));
        self.report.painted = result.is_ok();
        self.report.error = result.err();
        self.scene = Some(scene);
    }

    fn paint_overlay(&mut self) {
        let (Some(layers), Some(scene), Some(model)) = (
            self.layers.as_ref(),
            self.scene.as_ref(),
            self.model.as_ref(),
        ) else {
            return;
        };
        let hover = self
            .view
            .cursor
            .filter(|_| !self.view.is_dragging())
            .and_then(|(x, y)| Some((hit_test(scene, model.frame.len(), x, y)?, y)));
        let measure = self
            .view
            .measure
            .and_then(|(a, b)| measure_on(scene, &model.frame.ts, a, b));
        let tip = hover.and_then(|(hit, _)| model.tooltip(hit.index));
        // Another chart's time, as a bare vertical line, while this chart is not hovered.
        let linked = self
            .linked
            .filter(|_| hover.is_none())
            .and_then(|t| model.frame.candle_at(TimestampMs(t)))
            .map(|index| {
                let hit = Hit {
                    index,
                    x: scene.x_of(index),
                    pane: None,
                    value: None,
                };
                (hit, 0.0)
            });
        let cross = hover.or(linked);
        let _ = layers.paint_overlay(
            scene,
            &model.palette,
            cross.as_ref().map(|(hit, y)| (hit, *y, tip.as_ref())),
            measure.as_ref(),
        );
        self.report.hover_index = hover.map(|(hit, _)| hit.index);
        self.report.hover_time = hover
            .and_then(|(hit, _)| model.frame.time(hit.index))
            .map(|t| t.0);
        self.report.linked_index = linked.map(|(hit, _)| hit.index);
        self.report.linked_time = linked
            .and_then(|(hit, _)| model.frame.time(hit.index))
            .map(|t| t.0);
        self.report.hover_text = tip.map(|t| t.lines().join("\n")).unwrap_or_default();
        self.report.measure_text = measure.map(|m| m.text).unwrap_or_default();
    }

    /// The model, for the legend (missing indicators) and the benchmark.
    pub fn model(&self) -> Option<&ChartModel> {
        self.model.as_ref()
    }
}
