//! The one formatter: every number, money amount, percentage, price, duration and time the UI shows is written
//! here, with one behaviour everywhere (tables, panels, charts, the fleet): a missing or non-finite value is "–",
//! a value that rounds to zero never shows a minus sign, money has its stake currency's decimals.

mod number;
mod text;
mod time;

pub use number::*;
pub use text::*;
pub use time::*;
