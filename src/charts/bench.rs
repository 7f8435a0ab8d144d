//! The chart benchmark (`/chart?bench`): generates the seeded workload of performance-anchors.md in wasm and
//! times complete paints (each one ends with a 1-pixel read that forces rasterization) with
//! `performance.now()`. `e2e/bench/chart-bench.ts` drives it and prints the table; nothing fails on timing.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsCast;

use super::canvas::{now_ms, Layers};
use super::interaction::{PointerInput, ViewContext, ViewState, RIGHT_PAD};
use super::model::chart::{ChartModel, ChartOptions};
use super::model::scale::TimeScale;
use super::model::synthetic::{workload_frame, workload_spec, workload_trades};
use super::model::units::CssPx;
use super::render::Candles;

/// Sizes benchmarked.
const SIZES: [usize; 4] = [1_000, 5_000, 20_000, 50_000];
const WIDTH: f64 = 1400.0;
const HEIGHT: f64 = 800.0;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct BenchRow {
    pub candles: usize,
    /// Data in memory → model → scene → first complete paint of the default view (last 250 candles).
    pub first_ms: f64,
    /// All candles visible, batched candles (production path), median.
    pub full_ms: f64,
    /// Of `full_ms`: building the scene (pure Rust), issuing the draw calls, and the rasterization the
    /// 1-pixel read waits for.
    pub full_scene_ms: f64,
    pub full_draw_ms: f64,
    pub full_raster_ms: f64,
    /// All candles visible with the six indicators hidden (what the indicators cost), median.
    pub full_no_indicators_ms: f64,
    /// All candles visible, candles drawn by plotters too, median.
    pub full_plotters_ms: f64,
    /// Candle items drawn in the full view (level of detail: ≤ plot pixel columns).
    pub full_drawn: usize,
    /// Drag frames (250 visible, shifted), median and 95th percentile.
    pub pan_ms: f64,
    pub pan_p95_ms: f64,
    /// Drag frames with all candles visible (the worst case of panning a zoomed-out 50k chart).
    pub pan_full_ms: f64,
    /// Wheel-zoom frames around the centre, median.
    pub zoom_ms: f64,
}

fn median(v: &mut [f64]) -> f64 {
    percentile(v, 0.5)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    crate::util::sort::sort_by(v, |a, b| a.total_cmp(b));
    let k = ((v.len() - 1) as f64 * p).round() as usize;
    v.get(k).copied().unwrap_or(0.0)
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

struct Bench<'a> {
    layers: &'a Layers,
}

impl Bench<'_> {
    fn paint(&self, model: &ChartModel, scale: &TimeScale, candles: Candles) -> usize {
        let scene = model.scene(WIDTH, HEIGHT, scale);
        let _ = self.layers.paint_main(&scene, &model.palette, candles);
        let _ = self
            .layers
            .paint_overlay(&scene, &model.palette, None, None);
        self.layers.flush();
        scene.candles.len()
    }

    fn run(&self, n: usize) -> BenchRow {
        let frame = Arc::new(workload_frame(n, 42));
        let trades = workload_trades(&frame);
        let spec = workload_spec();
        let options = ChartOptions::default();
        // First paint, from decoded data in memory (median of 3 cold builds).
        let mut first = Vec::new();
        let mut model = None;
        for _ in 0..3 {
            let t0 = now_ms();
            let m = ChartModel::new(
                frame.clone(),
                spec.clone(),
                &trades,
                options.clone(),
                HashSet::new(),
            );
            let layout_plot = m
                .scene(
                    WIDTH,
                    HEIGHT,
                    &TimeScale::showing_last(n, 250, RIGHT_PAD, CssPx(WIDTH)),
                )
                .layout
                .plot;
            let ctx = ViewContext {
                bars: n,
                plot_x: layout_plot.x,
                plot_w: layout_plot.w,
                default_candles: 250,
            };
            self.paint(&m, &ctx.initial(), Candles::Skip);
            first.push(now_ms() - t0);
            model = Some((m, ctx));
        }
        let Some((model, ctx)) = model else {
            return BenchRow::default();
        };
        let all = TimeScale::showing_last(n, n, 0.0, CssPx(ctx.plot_w));
        let mut full = Vec::new();
        let (mut scene_t, mut draw_t, mut raster_t) = (Vec::new(), Vec::new(), Vec::new());
        let mut drawn = 0;
        for _ in 0..15 {
            let t0 = now_ms();
            let scene = model.scene(WIDTH, HEIGHT, &all);
            let t1 = now_ms();
            let _ = self
                .layers
                .paint_main(&scene, &model.palette, Candles::Skip);
            let _ = self
                .layers
                .paint_overlay(&scene, &model.palette, None, None);
            let t2 = now_ms();
            self.layers.flush();
            let t3 = now_ms();
            drawn = scene.candles.len();
            full.push(t3 - t0);
            scene_t.push(t1 - t0);
            draw_t.push(t2 - t1);
            raster_t.push(t3 - t2);
        }
        let bare = ChartModel::new(
            frame.clone(),
            spec.clone(),
            &trades,
            options.clone(),
            spec.indicators().map(|(_, i)| i.name.clone()).collect(),
        );
        let mut full_bare = Vec::new();
        for _ in 0..9 {
            let t0 = now_ms();
            self.paint(&bare, &all, Candles::Skip);
            full_bare.push(now_ms() - t0);
        }
        let mut full_plotters = Vec::new();
        for _ in 0..7 {
            let t0 = now_ms();
            self.paint(&model, &all, Candles::Plotters);
            full_plotters.push(now_ms() - t0);
        }
        let drag = |state: &mut ViewState, frames: usize, out: &mut Vec<f64>| {
            state.reduce(PointerInput::Down { x: 700.0, y: 300.0 }, &ctx);
            let mut x = 700.0;
            for k in 0..frames {
                x += if (k / 20) % 2 == 0 { -6.0 } else { 6.0 };
                let t0 = now_ms();
                state.reduce(PointerInput::Move { x, y: 300.0 }, &ctx);
                self.paint(&model, &state.scale(&ctx), Candles::Skip);
                out.push(now_ms() - t0);
            }
            state.reduce(PointerInput::Up, &ctx);
        };
        let mut pan = Vec::new();
        drag(&mut ViewState::default(), 60, &mut pan);
        let mut pan_full = Vec::new();
        let mut zoomed_out = ViewState::default();
        zoomed_out.time = Some(all);
        drag(&mut zoomed_out, 30, &mut pan_full);
        let mut zoom = Vec::new();
        let mut state = ViewState::default();
        for k in 0..40 {
            let delta_y = if (k / 10) % 2 == 0 { -120.0 } else { 120.0 };
            let t0 = now_ms();
            state.reduce(PointerInput::Wheel { x: 700.0, delta_y }, &ctx);
            self.paint(&model, &state.scale(&ctx), Candles::Skip);
            zoom.push(now_ms() - t0);
        }
        BenchRow {
            candles: n,
            first_ms: round2(median(&mut first)),
            full_ms: round2(median(&mut full)),
            full_scene_ms: round2(median(&mut scene_t)),
            full_draw_ms: round2(median(&mut draw_t)),
            full_raster_ms: round2(median(&mut raster_t)),
            full_no_indicators_ms: round2(median(&mut full_bare)),
            full_plotters_ms: round2(median(&mut full_plotters)),
            full_drawn: drawn,
            pan_ms: round2(median(&mut pan.clone())),
            pan_p95_ms: round2(percentile(&mut pan, 0.95)),
            pan_full_ms: round2(median(&mut pan_full)),
            zoom_ms: round2(median(&mut zoom)),
        }
    }
}

