//! Profit charts of the Dashboard: cumulative profit (with the open trades' projection), profit per
//! day/week/month, the profit distribution, the trades log and the balance donut.
//!
//! Layers, one way, like the candle chart: `decode` (wire types → the plain inputs of `model_input`, once per
//! answer) → `model_*` (pure transforms, layout in CSS pixels, hit testing and tooltip texts; tested natively)
//! → `render` (plotters, generic over `DrawingBackend`; draws a prepared scene only) → `canvas` (paints a
//! scene on one kit surface; the kit holds the `web_sys` code) → `component` / `cards` (leptos; props
//! only, no fetching). `model_*`, `render*` and `decode` import no leptos or web_sys.

#![deny(clippy::indexing_slicing, clippy::panic)]

pub mod canvas;
pub mod cards;
pub mod component;
pub mod decode;
pub mod model_axis;
pub mod model_bars;
pub mod model_chart;
pub mod model_cumulative;
pub mod model_donut;
pub mod model_histogram;
pub mod model_input;
pub mod model_periods;
pub mod model_theme;
pub mod model_trades_log;
pub mod render;
mod render_donut;

#[cfg(test)]
mod render_tests;

pub use cards::{
    BalanceDonutCard, CumulativeProfitCard, CurveLegend, PeriodBreakdownCard, PeriodProfitCard,
    ProfitDistributionCard, ProfitSummary, SeriesCard, TradesLogCard,
};
