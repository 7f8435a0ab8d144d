//! Level of detail: when bars are narrower than a pixel, the candles of each pixel column are merged into one
//! (first open, highest high, lowest low, last close, summed volume), and indicator lines keep each column's
//! lowest and highest value. So the renderer never draws more than one item per pixel column, and
//! 50,000 candles cost what 1,400 do.

use super::column::Column;
use super::scale::TimeScale;
use super::units::Logical;

/// One drawn candle: a real one, or the merge of the candles of one pixel column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// Centre of the bar in logical index space.
    pub center: Logical,
    /// First and last candle merged into this bar.
    pub first: usize,
    pub last: usize,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    /// Summed volume; `None` when every candle's volume is missing.
    pub volume: Option<f64>,
}

/// The OHLC columns a bar list is built from (raw or Heikin-Ashi).
#[derive(Debug, Clone, Copy)]
pub struct Ohlc<'a> {
    pub open: &'a Column,
    pub high: &'a Column,
    pub low: &'a Column,
    pub close: &'a Column,
    pub volume: &'a Column,
}

/// The pixel column of candle `i` (at least 1 px wide).
#[inline]
fn pixel_column(scale: &TimeScale, i: usize) -> i64 {
    scale.x(Logical(i as f64)).floor() as i64
}

/// Bars for candles `from..=to`: one per candle when bars are at least a pixel wide, else one per pixel column.
/// Candles with a missing open, high, low or close are skipped (drawn as gaps).
pub fn conflate_bars(ohlc: Ohlc<'_>, scale: &TimeScale, from: usize, to: usize) -> Vec<Bar> {
    let n = ohlc.close.len();
    if n == 0 || from > to || from >= n {
        return Vec::new();
    }
    let to = to.min(n - 1);
    let merge = scale.bar_spacing() < 1.0;
    let mut out: Vec<Bar> = Vec::with_capacity(if merge {
        scale.width() as usize + 2
    } else {
        to - from + 1
    });
    let mut current: Option<(i64, Bar)> = None;
    for i in from..=to {
        let (Some(o), Some(h), Some(l), Some(c)) = (
            ohlc.open.get(i),
            ohlc.high.get(i),
            ohlc.low.get(i),
            ohlc.close.get(i),
        ) else {
            continue;
        };
        let v = ohlc.volume.get(i);
        let col = if merge {
            pixel_column(scale, i)
        } else {
            i as i64
        };
        match current.as_mut() {
            Some((k, bar)) if *k == col => {
                bar.last = i;
                bar.high = bar.high.max(h);
                bar.low = bar.low.min(l);
                bar.close = c;
                bar.volume = match (bar.volume, v) {
                    (Some(a), Some(b)) => Some(a + b),
                    (a, b) => a.or(b),
                };
            }
            _ => {
                if let Some((_, done)) = current.take() {
                    out.push(finish(done));
                }
                current = Some((
                    col,
                    Bar {
                        center: Logical(i as f64),
                        first: i,
                        last: i,
                        open: o,
                        high: h.max(o).max(c),
                        low: l.min(o).min(c),
                        close: c,
                        volume: v,
                    },
                ));
            }
        }
    }
    if let Some((_, done)) = current {
        out.push(finish(done));
    }
    out
}

fn finish(mut bar: Bar) -> Bar {
    bar.center = Logical((bar.first as f64 + bar.last as f64) / 2.0);
    bar
}

/// A polyline in data space: runs of (logical index, value) split at gaps.
pub type Runs = Vec<Vec<(Logical, f64)>>;

