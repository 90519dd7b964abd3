//! The objectives page's charts: a gauge per team objective, and an
//! objective's cumulative progress against its target's pace.

use crate::engine::kpi::def;
use crate::locale::{kpi_label, t, Text};
use crate::ui::state::AppState;
use crate::ui::widgets::chart::{draw_later, new_chart, set_option, Formatters};
use leptos::prelude::*;

/// A gauge per team objective: the projected attainment against the three levels.
#[component]
pub fn TeamGauges() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let team = move || {
        state
            .objectives
            .get()
            .into_iter()
            .filter(|o| o.scope == "team" && o.projection.or(o.attainment).is_some())
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !team().is_empty()>
            <div class="gauges">
                {move || team().into_iter().map(|o| {
                    let threshold = state.setup.with_untracked(|s| s.objectives.iter().find(|x| x.id == o.id).map_or(0.9, |x| x.alert_threshold));
                    let name = def(&o.kpi).map(|d| kpi_label(d, lang.get())).unwrap_or("?").to_string();
                    let chart = crate::charts::objective_gauge(o.projection.or(o.attainment).unwrap_or(0.0), threshold, &name, lang.get());
                    view! { <GaugeChart id=format!("gauge-{}", o.id) chart=chart/> }
                }).collect_view()}
            </div>
        </Show>
    }
}

#[component]
fn GaugeChart(id: String, chart: charming::Chart) -> impl IntoView {
    let state = expect_context::<AppState>();
    let dom_id = id.clone();
    let instance = StoredValue::new_local(None::<(charming::Echarts, Formatters)>);
    Effect::new(move |_| {
        let (dom_id, chart) = (dom_id.clone(), chart.clone());
        draw_later(move || {
            if let Some(ec) = new_chart(&dom_id) {
                let f = Formatters::new(
                    crate::engine::report::Unit::Count,
                    state.lang.get_untracked(),
                    String::new(),
                );
                set_option(&ec, &chart, &f);
                let _ = instance.try_set_value(Some((ec, f)));
            }
        });
    });
    view! { <div id=id.clone() data-testid=id class="gauge" role="img" aria-label="gauge"></div> }
}

/// The cumulative actual against the target's pace, drawn by ECharts.
#[component]
pub fn ObjectiveChart(
    id: String,
    points: Vec<crate::engine::objectives::CumulativePoint>,
    unit: crate::engine::report::Unit,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let dom_id = id.clone();
    let instance = StoredValue::new_local(None::<(charming::Echarts, Formatters)>);
    Effect::new(move |_| {
        let l = lang.get();
        let Some(chart) = crate::charts::objective_progress(&points, l) else {
            return;
        };
        let currency = state.settings.with(|s| s.currency.clone());
        let dom_id = dom_id.clone();
        draw_later(move || {
            if let Some(ec) = new_chart(&dom_id) {
                let f = Formatters::new(unit, l, currency);
                set_option(&ec, &chart, &f);
                let _ = instance.try_set_value(Some((ec, f)));
            }
        });
    });
    view! { <div id=id class="chart objective-chart" role="img" aria-label=move || t(lang.get(), Text::ShowCurve)></div> }
}
