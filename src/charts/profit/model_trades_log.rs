//! The trades log: one bar per closed trade in close order, its height the trade's profit in percent, coloured
//! by sign. The layout shows the newest trades that fit.

use super::model_axis::Unit;
use super::model_bars::{BarItem, Bars};
use super::model_chart::Tooltip;
use super::model_cumulative::sorted_by_close;
use super::model_input::ClosedTrade;
use crate::util::format::format_ts;
use crate::util::format::{coin_money, percent};

/// The trades log of the closed trades (trades without a profit ratio are left out).
pub fn trades_log_plot(trades: &[ClosedTrade], offset_minutes: i32, currency: &str) -> Bars {
    let items = sorted_by_close(trades)
        .into_iter()
        .filter_map(|t| {
            let ratio = t.profit_ratio?;
            let side = if t.is_short { "Short" } else { "Long" };
            let closed = format_ts(t.close_ms, offset_minutes);
            Some(BarItem {
                label: format!("#{}", t.id),
                value: ratio,
                positive: ratio >= 0.0,
                secondary: None,
                tooltip: Tooltip::new(format!("#{} {}", t.id, t.pair))
                    .row("Side", side)
                    .row("Closed", closed.get(0..16).unwrap_or(&closed))
                    .row("Profit", percent(Some(ratio), 2))
                    .row("Profit abs", coin_money(t.profit_abs, currency)),
            })
        })
        .collect();
    Bars {
        items,
        unit: Unit::Percent,
        secondary_title: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn one_bar_per_trade_in_close_order() {
        let t = |id: i64, close: i64, ratio: Option<f64>| ClosedTrade {
            id,
            pair: "ETH/USDT".into(),
            is_short: id == 2,
            open_ms: 0,
            close_ms: close,
            profit_abs: ratio.unwrap_or(0.0) * 50.0,
            profit_ratio: ratio,
        };
        let b = trades_log_plot(
            &[
                t(1, 2_000, Some(0.01)),
                t(2, 1_000, Some(-0.02)),
                t(3, 3_000, None),
            ],
            0,
            "USDT",
        );
        let labels: Vec<&str> = b.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, vec!["#2", "#1"]);
        assert_eq!(b.items[0].value, -0.02);
        assert!(!b.items[0].positive && b.items[1].positive);
        assert_eq!(
            b.items[0].tooltip.text(),
            "#2 ETH/USDT\nSide: Short\nClosed: 1970-01-01 00:00\nProfit: -2.00 %\nProfit abs: -1.000 USDT"
        );
        assert_eq!(b.unit, Unit::Percent);
        assert!(trades_log_plot(&[], 0, "").items.is_empty());
    }
}
