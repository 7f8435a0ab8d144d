//! Views shared by several pages.

pub mod app_href;
pub mod bot;
pub mod data_table;
pub mod deferred;
pub mod error_notice;
pub mod icons;
pub mod lazy_page;
pub mod modal;
pub mod navbar;
pub mod panels;
pub mod require_bot;
pub mod row_window;
pub mod select_options;
pub mod shortcuts;
pub mod tab_indicator;
pub mod tabs;
pub mod toasts;
pub mod trades;
pub mod when;
