//! Level-of-detail pyramids: candles and indicator columns pre-aggregated in buckets of 2, 4, 8, … candles
//! (built once per model, O(n)). When many candles share a pixel column, conflation walks the coarsest level
//! whose buckets are still at most half a pixel wide, so a zoomed-out frame costs O(pixel columns) instead of
//! O(candles): 50,000 candles pan like 500.

use super::column::Column;
use super::conflate::{Bar, Ohlc, Runs};
use super::scale::TimeScale;
use super::units::Logical;

/// The pyramid level to use at `bar_spacing` px per candle: 0 means the raw candles; level k ≥ 1 has buckets of
/// 2^k candles, chosen so a bucket spans at most half a pixel.
pub fn level_for(bar_spacing: f64) -> usize {
    if !bar_spacing.is_finite() || bar_spacing <= 0.0 || bar_spacing >= 0.5 {
        return 0;
    }
    // 2^k * spacing <= 0.5
    let k = (0.5 / bar_spacing).log2().floor();
    if k.is_finite() && k >= 1.0 {
        (k as usize).min(30)
    } else {
        0
    }
}

fn merge_bars(a: Option<Bar>, b: Option<Bar>) -> Option<Bar> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Bar {
            center: Logical((a.first as f64 + b.last as f64) / 2.0),
            first: a.first,
            last: b.last,
            open: a.open,
            high: a.high.max(b.high),
            low: a.low.min(b.low),
            close: b.close,
            volume: match (a.volume, b.volume) {
                (Some(x), Some(y)) => Some(x + y),
                (x, y) => x.or(y),
            },
        }),
        (a, b) => a.or(b),
    }
}

/// Candles aggregated per bucket; `levels[k - 1]` has buckets of 2^k candles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OhlcPyramid {
    levels: Vec<Vec<Option<Bar>>>,
}

impl OhlcPyramid {
    pub fn build(ohlc: Ohlc<'_>) -> Self {
        let n = ohlc.close.len();
        let base: Vec<Option<Bar>> = (0..n)
            .map(|i| {
                let (o, h, l, c) = (
                    ohlc.open.get(i)?,
                    ohlc.high.get(i)?,
                    ohlc.low.get(i)?,
                    ohlc.close.get(i)?,
                );
                Some(Bar {
                    center: Logical(i as f64),
                    first: i,
                    last: i,
                    open: o,
                    high: h.max(o).max(c),
                    low: l.min(o).min(c),
                    close: c,
                    volume: ohlc.volume.get(i),
                })
            })
            .collect();
        let mut levels = Vec::new();
        let mut prev = base;
        while prev.len() > 1 {
            let next: Vec<Option<Bar>> = prev
                .chunks(2)
                .map(|pair| {
                    merge_bars(
                        pair.first().copied().flatten(),
                        pair.get(1).copied().flatten(),
                    )
                })
                .collect();
            levels.push(next.clone());
            prev = next;
        }
        OhlcPyramid { levels }
    }

    /// Bars for candles `from..=to` at `scale`, one per pixel column, from the pyramid; `None` when the raw
    /// candles are the right level (zoomed in far enough).
    pub fn conflate(&self, scale: &TimeScale, from: usize, to: usize) -> Option<Vec<Bar>> {
        let k = level_for(scale.bar_spacing());
        let level = self.levels.get(k.checked_sub(1)?)?;
        if from > to {
            return Some(Vec::new());
        }
        let (a, b) = (from >> k, to >> k);
        let mut out: Vec<Bar> = Vec::with_capacity(scale.width() as usize + 2);
        let mut current: Option<(i64, Bar)> = None;
        for bucket in level
            .get(a..=b.min(level.len().saturating_sub(1)))
            .unwrap_or(&[])
            .iter()
            .flatten()
        {
            let col = scale.x(bucket.center).floor() as i64;
            current = match current {
                Some((c, bar)) if c == col => {
                    Some((c, merge_bars(Some(bar), Some(*bucket)).unwrap_or(bar)))
                }
                Some((_, bar)) => {
                    out.push(bar);
                    Some((col, *bucket))
                }
                None => Some((col, *bucket)),
            };
        }
        if let Some((_, bar)) = current {
            out.push(bar);
        }
        Some(out)
    }
}

