//! Browser-runtime helpers every layer uses: the lifetime of asynchronous work (`scope`) and the visible
//! report of a panic (`panic_bar`).

pub mod panic_bar;
pub mod scope;

pub use scope::{use_view_scope, Scope, ViewScope};
