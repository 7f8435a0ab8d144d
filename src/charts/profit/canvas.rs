//! The only browser code of the profit charts: one canvas per chart, its bitmap sized to the CSS size × the
//! device pixel ratio with the context scaled to match (so scenes in CSS pixels land sharp on HiDPI screens),
//! and a watcher that reports device-pixel-ratio changes (zoom, moving to another screen), which a
//! `ResizeObserver` does not.
//!
//! The candle chart's `canvas::Layers` is tied to its two-layer scene, so this is a small single-canvas
//! equivalent following the same sizing rule.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, MediaQueryList};

use super::model_chart::ProfitScene;
use super::model_theme::ProfitTheme;
use super::render::draw_scene;

/// The browser's device pixel ratio, sanitised to `1..=4` (1 when unknown).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0)
        .clamp(0.25, 4.0)
}

/// A chart canvas and its 2d context.
pub struct ProfitCanvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    css_w: f64,
    css_h: f64,
    dpr: f64,
}

impl ProfitCanvas {
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(ProfitCanvas {
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

    /// Follows the container's CSS size and the device pixel ratio; true when the bitmap changed (which
    /// clears it, so the chart must be painted again).
    pub fn sync_size(&mut self, container: &HtmlElement) -> bool {
        let w = f64::from(container.client_width().max(0));
        let h = f64::from(container.client_height().max(0));
        let dpr = device_pixel_ratio();
        if w == self.css_w && h == self.css_h && dpr == self.dpr {
            return false;
        }
        (self.css_w, self.css_h, self.dpr) = (w, h, dpr);
        self.canvas.set_width((w * dpr).round() as u32);
        self.canvas.set_height((h * dpr).round() as u32);
        true
    }

    /// Clears the canvas and draws `scene` (nothing for `None`: the empty state is HTML).
    pub fn paint(&self, scene: Option<&ProfitScene>, theme: &ProfitTheme) -> Result<(), String> {
        let _ = self
            .ctx
            .set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, self.css_w, self.css_h);
        let Some(scene) = scene else {
            return Ok(());
        };
        let backend =
            CanvasBackend::with_canvas_object(self.canvas.clone()).ok_or("no canvas backend")?;
        let root = backend.into_drawing_area();
        draw_scene(&root, scene, theme).map_err(|e| e.to_string())
    }
}

struct DprState {
    query: Option<MediaQueryList>,
    on_change: Option<Closure<dyn FnMut()>>,
}

/// Calls back whenever the device pixel ratio changes, for as long as it lives.
pub struct DprWatcher {
    state: Rc<RefCell<DprState>>,
}

impl DprWatcher {
    pub fn new(callback: impl Fn() + 'static) -> Self {
        let state = Rc::new(RefCell::new(DprState {
            query: None,
            on_change: None,
        }));
        let weak: Weak<RefCell<DprState>> = Rc::downgrade(&state);
        let closure = Closure::<dyn FnMut()>::new(move || {
            callback();
            // A `(resolution: Xdppx)` query only changes once: watch the new ratio from now on.
            if let Some(state) = weak.upgrade() {
                arm(&state);
            }
        });
        if let Ok(mut s) = state.try_borrow_mut() {
            s.on_change = Some(closure);
        }
        arm(&state);
        DprWatcher { state }
    }
}

fn arm(state: &Rc<RefCell<DprState>>) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    if let Some(old) = s.query.take() {
        old.set_onchange(None);
    }
    let query = format!("(resolution: {}dppx)", device_pixel_ratio());
    let Some(mql) = web_sys::window().and_then(|w| w.match_media(&query).ok().flatten()) else {
        return;
    };
    if let Some(callback) = &s.on_change {
        mql.set_onchange(Some(callback.as_ref().unchecked_ref()));
    }
    s.query = Some(mql);
}

impl Drop for DprWatcher {
    fn drop(&mut self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            if let Some(q) = s.query.take() {
                q.set_onchange(None);
            }
            s.on_change = None;
        }
    }
}