/// The points of an indicator line over `from..=to`. With bars a pixel wide or more every finite value is a
/// point; narrower, each pixel column contributes its lowest and highest value in time order, so spikes
/// survive. A gap ends a run.
pub fn conflate_line(values: &Column, scale: &TimeScale, from: usize, to: usize) -> Runs {
    let n = values.len();
    if n == 0 || from > to || from >= n {
        return Vec::new();
    }
    let to = to.min(n - 1);
    let mut runs: Runs = Vec::new();
    let mut run: Vec<(Logical, f64)> = Vec::new();
    if scale.bar_spacing() >= 1.0 {
        for i in from..=to {
            match values.get(i) {
                Some(v) => run.push((Logical(i as f64), v)),
                None => flush(&mut runs, &mut run),
            }
        }
        flush(&mut runs, &mut run);
        return runs;
    }
    // Per pixel column: first, min, max and last, with the index of each.
    let mut acc: Option<ColumnAcc> = None;
    for i in from..=to {
        let Some(v) = values.get(i) else {
            if let Some(a) = acc.take() {
                a.emit(&mut run);
            }
            flush(&mut runs, &mut run);
            continue;
        };
        let col = pixel_column(scale, i);
        match acc.as_mut() {
            Some(a) if a.col == col => a.add(i, v),
            _ => {
                if let Some(a) = acc.take() {
                    a.emit(&mut run);
                }
                acc = Some(ColumnAcc::new(col, i, v));
            }
        }
    }
    if let Some(a) = acc.take() {
        a.emit(&mut run);
    }
    flush(&mut runs, &mut run);
    runs
}

fn flush(runs: &mut Runs, run: &mut Vec<(Logical, f64)>) {
    if !run.is_empty() {
        runs.push(std::mem::take(run));
    }
}

struct ColumnAcc {
    col: i64,
    first: (usize, f64),
    min: (usize, f64),
    max: (usize, f64),
    last: (usize, f64),
}

impl ColumnAcc {
    fn new(col: i64, i: usize, v: f64) -> Self {
        ColumnAcc {
            col,
            first: (i, v),
            min: (i, v),
            max: (i, v),
            last: (i, v),
        }
    }

    fn add(&mut self, i: usize, v: f64) {
        if v < self.min.1 {
            self.min = (i, v);
        }
        if v > self.max.1 {
            self.max = (i, v);
        }
        self.last = (i, v);
    }

    /// Pushes the column's lowest and highest value in time order, at the column's centre: a vertical stroke
    /// covering the column's range, joined to its neighbours. (First and last add nothing visible at one
    /// pixel per column, so they are left out: half the points.)
    fn emit(self, run: &mut Vec<(Logical, f64)>) {
        let center = Logical((self.first.0 as f64 + self.last.0 as f64) / 2.0);
        // Two points in time order: a swap, not a sort (a sort would add its own compiled copy, util::sort).
        let points = if self.max.0 < self.min.0 {
            [self.max, self.min]
        } else {
            [self.min, self.max]
        };
        let mut prev: Option<usize> = None;
        for (i, v) in points {
            if prev != Some(i) {
                run.push((center, v));
                prev = Some(i);
            }
        }
    }
}

