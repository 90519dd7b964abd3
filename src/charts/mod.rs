//! One pure function per chart: a [`Report`](crate::engine::Report) and a
//! language in, a `charming::Chart` (ECharts options) out, or `None` when the
//! report has no data for it. Tested natively by comparing JSON.

mod breakdown;
mod customers;
mod objectives;
mod pipeline;
mod readable;
mod revenue;
mod table;

pub use breakdown::{breakdown_bars, Orientation};
pub use customers::{cohort_heatmap, new_vs_lost};
pub use objectives::{objective_gauge, objective_progress};
pub use pipeline::funnel;
pub use readable::{echarts_options, marker_unit, unit_marker, UNITS};
pub use revenue::{margin_by_month, revenue_by_month, revenue_by_month_beside, LAST_YEAR_SERIES};
pub use table::{chart_table, Column, CsvKey, Row, Series, Table, TableOf};

use charming::element::Color;

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

pub fn palette() -> Vec<Color> {
    PALETTE.iter().map(|&c| Color::from(c)).collect()
}

/// An SVG polyline's points for a sparkline of `values` in a `w` × `h` box.
pub fn spark_points(values: &[f64], w: f64, h: f64) -> String {
    if values.len() < 2 {
        return String::new();
    }
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = w / (values.len() - 1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", i as f64 * step, h - (v - lo) / span * h))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rounded for display: charts show cents at most.
pub(crate) fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn sparkline_points_fill_the_box() {
        assert_eq!(
            super::spark_points(&[1.0, 3.0, 2.0], 100.0, 10.0),
            "0.0,10.0 50.0,0.0 100.0,5.0"
        );
        assert_eq!(super::spark_points(&[5.0], 100.0, 10.0), "");
    }
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
