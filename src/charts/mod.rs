//! Charts: a fast canvas candle chart with the strategy's indicators and the bot's trades, and the profit
//! charts (`profit`), both built on one chart kit (`kit`: canvas surface and pixel ratio, repaint triggers,
//! the frame loop, the linear scale, time units; ticks, colours and decoding are shared from `model` and
//! `decode`).
//!
//! Layers of the candle chart, one way: `model` (pure data transforms, scales, level of detail, the scene in pixels) →
//! `render` (plotters, generic over `DrawingBackend`; draws a prepared scene only) → `canvas` (its
//! `web_sys` code: two layered kit surfaces, the batched candle renderer). `interaction` is a pure
//! reducer from pointer input to a new viewport and an invalidation level; `engine` holds the caches and does
//! the pending work once per animation frame; `component` is `<CandleChart>` (props only, no fetching).
//! `decode` converts wire types at the boundary (once per answer). `model`, `render`, `interaction` and
//! `decode` import no leptos or web_sys.

/// The chart benchmark (`/chart?bench`): only in builds with the `bench` feature (e2e/bench/chart-bench.ts).
#[cfg(feature = "bench")]
pub mod bench;
pub mod canvas;
pub mod component;
pub mod configurator;
pub mod configurator_part;
pub mod decode;
pub mod engine;
pub mod interaction;
pub mod kit;
pub mod model;
pub mod panel;
pub mod profit;
pub mod render;

pub use component::CandleChart;
