//! The pipeline funnel: deals, amount and weighted amount per stage.

use super::{cents, palette};
use crate::engine::kpi::BreakdownId;
use crate::engine::Report;
use crate::locale::{breakdown_key, t, Lang, Text};
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

/// Amount and weighted amount per stage in funnel order (a gap where no
/// deal of the stage has an amount), with the deal count on a second axis.
pub fn funnel(report: &Report, lang: Lang) -> Option<Chart> {
    if report.funnel.is_empty() {
        return None;
    }
    // Stage names are the data's, but for the engine's "(none)".
    let stages: Vec<String> = report
        .funnel
        .iter()
        .map(|s| {
            breakdown_key(BreakdownId::PipelineByStage, &s.stage, lang)
                .map_or_else(|| s.stage.clone(), str::to_string)
        })
        .collect();
    Some(
        Chart::new()
            .color(palette())
            .legend(Legend::new().top(0))
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .grid(Grid::new().left(72).right(56).top(32).bottom(40))
            .x_axis(Axis::new().type_(AxisType::Category).data(stages))
            .y_axis(Axis::new().type_(AxisType::Value))
            .y_axis(Axis::new().type_(AxisType::Value))
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
                    .y_axis_index(1.0)
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
        let v = serde_json::to_value(funnel(&r, En).unwrap()).unwrap();
        assert_eq!(v["xAxis"]["data"], json!(["Prospecting", "Won"]));
        // The won stage's amount is unknown: a gap, not a zero.
        assert_eq!(v["series"][0]["data"], json!([100.0, null]));
        assert_eq!(
            v["series"][2],
            json!({"type": "bar", "name": "Deals", "yAxisIndex": 1.0, "data": [2.0, 1.0]})
        );
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
        assert_eq!(v["xAxis"]["data"], json!(["(non renseigné)"]));
        assert_eq!(v["series"][0]["name"], json!("Montant"));
    }
}
