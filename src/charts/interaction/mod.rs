//! Interaction as a pure reducer: pointer input → a new viewport and how much must be redrawn. Tested natively
//! with synthetic wheel, drag and double-click sequences.

pub mod touch;

use crate::charts::model::scale::TimeScale;
use crate::charts::model::units::{CssPx, Logical};

/// How much of the chart an event invalidates; merged by taking the larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Invalidation {
    #[default]
    None,
    /// The crosshair and tooltip only (overlay canvas).
    Cursor,
    /// The viewport moved: rebuild the scene from the cached model.
    Light,
    /// Data, config or options changed: rebuild the model, then the scene.
    Full,
}

impl Invalidation {
    pub fn merge(self, other: Invalidation) -> Invalidation {
        self.max(other)
    }
}

/// Semantic pointer input, in CSS px relative to the chart's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PointerInput {
    Move {
        x: f64,
        y: f64,
    },
    Leave,
    Down {
        x: f64,
        y: f64,
    },
    /// A press with shift held: starts the measure tool instead of a pan.
    MeasureDown {
        x: f64,
        y: f64,
    },
    Up,
    /// Two fingers moved apart (`factor` > 1 zooms in) or together, centred at `x`.
    Pinch {
        x: f64,
        factor: f64,
    },
    /// `delta_y` > 0 zooms out (wheel towards the user).
    Wheel {
        x: f64,
        delta_y: f64,
    },
    DoubleClick,
}

/// What the reducer needs to know about the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewContext {
    pub bars: usize,
    /// The plot's left edge and width (the price axis gutter is outside).
    pub plot_x: f64,
    pub plot_w: f64,
    /// Candles in the first view.
    pub default_candles: usize,
}

/// Candles of room on each side of a shown range, at least.
const FOCUS_MIN_PAD: f64 = 10.0;

/// Empty bars after the last candle in the first view (FreqUI scrolls a few rows past the end).
pub const RIGHT_PAD: f64 = 3.0;

impl ViewContext {
    /// Whether a point is over the plot's columns (the axis gutter is not).
    fn inside(&self, x: f64, y: f64) -> bool {
        x.is_finite() && y.is_finite() && x >= self.plot_x && x <= self.plot_x + self.plot_w
    }

