//! Pure helpers shared by every layer.

pub mod base_path;
pub mod format;
pub mod redirect;
pub mod time;
pub mod version;