/// The number of pixel columns a plot of `scale` has (what a conflated list never exceeds, plus the edges).
pub fn pixel_columns(scale: &TimeScale) -> usize {
    scale.width().ceil() as usize + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::model::units::CssPx;

    fn column(v: impl IntoIterator<Item = f64>) -> Column {
        Column::from_options(v.into_iter().map(Some))
    }

    struct Data {
        o: Column,
        h: Column,
        l: Column,
        c: Column,
        v: Column,
    }

    fn walk(n: usize) -> Data {
        let c: Vec<f64> = (0..n)
            .map(|i| 100.0 + ((i * 7919) % 97) as f64 - 48.0)
            .collect();
        let o: Vec<f64> = (0..n)
            .map(|i| if i == 0 { 100.0 } else { c[i - 1] })
            .collect();
        let h: Vec<f64> = (0..n).map(|i| o[i].max(c[i]) + (i % 5) as f64).collect();
        let l: Vec<f64> = (0..n).map(|i| o[i].min(c[i]) - (i % 3) as f64).collect();
        Data {
            o: column(o),
            h: column(h),
            l: column(l),
            c: column(c),
            v: column((0..n).map(|i| i as f64)),
        }
    }

    fn ohlc(d: &Data) -> Ohlc<'_> {
        Ohlc {
            open: &d.o,
            high: &d.h,
            low: &d.l,
            close: &d.c,
            volume: &d.v,
        }
    }

    #[test]
    fn zoomed_in_keeps_every_candle() {
        let d = walk(100);
        let scale = TimeScale::showing_last(100, 100, 0.0, CssPx(1000.0));
        let bars = conflate_bars(ohlc(&d), &scale, 0, 99);
        assert_eq!(bars.len(), 100);
        assert_eq!(bars.get(3).map(|b| b.close), d.c.get(3));
    }

    #[test]
    fn zoomed_out_merges_per_pixel_column_and_preserves_ohlc() {
        let n = 50_000;
        let d = walk(n);
        let scale = TimeScale::showing_last(n, n, 0.0, CssPx(1400.0));
        let bars = conflate_bars(ohlc(&d), &scale, 0, n - 1);
        assert!(bars.len() <= pixel_columns(&scale), "{} bars", bars.len());
        assert!(bars.len() > 1000);
        // Every candle is in exactly one bar, in order.
        let mut next = 0;
        for b in &bars {
            assert_eq!(b.first, next);
            next = b.last + 1;
        }
        assert_eq!(next, n);
        // Aggregates: first open, last close, extreme high/low, summed volume.
        let first = bars.first().copied();
        if let Some(b) = first {
            assert_eq!(Some(b.open), d.o.get(b.first));
            assert_eq!(Some(b.close), d.c.get(b.last));
            let hi = d.h.min_max(b.first, b.last).map(|m| m.1);
            let lo = d.l.min_max(b.first, b.last).map(|m| m.0);
            assert_eq!(Some(b.high), hi);
            assert_eq!(Some(b.low), lo);
            let vol: f64 = (b.first..=b.last).filter_map(|i| d.v.get(i)).sum();
            assert_eq!(b.volume, Some(vol));
        }
        // Global extremes survive.
        let hi = bars.iter().map(|b| b.high).fold(f64::MIN, f64::max);
        let lo = bars.iter().map(|b| b.low).fold(f64::MAX, f64::min);
        assert_eq!(
            Some((lo, hi)),
            d.l.min_max(0, n - 1)
                .zip(d.h.min_max(0, n - 1))
                .map(|(l, h)| (l.0, h.1))
        );
    }

    #[test]
    fn gaps_and_bad_ranges() {
        let d = Data {
            o: Column::from_options([Some(1.0), None, Some(3.0)]),
            h: column([2.0, 2.0, 4.0]),
            l: column([0.5, 0.5, 2.5]),
            c: column([1.5, 1.5, 3.5]),
            v: Column::gaps(3),
        };
        let scale = TimeScale::showing_last(3, 3, 0.0, CssPx(300.0));
        let bars = conflate_bars(ohlc(&d), &scale, 0, 2);
        assert_eq!(bars.iter().map(|b| b.first).collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(bars.first().and_then(|b| b.volume), None);
        assert!(conflate_bars(ohlc(&d), &scale, 2, 1).is_empty());
        assert!(conflate_bars(ohlc(&d), &scale, 5, 9).is_empty());
        assert_eq!(conflate_bars(ohlc(&d), &scale, 2, 99).len(), 1);
    }

    #[test]
    fn lines_keep_min_and_max_per_column_and_break_at_gaps() {
        let n = 10_000;
        let mut v: Vec<Option<f64>> = (0..n).map(|i| Some((i % 10) as f64)).collect();
        v[5_000] = Some(1_000.0); // a spike
        v[7_000] = None; // a gap
        let col = Column::from_options(v);
        let scale = TimeScale::showing_last(n, n, 0.0, CssPx(500.0));
        let runs = conflate_line(&col, &scale, 0, n - 1);
        assert_eq!(runs.len(), 2);
        let points: usize = runs.iter().map(Vec::len).sum();
        assert!(points <= 2 * pixel_columns(&scale) + 8, "{points} points");
        let max = runs.iter().flatten().map(|p| p.1).fold(f64::MIN, f64::max);
        let min = runs.iter().flatten().map(|p| p.1).fold(f64::MAX, f64::min);
        assert_eq!((min, max), (0.0, 1_000.0));
        // Zoomed in: one point per value.
        let scale = TimeScale::showing_last(n, 100, 0.0, CssPx(500.0));
        let runs = conflate_line(&col, &scale, 6_990, 7_010);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs.iter().map(Vec::len).sum::<usize>(), 20);
        assert!(conflate_line(&Column::default(), &scale, 0, 5).is_empty());
    }
}
