//! Pure helpers shared by every layer.

pub mod format;
pub mod time;
