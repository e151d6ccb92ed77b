//! `brief`: a terminal reader for structured briefings.
//!
//! `briefing` is the domain (model, loader, validation) and knows nothing of terminals;
//! `store` keeps the user's flags, notes and read marks; `cli` and `tui` are the two faces.

pub mod bidi;
pub mod briefing;
pub mod cli;
pub mod config;
pub mod exit;
pub mod followup;
pub mod import;
pub mod keymap;
pub mod search;
pub mod store;
pub mod suggest;
pub mod team;
pub mod text;
pub mod theme;
pub mod tui;
