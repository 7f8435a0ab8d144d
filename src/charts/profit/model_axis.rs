//! Axes of the profit charts (on the kit's `LinearScale`): "nice" value ranges and ticks
//! (the candle chart's `price_ticks`), time ticks on a continuous time axis in the display zone, and the
//! frame (plot rectangle and tick positions) every cartesian chart shares.

use crate::charts::decode::parse_datetime;
use crate::charts::kit::scale::LinearScale;
use crate::charts::kit::time::{month_index, DAY, HOUR, MINUTE, MONTH, SECOND};
use crate::charts::model::ticks::{nice_step, price_ticks, step_decimals, time_label};
use crate::charts::model::units::Rect;
use crate::util::format;

/// Space above and right of the plot, and the height of the x labels under it.
pub const PAD_TOP: f64 = 10.0;
pub const PAD_RIGHT: f64 = 12.0;
pub const X_AXIS: f64 = 20.0;
/// Approximate width of a character of the 11 px axis font.
pub const CHAR_PX: f64 = 6.5;

/// The finite extent of `values`, widened to include 0 when asked, padded and rounded out to a nice step.
/// `(0, 1)` when there is no finite value.
pub fn nice_range(values: impl IntoIterator<Item = f64>, include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return (0.0, 1.0);
    }
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi - lo <= f64::EPSILON * lo.abs().max(hi.abs()).max(1e-300) {
        let pad = (lo.abs() * 0.1).max(1e-9);
        if lo >= 0.0 && include_zero {
            hi += pad;
        } else if hi <= 0.0 && include_zero {
            lo -= pad;
        } else {
            lo -= pad;
            hi += pad;
        }
    }
    let Some(step) = nice_step(hi - lo, 5) else {
        return (lo, hi);
    };
    let (nlo, nhi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    if nlo.is_finite() && nhi.is_finite() && nhi > nlo {
        (nlo, nhi)
    } else {
        (lo, hi)
    }
}

/// A tick: its pixel position along the axis and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
}

/// How values are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// An amount of stake currency.
    #[default]
    Amount,
    /// A ratio shown as percent (0.01 → "1%").
    Percent,
    /// A count (integers only).
    Count,
}

/// An axis label: `decimals` as the tick step needs, compact for large amounts.
pub fn axis_label(v: f64, decimals: usize, unit: Unit) -> String {
    let v = if v == 0.0 { 0.0 } else { v }; // no "-0"
    match unit {
        Unit::Percent => format::percent(Some(v), decimals.saturating_sub(2)),
        Unit::Count => format::fixed(v, 0),
        Unit::Amount if v.abs() >= 10_000.0 => format::compact(v),
        Unit::Amount => format::fixed(v, decimals),
    }
}

/// Value ticks of `scale` (vertical): about `target` of them, labelled in `unit`.
pub fn value_ticks(scale: &LinearScale, target: usize, unit: Unit) -> Vec<Tick> {
    let (d0, d1) = scale.domain();
    let (values, step) = price_ticks(d0, d1, target);
    let step = if unit == Unit::Count {
        step.max(1.0)
    } else {
        step
    };
    let decimals = step_decimals(step);
    values
        .into_iter()
        .filter(|v| unit != Unit::Count || v.fract() == 0.0)
        .map(|v| Tick {
            pos: scale.px(v),
            label: axis_label(v, decimals, unit),
        })
        .collect()
}

/// Steps shorter than a month, shortest first.
const STEPS: [i64; 17] = [
    SECOND,
    5 * SECOND,
    15 * SECOND,
    30 * SECOND,
    MINUTE,
    5 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    28 * DAY,
];
/// Month steps.
const MONTHS: [i64; 5] = [1, 2, 3, 6, 12];
/// Never more ticks than this.
const MAX_TICKS: usize = 40;

