//! The chart's pure model: data, transforms, scales, ticks, level of detail, markers, layout and the scene the
//! renderers draw. No browser and no leptos here; everything is tested natively.

pub mod chart;
pub mod color;
pub mod column;
pub mod conflate;
pub mod fill;
pub mod frame;
pub mod heikin_ashi;
pub mod layout;
pub mod lod;
pub mod marks;
pub mod measure;
pub mod ordered_json;
pub mod plot;
pub mod saved;
pub mod scale;
pub mod scene;
/// The benchmark's workload, also used by the native tests.
#[cfg(any(test, feature = "bench"))]
pub mod synthetic;
pub mod templates;
pub mod theme;
pub mod ticks;
pub mod tooltip;
pub mod units;

#[cfg(test)]
mod scene_tests;
