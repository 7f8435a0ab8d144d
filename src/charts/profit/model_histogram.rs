//! The profit distribution: closed trades' profit ratios counted into a selectable number of equal bins between
//! the smallest and the largest ratio. Bars are coloured by the sign of the bin's middle; labels are percent
//! (FreqUI labels ratios under a "%" axis).

use super::model_axis::Unit;
use super::model_bars::{BarItem, Bars};
use super::model_chart::Tooltip;
use super::model_input::ClosedTrade;
use crate::util::format;

/// The bin counts the user can choose.
pub const BIN_CHOICES: [usize; 5] = [10, 15, 20, 25, 50];
/// FreqUI's default.
pub const DEFAULT_BINS: usize = 20;
const MAX_BINS: usize = 500;

/// A bin: `start..end` (the last bin includes its end) and how many values fell in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    pub start: f64,
    pub end: f64,
    pub count: usize,
}

impl Bin {
    pub fn middle(&self) -> f64 {
        (self.start + self.end) / 2.0
    }
}

/// Counts the finite `values` into `bins` equal bins (clamped to 1..=500) spanning their range. All-equal
/// values get a small range around them. No bins without a finite value.
pub fn histogram(values: &[f64], bins: usize) -> Vec<Bin> {
    let bins = bins.clamp(1, MAX_BINS);
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (mut lo, mut hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return Vec::new();
    }
    let mut width = (hi - lo) / bins as f64;
    if !width.is_finite() || width <= f64::EPSILON * lo.abs().max(hi.abs()).max(1e-300) {
        // One value (or all equal): a range of 10 % of it (at least 0.1 %) centred on it.
        let span = (lo.abs() * 0.1).max(0.001);
        lo -= span / 2.0;
        hi += span / 2.0;
        width = (hi - lo) / bins as f64;
    }
    let mut out: Vec<Bin> = (0..bins)
        .map(|i| Bin {
            start: lo + width * i as f64,
            end: if i + 1 == bins {
                hi
            } else {
                lo + width * (i + 1) as f64
            },
            count: 0,
        })
        .collect();
    for v in finite {
        // A hair of slack so values on an edge land in the upper bin despite rounding.
        let i = ((v - lo) / width + 1e-9).floor();
        let i = if i.is_finite() && i > 0.0 {
            (i as usize).min(bins - 1)
        } else {
            0
        };
        if let Some(bin) = out.get_mut(i) {
            bin.count += 1;
        }
    }
    out
}

/// Decimals for percent labels of bins `width` (a ratio) wide.
fn percent_decimals(width: f64) -> usize {
    let pct = (width * 100.0).abs();
    if !pct.is_finite() || pct <= 0.0 {
        return 2;
    }
    (-pct.log10()).ceil().clamp(0.0, 4.0) as usize
}

/// Bars counting the trades of each bin: `label` writes a bin edge on the axis, `tip` in the tooltip.
fn count_bars(
    hist: &[Bin],
    label: impl Fn(f64) -> String,
    tip: impl Fn(f64) -> String,
    positive: impl Fn(&Bin) -> bool,
) -> Bars {
    let items = hist
        .iter()
        .map(|b| BarItem {
            label: label(b.start),
            value: b.count as f64,
            positive: positive(b),
            secondary: None,
            tooltip: Tooltip::new(format!("{} to {}", tip(b.start), tip(b.end)))
                .row("Trades", b.count.to_string()),
        })
        .collect();
    Bars {
        items,
        unit: Unit::Count,
        secondary_title: None,
    }
}

/// The distribution chart of the closed trades' profit ratios.
pub fn distribution_plot(trades: &[ClosedTrade], bins: usize) -> Bars {
    let ratios: Vec<f64> = trades.iter().filter_map(|t| t.profit_ratio).collect();
    let hist = histogram(&ratios, bins);
    let decimals = hist
        .first()
        .map(|b| percent_decimals(b.end - b.start))
        .unwrap_or(2);
    count_bars(
        &hist,
        |r| format::percent(Some(r), decimals),
        |r| format::percent(Some(r), decimals + 1),
        |b| b.middle() >= 0.0,
    )
}

