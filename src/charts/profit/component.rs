//! `<ProfitChart>`: one profit chart on a canvas, with its HTML tooltip and empty state. Props are signals of a
//! prepared [`ProfitPlot`]; the component never fetches. Prop changes, resizes (`ResizeObserver`) and device
//! pixel ratio changes only mark the chart dirty; one `requestAnimationFrame` lays it out and paints it.
//!
//! The wrapper exposes what tests need: `data-state` (`loading`, `empty`, `drawn`), `data-items`,
//! `data-painted` (paint count) and `data-plot` (the data area in CSS pixels, `x,y,w,h`).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::paint;
use super::model_chart::{Hover, ProfitPlot, ProfitScene, Tooltip};
use super::model_theme::ProfitTheme;
use crate::charts::kit::frame_loop::FrameLoop;
use crate::charts::kit::surface::{css_size, device_pixel_ratio, Surface};
use crate::charts::kit::watch::watch_stage;
use crate::runtime::effect;

/// What the last frame did, for the view and the tests.
#[derive(Debug, Clone, PartialEq, Default)]
struct Report {
    painted: u64,
    /// The scene's data area, `x,y,w,h` in CSS pixels.
    plot: Option<(f64, f64, f64, f64)>,
    size: (f64, f64),
    dpr: f64,
    error: Option<String>,
}

#[derive(Default)]
struct Painter {
    canvas: Option<Surface>,
    stage: Option<web_sys::HtmlElement>,
    plot: Option<ProfitPlot>,
    theme: Option<ProfitTheme>,
    scene: Option<ProfitScene>,
    dirty: bool,
    painted: u64,
    error: Option<String>,
    /// The pointer over the canvas (CSS px), to keep the tooltip right when the chart is redrawn under it.
    pointer: Option<(f64, f64)>,
}

impl Painter {
    /// The item under the pointer and its tooltip.
    fn hover(&self) -> Option<(Hover, Tooltip)> {
        let (x, y) = self.pointer?;
        let hit = self.scene.as_ref()?.hit(x, y)?;
        let tip = self.plot.as_ref()?.tooltip(hit.index)?.clone();
        Some((hit, tip))
    }

    /// Re-lays out and repaints when the inputs or the canvas size changed.
    fn frame(&mut self) -> Option<Report> {
        let (Some(canvas), Some(stage)) = (self.canvas.as_mut(), self.stage.as_ref()) else {
            return None;
        };
        let (w, h) = css_size(stage);
        let resized = canvas.resize(w, h, device_pixel_ratio());
        if !resized && !self.dirty {
            return None;
        }
        self.dirty = false;
        let theme = self.theme.unwrap_or_else(|| ProfitTheme::new(true));
        self.scene = self
            .plot
            .as_ref()
            .filter(|p| !p.is_empty() && w > 0.0 && h > 0.0)
            .map(|p| p.layout(w, h, &theme));
        self.error = paint(canvas, self.scene.as_ref(), &theme).err();
        self.painted += 1;
        Some(Report {
            painted: self.painted,
            plot: self.scene.as_ref().map(|s| {
                let r = s.plot();
                (r.x, r.y, r.w, r.h)
            }),
            size: (w, h),
            dpr: canvas.dpr(),
            error: self.error.clone(),
        })
    }
}

/// Runs the painter on the next animation frame (once, however often it is asked).
#[derive(Clone)]
struct Scheduler {
    painter: Rc<RefCell<Painter>>,
    frames: FrameLoop,
    report: RwSignal<Report>,
    hover: RwSignal<Option<(Hover, Tooltip)>>,
}

impl Scheduler {
    fn schedule(&self) {
        let this = self.clone();
        self.frames.request(move || {
            let (report, hover) = {
                let mut painter = this.painter.borrow_mut();
                let report = painter.frame();
                (report, painter.hover())
            };
            if let Some(report) = report {
                this.report.set(report);
                this.set_hover(hover);
            }
        });
    }

    fn set_hover(&self, hover: Option<(Hover, Tooltip)>) {
        if self.hover.with_untracked(|cur| cur != &hover) {
            self.hover.set(hover);
        }
    }

    fn pointer(&self, at: Option<(f64, f64)>) {
        let hover = {
            let mut painter = self.painter.borrow_mut();
            painter.pointer = at;
            painter.hover()
        };
        self.set_hover(hover);
    }

    fn invalidate(&self) {
        self.painter.borrow_mut().dirty = true;
        self.schedule();
    }
}

/// The tooltip's position: beside the hovered item, flipped to its left in the right half of the chart.
/// Where the tooltip sits: CSS `left`/`right`/`top` values, set one by one through the element's style object
/// (a `style` attribute would need 'unsafe-inline' in the Content-Security-Policy).
struct TooltipPosition {
    left: String,
    right: String,
    top: String,
}