#[component]
pub fn ChartBench() -> impl IntoView {
    let stage = NodeRef::<Div>::new();
    let main = NodeRef::<Canvas>::new();
    let overlay = NodeRef::<Canvas>::new();
    let results = RwSignal::new(None::<Vec<BenchRow>>);
    let progress = RwSignal::new("Starting…".to_string());
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let (Some(stage_el), Some(m), Some(o)) = (stage.get(), main.get(), overlay.get()) else {
            return false;
        };
        let Some(mut layers) = Layers::new(m, o) else {
            progress.set("No 2d canvas.".into());
            return true;
        };
        let container: web_sys::HtmlElement = stage_el.unchecked_into();
        request_animation_frame(move || {
            layers.sync_size(&container);
            let mut rows = Vec::new();
            for n in SIZES {
                rows.push(Bench { layers: &layers }.run(n));
            }
            progress.set("Done.".into());
            results.set(Some(rows));
        });
        true
    });
    view! {
        <section class="card chart-bench">
            <h1>"Chart benchmark"</h1>
            <p class="muted">
                "1400×800, N seeded 5-minute candles, volume, 6 indicators in 2 panes, 50 trade markers. "
                "Times in ms per complete paint (median)."
            </p>
            <p class="muted" id="bench-progress">{move || progress.get()}</p>
            <div class="chart-stage bench-stage" node_ref=stage style:width="1400px" style:height="800px">
                <canvas class="chart-main" node_ref=main></canvas>
                <canvas class="chart-overlay" node_ref=overlay></canvas>
            </div>
            {move || results.get().map(|rows| {
                let json = serde_json::to_string(&rows).unwrap_or_default();
                view! {
                    <table class="bench-table">
                        <thead><tr>
                            <th>"candles"</th><th>"first"</th><th>"full redraw"</th><th>"full, no indicators"</th><th>"full (plotters candles)"</th>
                            <th>"drawn"</th><th>"scene"</th><th>"draw calls"</th><th>"raster"</th><th>"pan"</th><th>"pan p95"</th><th>"pan, all visible"</th><th>"zoom"</th>
                        </tr></thead>
                        <tbody>
                            {rows.iter().map(|r| view! { <tr>
                                <td>{r.candles}</td><td>{r.first_ms}</td><td>{r.full_ms}</td><td>{r.full_no_indicators_ms}</td><td>{r.full_plotters_ms}</td>
                                <td>{r.full_drawn}</td><td>{r.full_scene_ms}</td><td>{r.full_draw_ms}</td><td>{r.full_raster_ms}</td><td>{r.pan_ms}</td><td>{r.pan_p95_ms}</td><td>{r.pan_full_ms}</td><td>{r.zoom_ms}</td>
                            </tr> }).collect_view()}
                        </tbody>
                    </table>
                    <pre id="bench-results" hidden>{json}</pre>
                }
            })}
        </section>
    }
}
