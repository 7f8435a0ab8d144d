//! Axis ticks: "nice" price steps (1, 2, 2.5, 5 × 10ⁿ) and time ticks at round boundaries of the display
//! time zone, snapped to the first candle of each boundary (the x axis is the bar index).

use super::units::TimestampMs;
use crate::charts::kit::time::{month_index, DAY, HOUR, MINUTE, MONTH};

/// At most this many ticks are ever produced on one axis.
const MAX_TICKS: usize = 64;

/// A step of about `range / target` rounded to 1, 2, 2.5 or 5 × 10ⁿ; `None` for a degenerate range.
pub fn nice_step(range: f64, target: usize) -> Option<f64> {
    if !range.is_finite() || range <= 0.0 || target == 0 {
        return None;
    }
    let raw = range / target as f64;
    let mag = 10f64.powf(raw.log10().floor());
    if !mag.is_finite() || mag <= 0.0 {
        return None;
    }
    let norm = raw / mag;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| norm <= n)
        .unwrap_or(10.0);
    Some(nice * mag)
}

/// Price ticks inside `min..=max`, about `target` of them, and their step.
pub fn price_ticks(min: f64, max: f64, target: usize) -> (Vec<f64>, f64) {
    let Some(step) = nice_step(max - min, target) else {
        return (Vec::new(), 0.0);
    };
    let first = (min / step).ceil();
    let mut out = Vec::new();
    let mut k = 0.0;
    while out.len() < MAX_TICKS {
        let v = (first + k) * step;
        if v > max + step * 1e-9 {
            break;
        }
        // Snap values like 0.30000000000000004 to the step's precision.
        out.push(round_to_step(v, step));
        k += 1.0;
    }
    (out, step)
}

/// Decimals needed to show multiples of `step` exactly (0..=10).
pub fn step_decimals(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 2;
    }
    let mut d = 0usize;
    let mut s = step;
    while d < 10 && (s - s.round()).abs() > 1e-9 * s.abs().max(1.0) {
        s *= 10.0;
        d += 1;
    }
    d
}

fn round_to_step(v: f64, step: f64) -> f64 {
    let factor = 10f64.powi(step_decimals(step) as i32);
    (v * factor).round() / factor
}

/// Candidate time steps, shortest first.
const TIME_STEPS: [i64; 15] = [
    MINUTE,
    5 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    4 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    MONTH,
    365 * DAY,
];

/// The shortest step whose labels are at least `min_px` apart, given candles `timeframe_ms` long drawn
/// `bar_spacing` px apart.
pub fn time_step(timeframe_ms: i64, bar_spacing: f64, min_px: f64) -> i64 {
    let tf = timeframe_ms.max(1) as f64;
    TIME_STEPS
        .into_iter()
        .find(|&s| s as f64 >= tf && s as f64 / tf * bar_spacing >= min_px)
        .unwrap_or(365 * DAY)
}

/// A time tick: the candle it sits on and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeTick {
    pub index: usize,
    pub label: String,
}

/// Ticks for candles `from..=to` of `ts`: each candle that starts a new `step` period (in the zone
/// `offset_minutes` east of UTC) gets one. Labels show the time, or the date where the day changes.
pub fn time_ticks(
    ts: &[i64],
    from: usize,
    to: usize,
    step: i64,
    offset_minutes: i32,
) -> Vec<TimeTick> {
    let step = step.max(1);
    let off = i64::from(offset_minutes) * MINUTE;
    let bucket = |t: i64| {
        if step >= MONTH {
            month_index(t, offset_minutes)
        } else {
            (t + off).div_euclid(step)
        }
    };
    let end = to.saturating_add(1).min(ts.len());
    let mut out = Vec::new();
    let mut prev: Option<i64> = from.checked_sub(1).and_then(|i| ts.get(i)).copied();
    for i in from.min(end)..end {
        let Some(&t) = ts.get(i) else { break };
        let new_period = match prev {
            Some(p) => bucket(p) != bucket(t),
            None => (t + off).rem_euclid(step.min(DAY)) == 0,
        };
        if new_period {
            let day_changed =
                prev.is_none_or(|p| (p + off).div_euclid(DAY) != (t + off).div_euclid(DAY));
            out.push(TimeTick {
                index: i,
                label: time_label(t, offset_minutes, step, day_changed),
            });
            if out.len() >= MAX_TICKS * 4 {
                break;
            }
        }
        prev = Some(t);
    }
    out
}

