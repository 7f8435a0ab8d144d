//! Trade tables, trade detail, trade actions and the force-entry dialog.

pub mod closed_trades;
pub mod open_trades;