/// (index of min, min, index of max, max).
type MinMax = (usize, f64, usize, f64);
/// A bucket's extremes; `None` when every value in it is missing.
type Extremes = Option<MinMax>;
/// The pixel column being filled: its column, extremes, first and last candle.
type OpenColumn = (i64, MinMax, usize, usize);

fn merge_extremes(a: Extremes, b: Extremes) -> Extremes {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (mi, mv) = if b.1 < a.1 { (b.0, b.1) } else { (a.0, a.1) };
            let (xi, xv) = if b.3 > a.3 { (b.2, b.3) } else { (a.2, a.3) };
            Some((mi, mv, xi, xv))
        }
        (a, b) => a.or(b),
    }
}

/// An indicator column's extremes per bucket; `levels[k - 1]` has buckets of 2^k candles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnPyramid {
    levels: Vec<Vec<Extremes>>,
}

impl ColumnPyramid {
    pub fn build(col: &Column) -> Self {
        let mut prev: Vec<Extremes> = (0..col.len())
            .map(|i| col.get(i).map(|v| (i, v, i, v)))
            .collect();
        let mut levels = Vec::new();
        while prev.len() > 1 {
            let next: Vec<Extremes> = prev
                .chunks(2)
                .map(|pair| {
                    merge_extremes(
                        pair.first().copied().flatten(),
                        pair.get(1).copied().flatten(),
                    )
                })
                .collect();
            levels.push(next.clone());
            prev = next;
        }
        ColumnPyramid { levels }
    }

