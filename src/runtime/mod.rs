//! Browser-runtime helpers every layer uses: the lifetime of asynchronous work (`scope`), the page's visibility
//! and events (`page`), and the visible report of a panic (`panic_bar`).

pub mod download;
pub mod effect;
pub mod load;
pub mod page;
pub mod panic_bar;
pub mod scope;

pub use effect::effect;
pub use load::Load;
pub use scope::{use_view_scope, Scope, ViewScope};
