//! Views shared by several pages.

pub mod error_notice;
pub mod icons;
pub mod navbar;
pub mod require_bot;
pub mod toasts;
