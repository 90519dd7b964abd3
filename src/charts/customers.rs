//! Customers over time: new and lost per month, and the cohort retention heatmap.

use super::palette;
use super::readable::{
    axis_tooltip, grid, keys_axis, legend, series_tooltip, value_axis, LEGEND_ROOM,
};
use crate::engine::kpi::BreakdownId;
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::{month_label, t, Lang, Text};
use charming::component::{Axis, Grid, VisualMap};
use charming::datatype::{CompositeValue, DataPoint};
use charming::element::{AxisLabel, AxisType, Color};
use charming::series::{Bar, Heatmap};
use charming::Chart;
use std::collections::BTreeMap;

/// The months of new customers, each with its new and lost customers (lost
/// matched by month, 0 for a month without any).
pub(crate) fn new_and_lost(report: &Report) -> Vec<(&str, f64, f64)> {
    let lost: BTreeMap<&str, f64> = report
        .breakdown(BreakdownId::LostCustomersByMonth)
        .iter()
        .map(|r| (r.key.as_str(), r.value))
        .collect();
    report
        .breakdown(BreakdownId::NewCustomersByMonth)
        .iter()
        .map(|r| {
            let l = lost.get(r.key.as_str()).copied().unwrap_or(0.0);
            (r.key.as_str(), r.value, l)
        })
        .collect()
}

/// New customers (up) and lost customers (down) per month.
pub fn new_vs_lost(report: &Report, lang: Lang) -> Option<Chart> {
    let months = new_and_lost(report);
    if months.iter().all(|&(_, n, l)| n == 0.0 && l == 0.0) {
        return None;
    }
    Some(
        Chart::new()
            .color(palette())
            .legend(legend())
            .tooltip(axis_tooltip(Unit::Count))
            .grid(grid(LEGEND_ROOM))
            .x_axis(keys_axis(
                months.iter().map(|m| month_label(m.0, lang)).collect(),
            ))
            .y_axis(value_axis(Unit::Count))
            .series(
                Bar::new()
                    .name(t(lang, Text::NewCustomers))
                    .stack("c")
                    .data(months.iter().map(|m| m.1).collect()),
            )
            .series(
                Bar::new()
                    .name(t(lang, Text::LostCustomers))
                    .stack("c")
                    .data(months.iter().map(|m| -m.2).collect()),
            ),
    )
}

/// One heatmap cell: column, row, share still active (to 0.1 %).
fn cell(x: usize, y: usize, v: f64) -> Vec<DataPoint> {
    vec![
        DataPoint::from(CompositeValue::from(x as f64)),
        DataPoint::from(CompositeValue::from(y as f64)),
        DataPoint::from(CompositeValue::from((v * 1000.0).round() / 1000.0)),
    ]
}

/// `M+0`, `M+1`…: months after the first purchase.
pub(crate) fn month_offsets(report: &Report) -> Vec<String> {
    let width = report
        .cohorts
        .iter()
        .map(|c| c.retention.len())
        .max()
        .unwrap_or(0);
    (0..width).map(|k| format!("M+{k}")).collect()
}

/// How many cohorts' names to skip between two shown so that they do not
/// overlap: a chart's plot holds about 20 lines of labels (ECharts' own
/// `auto` does not thin a heatmap's rows).
fn skipped(rows: usize) -> f64 {
    const LINES: usize = 20;
    (rows.div_ceil(LINES).max(1) - 1) as f64
}

/// Rows: month of first purchase; columns: months after it; cells: % still
/// active, from light to dark blue (the palette's first colour), its scale
/// at the right of the plot, clear of both axes.
pub fn cohort_heatmap(report: &Report, lang: Lang) -> Option<Chart> {
    if report.cohorts.is_empty() {
        return None;
    }
    let cohorts: Vec<String> = report
        .cohorts
        .iter()
        .map(|c| format!("{} ({})", month_label(&c.cohort, lang), c.customers))
        .collect();
    let data: Vec<Vec<DataPoint>> = report
        .cohorts
        .iter()
        .enumerate()
        .flat_map(|(y, c)| {
            c.retention
                .iter()
                .enumerate()
                .map(move |(x, &v)| cell(x, y, v))
        })
        .collect();
    Some(
        Chart::new()
            .tooltip(series_tooltip(Unit::Ratio))
            // The scale's handles and labels take the right-hand 72 px.
            .grid(
                Grid::new()
                    .left(8)
                    .right(72)
                    .top(12)
                    .bottom(8)
                    .contain_label(true),
            )
            .x_axis(keys_axis(month_offsets(report)))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .axis_label(AxisLabel::new().interval(skipped(cohorts.len())))
                    .data(cohorts)
                    .inverse(true),
            )
            .visual_map(
                VisualMap::new()
                    .min(0.0)
                    .max(1.0)
                    .calculable(true)
                    .orient(charming::element::Orient::Vertical)
                    .right(0)
                    .top("middle")
                    .item_height(160.0)
                    // Light to dark blue: readable with every colour-vision deficiency.
                    .in_range(
                        charming::component::VisualMapChannel::new()
                            .color(vec![Color::from("#f7fbff"), Color::from(super::PALETTE[0])]),
                    ),
            )
            .series(
                Heatmap::new()
                    .name(t(lang, Text::Retention))
                    .tooltip(series_tooltip(Unit::Ratio))
                    .data(data),
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::report;
    use crate::engine::report::{BreakdownRow, Cohort};
    use crate::locale::Lang::*;
    use serde_json::json;

    #[test]
    fn lost_customers_go_down() {
        let mut r = report("new_customers_by_month", &[("2024-01", 3.0)]);
        r.breakdowns.insert(
            "lost_customers_by_month".into(),
            vec![BreakdownRow {
                key: "2024-01".into(),
                value: 2.0,
                share: None,
            }],
        );
        let v = serde_json::to_value(new_vs_lost(&r, En).unwrap()).unwrap();
        assert_eq!(v["series"][0]["data"], json!([3.0]));
        assert_eq!(v["series"][1]["data"], json!([-2.0]));
        assert_eq!(v["series"][1]["name"], json!("Lost customers"));
    }

    #[test]
    fn cohorts_as_percent_cells() {
        let mut r = report("x", &[]);
        r.cohorts = vec![Cohort {
            cohort: "2024-01".into(),
            customers: 4,
            retention: vec![1.0, 0.25],
        }];
        let v = serde_json::to_value(cohort_heatmap(&r, Fr).unwrap()).unwrap();
        assert_eq!(
            v["series"][0]["data"],
            json!([[0.0, 0.0, 1.0], [1.0, 0.0, 0.25]])
        );
        // Shares, read as percents in the tooltip and on the scale, which
        // stands at the right, beside the plot, not over the month axis.
        assert_eq!(
            v["series"][0]["tooltip"]["valueFormatter"],
            json!("cadran:ratio")
        );
        assert_eq!(v["visualMap"][0]["orient"], json!("vertical"));
        assert_eq!(v["visualMap"][0]["right"], json!(0));
        assert!(v["grid"][0]["right"].as_f64().unwrap_or(0.0) >= 72.0);
        let o = crate::charts::echarts_options(&cohort_heatmap(&r, Fr).unwrap());
        assert_eq!(o["visualMap"][0]["formatter"], json!("cadran:ratio"));
        // One cohort: its name shown.
        assert_eq!(o["yAxis"]["axisLabel"]["interval"], json!(0.0));
        assert_eq!(v["yAxis"]["data"], json!(["janv. 2024 (4)"]));
        assert!(cohort_heatmap(&report("x", &[]), Fr).is_none());
    }
}
