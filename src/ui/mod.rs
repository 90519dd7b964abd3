//! The thin Leptos layer: state at the top, provided through context; views
//! read the engine's report and never compute a KPI themselves. The pure
//! parts (the view in the URL) build natively so that they are tested with
//! the engine; the components build for `wasm32` only.

pub mod paste;
pub mod view_state;

#[cfg(target_arch = "wasm32")]
mod alert_rules;
#[cfg(target_arch = "wasm32")]
mod alerts;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod bench;
#[cfg(target_arch = "wasm32")]
mod cards;
#[cfg(target_arch = "wasm32")]
mod chart;
#[cfg(target_arch = "wasm32")]
mod chart_list;
#[cfg(target_arch = "wasm32")]
mod currency_choice;
#[cfg(target_arch = "wasm32")]
mod dashboard;
#[cfg(target_arch = "wasm32")]
mod device_panel;
#[cfg(target_arch = "wasm32")]
mod device_store;
#[cfg(target_arch = "wasm32")]
mod download;
#[cfg(target_arch = "wasm32")]
mod engine;
#[cfg(target_arch = "wasm32")]
mod filters;
#[cfg(target_arch = "wasm32")]
mod import;
#[cfg(target_arch = "wasm32")]
mod mapping;
#[cfg(target_arch = "wasm32")]
mod notices;
#[cfg(target_arch = "wasm32")]
mod objective_charts;
#[cfg(target_arch = "wasm32")]
mod objectives;
#[cfg(target_arch = "wasm32")]
mod rep_targets;
#[cfg(target_arch = "wasm32")]
mod reps;
#[cfg(target_arch = "wasm32")]
mod settings;
#[cfg(target_arch = "wasm32")]
mod setup;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod storage;

#[cfg(target_arch = "wasm32")]
pub use app::App;
