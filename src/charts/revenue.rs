//! Revenue and margin over time.

use super::{cents, palette};
use crate::engine::Report;
use crate::locale::{month_label, t, Lang, Text};
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;

/// Revenue per month of the period as bars, the same months a year earlier as a line.
pub fn revenue_by_month(report: &Report, lang: Lang) -> Option<Chart> {
    let rows = report.breakdown("revenue_by_month");
    if rows.is_empty() {
        return None;
    }
    let months: Vec<String> = rows.iter().map(|r| month_label(&r.key, lang)).collect();
    let values: Vec<f64> = rows.iter().map(|r| cents(r.value)).collect();
    let mut chart = Chart::new()
        .color(palette())
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(72).right(16).top(32).bottom(40))
        .x_axis(Axis::new().type_(AxisType::Category).data(months))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Bar::new().name(t(lang, Text::Revenue)).data(values));
    let last_year = report.breakdown("revenue_by_month_last_year");
    if last_year.iter().any(|r| r.value != 0.0) {
        let ly: Vec<f64> = last_year.iter().map(|r| cents(r.value)).collect();
        chart = chart
            .legend(Legend::new().top(0))
            .series(Line::new().name(t(lang, Text::LastYear)).data(ly));
    }
    Some(chart)
}

/// Gross margin per month.
pub fn margin_by_month(report: &Report, lang: Lang) -> Option<Chart> {
    let rows = report.breakdown("margin_by_month");
    if rows.is_empty() {
        return None;
    }
    let months: Vec<String> = rows.iter().map(|r| month_label(&r.key, lang)).collect();
    let values: Vec<f64> = rows.iter().map(|r| cents(r.value)).collect();
    Some(
        Chart::new()
            .color(palette().into_iter().skip(2).collect())
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .grid(Grid::new().left(72).right(16).top(24).bottom(40))
            .x_axis(Axis::new().type_(AxisType::Category).data(months))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(Line::new().name(t(lang, Text::GrossMargin)).data(values)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::report;
    use crate::engine::report::BreakdownRow;
    use serde_json::json;

    #[test]
    fn bars_per_month_in_french() {
        let chart = revenue_by_month(
            &report(
                "revenue_by_month",
                &[("2024-01", 1000.004), ("2024-02", 250.5)],
            ),
            Lang::Fr,
        )
        .unwrap();
        let v = serde_json::to_value(&chart).unwrap();
        assert_eq!(
            v["xAxis"],
            json!({"type": "category", "data": ["janv. 2024", "févr. 2024"]})
        );
        assert_eq!(
            v["series"],
            json!([{"type": "bar", "name": "Chiffre d'affaires", "data": [1000.0, 250.5]}])
        );
        assert_eq!(v["color"][0], json!("#0072B2"));
        assert_eq!(v["tooltip"], json!({"trigger": "axis"}));
    }

    #[test]
    fn last_year_beside_when_there_is_one() {
        let mut r = report("revenue_by_month", &[("2024-01", 10.0)]);
        r.breakdowns.insert(
            "revenue_by_month_last_year".into(),
            vec![BreakdownRow {
                key: "2023-01".into(),
                value: 7.0,
                share: None,
            }],
        );
        let v = serde_json::to_value(revenue_by_month(&r, Lang::En).unwrap()).unwrap();
        assert_eq!(
            v["series"][1],
            json!({"type": "line", "name": "Last year", "data": [7.0]})
        );
    }

    #[test]
    fn no_months_no_chart() {
        assert!(revenue_by_month(&report("revenue_by_month", &[]), Lang::En).is_none());
        assert!(margin_by_month(&report("margin_by_month", &[]), Lang::En).is_none());
    }
}