    /// The line over `from..=to`: each pixel column's lowest and highest value in time order, runs split
    /// where a whole bucket is missing. `None` when the raw values are the right level.
    pub fn conflate_line(&self, scale: &TimeScale, from: usize, to: usize) -> Option<Runs> {
        let k = level_for(scale.bar_spacing());
        let level = self.levels.get(k.checked_sub(1)?)?;
        let mut runs: Runs = Vec::new();
        if from > to {
            return Some(runs);
        }
        let (a, b) = (from >> k, to >> k);
        let mut run: Vec<(Logical, f64)> = Vec::new();
        let mut current: Option<OpenColumn> = None;
        let emit = |run: &mut Vec<(Logical, f64)>, e: MinMax, first: usize, last: usize| {
            let center = Logical((first as f64 + last as f64) / 2.0);
            let (lo, hi) = ((e.0, e.1), (e.2, e.3));
            let (p, q) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
            run.push((center, p.1));
            if q.0 != p.0 {
                run.push((center, q.1));
            }
        };
        let buckets = level
            .get(a..=b.min(level.len().saturating_sub(1)))
            .unwrap_or(&[]);
        for (offset, bucket) in buckets.iter().enumerate() {
            let first = (a + offset) << k;
            let last = first + (1 << k) - 1;
            let Some(e) = bucket else {
                if let Some((_, e, f, l)) = current.take() {
                    emit(&mut run, e, f, l);
                }
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
                continue;
            };
            let col = scale.x(Logical((first + last) as f64 / 2.0)).floor() as i64;
            current = match current {
                Some((c, acc, f, _)) if c == col => Some((
                    c,
                    merge_extremes(Some(acc), Some(*e)).unwrap_or(acc),
                    f,
                    last,
                )),
                Some((_, acc, f, l)) => {
                    emit(&mut run, acc, f, l);
                    Some((col, *e, first, last))
                }
                None => Some((col, *e, first, last)),
            };
        }
        if let Some((_, e, f, l)) = current {
            emit(&mut run, e, f, l);
        }
        if !run.is_empty() {
            runs.push(run);
        }
        Some(runs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::model::units::CssPx;

    #[test]
    fn levels_keep_buckets_under_half_a_pixel() {
        assert_eq!(level_for(1.0), 0);
        assert_eq!(level_for(0.5), 0);
        assert_eq!(level_for(0.25), 1);
        assert_eq!(level_for(0.1), 2);
        assert_eq!(level_for(1400.0 / 50_000.0), 4);
        assert_eq!(level_for(f64::NAN), 0);
        assert_eq!(level_for(0.0), 0);
    }

    fn data(n: usize) -> (Column, Column, Column, Column, Column) {
        let c: Vec<Option<f64>> = (0..n)
            .map(|i| Some(100.0 + ((i * 7919) % 101) as f64))
            .collect();
        let o: Vec<Option<f64>> = (0..n)
            .map(|i| {
                if i % 977 == 5 {
                    None
                } else {
                    Some(100.0 + ((i * 31) % 50) as f64)
                }
            })
            .collect();
        let h: Vec<Option<f64>> = (0..n).map(|i| Some(210.0 + (i % 13) as f64)).collect();
        let l: Vec<Option<f64>> = (0..n).map(|i| Some(90.0 - (i % 7) as f64)).collect();
        let v: Vec<Option<f64>> = (0..n).map(|_| Some(1.0)).collect();
        (
            Column::from_options(o),
            Column::from_options(h),
            Column::from_options(l),
            Column::from_options(c),
            Column::from_options(v),
        )
    }

    #[test]
    fn pyramid_bars_cover_every_candle_once_and_keep_the_extremes() {
        let n = 50_000;
        let (o, h, l, c, v) = data(n);
        let ohlc = Ohlc {
            open: &o,
            high: &h,
            low: &l,
            close: &c,
            volume: &v,
        };
        let p = OhlcPyramid::build(ohlc);
        let scale = TimeScale::showing_last(n, n, 0.0, CssPx(1328.0));
        let bars = p.conflate(&scale, 0, n - 1).unwrap_or_default();
        assert!(
            bars.len() <= 1330 && bars.len() > 1200,
            "{} bars",
            bars.len()
        );
        let mut next = 0;
        for b in &bars {
            assert!(b.first >= next);
            next = b.last + 1;
        }
        assert_eq!(next, n);
        let valid = (0..n).filter(|&i| o.get(i).is_some()).count() as f64;
        let vol: f64 = bars.iter().filter_map(|b| b.volume).sum();
        assert_eq!(vol, valid);
        let hi = bars.iter().map(|b| b.high).fold(f64::MIN, f64::max);
        let lo = bars.iter().map(|b| b.low).fold(f64::MAX, f64::min);
        assert_eq!((lo, hi), (84.0, 222.0));
        // Zoomed in: the raw candles are used instead.
        assert!(p
            .conflate(
                &TimeScale::showing_last(n, 250, 0.0, CssPx(1328.0)),
                0,
                n - 1
            )
            .is_none());
        assert_eq!(p.conflate(&scale, 5, 1), Some(Vec::new()));
        assert!(OhlcPyramid::default().conflate(&scale, 0, 9).is_none());
    }

    #[test]
    fn pyramid_lines_keep_spikes_and_gaps() {
        let n = 40_000;
        let mut values: Vec<Option<f64>> = (0..n).map(|i| Some((i % 10) as f64)).collect();
        if let Some(v) = values.get_mut(12_345) {
            *v = Some(500.0);
        }
        for v in values.iter_mut().skip(20_000).take(4_000) {
            *v = None;
        }
        let col = Column::from_options(values);
        let p = ColumnPyramid::build(&col);
        let scale = TimeScale::showing_last(n, n, 0.0, CssPx(800.0));
        let runs = p.conflate_line(&scale, 0, n - 1).unwrap_or_default();
        assert_eq!(runs.len(), 2);
        let points: usize = runs.iter().map(Vec::len).sum();
        assert!(points <= 2 * 802, "{points}");
        let max = runs.iter().flatten().map(|p| p.1).fold(f64::MIN, f64::max);
        let min = runs.iter().flatten().map(|p| p.1).fold(f64::MAX, f64::min);
        assert_eq!((min, max), (0.0, 500.0));
        assert!(p
            .conflate_line(
                &TimeScale::showing_last(n, 100, 0.0, CssPx(800.0)),
                0,
                n - 1
            )
            .is_none());
    }
}
