//! The pipeline funnel: deals, amount and weighted amount per stage.

use super::readable::{axis_tooltip, grid, legend, names_axis, series_tooltip, value_axis};
use super::{cents, palette};
use crate::engine::kpi::BreakdownId;
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::{breakdown_key, t, Lang, Text};
use charming::component::Axis;
use charming::element::SplitLine;
use charming::series::Bar;
use charming::Chart;

/// A stage's name: the data's, but for the engine's "(none)".
pub(crate) fn stage_name(stage: &str, lang: Lang) -> String {
    breakdown_key(BreakdownId::PipelineByStage, stage, lang)
        .map_or_else(|| stage.to_string(), str::to_string)
}

/// Amount and weighted amount per stage as horizontal bars, the stages down
/// the side in funnel order, every one named (a gap where no deal of the
/// stage has an amount), with the deal count on a second axis above.
pub fn funnel(report: &Report, lang: Lang) -> Option<Chart> {
    if report.funnel.is_empty() {
        return None;
    }
    let stages: Vec<String> = report
        .funnel
        .iter()
        .map(|s| stage_name(&s.stage, lang))
        .collect();
    // Above the plot, without grid lines of its own: the amounts' are enough.
    let deals: Axis = value_axis(Unit::Count)
        .position("top")
        .split_line(SplitLine::new().show(false));
    Some(
        Chart::new()
            .color(palette())
            .legend(legend())
            .tooltip(axis_tooltip(Unit::Currency))
            // The legend, then the deal count's axis above the plot.
            .grid(grid(56.0))
            .x_axis(value_axis(Unit::Currency))
            .x_axis(deals)
            // The first stage at the top.
            .y_axis(names_axis(stages).inverse(true))
            .series(
                Bar::new()
                    .name(t(lang, Text::Amount))
                    .data(report.funnel.iter().map(|s| s.amount.map(cents)).collect()),
            )
            .series(
                Bar::new().name(t(lang, Text::Weighted)).data(
                    report
                        .funnel
                        .iter()
                        .map(|s| s.weighted.map(cents))
                        .collect(),
                ),
            )
            .series(
                Bar::new()
                    .name(t(lang, Text::Deals))
                    .x_axis_index(1.0)
                    .tooltip(series_tooltip(Unit::Count))
                    .data(report.funnel.iter().map(|s| s.count as f64).collect()),
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::report;
    use crate::engine::report::StageRow;
    use crate::locale::Lang::*;
    use serde_json::json;

    #[test]
    fn stages_in_funnel_order() {
        let mut r = report("x", &[]);
        r.funnel = vec![
            StageRow {
                stage: "Prospecting".into(),
                status: "open".into(),
                count: 2,
                amount: Some(100.0),
                weighted: Some(10.0),
                probability: Some(0.1),
            },
            StageRow {
                stage: "Won".into(),
                status: "won".into(),
                count: 1,
                amount: None,
                weighted: None,
                probability: None,
            },
        ];
        let v = crate::charts::echarts_options(&funnel(&r, En).unwrap());
        assert_eq!(v["yAxis"]["data"], json!(["Prospecting", "Won"]));
        // Every stage named, first at the top, long names cut with the full one in the tooltip.
        assert_eq!(v["yAxis"]["axisLabel"]["interval"], json!(0.0));
        assert_eq!(v["yAxis"]["axisLabel"]["overflow"], json!("truncate"));
        assert_eq!(v["yAxis"]["inverse"], json!(true));
        // The won stage's amount is unknown: a gap, not a zero.
        assert_eq!(v["series"][0]["data"], json!([100.0, null]));
        assert_eq!(
            v["series"][2],
            json!({"type": "bar", "name": "Deals", "xAxisIndex": 1.0,
                   "tooltip": {"valueFormatter": "cadran:count"}, "data": [2.0, 1.0]})
        );
        // Amounts in money, deals in counts, each on its axis and in the tooltip.
        assert_eq!(
            v["xAxis"][0]["axisLabel"]["formatter"],
            json!("cadran:currency")
        );
        assert_eq!(
            v["xAxis"][1]["axisLabel"]["formatter"],
            json!("cadran:count")
        );
        assert_eq!(v["xAxis"][1]["position"], json!("top"));
        assert_eq!(v["xAxis"][1]["splitLine"]["show"], json!(false));
        assert_eq!(v["tooltip"]["valueFormatter"], json!("cadran:currency"));
    }

    #[test]
    fn deals_without_a_known_stage_read_in_french() {
        let mut r = report("x", &[]);
        r.funnel = vec![StageRow {
            stage: "(none)".into(),
            status: "won".into(),
            count: 3,
            amount: Some(30.0),
            weighted: None,
            probability: None,
        }];
        let v = serde_json::to_value(funnel(&r, Fr).unwrap()).unwrap();
        assert_eq!(v["yAxis"]["data"], json!(["(non renseigné)"]));
        assert_eq!(v["series"][0]["name"], json!("Montant"));
    }
}
