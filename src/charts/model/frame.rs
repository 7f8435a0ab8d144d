//! `CandleFrame`: the analysed dataframe in columnar form, decoded once when data arrives and never per frame.

use std::collections::HashMap;

use super::column::Column;
use super::units::TimestampMs;

/// The four signal columns freqtrade adds (`_enter_long_signal_close`, …): the close where a signal fired.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignalColumns {
    pub enter_long: Column,
    pub exit_long: Column,
    pub enter_short: Column,
    pub exit_short: Column,
}

/// A chart annotation (from the strategy's `plot_annotations()`), in data space.
#[derive(Debug, Clone, PartialEq)]
pub enum Annotation {
    /// A box from `start` to `end` and `y_start` to `y_end` (a missing y spans the pane).
    Area {
        start: TimestampMs,
        end: TimestampMs,
        y_start: Option<f64>,
        y_end: Option<f64>,
        color: Option<String>,
        label: Option<String>,
    },
    /// A line segment between two points.
    Line {
        start: TimestampMs,
        end: TimestampMs,
        y_start: f64,
        y_end: f64,
        color: Option<String>,
        label: Option<String>,
        width: f64,
    },
    /// A point marker.
    Point {
        at: TimestampMs,
        y: f64,
        color: Option<String>,
        label: Option<String>,
        size: f64,
    },
}

/// Candles plus every numeric indicator column, sorted by time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandleFrame {
    pub pair: String,
    pub timeframe: String,
    /// Candle length; at least 1.
    pub timeframe_ms: i64,
    pub strategy: String,
    /// Candle open times, strictly increasing.
    pub ts: Vec<i64>,
    pub open: Column,
    pub high: Column,
    pub low: Column,
    pub close: Column,
    pub volume: Column,
    pub signals: SignalColumns,
    /// `enter_tag` / `exit_tag` of the candles that have one.
    pub enter_tags: HashMap<usize, String>,
    pub exit_tags: HashMap<usize, String>,
    /// Numeric indicator columns by name (everything but OHLCV, dates and signals).
    indicators: HashMap<String, Column>,
    /// Every column the dataframe has (also those not sent), for the configurator.
    pub all_columns: Vec<String>,
    pub annotations: Vec<Annotation>,
}

/// One decoded row, used to build a frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowInput {
    pub ts: i64,
    pub ohlcv: [Option<f64>; 5],
}

impl CandleFrame {
    /// An empty frame for `pair` and `timeframe`.
    pub fn empty(pair: &str, timeframe: &str, timeframe_ms: i64) -> Self {
        CandleFrame {
            pair: pair.to_string(),
            timeframe: timeframe.to_string(),
            timeframe_ms: timeframe_ms.max(1),
            ..CandleFrame::default()
        }
    }

    pub fn len(&self) -> usize {
        self.ts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// An indicator column by name; the OHLCV columns are found too.
    pub fn column(&self, name: &str) -> Option<&Column> {
        match name {
            "open" => Some(&self.open),
            "high" => Some(&self.high),
            "low" => Some(&self.low),
            "close" => Some(&self.close),
            "volume" => Some(&self.volume),
            _ => self.indicators.get(name),
        }
    }

    /// Adds (or replaces) an indicator column; a column of the wrong length is padded or cut with gaps.
    pub fn set_indicator(&mut self, name: &str, column: Column) {
        let n = self.len();
        let column = if column.len() == n {
            column
        } else {
            Column::from_options((0..n).map(|i| column.get(i)))
        };
        self.indicators.insert(name.to_string(), column);
    }

    /// Names of the numeric indicator columns, sorted.
    pub fn indicator_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.indicators.keys().cloned().collect();
        crate::util::sort::sort(&mut names);
        names
    }

    /// The candle time of `i`.
    pub fn time(&self, i: usize) -> Option<TimestampMs> {
        self.ts.get(i).copied().map(TimestampMs)
    }

    /// The index of the candle containing `t`: the last candle opening at or before `t`, if `t` is before
    /// that candle's end. `None` outside the data window.
    pub fn candle_at(&self, t: TimestampMs) -> Option<usize> {
        snap_to_candle(&self.ts, self.timeframe_ms, t)
    }
}

/// Rounds `t` down to its candle: the index of the last candle opening at or before `t`, provided `t` is
/// before that candle's close. Times before the first candle or after the last candle's end give `None`.
pub fn snap_to_candle(ts: &[i64], timeframe_ms: i64, t: TimestampMs) -> Option<usize> {
    let after = ts.partition_point(|&open| open <= t.0);
    let i = after.checked_sub(1)?;
    let open = *ts.get(i)?;
    // A time in a data gap (past the candle's end) belongs to no candle.
    (t.0 < open.saturating_add(timeframe_ms.max(1))).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapping_rounds_down_and_skips_outside() {
        let ts = [0, 300, 600, 1200];
        let tf = 300;
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(0)), Some(0));
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(299)), Some(0));
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(300)), Some(1));
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(899)), Some(2));
        // 900..1200 is a data gap: no candle there.
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(950)), None);
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(1499)), Some(3));
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(1500)), None);
        assert_eq!(snap_to_candle(&ts, tf, TimestampMs(-1)), None);
        assert_eq!(snap_to_candle(&[], tf, TimestampMs(5)), None);
        // A zero timeframe is repaired to 1 ms.
        assert_eq!(snap_to_candle(&ts, 0, TimestampMs(300)), Some(1));
    }

    #[test]
    fn indicator_columns_are_resized_to_the_frame() {
        let mut f = CandleFrame::empty("BTC/USDT", "5m", 300_000);
        f.ts = vec![0, 1, 2];
        f.set_indicator("x", Column::from_options([Some(1.0)]));
        assert_eq!(f.column("x").map(Column::len), Some(3));
        assert_eq!(f.column("x").and_then(|c| c.get(2)), None);
        assert!(f.column("nope").is_none());
        assert_eq!(f.indicator_names(), vec!["x".to_string()]);
    }
}
