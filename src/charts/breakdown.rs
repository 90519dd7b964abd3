//! Any breakdown of the report as bars: revenue by rep, region, sector,
//! channel or product, top customers, won revenue and win rate by rep,
//! receivables aging, NPS, campaign ROI…

use super::readable::{axis_tooltip, grid, keys_axis, names_axis, value_axis};
use super::{cents, palette};
use crate::engine::kpi::BreakdownId;
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::{key_text, Lang};
use charming::series::Bar;
use charming::Chart;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Long labels (names): horizontal bars, largest at the top.
    Horizontal,
    /// Ordered keys (aging buckets, histogram bins): vertical bars in their order.
    Vertical,
}

/// The first `limit` rows of breakdown `id` as bars named `series`, their
/// values in `unit`, their keys in the user's language where they are the
/// engine's words.
pub fn breakdown_bars(
    report: &Report,
    id: BreakdownId,
    series: &str,
    unit: Unit,
    limit: usize,
    o: Orientation,
    lang: Lang,
) -> Option<Chart> {
    let rows: Vec<_> = report.breakdown(id).iter().take(limit).collect();
    if rows.is_empty() || rows.iter().all(|r| r.value == 0.0) {
        return None;
    }
    let (mut keys, mut values): (Vec<String>, Vec<f64>) = rows
        .iter()
        .map(|r| (key_text(id, &r.key, lang), cents(r.value)))
        .unzip();
    let chart = Chart::new()
        .color(palette())
        .tooltip(axis_tooltip(unit))
        .grid(grid(12.0));
    Some(match o {
        Orientation::Horizontal => {
            // ECharts draws the first category at the bottom: reverse to put the largest on top.
            keys.reverse();
            values.reverse();
            chart
                .x_axis(value_axis(unit))
                .y_axis(names_axis(keys))
                .series(Bar::new().name(series).data(values))
        }
        Orientation::Vertical => chart
            .x_axis(keys_axis(keys))
            .y_axis(value_axis(unit))
            .series(Bar::new().name(series).data(values)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::report;
    use crate::locale::Lang::*;
    use serde_json::json;

    #[test]
    fn horizontal_bars_largest_on_top() {
        let r = report(
            "revenue_by_rep",
            &[("Ann", 300.0), ("Bob", 200.0), ("Cy", 100.0)],
        );
        let v = serde_json::to_value(
            breakdown_bars(
                &r,
                BreakdownId::RevenueByRep,
                "CA",
                Unit::Currency,
                2,
                Orientation::Horizontal,
                Fr,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(v["yAxis"]["data"], json!(["Bob", "Ann"]));
        assert_eq!(v["series"][0]["data"], json!([200.0, 300.0]));
    }

    #[test]
    fn vertical_bars_keep_their_order_and_empty_is_none() {
        let r = report("receivables_aging", &[("not due", 5.0), ("1-30", 2.0)]);
        let v = serde_json::to_value(
            breakdown_bars(
                &r,
                BreakdownId::ReceivablesAging,
                "x",
                Unit::Currency,
                10,
                Orientation::Vertical,
                En,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(v["xAxis"]["data"], json!(["Not due", "1–30 d"]));
        assert!(breakdown_bars(
            &report("revenue_by_rep", &[("a", 0.0)]),
            BreakdownId::RevenueByRep,
            "x",
            Unit::Currency,
            10,
            Orientation::Vertical,
            En
        )
        .is_none());
    }

    #[test]
    fn the_engines_words_in_french_the_datas_as_they_are() {
        let r = report(
            "nps_breakdown",
            &[("promoters", 6.0), ("passives", 3.0), ("detractors", 1.0)],
        );
        let v = serde_json::to_value(
            breakdown_bars(
                &r,
                BreakdownId::NpsBreakdown,
                "Réponses",
                Unit::Count,
                3,
                Orientation::Vertical,
                Fr,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            v["xAxis"]["data"],
            json!(["Promoteurs", "Passifs", "Détracteurs"])
        );
        let r = report("revenue_by_region", &[("Nord", 9.0), ("(none)", 4.0)]);
        let v = serde_json::to_value(
            breakdown_bars(
                &r,
                BreakdownId::RevenueByRegion,
                "CA",
                Unit::Currency,
                5,
                Orientation::Horizontal,
                Fr,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(v["yAxis"]["data"], json!(["(non renseigné)", "Nord"]));
    }
}
