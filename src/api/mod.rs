//! The protocol layer: wire types, request descriptions, the HTTP client and authentication.
//! Nothing here knows about views.

pub mod auth;
pub mod client;
pub mod endpoint;
pub mod endpoints;
pub mod error;
pub mod features;
pub mod request;
pub mod url;
pub mod wake;
// #[macro_use]: `wire_struct!` also defines the websocket's event types (ws_protocol).
#[macro_use]
pub mod wire;
pub mod ws;
pub mod ws_protocol;
