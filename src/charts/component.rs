//! `<CandleChart>`: the leptos face of the chart. Props are signals of already decoded data; the component
//! never fetches. Prop changes and pointer events only invalidate; one `requestAnimationFrame` does the work.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::Layers;
use super::engine::{Engine, FrameReport, Inputs};
use super::interaction::touch::Touches;
use super::interaction::{Invalidation, PointerInput};
use super::kit::frame_loop::FrameLoop;
use super::kit::watch::watch_stage;
use super::model::chart::{ChartOptions, KEY_CANDLES, KEY_SIGNALS, KEY_TRADES, KEY_VOLUME};
use super::model::color::color_or_auto;
use super::model::frame::CandleFrame;
use super::model::marks::TradeInput;
use super::model::plot::PlotSpec;

use crate::runtime::effect;

/// Runs the engine's pending work on the next animation frame (once, however often it is asked).
#[derive(Clone)]
struct Scheduler {
    engine: Rc<RefCell<Engine>>,
    frames: FrameLoop,
    report: RwSignal<FrameReport>,
    /// A grid's shared crosshair time: written when this chart's hovered candle changes.
    crosshair: Option<RwSignal<Option<i64>>>,
}

impl Scheduler {
    fn schedule(&self) {
        let this = self.clone();
        self.frames.request(move || {
            let report = this.engine.borrow_mut().run_frame();
            let hovered = this.report.with_untracked(|r| r.hover_time);
            if let Some(shared) = this.crosshair.filter(|_| hovered != report.hover_time) {
                shared.set(report.hover_time);
            }
            if this.report.with_untracked(|r| *r != report) {
                this.report.set(report);
            }
        });
    }

    fn input(&self, input: PointerInput) {
        let what = self.engine.borrow_mut().input(input);
        if what != Invalidation::None {
            self.schedule();
        }
    }
}

/// A legend entry.
#[derive(Debug, Clone, PartialEq)]
struct LegendEntry {
    key: String,
    color: String,
    available: bool,
}

