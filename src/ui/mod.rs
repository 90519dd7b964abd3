//! The thin Leptos layer: state at the top, provided through context; views
//! read the engine's report and never compute a KPI themselves. The pure
//! parts (the view in the URL, a pasted column) build natively so that they
//! are tested with the engine; the components build for `wasm32` only.
//!
//! Dependencies point one way: `app` → `pages` → `widgets` → `state`, and
//! pages → `worker_client` → `state` (see docs/ARCHITECTURE.md, "UI");
//! `rehearsal` is part of the frame, like `app`.

pub mod pages;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod bench;
#[cfg(target_arch = "wasm32")]
mod rehearsal;
#[cfg(target_arch = "wasm32")]
mod widgets;
#[cfg(target_arch = "wasm32")]
mod worker_client;

#[cfg(target_arch = "wasm32")]
pub use app::App;
