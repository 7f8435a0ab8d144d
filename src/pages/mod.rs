//! One file per route.

pub mod analysis;
pub mod backtest;
pub mod bots;
pub mod chart;
pub mod dashboard;
pub mod data;
pub mod fleet;
pub mod login;
pub mod logs;
pub mod not_found;
pub mod pairlists;
pub mod settings;
pub mod split;
pub mod trade;
pub mod trade_detail;
