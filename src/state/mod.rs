//! Reactive application state: the bot registry, settings and toasts. The only layer that calls `api`.

pub mod alerts;
pub mod backtest;
pub mod bot_session;
pub mod bot_store;
pub mod fleet;
pub mod health;
pub mod history;
pub mod jobs;
pub mod live;
pub mod paging;
pub mod pairlist_config;
pub mod pairlists;
pub mod pairs;
pub mod persist;
pub mod reads;
pub mod registry;
pub mod settings;
pub mod stale;
pub mod storage;
pub mod toasts;
