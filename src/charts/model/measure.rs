//! The measure tool (shift + drag on the candle chart): the change, price difference, candle count and time
//! between two points, each point snapped to its candle and read at its height on the pane's value scale.

use super::scene::Scene;
use super::tooltip::hit_test;
use crate::util::format;

/// One end of a measurement: a candle and the value at the pointer's height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasurePoint {
    pub index: usize,
    pub value: f64,
}

/// What lies between the two ends (from the first to the second: negative when measured backwards or down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    pub candles: i64,
    /// From the first candle's open time to the second's (a gap in the data counts as time, not as candles).
    pub duration_ms: i64,
    pub diff: f64,
    /// `diff` relative to the first value; `None` when that value is zero.
    pub change: Option<f64>,
}

/// The measurement from `from` to `to` over candles opening at `ts`; `None` for a candle outside the data or
/// a value that is not a number.
pub fn measure(ts: &[i64], from: MeasurePoint, to: MeasurePoint) -> Option<Measurement> {
    let (t0, t1) = (*ts.get(from.index)?, *ts.get(to.index)?);
    if !from.value.is_finite() || !to.value.is_finite() {
        return None;
    }
    let diff = to.value - from.value;
    Some(Measurement {
        candles: to.index as i64 - from.index as i64,
        duration_ms: t1.saturating_sub(t0),
        diff,
        change: (from.value != 0.0).then(|| diff / from.value.abs()),
    })
}

impl Measurement {
    /// `"+2.35 % · +120.50 · 12 candles · 1h 0m"`; backwards in time reads `"-12 candles · -1h 0m"`.
    pub fn text(&self) -> String {
        let change = self
            .change
            .map(format::signed_percent)
            .unwrap_or_else(|| format::MISSING.to_string());
        let diff = match format::price(self.diff) {
            t if t.starts_with('-') || t == format::MISSING => t,
            t => format!("+{t}"),
        };
        let noun = if self.candles.abs() == 1 {
            "candle"
        } else {
            "candles"
        };
        let back = if self.duration_ms < 0 { "-" } else { "" };
        let time = format::duration_short(self.duration_ms.unsigned_abs() as f64 / 1000.0);
        format!("{change} · {diff} · {} {noun} · {back}{time}", self.candles)
    }

    pub fn rising(&self) -> bool {
        self.diff >= 0.0
    }
}

/// A measurement placed on screen: its ends snapped to their candles' x, at the pointer's heights.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedMeasure {
    pub measurement: Measurement,
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub text: String,
}

/// Reads the two screen points `a` (where the drag started) and `b` on `scene`: both in the pane under `a`,
/// with `b` held inside that pane and the plot. `None` when `a` is not over a pane.
pub fn measure_on(
    scene: &Scene,
    ts: &[i64],
    a: (f64, f64),
    b: (f64, f64),
) -> Option<PlacedMeasure> {
    let start = hit_test(scene, ts.len(), a.0, a.1)?;
    let pane = scene.pane(start.pane?)?;
    let plot = scene.layout.plot;
    let bx = b.0.clamp(plot.x, plot.right());
    let by = b.1.clamp(pane.rect.y, pane.rect.bottom());
    let end = hit_test(scene, ts.len(), bx, by)?;
    let measurement = measure(
        ts,
        MeasurePoint {
            index: start.index,
            value: pane.scale.value(a.1),
        },
        MeasurePoint {
            index: end.index,
            value: pane.scale.value(by),
        },
    )?;
    Some(PlacedMeasure {
        text: measurement.text(),
        measurement,
        from: (start.x, a.1),
        to: (end.x, by),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN5: i64 = 300_000;

    fn ts(n: usize) -> Vec<i64> {
        (0..n as i64)
            .map(|i| 1_700_000_000_000 + i * MIN5)
            .collect()
    }

    fn p(index: usize, value: f64) -> MeasurePoint {
        MeasurePoint { index, value }
    }

    #[test]
    fn measures_change_difference_candles_and_time() {
        let m = measure(&ts(100), p(10, 200.0), p(22, 205.0));
        let m = m.unwrap_or_else(|| panic!("a measurement"));
        assert_eq!(m.candles, 12);
        assert_eq!(m.duration_ms, 12 * MIN5);
        assert!((m.diff - 5.0).abs() < 1e-12);
        assert!((m.change.unwrap_or(0.0) - 0.025).abs() < 1e-12);
        assert!(m.rising());
        assert_eq!(m.text(), "+2.50 % · +5.0000 · 12 candles · 1h 0m");
    }

    #[test]
    fn backwards_and_down_are_negative() {
        let m = measure(&ts(100), p(30, 50_000.0), p(29, 45_000.0));
        let m = m.unwrap_or_else(|| panic!("a measurement"));
        assert_eq!(m.candles, -1);
        assert!(!m.rising());
        assert_eq!(m.text(), "-10.00 % · -5000.00 · -1 candle · -5m 0s");
    }

    #[test]
    fn the_same_candle_is_zero_and_a_gap_counts_as_time() {
        let m = measure(&ts(5), p(2, 1.0), p(2, 1.0)).unwrap_or_else(|| panic!("a measurement"));
        assert_eq!(m.text(), "+0.00 % · +0.00 · 0 candles · 0s");
        // Candle 2 opens two hours after candle 1 (the exchange had no data in between).
        let gappy = [0, MIN5, MIN5 + 7_200_000];
        let m = measure(&gappy, p(1, 1.0), p(2, 1.0)).unwrap_or_else(|| panic!("a measurement"));
        assert_eq!((m.candles, m.duration_ms), (1, 7_200_000));
    }

    #[test]
    fn nonsense_gives_nothing_or_no_percentage() {
        assert_eq!(measure(&ts(5), p(1, 1.0), p(5, 1.0)), None);
        assert_eq!(measure(&ts(5), p(1, f64::NAN), p(2, 1.0)), None);
        assert_eq!(measure(&[], p(0, 1.0), p(0, 1.0)), None);
        // From zero (an oscillator pane) there is no relative change, only the difference.
        let m = measure(&ts(5), p(0, 0.0), p(3, -2.0)).unwrap_or_else(|| panic!("a measurement"));
        assert_eq!(m.change, None);
        assert!(m.text().starts_with("– · -2.0000 · 3 candles"));
    }
}
