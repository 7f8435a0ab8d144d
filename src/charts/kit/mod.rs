//! The chart kit: what every chart on canvas shares, so each chart is built once on it.
//!
//! - [`surface`]: one canvas sized for the device pixel ratio (the candle chart stacks two, a profit chart
//!   uses one), and the ratio itself;
//! - [`watch`]: repaint triggers a chart needs besides its props (the stage's size, the pixel ratio);
//! - [`frame_loop`]: at most one `requestAnimationFrame` however often a chart is invalidated;
//! - [`scale`]: the linear value → pixel map every value axis uses (price panes and profit axes);
//! - [`time`]: time units and calendar months in a display zone, for both kinds of time axis.
//!
//! Ticks (`model::ticks`), colours (`model::color`, `model::theme`) and wire decoding (`decode`) are shared
//! the same way and stay where the candle chart grew them.

pub mod frame_loop;
pub mod scale;
pub mod surface;
pub mod time;
pub mod watch;