/// The candle chart. `hidden` holds the legend keys of hidden series (shared so a page can persist it).
#[component]
pub fn CandleChart(
    #[prop(into)] frame: Signal<Option<Arc<CandleFrame>>>,
    #[prop(into)] spec: Signal<PlotSpec>,
    #[prop(into)] trades: Signal<Vec<TradeInput>>,
    #[prop(into)] options: Signal<ChartOptions>,
    /// Candles in the first view.
    #[prop(into)]
    default_candles: Signal<usize>,
    /// Show times in the browser's zone instead of `options.offset_minutes`.
    #[prop(into, optional)]
    local_time: Signal<bool>,
    #[prop(optional)] hidden: Option<RwSignal<HashSet<String>>>,
    /// A time range (Unix ms) to show: set it to move the view there (a trade picked in a list).
    #[prop(optional, into)]
    focus: Signal<Option<(i64, i64)>>,
    /// A crosshair time (Unix ms) shared by the charts of a grid.
    #[prop(optional_no_strip)]
    crosshair: Option<RwSignal<Option<i64>>>,
) -> impl IntoView {
    let hidden = hidden.unwrap_or_else(|| RwSignal::new(HashSet::new()));
    let stage = NodeRef::<Div>::new();
    let main = NodeRef::<Canvas>::new();
    let overlay = NodeRef::<Canvas>::new();
    let report = RwSignal::new(FrameReport::default());
    let scheduler = Scheduler {
        engine: Rc::new(RefCell::new(Engine::default())),
        frames: FrameLoop::of_view(),
        report,
        crosshair,
    };

    // Props → engine.
    {
        let s = scheduler.clone();
        effect(move || {
            let inputs = Inputs {
                frame: frame.get(),
                spec: spec.get(),
                trades: trades.get(),
                options: options.get(),
                local_time: local_time.get(),
                hidden: hidden.get(),
                default_candles: default_candles.get(),
            };
            s.engine.borrow_mut().set_inputs(inputs);
            s.schedule();
        });
    }

    {
        let s = scheduler.clone();
        effect(move || {
            if let Some((from, to)) = focus.get() {
                s.engine.borrow_mut().show_time(from, to);
                s.schedule();
            }
        });
    }

    if let Some(shared) = crosshair {
        let s = scheduler.clone();
        effect(move || {
            let time = shared.get();
            s.engine.borrow_mut().set_linked(time);
            s.schedule();
        });
    }

    // Canvases mounted → attach, and follow the stage's size.
    {
        let s = scheduler.clone();
        Effect::new(move |attached: Option<bool>| {
            if attached == Some(true) {
                return true;
            }
            let (Some(stage_el), Some(main_el), Some(overlay_el)) =
                (stage.get(), main.get(), overlay.get())
            else {
                return false;
            };
            let Some(layers) = Layers::new(main_el, overlay_el) else {
                return false;
            };
            let container: web_sys::HtmlElement = stage_el.clone().unchecked_into();
            s.engine.borrow_mut().attach(layers, container);
            // A new size or pixel ratio: the next frame resizes the bitmaps and repaints.
            let resized = s.clone();
            watch_stage(&stage_el, move || {
                resized.engine.borrow_mut().invalidate(Invalidation::Light);
                resized.schedule();
            });
            s.schedule();
            true
        });
    }

    let pos = |ev: &web_sys::MouseEvent| (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
    let touches = Rc::new(RefCell::new(Touches::default()));
    let (s1, s2, s3, s4, s5, s6) = (
        scheduler.clone(),
        scheduler.clone(),
        scheduler.clone(),
        scheduler.clone(),
        scheduler.clone(),
        scheduler.clone(),
    );
    let (t1, t2, t3) = (touches.clone(), touches.clone(), touches);
    let is_touch = |ev: &web_sys::PointerEvent| ev.pointer_type() == "touch";
    let on_down = move |ev: web_sys::PointerEvent| {
        let (x, y) = pos(&ev);
        if is_touch(&ev) {
            if let Some(input) = t1.borrow_mut().down(ev.pointer_id(), x, y) {
                s2.input(input);
            }
            return;
        }
        if ev.button() != 0 {
            return;
        }
        // A drag that leaves the canvas keeps panning (or measuring) until the button is released.
        if let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(ev.pointer_id());
        }
        s2.input(if ev.shift_key() {
            PointerInput::MeasureDown { x, y }
        } else {
            PointerInput::Down { x, y }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = pos(&ev);
        let input = if is_touch(&ev) {
            t2.borrow_mut().moved(ev.pointer_id(), x, y)
        } else {
            Some(PointerInput::Move { x, y })
        };
        if let Some(input) = input {
            s1.input(input);
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let input = if is_touch(&ev) {
            t3.borrow_mut().up(ev.pointer_id())
        } else {
            Some(PointerInput::Up)
        };
        if let Some(input) = input {
            s3.input(input);
        }
    };
    let on_leave = move |ev: web_sys::PointerEvent| {
        // A finger lifted off the screen also "leaves"; its crosshair stays where it rested.
        if !is_touch(&ev) {
            s4.input(PointerInput::Leave);
        }
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        // Lines and pages to pixels.
        let factor = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        s5.input(PointerInput::Wheel {
            x: f64::from(ev.offset_x()),
            delta_y: ev.delta_y() * factor,
        });
    };
    let on_dblclick = move |_: web_sys::MouseEvent| s6.input(PointerInput::DoubleClick);

    let legend = Memo::new(move |_| {
        let spec = spec.get();
        let f = frame.get();
        let opts = options.get();
        let has = |name: &str| f.as_ref().is_none_or(|f| f.column(name).is_some());
        let mut entries = vec![
            LegendEntry {
                key: KEY_CANDLES.into(),
                color: opts.up.css(),
                available: true,
            },
            LegendEntry {
                key: KEY_VOLUME.into(),
                color: "#8e8e8e".into(),
                available: true,
            },
            LegendEntry {
                key: KEY_SIGNALS.into(),
                color: "#00a83c".into(),
                available: true,
            },
            LegendEntry {
                key: KEY_TRADES.into(),
                color: "#0066ff".into(),
                available: true,
            },
        ];
        for (_, ind) in spec.indicators() {
            if entries.iter().any(|e| e.key == ind.name) {
                continue;
            }
            entries.push(LegendEntry {
                key: ind.name.clone(),
                color: color_or_auto(ind.color.as_deref(), &ind.name).css(),
                available: has(&ind.name),
            });
        }
        entries
    });

    let plot_attr = move || {
        report
            .get()
            .plot
            .map(|(x, y, w, h)| format!("{x:.0},{y:.0},{w:.0},{h:.0}"))
            .unwrap_or_default()
    };
    view! {
        <div
            class="candle-chart"
            data-bars=move || report.get().bars.to_string()
            data-drawn=move || report.get().drawn.to_string()
            data-trade-markers=move || report.get().trade_markers.to_string()
            data-first=move || report.get().visible.map(|v| v.0.to_string()).unwrap_or_default()
            data-last=move || report.get().visible.map(|v| v.1.to_string()).unwrap_or_default()
            data-plot=plot_attr
            data-painted=move || report.get().painted.to_string()
            data-hover=move || report.get().hover_index.map(|i| i.to_string()).unwrap_or_default()
            data-measure=move || report.get().measure_text
            data-hover-time=move || report.get().hover_time.map(|t| t.to_string()).unwrap_or_default()
            data-linked=move || report.get().linked_index.map(|i| i.to_string()).unwrap_or_default()
            data-linked-time=move || report.get().linked_time.map(|t| t.to_string()).unwrap_or_default()
        >
            <div class="chart-legend" role="group" aria-label="Series">
                <For each=move || legend.get() key=|e| (e.key.clone(), e.color.clone(), e.available) let:entry>
                    {
                        let key = entry.key.clone();
                        let key_for_class = key.clone();
                        let key_for_pressed = key.clone();
                        let off = move || hidden.with(|h| h.contains(&key_for_class));
                        let title = if entry.available { String::new() } else { "not available in this chart".to_string() };
                        view! {
                            <button
                                type="button"
                                class="legend-item"
                                class:off=off
                                class:missing=!entry.available
                                title=title
                                aria-pressed=move || (!hidden.with(|h| h.contains(&key_for_pressed))).to_string()
                                on:click=move |_| {
                                    let k = key.clone();
                                    hidden.update(|h| {
                                        if !h.remove(&k) {
                                            h.insert(k);
                                        }
                                    });
                                }
                            >
                                <span class="legend-swatch" style:background=entry.color.to_string()></span>
                                {entry.key.clone()}
                            </button>
                        }
                    }
                </For>
            </div>
            <div class="chart-stage" node_ref=stage>
                <canvas class="chart-main" node_ref=main aria-hidden="true"></canvas>
                <canvas
                    class="chart-overlay"
                    node_ref=overlay
                    role="img"
                    aria-label="Candle chart: scroll or pinch to zoom, drag to pan, shift + drag to measure, double-click to reset"
                    on:pointermove=on_move
                    on:pointerdown=on_down
                    on:pointerup=on_up.clone()
                    on:pointercancel=on_up
                    on:pointerleave=on_leave
                    on:wheel=on_wheel
                    on:dblclick=on_dblclick
                ></canvas>
            </div>
            <div class="chart-hover-text sr-only" aria-live="polite">{move || report.get().hover_text}</div>
            {move || report.get().error.map(|e| view! { <p class="chart-error muted">{e}</p> })}
        </div>
    }
}