/// The distribution chart of the closed trades' durations (open to close).
pub fn duration_plot(trades: &[ClosedTrade], bins: usize) -> Bars {
    let seconds: Vec<f64> = trades
        .iter()
        .map(|t| (t.close_ms - t.open_ms).max(0) as f64 / 1000.0)
        .collect();
    count_bars(
        &histogram(&seconds, bins),
        format::duration_short,
        format::duration_short,
        |_| true,
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn durations_fall_into_bins_labelled_as_durations() {
        let trade = |minutes: i64| ClosedTrade {
            id: minutes,
            pair: "BTC/USDT".into(),
            is_short: false,
            open_ms: 0,
            close_ms: minutes * 60_000,
            profit_abs: 1.0,
            profit_ratio: None,
        };
        let plot = duration_plot(&[trade(30), trade(60), trade(90), trade(120)], 3);
        assert_eq!(plot.items.len(), 3);
        assert_eq!(plot.items.iter().map(|i| i.value).sum::<f64>(), 4.0);
        assert_eq!(plot.items[0].label, "30m 0s");
        assert!(duration_plot(&[], 3).items.is_empty());
    }

    #[test]
    fn counts_every_value_once_into_equal_bins() {
        let values = [-0.02, -0.01, 0.0, 0.01, 0.02, 0.02, f64::NAN];
        let h = histogram(&values, 4);
        assert_eq!(h.len(), 4);
        assert_eq!(h.iter().map(|b| b.count).sum::<usize>(), 6);
        assert_eq!(
            h.iter().map(|b| b.count).collect::<Vec<_>>(),
            vec![1, 1, 1, 3]
        );
        assert_eq!(h[0].start, -0.02);
        assert_eq!(h[3].end, 0.02);
        for bins in BIN_CHOICES {
            let h = histogram(&values, bins);
            assert_eq!(h.len(), bins);
            assert_eq!(h.iter().map(|b| b.count).sum::<usize>(), 6, "{bins} bins");
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert!(histogram(&[], 20).is_empty());
        assert!(histogram(&[f64::NAN, f64::INFINITY], 20).is_empty());
        let same = histogram(&[-0.002, -0.002, -0.002], 10);
        assert_eq!(same.len(), 10);
        assert_eq!(same.iter().map(|b| b.count).sum::<usize>(), 3);
        assert!(same.iter().all(|b| b.start.is_finite() && b.end > b.start));
        assert_eq!(histogram(&[0.0], 0).len(), 1, "at least one bin");
        assert_eq!(histogram(&[0.0, 1.0], usize::MAX).len(), 500);
        let extreme = histogram(&[-f64::MAX, f64::MAX], 10);
        assert_eq!(extreme.iter().map(|b| b.count).sum::<usize>(), 2);
    }

    #[test]
    fn plot_labels_in_percent_and_colours_by_the_bin_middle() {
        let t = |r: f64| ClosedTrade {
            id: 1,
            pair: "X/Y".into(),
            is_short: false,
            open_ms: 0,
            close_ms: 0,
            profit_abs: r,
            profit_ratio: Some(r),
        };
        let b = distribution_plot(&[t(-0.05), t(0.05), t(0.01)], 10);
        assert_eq!(b.items.len(), 10);
        assert_eq!(b.items[0].label, "-5 %");
        assert!(!b.items[0].positive && b.items[9].positive);
        assert_eq!(b.items[9].tooltip.text(), "4.0 % to 5.0 %\nTrades: 1");
        assert!(distribution_plot(&[], 20).items.is_empty());
        assert_eq!(percent_decimals(0.00013), 2);
        assert_eq!(percent_decimals(0.0), 2);
    }
}