/// Ticks at round times of the zone `offset_minutes` east of UTC, at least `min_px` apart, for the time
/// domain `t0..=t1` drawn `width` px wide from `x0`.
pub fn time_ticks(
    t0: i64,
    t1: i64,
    x0: f64,
    width: f64,
    min_px: f64,
    offset_minutes: i32,
) -> Vec<Tick> {
    if t1 <= t0 || !width.is_finite() || width <= 0.0 {
        return Vec::new();
    }
    let span = (t1 - t0) as f64;
    let px_per_ms = width / span;
    let to_x = |t: i64| x0 + (t - t0) as f64 * px_per_ms;
    let off = i64::from(offset_minutes) * MINUTE;
    if let Some(step) = STEPS
        .into_iter()
        .find(|&s| s as f64 * px_per_ms >= min_px)
        .filter(|&s| s < 28 * DAY)
    {
        let mut out = Vec::new();
        let mut t = (t0 + off)
            .div_euclid(step)
            .saturating_add(1)
            .saturating_mul(step)
            - off;
        let mut prev_day = None;
        while t <= t1 && out.len() < MAX_TICKS {
            let day = (t + off).div_euclid(DAY);
            let label = if step < MINUTE {
                let text = crate::util::format::format_ts(t, offset_minutes);
                text.get(11..19).unwrap_or(&text).to_string()
            } else {
                time_label(t, offset_minutes, step, prev_day.is_none_or(|d| d != day))
            };
            out.push(Tick {
                pos: to_x(t),
                label,
            });
            prev_day = Some(day);
            t = t.saturating_add(step);
        }
        return out;
    }
    let months = MONTHS
        .into_iter()
        .find(|&m| (m * MONTH) as f64 * px_per_ms >= min_px)
        .unwrap_or(12);
    month_ticks(t0, t1, months, offset_minutes)
        .into_iter()
        .take(MAX_TICKS)
        .map(|t| Tick {
            pos: to_x(t),
            label: time_label(t, offset_minutes, MONTH, true),
        })
        .collect()
}

/// Starts of every `every`-th month (counted from January) inside `t0..=t1`, in the display zone.
fn month_ticks(t0: i64, t1: i64, every: i64, offset_minutes: i32) -> Vec<i64> {
    let off = i64::from(offset_minutes) * MINUTE;
    let every = every.max(1);
    let mut index = month_index(t0, offset_minutes);
    index = (index / every + 1) * every;
    let mut out = Vec::new();
    while out.len() < MAX_TICKS {
        let (y, m) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        let Some(start) = parse_datetime(&format!("{y:04}-{m:02}-01")) else {
            break;
        };
        let t = start.0 - off;
        if t > t1 {
            break;
        }
        if t >= t0 {
            out.push(t);
        }
        index += every;
    }
    out
}

/// Plot rectangle and ticks of a cartesian chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    /// The whole canvas.
    pub size: Rect,
    pub plot: Rect,
    /// Left axis (pos = y).
    pub y_ticks: Vec<Tick>,
    /// Right axis (pos = y), when there is a secondary series.
    pub y2_ticks: Vec<Tick>,
    /// Bottom axis (pos = x).
    pub x_ticks: Vec<Tick>,
    /// The y of the value 0 when it is inside the plot.
    pub zero_y: Option<f64>,
    /// Title of the right axis.
    pub y2_title: Option<String>,
}

/// Width of a gutter that fits the longest of `labels`.
pub fn gutter_for(labels: &[Tick]) -> f64 {
    let chars = labels
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0);
    (chars as f64 * CHAR_PX + 10.0).clamp(26.0, 96.0)
}

