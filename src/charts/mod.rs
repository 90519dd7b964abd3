//! One pure function per chart: a [`Report`] and a language in, a
//! `charming::Chart` (ECharts options) out. Tested natively by comparing JSON.

mod revenue;

pub use revenue::revenue_by_month;

use charming::element::Color;

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

pub fn palette() -> Vec<Color> {
    PALETTE.iter().map(|&c| Color::from(c)).collect()
}
