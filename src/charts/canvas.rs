//! The candle chart's browser code: two layered kit [`Surface`]s (series below, crosshair and tooltip above),
//! the batched candle renderer, and small helpers for time.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use super::kit::surface::{css_size, device_pixel_ratio, Surface};

use super::model::measure::PlacedMeasure;
use super::model::scene::Scene;
use super::model::theme::Palette;
use super::model::tooltip::{Hit, Tooltip};
use super::render::{self, Candles};

/// The two canvases of a chart: series below, crosshair and tooltip above.
pub struct Layers {
    main: Surface,
    overlay: Surface,
}

impl Layers {
    pub fn new(main: HtmlCanvasElement, overlay: HtmlCanvasElement) -> Option<Self> {
        Some(Layers {
            main: Surface::new(main)?,
            overlay: Surface::new(overlay)?,
        })
    }

    /// CSS size of the chart.
    pub fn size(&self) -> (f64, f64) {
        self.main.size()
    }

    /// Follows the container's size and the device pixel ratio; true when the bitmaps changed (which clears
    /// them, so everything must be redrawn).
    pub fn sync_size(&mut self, container: &HtmlElement) -> bool {
        let (w, h) = css_size(container);
        let dpr = device_pixel_ratio();
        let main = self.main.resize(w, h, dpr);
        let overlay = self.overlay.resize(w, h, dpr);
        main || overlay
    }

    /// Paints the series canvas: grid, clipped series, axes. With [`Candles::Skip`] the candles and volume are
    /// drawn by [`draw_candles_batched`] from the same geometry.
    pub fn paint_main(
        &self,
        scene: &Scene,
        palette: &Palette,
        candles: Candles,
    ) -> Result<(), String> {
        self.main.begin();
        let ctx = self.main.ctx();
        let root = self.main.area()?;
        render::draw_grid(&root, scene, palette).map_err(|e| e.to_string())?;
        let plot = scene.layout.plot;
        ctx.save();
        ctx.begin_path();
        ctx.rect(plot.x, plot.y, plot.w, plot.h);
        ctx.clip();
        let drawn = render::draw_backdrop(&root, scene)
            .map_err(|e| e.to_string())
            .and_then(|_| {
                if candles == Candles::Skip {
                    draw_candles_batched(ctx, scene);
                }
                render::draw_series(&root, scene, palette, candles).map_err(|e| e.to_string())
            });
        ctx.restore();
        drawn?;
        render::draw_axes(&root, scene, palette).map_err(|e| e.to_string())
    }

    /// Paints the overlay: cleared, then the crosshair and tooltip when something is hovered.
    pub fn paint_overlay(
        &self,
        scene: &Scene,
        palette: &Palette,
        hover: Option<(&Hit, f64, Option<&Tooltip>)>,
        measure: Option<&PlacedMeasure>,
    ) -> Result<(), String> {
        self.overlay.begin();
        if hover.is_none() && measure.is_none() {
            return Ok(());
        }
        let root = self.overlay.area()?;
        if let Some((hit, y, tooltip)) = hover {
            render::draw_overlay(&root, scene, palette, hit, y, tooltip)
                .map_err(|e| e.to_string())?;
        }
        if let Some(placed) = measure {
            render::draw_measure(&root, scene, palette, placed).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    pub fn clear_main(&self) -> Result<(), String> {
        self.main.begin();
        Ok(())
    }

    pub fn paint_overlay_clear(&self) -> Result<(), String> {
        self.overlay.begin();
        Ok(())
    }

    /// Forces the main canvas to rasterize (reads one pixel): the benchmark times complete paints.
    pub fn flush(&self) {
        let _ = self.main.ctx().get_image_data(0.0, 0.0, 1.0, 1.0);
    }
}

/// Candles and volume straight on the context, batched by colour: the fill style is set once per colour,
/// then every volume bar, wick (a 1 px column) and body is one integer `fillRect`, the cheapest thing a 2D
/// canvas draws (a blit, no path scan conversion or stroking). Consumes the same `CandleGeom`s plotters would
/// draw.
pub fn draw_candles_batched(ctx: &CanvasRenderingContext2d, scene: &Scene) {
    let half = ((scene.candle_width - 1.0) / 2.0).max(0.0).round();
    let snap = |v: f64| v.round();
    for (up, color) in [(true, scene.up), (false, scene.down)] {
        // Volume bars (in their own pane), translucent.
        ctx.set_fill_style_str(&color.with_alpha(0.45).css());
        for v in scene.volume.iter().filter(|v| v.up == up) {
            let top = snap(v.top);
            ctx.fill_rect(
                snap(v.x) - half,
                top,
                half * 2.0 + 1.0,
                (snap(v.bottom) - top).max(1.0),
            );
        }
        ctx.set_fill_style_str(&color.css());
        for c in scene.candles.iter().filter(|c| c.up == up) {
            let x = snap(c.x);
            let high = snap(c.high);
            ctx.fill_rect(x, high, 1.0, (snap(c.low) - high).max(1.0));
            if half >= 1.0 {
                let top = snap(c.open.min(c.close));
                ctx.fill_rect(
                    x - half,
                    top,
                    half * 2.0 + 1.0,
                    (snap(c.open.max(c.close)) - top).max(1.0),
                );
            }
        }
    }
}

/// `performance.now()` in ms (0 when unavailable).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Minutes east of UTC of the browser's zone at `ms` (for the "local" timezone setting).
pub fn local_offset_minutes(ms: f64) -> i32 {
    let offset = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_timezone_offset();
    if offset.is_finite() {
        -(offset.round() as i32)
    } else {
        0
    }
}