/// Lays out the frame for a `w`×`h` canvas: the y scale comes from `y_domain` (labelled in `unit`); the right
/// axis from `y2` (domain and title) when given. Returns the frame and the y scales; x ticks are the caller's.
pub fn frame(
    w: f64,
    h: f64,
    y_domain: (f64, f64),
    unit: Unit,
    y2: Option<((f64, f64), &str)>,
) -> (Frame, LinearScale, Option<LinearScale>) {
    let size = Rect::new(0.0, 0.0, w, h);
    let top = PAD_TOP.min(size.h / 4.0);
    let bottom = (size.h - X_AXIS).max(top + 1.0);
    let target = ((bottom - top) / 45.0).round().clamp(2.0, 8.0) as usize;
    let y = LinearScale::new(y_domain, (bottom, top));
    let y_ticks = value_ticks(&y, target, unit);
    let y2_scale = y2.map(|(d, _)| LinearScale::new(d, (bottom, top)));
    let y2_ticks = y2_scale
        .as_ref()
        .map(|s| value_ticks(s, target, Unit::Count))
        .unwrap_or_default();
    let left = gutter_for(&y_ticks).min(size.w / 3.0);
    let right = if y2.is_some() {
        gutter_for(&y2_ticks).max(PAD_RIGHT)
    } else {
        PAD_RIGHT
    }
    .min(size.w / 4.0);
    let plot = Rect::new(left, top, (size.w - left - right).max(1.0), bottom - top);
    let (d0, d1) = y.domain();
    let zero_y = (d0 <= 0.0 && d1 >= 0.0).then(|| y.px(0.0));
    (
        Frame {
            size,
            plot,
            y_ticks,
            y2_ticks,
            x_ticks: Vec::new(),
            zero_y,
            y2_title: y2.map(|(_, t)| t.to_string()),
        },
        y,
        y2_scale,
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn nice_ranges_include_zero_and_round_out() {
        assert_eq!(nice_range([0.3, 1.7], true), (0.0, 2.0));
        assert_eq!(nice_range([-0.19, -0.05], true), (-0.2, 0.0));
        assert_eq!(nice_range([], true), (0.0, 1.0));
        assert_eq!(nice_range([f64::NAN], false), (0.0, 1.0));
        let (lo, hi) = nice_range([-0.0998, -0.0998], false);
        assert!(lo < -0.0998 && hi > -0.0998, "{lo} {hi}");
        let (lo, hi) = nice_range([0.0], true);
        assert!(lo == 0.0 && hi > 0.0);
    }

    #[test]
    fn labels_by_unit() {
        assert_eq!(axis_label(0.05, 2, Unit::Percent), "5 %");
        assert_eq!(axis_label(0.005, 3, Unit::Percent), "0.5 %");
        assert_eq!(axis_label(-0.0, 1, Unit::Amount), "0.0");
        assert_eq!(axis_label(25_000.0, 0, Unit::Amount), "25.0k");
        assert_eq!(axis_label(3.0, 0, Unit::Count), "3");
        let s = LinearScale::new((0.0, 2.5), (100.0, 0.0));
        let t = value_ticks(&s, 4, Unit::Count);
        assert!(t.iter().all(|t| !t.label.contains('.')), "{t:?}");
    }

    #[test]
    fn time_ticks_fall_on_round_times() {
        // 2026-11-21 00:00 UTC to +3 days, 600 px: daily ticks.
        let t0 = 1_795_219_200_000_i64;
        let ticks = time_ticks(t0 - HOUR, t0 + 3 * DAY, 0.0, 600.0, 70.0, 0);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"11-21"));
        assert!(ticks.windows(2).all(|w| w[1].pos - w[0].pos >= 70.0));
        // A few minutes: minute ticks with HH:MM labels.
        let short = time_ticks(
            t0 + 10 * HOUR,
            t0 + 10 * HOUR + 10 * MINUTE,
            0.0,
            600.0,
            50.0,
            0,
        );
        assert_eq!(short.first().map(|t| t.label.as_str()), Some("10:01"));
        // Two years: month starts.
        let long = time_ticks(t0, t0 + 730 * DAY, 0.0, 600.0, 60.0, 0);
        assert!(long.iter().all(|t| t.label.len() == 7), "{long:?}");
        assert!(!long.is_empty() && long.len() <= 40);
        // Seconds when trades closed seconds apart.
        let secs = time_ticks(
            t0 + 10 * HOUR,
            t0 + 10 * HOUR + 20 * SECOND,
            0.0,
            600.0,
            70.0,
            0,
        );
        assert_eq!(secs.first().map(|t| t.label.as_str()), Some("10:00:05"));
        // Degenerate.
        assert!(time_ticks(t0, t0, 0.0, 600.0, 60.0, 0).is_empty());
        assert!(time_ticks(t0, t0 + DAY, 0.0, f64::NAN, 60.0, 0).is_empty());
    }

    #[test]
    fn frame_leaves_room_for_labels() {
        let (f, y, y2) = frame(
            400.0,
            200.0,
            (-1.0, 1.0),
            Unit::Amount,
            Some(((0.0, 5.0), "Trades")),
        );
        assert!(f.plot.x >= 26.0 && f.plot.right() < 400.0);
        assert_eq!(f.zero_y.map(|z| z.round()), Some(y.px(0.0).round()));
        assert!(y2.is_some() && !f.y2_ticks.is_empty());
        let (tiny, _, _) = frame(0.0, 0.0, (0.0, 1.0), Unit::Amount, None);
        assert!(tiny.plot.w >= 1.0 && tiny.plot.h >= 0.0);
    }
}
