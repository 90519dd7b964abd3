//! Cadran: a sales dashboard that runs entirely in the browser.
//!
//! The [`engine`] (the `cadran-engine` crate, `crates/engine`) turns CSV bytes
//! into typed tables and KPIs and never touches the web; [`charts`] turns a report into ECharts options; [`ui`] is the thin
//! Leptos layer (its components are built for `wasm32` only). [`locale`] holds the pure French and
//! English texts and number formats that both charts and UI use. [`view`] is
//! what the user looks at (page, period, comparison, filters), which the page
//! keeps in its URL and the [`worker`] turns into the engine's query.

pub mod charts;
/// The engine crate, under the name the app has always used for it.
pub use cadran_engine as engine;
pub mod locale;
pub mod ui;
pub mod view;
pub mod worker;
