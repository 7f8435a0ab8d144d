//! Pure helpers shared by every layer.

pub mod base_path;
pub mod calendar;
pub mod csv;
pub mod decimal;
pub mod format;
pub mod redirect;
pub mod sort;
pub mod stored_json;
pub mod timerange;
pub mod version;