/// `HH:MM` inside a day, `MM-DD` on a new day, `YYYY-MM` for month steps.
pub fn time_label(t: i64, offset_minutes: i32, step: i64, day_changed: bool) -> String {
    let text = crate::util::format::format_ts(t, offset_minutes);
    let part = |a: usize, b: usize| text.get(a..b).unwrap_or("").to_string();
    if step >= MONTH {
        part(0, 7)
    } else if step >= DAY || (day_changed && part(11, 16) == "00:00") {
        part(5, 10)
    } else {
        part(11, 16)
    }
}

/// The full date and time of a candle, for the tooltip.
pub fn full_time(t: TimestampMs, offset_minutes: i32) -> String {
    let text = crate::util::format::format_ts(t.0, offset_minutes);
    text.get(0..16).unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 10), Some(10.0));
        assert_eq!(nice_step(7.0, 5), Some(2.0));
        assert_eq!(nice_step(0.9, 4), Some(0.25));
        assert_eq!(nice_step(3400.0, 8), Some(500.0));
        assert_eq!(nice_step(0.0, 5), None);
        assert_eq!(nice_step(f64::NAN, 5), None);
        assert_eq!(nice_step(-1.0, 5), None);
        assert_eq!(nice_step(1.0, 0), None);
    }

    #[test]
    fn price_ticks_are_round_and_inside() {
        let t = price_ticks(61_258.13, 61_459.34, 5);
        assert_eq!(t, (vec![61_300.0, 61_350.0, 61_400.0, 61_450.0], 50.0));
        let (t, step) = price_ticks(0.1, 0.35, 5);
        assert_eq!(t, vec![0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
        assert_eq!(step_decimals(step), 2);
        // An oscillator around zero: the step, not a difference of ticks, sets the decimals.
        let (t, step) = price_ticks(-163.2, 151.9, 4);
        assert_eq!(t, vec![-100.0, 0.0, 100.0]);
        assert_eq!(step_decimals(step), 0);
        assert!(price_ticks(1.0, 1.0, 5).0.is_empty());
        assert!(price_ticks(f64::NAN, 2.0, 5).0.is_empty());
        assert!(price_ticks(0.0, 1e300, 5).0.len() <= 64);
        assert_eq!(step_decimals(0.25), 2);
        assert_eq!(step_decimals(500.0), 0);
        assert_eq!(step_decimals(f64::NAN), 2);
    }

    #[test]
    fn time_step_keeps_labels_apart() {
        // 5m candles 6px apart: 1h = 12 bars = 72px < 80; 2h = 144px.
        assert_eq!(time_step(5 * MINUTE, 6.0, 80.0), 2 * HOUR);
        assert_eq!(time_step(5 * MINUTE, 40.0, 80.0), 15 * MINUTE);
        // Never shorter than a candle.
        assert_eq!(time_step(HOUR, 200.0, 80.0), HOUR);
        assert_eq!(time_step(5 * MINUTE, 0.0001, 80.0), 365 * DAY);
    }

    #[test]
    fn time_ticks_snap_to_candles_and_follow_the_zone() {
        // 5m candles from 2026-11-21 09:35 UTC for 3 hours.
        let start = 1_795_253_700_000_i64;
        let ts: Vec<i64> = (0..36).map(|i| start + i * 5 * MINUTE).collect();
        let ticks = time_ticks(&ts, 0, 35, HOUR, 0);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, vec!["10:00", "11:00", "12:00"]);
        assert_eq!(ticks.first().map(|t| t.index), Some(5));
        // In UTC+1 the hours fall on the same candles, labelled an hour later.
        let shifted = time_ticks(&ts, 0, 35, HOUR, 60);
        assert_eq!(shifted.first().map(|t| t.label.as_str()), Some("11:00"));
        // A gap in the data: the tick goes to the first candle after the boundary.
        let gappy = vec![start, start + 2 * HOUR + 7 * MINUTE];
        let t = time_ticks(&gappy, 0, 1, HOUR, 0);
        assert_eq!(t.len(), 1);
        assert_eq!(t.first().map(|t| t.index), Some(1));
        // Out-of-range bounds are clamped.
        assert!(time_ticks(&ts, 40, 50, HOUR, 0).is_empty());
        // Midnight shows the date.
        let midnight = 1_795_219_200_000_i64; // 2026-11-21 00:00 UTC
        let t = time_ticks(&[midnight - HOUR, midnight], 0, 1, HOUR, 0);
        assert_eq!(t.last().map(|t| t.label.as_str()), Some("11-21"));
        assert_eq!(full_time(TimestampMs(midnight), 0), "2026-11-21 00:00");
    }
}
