//! The bot's state and controls, and the pair list of the Trade page.

pub mod controls;
pub mod pair_list;
