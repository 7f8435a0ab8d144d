//! Profit per day, week or month: one bar per period (oldest first) coloured by sign, with the period's trade
//! count as a secondary series. Absolute (stake currency) or relative (against the period's starting balance).

use super::model_axis::Unit;
use super::model_bars::{BarItem, Bars};
use super::model_chart::Tooltip;
use super::model_input::{Period, PeriodSeries};
use crate::util::format::{coin_money, percent};

/// The period bars, in stake currency or (`relative`) as the ratio to the period's starting balance; no items
/// when no period had a trade (the card shows its empty state).
pub fn period_bars(series: &PeriodSeries, relative: bool) -> Bars {
    let traded = series
        .records
        .iter()
        .any(|r| r.trade_count > 0 || r.profit_abs != 0.0);
    let mut records: Vec<_> = if traded {
        series.records.iter().collect()
    } else {
        Vec::new()
    };
    // freqtrade sends the newest first; ISO dates sort as text.
    crate::util::sort::sort_by(&mut records, |a, b| a.date.cmp(&b.date));
    let items = records
        .into_iter()
        .map(|r| {
            let label = match series.period {
                Period::Months => r.date.get(0..7),
                _ => r.date.get(5..10),
            }
            .unwrap_or(&r.date)
            .to_string();
            let title = match series.period {
                Period::Days => r.date.clone(),
                Period::Weeks => format!("Week of {}", r.date),
                Period::Months => r.date.get(0..7).unwrap_or(&r.date).to_string(),
            };
            let mut tooltip =
                Tooltip::new(title).row("Profit", coin_money(r.profit_abs, &series.stake_currency));
            if let Some(ratio) = r.profit_ratio {
                tooltip = tooltip.row("Profit %", percent(Some(ratio), 2));
            }
            // A bot before API 2.16 sends no ratio: its bars stay at zero.
            let value = if relative {
                r.profit_ratio.unwrap_or(0.0)
            } else {
                r.profit_abs
            };
            BarItem {
                label,
                value,
                positive: value >= 0.0,
                secondary: Some(r.trade_count as f64),
                tooltip: tooltip.row("Trades", r.trade_count.to_string()),
            }
        })
        .collect();
    Bars {
        items,
        unit: if relative {
            Unit::Percent
        } else {
            Unit::Amount
        },
        secondary_title: Some("Trades".to_string()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;
    use crate::charts::profit::model_input::PeriodRecord;

    fn record(date: &str, abs: f64, count: i64) -> PeriodRecord {
        PeriodRecord {
            date: date.into(),
            profit_abs: abs,
            profit_ratio: Some(abs / 1000.0),
            trade_count: count,
        }
    }

    #[test]
    fn oldest_first_with_sign_and_count() {
        let series = PeriodSeries {
            period: Period::Days,
            records: vec![
                record("2026-11-21", -0.2, 2),
                record("2026-11-20", 0.0, 0),
                record("2026-11-19", 1.5, 3),
            ],
            stake_currency: "USDT".into(),
        };
        let b = period_bars(&series, false);
        let labels: Vec<&str> = b.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, vec!["11-19", "11-20", "11-21"]);
        assert!(b.items[0].positive && !b.items[2].positive);
        assert_eq!(b.items[2].secondary, Some(2.0));
        assert_eq!(
            b.items[2].tooltip.text(),
            "2026-11-21\nProfit: -0.200 USDT\nProfit %: -0.02 %\nTrades: 2"
        );
        // Relative: the ratio, on a percent axis, with the same tooltip.
        let r = period_bars(&series, true);
        assert_eq!(r.unit, Unit::Percent);
        assert!((r.items[0].value - 0.0015).abs() < 1e-12);
        assert!(!r.items[2].positive);
        assert_eq!(r.items[2].tooltip, b.items[2].tooltip);
    }

    #[test]
    fn labels_per_period_and_the_empty_case() {
        let mut series = PeriodSeries {
            period: Period::Months,
            records: vec![record("2026-11-01", 1.0, 1)],
            stake_currency: "USDT".into(),
        };
        let b = period_bars(&series, false);
        assert_eq!(b.items[0].label, "2026-11");
        assert_eq!(b.items[0].tooltip.title, "2026-11");
        series.period = Period::Weeks;
        assert_eq!(
            period_bars(&series, false).items[0].tooltip.title,
            "Week of 2026-11-01"
        );
        series.records = vec![record("2026-11-01", 0.0, 0), record("x", 0.0, 0)];
        assert!(period_bars(&series, false).items.is_empty());
        series.records = vec![record("?", 1.0, 1)];
        assert_eq!(period_bars(&series, false).items[0].label, "?");
    }
}
