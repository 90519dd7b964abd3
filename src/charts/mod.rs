//! One pure function per chart: a [`Report`](crate::engine::Report) and a
//! language in, a `charming::Chart` (ECharts options) out, or `None` when the
//! report has no data for it. Tested natively by comparing JSON.

mod breakdown;
mod customers;
mod pipeline;
mod revenue;

pub use breakdown::{breakdown_bars, Orientation};
pub use customers::{cohort_heatmap, new_vs_lost};
pub use pipeline::funnel;
pub use revenue::{margin_by_month, revenue_by_month};

use charming::element::Color;

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

pub fn palette() -> Vec<Color> {
    PALETTE.iter().map(|&c| Color::from(c)).collect()
}

/// Rounded for display: charts show cents at most.
pub(crate) fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::engine::report::BreakdownRow;
    use crate::engine::Report;
    use serde_json::json;

    /// An empty report with one breakdown.
    pub fn report(id: &str, rows: &[(&str, f64)]) -> Report {
        let mut r: Report = serde_json::from_value(json!({
            "period": null, "currency": "EUR", "kpis": {}, "breakdowns": {}, "objectives": []
        }))
        .unwrap();
        r.breakdowns.insert(
            id.into(),
            rows.iter()
                .map(|&(k, v)| BreakdownRow {
                    key: k.into(),
                    value: v,
                    share: None,
                })
                .collect(),
        );
        r
    }
}
