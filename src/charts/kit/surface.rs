//! `Surface`: one chart canvas, its bitmap sized to the CSS size × the device pixel ratio and its context
//! scaled to match, so scenes laid out in CSS pixels land sharp on HiDPI screens.
//!
//! plotters-canvas reports the canvas' *bitmap* size and draws in its coordinate space; [`Surface::begin`]
//! sets the transform to the pixel ratio first, which is what makes the CSS-pixel scene line up.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The browser's device pixel ratio, sanitised to `0.25..=4` (1 when unknown).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0)
        .clamp(0.25, 4.0)
}

/// A canvas and its 2d context.
pub struct Surface {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    css_w: f64,
    css_h: f64,
    dpr: f64,
}

impl Surface {
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Surface {
            canvas,
            ctx,
            css_w: 0.0,
            css_h: 0.0,
            dpr: 1.0,
        })
    }

    /// CSS size.
    pub fn size(&self) -> (f64, f64) {
        (self.css_w, self.css_h)
    }

    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    pub fn ctx(&self) -> &CanvasRenderingContext2d {
        &self.ctx
    }

    /// Sizes the bitmap for a `w`×`h` CSS box at pixel ratio `dpr`; true when it changed (which clears it,
    /// so the chart must be painted again).
    pub fn resize(&mut self, w: f64, h: f64, dpr: f64) -> bool {
        if w == self.css_w && h == self.css_h && dpr == self.dpr {
            return false;
        }
        (self.css_w, self.css_h, self.dpr) = (w, h, dpr);
        self.canvas.set_width((w * dpr).round() as u32);
        self.canvas.set_height((h * dpr).round() as u32);
        true
    }

    /// Scales the context to the pixel ratio and clears it: the start of every paint.
    pub fn begin(&self) {
        let _ = self
            .ctx
            .set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, self.css_w, self.css_h);
    }

    /// A plotters drawing area on this canvas (call [`Surface::begin`] first).
    pub fn area(&self) -> Result<DrawingArea<CanvasBackend, Shift>, String> {
        CanvasBackend::with_canvas_object(self.canvas.clone())
            .map(IntoDrawingArea::into_drawing_area)
            .ok_or_else(|| "no canvas backend".to_string())
    }
}

/// The CSS size of `container` (what a chart's canvases fill).
pub fn css_size(container: &web_sys::HtmlElement) -> (f64, f64) {
    (
        f64::from(container.client_width().max(0)),
        f64::from(container.client_height().max(0)),
    )
}
