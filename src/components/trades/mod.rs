//! Trade tables, trade detail, trade actions and the force-entry / force-exit dialogs.

pub mod actions;
pub mod closed_trades;
pub mod custom_data;
pub mod detail;
pub mod exit_all;
pub mod export;
pub mod force_entry;
pub mod force_exit;
pub mod logic;
pub mod on_demand;
pub mod open_trades;
pub mod table;