    pub fn initial(&self) -> TimeScale {
        TimeScale::showing_last(
            self.bars,
            self.default_candles,
            RIGHT_PAD,
            CssPx(self.plot_w),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Drag {
    last_x: f64,
}

/// The viewport and pointer state of one chart.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ViewState {
    pub time: Option<TimeScale>,
    /// The pointer position while it is over the chart.
    pub cursor: Option<(f64, f64)>,
    /// The user zoomed or panned: new data keeps the view instead of jumping to the last candles.
    pub user_moved: bool,
    drag: Option<Drag>,
    /// The measure tool's two ends in CSS px (shift + drag). It stays until the next press or a view change,
    /// since its ends are read from the scene on screen.
    pub measure: Option<((f64, f64), (f64, f64))>,
    measuring: bool,
}

impl ViewState {
    /// The current scale (the initial one until there is a view).
    pub fn scale(&self, ctx: &ViewContext) -> TimeScale {
        self.time
            .map(|t| t.with_width(CssPx(ctx.plot_w)))
            .unwrap_or_else(|| ctx.initial())
    }

    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    /// Back to the first view (computed for the current width until the user moves it).
    pub fn reset(&mut self, _ctx: &ViewContext) {
        self.time = None;
        self.user_moved = false;
        self.clear_measure();
    }

    fn clear_measure(&mut self) {
        self.measure = None;
        self.measuring = false;
    }

    /// A new viewport: the measure's ends no longer point at the same candles.
    fn moved_to(&mut self, time: TimeScale) -> Invalidation {
        self.time = Some(time);
        self.user_moved = true;
        self.clear_measure();
        Invalidation::Light
    }

    /// New data arrived. A different series, or a view the user never moved, shows the last candles; otherwise
    /// the view stays on the same candles.
    pub fn data_changed(&mut self, ctx: &ViewContext, same_series: bool) {
        if !same_series || !self.user_moved {
            self.reset(ctx);
        }
    }

    /// Shows candles `from..=to` (a trade picked in a list), with some room around them.
    pub fn show(&mut self, from: usize, to: usize, ctx: &ViewContext) -> Invalidation {
        if ctx.bars == 0 {
            return Invalidation::None;
        }
        let pad = ((to.abs_diff(from) + 1) as f64 * 0.5).max(FOCUS_MIN_PAD);
        self.moved_to(TimeScale::showing(from, to, pad, CssPx(ctx.plot_w)).clamped(ctx.bars))
    }

    pub fn reduce(&mut self, input: PointerInput, ctx: &ViewContext) -> Invalidation {
        let scale = self.scale(ctx);
        match input {
            PointerInput::Move { x, y } => {
                self.cursor = Some((x, y));
                if self.measuring {
                    if let Some((_, to)) = self.measure.as_mut() {
                        *to = (x, y);
                    }
                    return Invalidation::Cursor;
                }
                match self.drag {
                    Some(Drag { last_x }) if x.is_finite() => {
                        self.drag = Some(Drag { last_x: x });
                        let dx = x - last_x;
                        if dx == 0.0 {
                            return Invalidation::Cursor;
                        }
                        self.moved_to(scale.pan(CssPx(dx)).clamped(ctx.bars))
                    }
                    _ => Invalidation::Cursor,
                }
            }
            PointerInput::Leave => {
                self.drag = None;
                self.measuring = false;
                self.cursor = None;
                Invalidation::Cursor
            }
            PointerInput::Down { x, y } => {
                self.clear_measure();
                self.drag = ctx.inside(x, y).then_some(Drag { last_x: x });
                self.cursor = Some((x, y));
                Invalidation::Cursor
            }
            PointerInput::MeasureDown { x, y } => {
                self.drag = None;
                self.cursor = Some((x, y));
                self.measuring = ctx.inside(x, y);
                self.measure = self.measuring.then_some(((x, y), (x, y)));
                Invalidation::Cursor
            }
            PointerInput::Up => {
                self.drag = None;
                self.measuring = false;
                Invalidation::None
            }
            PointerInput::Pinch { x, factor } => {
                if !factor.is_finite() || factor <= 0.0 || !x.is_finite() {
                    return Invalidation::None;
                }
                // A pinch replaces any one-finger pan that started it.
                self.drag = None;
                let anchor = (x - ctx.plot_x).clamp(0.0, ctx.plot_w);
                let zoomed = scale
                    .zoom(CssPx(anchor), factor.clamp(0.2, 5.0))
                    .clamped(ctx.bars);
                if zoomed == scale {
                    return Invalidation::None;
                }
                self.moved_to(zoomed)
            }
            PointerInput::Wheel { x, delta_y } => {
                if !delta_y.is_finite() || delta_y == 0.0 || !x.is_finite() {
                    return Invalidation::None;
                }
                let factor = (-delta_y.clamp(-500.0, 500.0) * 0.002).exp();
                let anchor = (x - ctx.plot_x).clamp(0.0, ctx.plot_w);
                let zoomed = scale.zoom(CssPx(anchor), factor).clamped(ctx.bars);
                if zoomed == scale {
                    return Invalidation::None;
                }
                self.moved_to(zoomed)
            }
            PointerInput::DoubleClick => {
                self.reset(ctx);
                Invalidation::Light
            }
        }
    }
}

/// The logical index under a pointer x (for tests and callers that need it).
pub fn logical_at(scale: &TimeScale, ctx: &ViewContext, x: f64) -> Logical {
    scale.logical(CssPx(x - ctx.plot_x))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ViewContext {
        ViewContext {
            bars: 5_000,
            plot_x: 0.0,
            plot_w: 1000.0,
            default_candles: 250,
        }
    }

    #[test]
    fn show_puts_a_range_in_view_with_room_around_it() {
        let c = ctx();
        let mut v = ViewState::default();
        assert_eq!(v.show(1000, 1011, &c), Invalidation::Light);
        assert!(v.user_moved);
        let (a, b) = v.scale(&c).visible(c.bars).unwrap_or((0, 0));
        // 12 candles, 10 of room each side at least.
        assert!((985..=990).contains(&a), "first visible {a}");
        assert!((1021..=1026).contains(&b), "last visible {b}");
        // At the end of the data the view stays clamped onto candles.
        v.show(4_999, 4_999, &c);
        let (_, b) = v.scale(&c).visible(c.bars).unwrap_or((0, 0));
        assert_eq!(b, 4_999);
        // No candles: nothing to show.
        let empty = ViewContext { bars: 0, ..c };
        assert_eq!(ViewState::default().show(0, 0, &empty), Invalidation::None);
    }

    #[test]
    fn invalidations_merge_to_the_larger() {
        assert_eq!(
            Invalidation::Cursor.merge(Invalidation::Light),
            Invalidation::Light
        );
        assert_eq!(
            Invalidation::Full.merge(Invalidation::None),
            Invalidation::Full
        );
        assert_eq!(Invalidation::default(), Invalidation::None);
    }

    #[test]
    fn moving_the_pointer_only_invalidates_the_cursor() {
        let mut s = ViewState::default();
        let before = s.scale(&ctx());
        assert_eq!(
            s.reduce(PointerInput::Move { x: 10.0, y: 5.0 }, &ctx()),
            Invalidation::Cursor
        );
        assert_eq!(s.cursor, Some((10.0, 5.0)));
        assert_eq!(s.scale(&ctx()), before);
        assert_eq!(s.reduce(PointerInput::Leave, &ctx()), Invalidation::Cursor);
        assert_eq!(s.cursor, None);
    }

    #[test]
    fn wheel_zooms_around_the_cursor() {
        let c = ctx();
        let mut s = ViewState::default();
        let before = s.scale(&c);
        let under = logical_at(&before, &c, 400.0);
        assert_eq!(
            s.reduce(
                PointerInput::Wheel {
                    x: 400.0,
                    delta_y: -100.0
                },
                &c
            ),
            Invalidation::Light
        );
        let after = s.scale(&c);
        assert!(after.bar_spacing() > before.bar_spacing());
        assert!((logical_at(&after, &c, 400.0).0 - under.0).abs() < 1e-6);
        assert!(s.user_moved);
        // Zoom out.
        s.reduce(
            PointerInput::Wheel {
                x: 400.0,
                delta_y: 300.0,
            },
            &c,
        );
        assert!(s.scale(&c).bar_spacing() < after.bar_spacing());
        // Nonsense is ignored.
        assert_eq!(
            s.reduce(
                PointerInput::Wheel {
                    x: 400.0,
                    delta_y: f64::NAN
                },
                &c
            ),
            Invalidation::None
        );
        assert_eq!(
            s.reduce(
                PointerInput::Wheel {
                    x: 400.0,
                    delta_y: 0.0
                },
                &c
            ),
            Invalidation::None
        );
    }

    #[test]
    fn drag_pans_and_double_click_resets() {
        let c = ctx();
        let mut s = ViewState::default();
        let start = s.scale(&c);
        s.reduce(PointerInput::Down { x: 500.0, y: 100.0 }, &c);
        assert!(s.is_dragging());
        assert_eq!(
            s.reduce(PointerInput::Move { x: 600.0, y: 100.0 }, &c),
            Invalidation::Light
        );
        let moved = s.scale(&c);
        // Dragging right shows older candles: the candle under the pointer moved with it.
        assert!((moved.x(Logical(4_000.0)) - start.x(Logical(4_000.0)) - 100.0).abs() < 1e-6);
        assert_eq!(s.reduce(PointerInput::Up, &c), Invalidation::None);
        assert_eq!(
            s.reduce(PointerInput::Move { x: 700.0, y: 100.0 }, &c),
            Invalidation::Cursor
        );
        assert_eq!(s.scale(&c), moved);
        // Panning far away is clamped: some candles stay visible.
        s.reduce(PointerInput::Down { x: 0.0, y: 0.0 }, &c);
        s.reduce(
            PointerInput::Move {
                x: 900_000.0,
                y: 0.0,
            },
            &c,
        );
        assert!(s.scale(&c).visible(c.bars).is_some());
        assert_eq!(s.reduce(PointerInput::DoubleClick, &c), Invalidation::Light);
        assert_eq!(s.scale(&c), c.initial());
        assert!(!s.user_moved);
        // A press on the axis gutter does not start a drag.
        let gutter = ViewContext { plot_x: 72.0, ..c };
        s.reduce(PointerInput::Down { x: 10.0, y: 0.0 }, &gutter);
        assert!(!s.is_dragging());
    }

    #[test]
    fn new_data_keeps_a_moved_view_and_follows_otherwise() {
        let c = ctx();
        let mut s = ViewState::default();
        s.data_changed(&c, false);
        assert_eq!(s.scale(&c), c.initial());
        s.reduce(
            PointerInput::Wheel {
                x: 10.0,
                delta_y: -50.0,
            },
            &c,
        );
        let moved = s.scale(&c);
        let more = ViewContext { bars: 5_001, ..c };
        s.data_changed(&more, true);
        assert_eq!(s.scale(&more), moved);
        s.data_changed(&more, false);
        assert_eq!(s.scale(&more), more.initial());
    }

    #[test]
    fn shift_drag_measures_and_the_next_press_or_a_view_change_clears_it() {
        let c = ViewContext {
            plot_x: 50.0,
            ..ctx()
        };
        let mut s = ViewState::default();
        let start = s.scale(&c);
        s.reduce(PointerInput::MeasureDown { x: 300.0, y: 100.0 }, &c);
        assert!(!s.is_dragging());
        assert_eq!(
            s.reduce(PointerInput::Move { x: 420.0, y: 60.0 }, &c),
            Invalidation::Cursor
        );
        // Measuring never pans.
        assert_eq!(s.scale(&c), start);
        assert_eq!(s.measure, Some(((300.0, 100.0), (420.0, 60.0))));
        // After release the measure stays while the pointer moves on.
        s.reduce(PointerInput::Up, &c);
        s.reduce(PointerInput::Move { x: 500.0, y: 10.0 }, &c);
        assert_eq!(s.measure, Some(((300.0, 100.0), (420.0, 60.0))));
        // A plain press clears it (and starts a pan).
        s.reduce(PointerInput::Down { x: 500.0, y: 10.0 }, &c);
        assert_eq!(s.measure, None);
        s.reduce(PointerInput::Up, &c);
        // So does a zoom: the ends would point at other candles.
        s.reduce(PointerInput::MeasureDown { x: 300.0, y: 100.0 }, &c);
        s.reduce(PointerInput::Up, &c);
        assert!(s.measure.is_some());
        s.reduce(
            PointerInput::Wheel {
                x: 300.0,
                delta_y: -100.0,
            },
            &c,
        );
        assert_eq!(s.measure, None);
        // A shift-press on the axis gutter measures nothing.
        s.reduce(PointerInput::MeasureDown { x: 10.0, y: 100.0 }, &c);
        assert_eq!(s.measure, None);
    }

    #[test]
    fn pinching_zooms_around_the_fingers() {
        let c = ctx();
        let mut s = ViewState::default();
        let before = s.scale(&c);
        let under = logical_at(&before, &c, 600.0);
        s.reduce(PointerInput::Down { x: 600.0, y: 50.0 }, &c);
        assert_eq!(
            s.reduce(
                PointerInput::Pinch {
                    x: 600.0,
                    factor: 1.5
                },
                &c
            ),
            Invalidation::Light
        );
        // The pinch ended the one-finger pan it started from.
        assert!(!s.is_dragging());
        let after = s.scale(&c);
        assert!((after.bar_spacing() / before.bar_spacing() - 1.5).abs() < 1e-6);
        assert!((logical_at(&after, &c, 600.0).0 - under.0).abs() < 1e-6);
        s.reduce(
            PointerInput::Pinch {
                x: 600.0,
                factor: 0.5,
            },
            &c,
        );
        assert!(s.scale(&c).bar_spacing() < after.bar_spacing());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                s.reduce(
                    PointerInput::Pinch {
                        x: 600.0,
                        factor: bad
                    },
                    &c
                ),
                Invalidation::None
            );
        }
    }
}
