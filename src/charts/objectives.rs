//! An objective's cumulative progress against the pace of its target.

use super::readable::{grid, keys_axis, legend, LEGEND_ROOM};
use super::{cents, palette};
use crate::engine::objectives::CumulativePoint;
use crate::locale::{format_percent, month_label, t, Lang, Text};
use charming::component::Axis;
use charming::element::{AxisType, LineStyle, LineStyleType, Tooltip, Trigger};
use charming::series::Line;
use charming::Chart;

/// Cumulative actual month by month, and the target at an even pace; the
/// values read in the objective's unit, which the page gives (no marker).
pub fn objective_progress(points: &[CumulativePoint], lang: Lang) -> Option<Chart> {
    if points.is_empty() {
        return None;
    }
    let months: Vec<String> = points.iter().map(|p| month_label(&p.month, lang)).collect();
    Some(
        Chart::new()
            .color(palette())
            .legend(legend())
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .grid(grid(LEGEND_ROOM))
            .x_axis(keys_axis(months))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(
                Line::new()
                    .name(t(lang, Text::CumulativeActual))
                    .data(points.iter().map(|p| cents(p.actual)).collect()),
            )
            .series(
                Line::new()
                    .name(t(lang, Text::TargetPace))
                    .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                    .data(points.iter().map(|p| cents(p.target)).collect()),
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang::*;
    use serde_json::json;

    #[test]
    fn actual_against_the_pace_line() {
        let points = vec![
            CumulativePoint {
                month: "2025-10".into(),
                actual: 90.0,
                target: 100.0,
            },
            CumulativePoint {
                month: "2025-11".into(),
                actual: 210.0,
                target: 200.0,
            },
        ];
        let v = serde_json::to_value(objective_progress(&points, En).unwrap()).unwrap();
        assert_eq!(v["xAxis"]["data"], json!(["Oct 2025", "Nov 2025"]));
        assert_eq!(v["series"][0]["data"], json!([90.0, 210.0]));
        assert_eq!(v["series"][1]["lineStyle"], json!({"type": "dashed"}));
        assert!(objective_progress(&[], En).is_none());
    }
}

/// A gauge of projected attainment (0–150 %), red below the alert threshold,
/// amber up to the target, green beyond; its figure written the user's way
/// (`40,1 %`), not ECharts' (`40.1 %`), and unclamped.
pub fn objective_gauge(projection: f64, threshold: f64, name: &str, lang: Lang) -> Chart {
    use charming::element::{AxisLine, AxisLineStyle, Formatter};
    use charming::series::{Gauge, GaugeDetail, GaugeTitle};
    let pct = (projection * 100.0).clamp(0.0, 150.0);
    Chart::new().series(
        Gauge::new()
            .name(name)
            .min(0.0)
            .max(150.0)
            .split_number(3.0)
            // A half dial: "0" and "150" sit at its ends, clear of the figure below its centre.
            .start_angle(180.0)
            .end_angle(0.0)
            .center(("50%", "62%"))
            .axis_line(
                AxisLine::new().line_style(
                    AxisLineStyle::new()
                        .width(12.0)
                        .color(((threshold / 1.5).clamp(0.0, 1.0), "#b3261e"))
                        .color((1.0 / 1.5, "#995c00"))
                        .color((1.0, "#00734f")),
                ),
            )
            .title(GaugeTitle::new().offset_center(("0%".to_string(), "78%".to_string())))
            .detail(
                GaugeDetail::new()
                    .formatter(Formatter::String(format_percent(projection, lang)))
                    .font_size(20.0),
            )
            .data(vec![((pct * 10.0).round() / 10.0, name)]),
    )
}

#[cfg(test)]
mod gauge_tests {
    use super::*;
    use crate::locale::Lang::*;
    use serde_json::json;

    #[test]
    fn gauge_bands_follow_the_levels() {
        let v = serde_json::to_value(objective_gauge(0.95, 0.9, "CA", Fr)).unwrap();
        let s = &v["series"][0];
        assert_eq!(s["type"], json!("gauge"));
        assert_eq!(s["max"], json!(150.0));
        // A half dial, so that the figure never covers the end labels.
        assert_eq!(
            (&s["startAngle"], &s["endAngle"]),
            (&json!(180.0), &json!(0.0))
        );
        assert_eq!(
            s["axisLine"]["lineStyle"]["color"][0],
            json!([0.6, "#b3261e"])
        );
        assert_eq!(s["data"][0], json!({"value": 95.0, "name": "CA"}));
        assert_eq!(s["detail"]["formatter"], json!("95,0\u{202f}%"));
    }

    #[test]
    fn gauge_figure_in_each_language_beyond_the_dial() {
        let fr = serde_json::to_value(objective_gauge(0.008, 0.9, "x", Fr)).unwrap();
        assert_eq!(
            fr["series"][0]["detail"]["formatter"],
            json!("0,8\u{202f}%")
        );
        let en = serde_json::to_value(objective_gauge(1.734, 0.9, "x", En)).unwrap();
        // The needle stops at the dial's end; the figure says how far beyond.
        assert_eq!(en["series"][0]["data"][0]["value"], json!(150.0));
        assert_eq!(en["series"][0]["detail"]["formatter"], json!("173.4%"));
    }
}
