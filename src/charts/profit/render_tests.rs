//! Renderer tests: lay out each chart, draw it into an SVG string and check what was drawn.

#![allow(clippy::indexing_slicing)]

use plotters::coord::Shift;
use plotters::prelude::*;

use super::model_chart::ProfitPlot;
use super::model_cumulative::cumulative_plot;
use super::model_donut::balance_plot;
use super::model_histogram::distribution_plot;
use super::model_input::{
    BalanceInput, BalanceItem, ClosedTrade, OpenProfit, Period, PeriodRecord, PeriodSeries,
};
use super::model_periods::period_bars;
use super::model_theme::ProfitTheme;
use super::model_trades_log::trades_log_plot;
use super::render::draw_scene;
use crate::charts::model::color::Rgba;

const W: u32 = 480;
const H: u32 = 260;

fn svg(plot: &ProfitPlot, theme: &ProfitTheme) -> String {
    let scene = plot.layout(f64::from(W), f64::from(H), theme);
    let mut out = String::new();
    {
        let root: DrawingArea<SVGBackend, Shift> =
            SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        assert!(draw_scene(&root, &scene, theme).is_ok());
        let _ = root.present();
    }
    out
}

fn hex(c: Rgba) -> String {
    format!("#{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

fn trades() -> Vec<ClosedTrade> {
    (0..12)
        .map(|i| ClosedTrade {
            id: i,
            pair: "BTC/USDT".into(),
            is_short: i % 3 == 0,
            open_ms: 1_795_219_200_000 + i * 3_600_000,
            close_ms: 1_795_219_200_000 + (i + 1) * 3_600_000,
            profit_abs: if i % 2 == 0 { 1.5 } else { -0.75 },
            profit_ratio: Some(if i % 2 == 0 { 0.03 } else { -0.015 }),
        })
        .collect()
}

#[test]
fn cumulative_draws_line_projection_and_labels() {
    let theme = ProfitTheme::new(true);
    let plot = ProfitPlot::Cumulative(cumulative_plot(
        &trades(),
        Some(OpenProfit {
            count: 1,
            profit_abs: -20.0,
        }),
        1_795_219_200_000 + 20 * 3_600_000,
        0,
        "USDT",
    ));
    let text = svg(&plot, &theme);
    assert!(text.contains("<polyline"), "the step line");
    assert!(text.contains(&hex(theme.line)));
    assert!(
        text.matches(&hex(theme.loss)).count() > 5,
        "a dotted projection in the loss colour"
    );
    assert!(text.contains("<text"), "axis labels");
    assert!(
        text.contains("11-21") || text.contains(":00"),
        "time labels"
    );
}

#[test]
fn bar_charts_colour_by_sign() {
    let theme = ProfitTheme::new(false);
    for plot in [
        ProfitPlot::Bars(trades_log_plot(&trades(), 0, "USDT")),
        ProfitPlot::Bars(distribution_plot(&trades(), 10)),
    ] {
        let text = svg(&plot, &theme);
        assert!(text.matches(&hex(theme.profit)).count() >= 1, "profit bars");
        assert!(text.matches(&hex(theme.loss)).count() >= 1, "loss bars");
        assert!(text.contains('%'), "percent labels");
    }
    let series = PeriodSeries {
        period: Period::Days,
        records: vec![
            PeriodRecord {
                date: "2026-11-20".into(),
                profit_abs: 2.0,
                profit_ratio: None,
                trade_count: 4,
            },
            PeriodRecord {
                date: "2026-11-21".into(),
                profit_abs: -1.0,
                profit_ratio: None,
                trade_count: 2,
            },
        ],
        stake_currency: "USDT".into(),
    };
    let text = svg(&ProfitPlot::Bars(period_bars(&series, false)), &theme);
    assert_eq!(text.matches(&hex(theme.profit)).count(), 1);
    assert_eq!(text.matches(&hex(theme.loss)).count(), 1);
    assert!(
        text.matches(&hex(theme.secondary)).count() >= 2,
        "trade count dots"
    );
    assert!(text.contains("11-21"));
}

#[test]
fn donut_draws_slices_legend_and_total() {
    let theme = ProfitTheme::new(true);
    let input = BalanceInput {
        items: ["USDT", "SOL", "XRP"]
            .iter()
            .zip([900.0, 50.0, 50.0])
            .map(|(c, v)| BalanceItem {
                currency: c.to_string(),
                balance: v,
                est_stake: Some(v),
            })
            .collect(),
        stake_currency: "USDT".into(),
    };
    let text = svg(&ProfitPlot::Donut(balance_plot(&input)), &theme);
    assert_eq!(text.matches("<polygon").count(), 3);
    assert!(text.contains("USDT - 90.0 %"));
    assert!(text.contains("SOL - 5.0 %"));
    assert!(text.contains("Total"));
}

#[test]
fn empty_plots_draw_without_error() {
    let theme = ProfitTheme::new(true);
    for plot in [
        ProfitPlot::Cumulative(cumulative_plot(&[], None, 0, 0, "")),
        ProfitPlot::Bars(distribution_plot(&[], 20)),
        ProfitPlot::Donut(balance_plot(&BalanceInput::default())),
    ] {
        assert!(plot.is_empty());
        let _ = svg(&plot, &theme);
    }
}
