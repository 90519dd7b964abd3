//! What several pages (or the app's frame) use: the ECharts canvas, file
//! downloads, the filter bar, the currency select, an objective's level,
//! moving the keyboard focus,
//! the notices. A widget reads the state; it never imports a page.

pub mod chart;
pub mod currency_select;
pub mod download;
pub mod filters;
pub mod focus;
pub mod level;
pub mod notices;