fn tooltip_position(hover: &Hover, size: (f64, f64)) -> TooltipPosition {
    let top = format!(
        "{:.0}px",
        (hover.y - 12.0).clamp(0.0, (size.1 - 48.0).max(0.0))
    );
    if hover.x > size.0 * 0.55 {
        let right = format!("{:.0}px", (size.0 - hover.x + 12.0).max(0.0));
        TooltipPosition {
            left: "auto".into(),
            right,
            top,
        }
    } else {
        let left = format!("{:.0}px", hover.x + 12.0);
        TooltipPosition {
            left,
            right: "auto".into(),
            top,
        }
    }
}

/// A profit chart. `plot` is `None` while loading; an empty plot shows `empty_text`.
#[component]
pub fn ProfitChart(
    #[prop(into)] plot: Signal<Option<ProfitPlot>>,
    #[prop(into)] dark: Signal<bool>,
    /// The empty state, e.g. "No closed trades yet".
    #[prop(into)]
    empty_text: TextProp,
    /// The canvas' accessible name.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let stage = NodeRef::<Div>::new();
    let canvas = NodeRef::<Canvas>::new();
    let report = RwSignal::new(Report::default());
    let hover = RwSignal::new(None::<(Hover, Tooltip)>);
    let scheduler = Scheduler {
        painter: Rc::new(RefCell::new(Painter::default())),
        frames: FrameLoop::of_view(),
        report,
        hover,
    };

    // Props → painter.
    {
        let s = scheduler.clone();
        effect(move || {
            let p = plot.get();
            let theme = ProfitTheme::new(dark.get());
            {
                let mut painter = s.painter.borrow_mut();
                painter.plot = p;
                painter.theme = Some(theme);
            }
            s.invalidate();
        });
    }

    // Canvas mounted → attach, follow the stage's size and the device pixel ratio.
    {
        let s = scheduler.clone();
        Effect::new(move |attached: Option<bool>| {
            if attached == Some(true) {
                return true;
            }
            let (Some(stage_el), Some(canvas_el)) = (stage.get(), canvas.get()) else {
                return false;
            };
            let Some(surface) = Surface::new(canvas_el) else {
                return false;
            };
            {
                let mut painter = s.painter.borrow_mut();
                painter.canvas = Some(surface);
                painter.stage = Some(stage_el.clone().unchecked_into());
            }
            // A new size or pixel ratio resizes the bitmap in the next frame, which repaints.
            let resized = s.clone();
            watch_stage(&stage_el, move || resized.schedule());
            s.invalidate();
            true
        });
    }

    let (s_move, s_leave) = (scheduler.clone(), scheduler.clone());
    let on_move = move |ev: web_sys::MouseEvent| {
        s_move.pointer(Some((f64::from(ev.offset_x()), f64::from(ev.offset_y()))));
    };
    let on_leave = move |_: web_sys::MouseEvent| s_leave.pointer(None);

    let state = move || match plot.with(|p| p.as_ref().map(ProfitPlot::is_empty)) {
        None => "loading",
        Some(true) => "empty",
        Some(false) => "drawn",
    };
    let items = move || {
        plot.with(|p| p.as_ref().map(ProfitPlot::items).unwrap_or(0))
            .to_string()
    };
    let plot_attr = move || {
        report
            .get()
            .plot
            .map(|(x, y, w, h)| format!("{x:.0},{y:.0},{w:.0},{h:.0}"))
            .unwrap_or_default()
    };
    view! {
        <div
            class="profit-chart"
            data-state=state
            data-items=items
            data-painted=move || report.get().painted.to_string()
            data-plot=plot_attr
            data-dpr=move || report.get().dpr.to_string()
        >
            <div class="profit-stage" node_ref=stage>
                <canvas
                    class="profit-canvas"
                    node_ref=canvas
                    role="img"
                    aria-label=label
                    on:mousemove=on_move
                    on:mouseleave=on_leave
                ></canvas>
                {move || hover.get().map(|(h, tip)| {
                    let size = report.with_untracked(|r| r.size);
                    let tooltip_pos = tooltip_position(&h, size);
                    view! {
                        <span
                            class="profit-marker"
                            style:left=format!("{:.0}px", h.x)
                            style:top=format!("{:.0}px", h.y)
                        ></span>
                        <div
                            class="profit-tooltip"
                            role="tooltip"
                            style:left=tooltip_pos.left
                            style:right=tooltip_pos.right
                            style:top=tooltip_pos.top
                        >
                            <div class="profit-tooltip-title">{tip.title}</div>
                            {tip.rows.into_iter().map(|(label, value)| view! {
                                <div class="profit-tooltip-row">
                                    <span class="muted">{label}</span>
                                    <span>{value}</span>
                                </div>
                            }).collect_view()}
                        </div>
                    }
                })}
                {move || match state() {
                    "loading" => Some("Loading…".to_string()),
                    "empty" => Some(empty_text.get().to_string()),
                    _ => None,
                }
                .map(|text| view! { <p class="profit-empty muted">{text}</p> })}
            </div>
            {move || report.get().error.map(|e| view! { <p class="profit-error muted">{e}</p> })}
        </div>
    }
}
