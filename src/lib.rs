//! Freqboard: a browser dashboard for freqtrade bots.
//!
//! Data flows one way: `api` (wire types, requests, client, auth) → `state` (bot registry, settings, toasts)
//! → `pages` and `components` (views). `util` holds pure helpers any layer may use;
//! `runtime` the lifetime of asynchronous work and the visible report of a panic.

// #[macro_use]: state's own lenient structs (browser storage) use `wire_struct!` too.
#[macro_use]
pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod pages;
pub mod runtime;
pub mod state;
pub mod util;
