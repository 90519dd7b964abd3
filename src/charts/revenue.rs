//! Revenue charts.

use super::palette;
use crate::engine::Report;
use crate::locale::{month_label, t, Lang, Text};
use charming::component::{Axis, Grid};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

/// Revenue per calendar month of the period, as bars; `None` when there is no month.
pub fn revenue_by_month(report: &Report, lang: Lang) -> Option<Chart> {
    let rows = report.breakdown("revenue_by_month");
    if rows.is_empty() {
        return None;
    }
    let months: Vec<String> = rows.iter().map(|r| month_label(&r.key, lang)).collect();
    let values: Vec<f64> = rows
        .iter()
        .map(|r| (r.value * 100.0).round() / 100.0)
        .collect();
    Some(
        Chart::new()
            .color(palette())
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .grid(Grid::new().left(72).right(16).top(24).bottom(40))
            .x_axis(Axis::new().type_(AxisType::Category).data(months))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(Bar::new().name(t(lang, Text::Revenue)).data(values)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::BreakdownRow;
    use serde_json::json;

    fn report(rows: &[(&str, f64)]) -> Report {
        let mut r: Report = serde_json::from_value(json!({
            "period": null, "currency": "EUR", "kpis": {}, "breakdowns": {}, "objectives": []
        }))
        .unwrap();
        r.breakdowns.insert(
            "revenue_by_month".into(),
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

    #[test]
    fn bars_per_month_in_french() {
        let chart = revenue_by_month(
            &report(&[("2024-01", 1000.004), ("2024-02", 250.5)]),
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
    fn no_months_no_chart() {
        assert!(revenue_by_month(&report(&[]), Lang::En).is_none());
    }
}
