//! What keeps a chart readable whatever the data: value axes in their unit,
//! category labels that never overlap, legends clear of the plot.
//!
//! A unit is written in the options as a marker (`"cadran:currency"`) where
//! ECharts takes a formatter: the page puts its formatter function there
//! (`ui/widgets/chart.rs`), so the options stay JSON and testable here.

use crate::engine::report::Unit;
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisType, Formatter, Tooltip, Trigger};
use charming::Chart;
use serde_json::{json, Value};

const MARKER: &str = "cadran:";

/// The widest a category label is drawn (px); longer names are cut with
/// `…`, and the tooltip shows them whole.
pub const NAME_WIDTH: f64 = 150.0;

/// The marker of a unit, in place of a formatter.
pub fn unit_marker(unit: Unit) -> String {
    format!("{MARKER}{}", unit.name())
}

/// Every unit a chart's figures can be in (a chart may mix money and counts).
pub const UNITS: [Unit; 6] = [
    Unit::Currency,
    Unit::Count,
    Unit::Ratio,
    Unit::Days,
    Unit::Hours,
    Unit::Score,
];

/// The unit a marker stands for.
pub fn marker_unit(marker: &str) -> Option<Unit> {
    marker
        .starts_with(MARKER)
        .then(|| UNITS.into_iter().find(|&u| unit_marker(u) == marker))
        .flatten()
}

/// A value axis whose ticks read in `unit` (`1,2 M€`); counts tick on whole numbers.
pub fn value_axis(unit: Unit) -> Axis {
    let axis = Axis::new()
        .type_(AxisType::Value)
        .axis_label(AxisLabel::new().formatter(Formatter::String(unit_marker(unit))));
    match unit {
        Unit::Count => axis.min_interval(1.0),
        _ => axis,
    }
}

/// Names down the side, every one shown (`interval: 0`): horizontal bars
/// give each name its own row, so none is skipped.
pub fn names_axis(names: Vec<String>) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .axis_label(AxisLabel::new().interval(0.0))
        .data(names)
}

/// Keys along the bottom (months, buckets), in their order.
pub fn keys_axis(keys: Vec<String>) -> Axis {
    Axis::new().type_(AxisType::Category).data(keys)
}

/// A tooltip for the whole category, its values exact in `unit`.
pub fn axis_tooltip(unit: Unit) -> Tooltip {
    Tooltip::new()
        .trigger(Trigger::Axis)
        .value_formatter(Formatter::String(unit_marker(unit)))
}

/// A series' own tooltip unit, when it differs from the chart's.
pub fn series_tooltip(unit: Unit) -> Tooltip {
    Tooltip::new().value_formatter(Formatter::String(unit_marker(unit)))
}

/// The legend, above the plot.
pub fn legend() -> Legend {
    Legend::new().top(0)
}

/// A grid whose margins hold its labels (`containLabel`), with `top` px
/// above it (a legend: 32).
pub fn grid(top: f64) -> Grid {
    Grid::new()
        .left(8)
        .right(24)
        .top(top)
        .bottom(8)
        .contain_label(true)
}

/// The room a legend needs above the plot.
pub const LEGEND_ROOM: f64 = 36.0;

/// The options ECharts is given for `chart`: its JSON, with what charming
/// cannot say yet — names down the side cut to [`NAME_WIDTH`] (`overflow:
/// truncate`), labels that would overlap hidden (along the bottom, and
/// down the side unless every name is asked for)
/// (`hideOverlap`, ECharts ≥ 5.2; 6 is vendored; value axes' ticks too,
/// for a narrow chart), and a colour scale
/// reading in the unit of the series it colours.
pub fn echarts_options(chart: &Chart) -> Value {
    // Through the text, not `to_value`: the module keeps one serialiser of
    // charming's types (the one to text), not a second one into `Value`.
    let mut v = serde_json::to_string(chart)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null);
    for (key, side) in [("xAxis", false), ("yAxis", true)] {
        let Some(axes) = v.get_mut(key) else { continue };
        let list: Vec<&mut Value> = match axes {
            Value::Array(a) => a.iter_mut().collect(),
            one => vec![one],
        };
        for axis in list {
            let category = axis.get("type").and_then(Value::as_str) == Some("category");
            let Some(o) = axis.as_object_mut() else {
                continue;
            };
            let label = o.entry("axisLabel").or_insert_with(|| json!({}));
            let Some(label) = label.as_object_mut() else {
                continue;
            };
            if !category {
                // Amounts along a narrow chart (a phone): ticks that would
                // touch are skipped, never drawn into each other.
                label.entry("hideOverlap").or_insert(json!(true));
                continue;
            }
            if side {
                label.entry("width").or_insert(json!(NAME_WIDTH));
                label.entry("overflow").or_insert(json!("truncate"));
                // Rows too many to name each (a heatmap's cohorts): some
                // are skipped rather than drawn over each other.
                if !label.contains_key("interval") {
                    label.insert("hideOverlap".into(), json!(true));
                }
            } else {
                label.entry("hideOverlap").or_insert(json!(true));
            }
        }
    }
    let unit = v
        .pointer("/series/0/tooltip/valueFormatter")
        .or_else(|| v.pointer("/tooltip/valueFormatter"))
        .cloned();
    if let (Some(Value::Array(maps)), Some(unit)) = (v.get_mut("visualMap"), unit) {
        for map in maps.iter_mut().filter_map(Value::as_object_mut) {
            map.entry("formatter").or_insert_with(|| unit.clone());
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_their_unit() {
        for u in [
            Unit::Currency,
            Unit::Count,
            Unit::Ratio,
            Unit::Days,
            Unit::Hours,
            Unit::Score,
        ] {
            assert_eq!(marker_unit(&unit_marker(u)), Some(u));
        }
        assert_eq!(marker_unit("currency"), None);
        assert_eq!(marker_unit("{value} €"), None);
    }

    #[test]
    fn names_are_cut_and_keys_hide_overlaps() {
        let chart = Chart::new()
            .x_axis(keys_axis(vec!["a".into()]))
            .y_axis(names_axis(vec!["b".into()]))
            .y_axis(value_axis(Unit::Count));
        let v = echarts_options(&chart);
        assert_eq!(v["xAxis"]["axisLabel"], json!({"hideOverlap": true}));
        assert_eq!(
            v["yAxis"][0]["axisLabel"],
            json!({"interval": 0.0, "width": NAME_WIDTH, "overflow": "truncate"})
        );
        // A value axis keeps its unit's marker and gets no label width.
        assert_eq!(
            v["yAxis"][1]["axisLabel"],
            json!({"formatter": "cadran:count", "hideOverlap": true})
        );
        assert_eq!(v["yAxis"][1]["minInterval"], json!(1.0));
    }
}
