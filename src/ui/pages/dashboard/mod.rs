//! The dashboard: the objectives and their levels first, then the KPIs that
//! explain them, the charts the data can draw, and one folded panel of what
//! more data would unlock — all read from the report. `fit` (which figures
//! the data can give) and `chart_list` (which builder draws each chart) are
//! pure and tested natively; the components build for `wasm32` only.

pub mod chart_list;
pub mod fit;
pub mod pins;

#[cfg(target_arch = "wasm32")]
mod alerts;
#[cfg(target_arch = "wasm32")]
mod card_menu;
#[cfg(target_arch = "wasm32")]
mod cards;
#[cfg(target_arch = "wasm32")]
mod chart_panel;
#[cfg(target_arch = "wasm32")]
mod objectives_strip;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod print;
#[cfg(target_arch = "wasm32")]
mod unlock_panel;

#[cfg(target_arch = "wasm32")]
pub use page::{Dashboard, INDICATORS};
