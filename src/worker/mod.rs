//! The engine worker: ingest and KPI computation off the page's thread, so
//! that a million-row file never freezes the dashboard. [`protocol`] is the
//! contract, [`session`] the state (tested natively), [`warm_up`] what it
//! runs at start-up, `web` the browser glue.

#[cfg(target_arch = "wasm32")]
pub mod later;
pub mod protocol;
pub mod session;
pub mod warm_up;
#[cfg(target_arch = "wasm32")]
pub mod web;
