//! Customers over time: new and lost per month, and the cohort retention heatmap.

use super::palette;
use crate::engine::kpi::BreakdownId;
use crate::engine::Report;
use crate::locale::{month_label, t, Lang, Text};
use charming::component::{Axis, Grid, Legend, VisualMap};
use charming::datatype::{CompositeValue, DataPoint};
use charming::element::{AxisType, Color, Tooltip, Trigger};
use charming::series::{Bar, Heatmap};
use charming::Chart;

/// New customers (up) and lost customers (down) per month.
pub fn new_vs_lost(report: &Report, lang: Lang) -> Option<Chart> {
    let new = report.breakdown(BreakdownId::NewCustomersByMonth);
    let lost = report.breakdown(BreakdownId::LostCustomersByMonth);
    if new.is_empty() || new.iter().chain(lost).all(|r| r.value == 0.0) {
        return None;
    }
    let months: Vec<String> = new.iter().map(|r| month_label(&r.key, lang)).collect();
    Some(
        Chart::new()
            .color(palette())
            .legend(Legend::new().top(0))
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .grid(Grid::new().left(48).right(16).top(32).bottom(40))
            .x_axis(Axis::new().type_(AxisType::Category).data(months))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(
                Bar::new()
                    .name(t(lang, Text::NewCustomers))
                    .stack("c")
                    .data(new.iter().map(|r| r.value).collect()),
            )
            .series(
                Bar::new()
                    .name(t(lang, Text::LostCustomers))
                    .stack("c")
                    .data(lost.iter().map(|r| -r.value).collect()),
            ),
    )
}

/// One heatmap cell: column, row, percentage.
fn cell(x: usize, y: usize, v: f64) -> Vec<DataPoint> {
    vec![
        DataPoint::from(CompositeValue::from(x as f64)),
        DataPoint::from(CompositeValue::from(y as f64)),
        DataPoint::from(CompositeValue::from((v * 1000.0).round() / 10.0)),
    ]
}

/// Rows: month of first purchase; columns: months after it; cells: % still active.
pub fn cohort_heatmap(report: &Report, lang: Lang) -> Option<Chart> {
    if report.cohorts.is_empty() {
        return None;
    }
    let cohorts: Vec<String> = report
        .cohorts
        .iter()
        .map(|c| format!("{} ({})", month_label(&c.cohort, lang), c.customers))
        .collect();
    let width = report
        .cohorts
        .iter()
        .map(|c| c.retention.len())
        .max()
        .unwrap_or(0);
    let offsets: Vec<String> = (0..width).map(|k| format!("M+{k}")).collect();
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
            .tooltip(Tooltip::new())
            .grid(Grid::new().left(150).right(16).top(8).bottom(64))
            .x_axis(Axis::new().type_(AxisType::Category).data(offsets))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .data(cohorts)
                    .inverse(true),
            )
            .visual_map(
                VisualMap::new()
                    .min(0.0)
                    .max(100.0)
                    .calculable(true)
                    .orient(charming::element::Orient::Horizontal)
                    .left("center")
                    .bottom(0)
                    // Light to dark blue: readable with every colour-vision deficiency.
                    .in_range(
                        charming::component::VisualMapChannel::new()
                            .color(vec![Color::from("#f7fbff"), Color::from("#0072B2")]),
                    ),
            )
            .series(Heatmap::new().name(t(lang, Text::Retention)).data(data)),
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
            json!([[0.0, 0.0, 100.0], [1.0, 0.0, 25.0]])
        );
        assert_eq!(v["yAxis"]["data"], json!(["janv. 2024 (4)"]));
        assert!(cohort_heatmap(&report("x", &[]), Fr).is_none());
    }
}
