//! Revenue and margin over time.

use super::readable::{axis_tooltip, grid, keys_axis, legend, value_axis, LEGEND_ROOM};
use super::{cents, palette};
use crate::engine::kpi::BreakdownId;
use crate::engine::report::{Comparison, Unit};
use crate::engine::Report;
use crate::locale::{month_label, t, Lang, Text};
use charming::series::{Bar, Line};
use charming::Chart;
use std::collections::BTreeMap;

/// The breakdown of the revenue chart's comparison series, and the comparison it shows.
pub const LAST_YEAR_SERIES: (BreakdownId, Comparison) =
    (BreakdownId::RevenueByMonthLastYear, Comparison::LastYear);

/// Revenue per month of the period as bars, the same months a year earlier
/// as a line: each month beside its own a year before, with a gap (`null`,
/// never 0) where the engine left last year's month out for lack of data.
pub fn revenue_by_month(report: &Report, lang: Lang) -> Option<Chart> {
    revenue_by_month_beside(report, lang, true)
}

/// The same, with last year's line only when `last_year` (the comparison
/// chosen on the dashboard is last year).
pub fn revenue_by_month_beside(report: &Report, lang: Lang, last_year: bool) -> Option<Chart> {
    let rows = report.breakdown(BreakdownId::RevenueByMonth);
    if rows.is_empty() {
        return None;
    }
    let months: Vec<String> = rows.iter().map(|r| month_label(&r.key, lang)).collect();
    let values: Vec<f64> = rows.iter().map(|r| cents(r.value)).collect();
    let ly = last_year_beside(report, last_year);
    let chart = Chart::new()
        .color(palette())
        .tooltip(axis_tooltip(Unit::Currency))
        .x_axis(keys_axis(months))
        .y_axis(value_axis(Unit::Currency))
        .series(Bar::new().name(t(lang, Text::Revenue)).data(values));
    Some(match ly {
        Some(ly) => chart
            .legend(legend())
            .grid(grid(LEGEND_ROOM))
            .series(Line::new().name(t(lang, Text::LastYear)).data(ly)),
        None => chart.grid(grid(12.0)),
    })
}

/// Last year's revenue beside each month of the period (`None` for a month
/// the engine left out for lack of data), when `shown` and any month has one.
pub(crate) fn last_year_beside(report: &Report, shown: bool) -> Option<Vec<Option<f64>>> {
    if !shown {
        return None;
    }
    let last_year: BTreeMap<&str, f64> = report
        .breakdown(LAST_YEAR_SERIES.0)
        .iter()
        .map(|r| (r.key.as_str(), r.value))
        .collect();
    let ly: Vec<Option<f64>> = report
        .breakdown(BreakdownId::RevenueByMonth)
        .iter()
        .map(|r| {
            let before = year_before(&r.key)?;
            last_year.get(before.as_str()).map(|&v| cents(v))
        })
        .collect();
    ly.iter().any(Option::is_some).then_some(ly)
}

/// `2025-03` → `2024-03`.
fn year_before(key: &str) -> Option<String> {
    let (y, m) = key.split_once('-')?;
    Some(format!("{:04}-{m}", y.parse::<i32>().ok()? - 1))
}

/// Gross margin per month.
pub fn margin_by_month(report: &Report, lang: Lang) -> Option<Chart> {
    let rows = report.breakdown(BreakdownId::MarginByMonth);
    if rows.is_empty() {
        return None;
    }
    let months: Vec<String> = rows.iter().map(|r| month_label(&r.key, lang)).collect();
    let values: Vec<f64> = rows.iter().map(|r| cents(r.value)).collect();
    Some(
        Chart::new()
            .color(palette().into_iter().skip(2).collect())
            .tooltip(axis_tooltip(Unit::Currency))
            .grid(grid(12.0))
            .x_axis(keys_axis(months))
            .y_axis(value_axis(Unit::Currency))
            .series(Line::new().name(t(lang, Text::GrossMargin)).data(values)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::report;
    use crate::engine::report::BreakdownRow;
    use crate::locale::Lang::*;
    use serde_json::json;

    #[test]
    fn bars_per_month_in_french() {
        let chart = revenue_by_month(
            &report(
                "revenue_by_month",
                &[("2024-01", 1000.004), ("2024-02", 250.5)],
            ),
            Fr,
        )
        .unwrap();
        let v = serde_json::to_value(&chart).unwrap();
        assert_eq!(
            v["xAxis"],
            json!({"type": "category", "data": ["janv. 2024", "févr. 2024"]})
        );
        // Money on the value axis, k/M through the page's formatter; exact in the tooltip.
        assert_eq!(
            v["yAxis"]["axisLabel"]["formatter"],
            json!("cadran:currency")
        );
        assert_eq!(
            v["series"],
            json!([{"type": "bar", "name": "Chiffre d'affaires", "data": [1000.0, 250.5]}])
        );
        assert_eq!(v["color"][0], json!("#0072B2"));
        assert_eq!(
            v["tooltip"],
            json!({"trigger": "axis", "valueFormatter": "cadran:currency"})
        );
        // One series: no legend, and no room kept for one.
        assert!(v.get("legend").is_none());
        assert_eq!(v["grid"][0]["top"], json!(12.0));
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
        let v = serde_json::to_value(revenue_by_month(&r, En).unwrap()).unwrap();
        assert_eq!(
            v["series"][1],
            json!({"type": "line", "name": "Last year", "data": [7.0]})
        );
        // The legend above the plot, the plot below it.
        assert_eq!(v["legend"]["top"], json!(0));
        assert_eq!(v["grid"][0]["top"], json!(LEGEND_ROOM));
        assert_eq!(v["grid"][0]["containLabel"], json!(true));
    }

    #[test]
    fn last_year_has_gaps_where_it_has_no_data() {
        // This year's months from November 2024; last year's data starts in
        // January 2024: November and December 2023 are gaps, not zeros, and
        // a month of last year with no sale is a real 0.
        let mut r = report(
            "revenue_by_month",
            &[
                ("2024-11", 5.0),
                ("2024-12", 6.0),
                ("2025-01", 8.0),
                ("2025-02", 9.0),
            ],
        );
        let row = |k: &str, v: f64| BreakdownRow {
            key: k.into(),
            value: v,
            share: None,
        };
        r.breakdowns.insert(
            "revenue_by_month_last_year".into(),
            vec![row("2024-01", 4.5), row("2024-02", 0.0)],
        );
        let v = serde_json::to_value(revenue_by_month(&r, Fr).unwrap()).unwrap();
        assert_eq!(
            v["series"][1],
            json!({"type": "line", "name": "Année précédente", "data": [null, null, 4.5, 0.0]})
        );
        // Last year not chosen on the dashboard: no line.
        let v = serde_json::to_value(revenue_by_month_beside(&r, Fr, false).unwrap()).unwrap();
        assert_eq!(v["series"].as_array().map(Vec::len), Some(1));
        // No month of last year at all: no line.
        r.breakdowns.remove("revenue_by_month_last_year");
        let v = serde_json::to_value(revenue_by_month(&r, Fr).unwrap()).unwrap();
        assert_eq!(v["series"].as_array().map(Vec::len), Some(1));
    }

    #[test]
    fn no_months_no_chart() {
        assert!(revenue_by_month(&report("revenue_by_month", &[]), En).is_none());
        assert!(margin_by_month(&report("margin_by_month", &[]), En).is_none());
    }
}
