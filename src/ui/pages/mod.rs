//! One folder per page of the navigation (the settings are shown on the
//! data page). A page uses widgets, the state and the worker client; pages
//! do not import each other.

pub mod objectives;

pub mod dashboard;
#[cfg(target_arch = "wasm32")]
pub mod data;
#[cfg(target_arch = "wasm32")]
pub mod reps;
#[cfg(target_arch = "wasm32")]
pub mod settings;
