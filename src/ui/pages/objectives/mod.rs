//! The objectives page: objectives and their progress, a target per rep at
//! once, the ranking, alert rules, and the set-up shared with the team.

pub mod paste;

#[cfg(target_arch = "wasm32")]
mod alert_rules;
#[cfg(target_arch = "wasm32")]
mod charts;
#[cfg(target_arch = "wasm32")]
mod form;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod rep_targets;
#[cfg(target_arch = "wasm32")]
mod setup;

#[cfg(target_arch = "wasm32")]
pub use page::ObjectivesPage;
