//! The alerts strip at the top of the dashboard: objectives in `alert` and
//! triggered alert rules, each linking to the chart that explains it.

use crate::engine::kpi::def;
use crate::engine::kpi::ChartId;
use crate::engine::objectives::{Comparison, Level};
use crate::locale::scope_text;
use crate::locale::{colon, format_value, kpi_label, t, Text};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The chart that explains a KPI.
fn chart_of(kpi: &str) -> ChartId {
    match def(kpi).map(|d| d.family) {
        Some(crate::engine::kpi::Family::Customers) => ChartId::NewVsLost,
        Some(crate::engine::kpi::Family::Pipeline) => ChartId::Funnel,
        Some(crate::engine::kpi::Family::Prospecting) => ChartId::LeadResponse,
        Some(crate::engine::kpi::Family::Activity) => ChartId::ActivityByRep,
        Some(crate::engine::kpi::Family::Marketing) => ChartId::CacByMonth,
        Some(crate::engine::kpi::Family::Satisfaction) => ChartId::Nps,
        Some(crate::engine::kpi::Family::Receivables) => ChartId::ReceivablesAging,
        _ if kpi.contains("margin") => ChartId::MarginByMonth,
        _ => ChartId::RevenueByMonth,
    }
}

fn go_to(chart: ChartId) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("panel-{chart}")))
    {
        el.scroll_into_view();
    }
}

#[component]
pub fn AlertsStrip() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let items = move || {
        let l = lang.get();
        let currency = state.settings.with(|s| s.currency.clone());
        let colon = colon(l);
        let mut out: Vec<(String, ChartId)> = Vec::new();
        for o in state
            .objectives
            .get()
            .into_iter()
            .filter(|o| o.level == Some(Level::Alert))
        {
            let Some(d) = def(&o.kpi) else { continue };
            let projection = o
                .projected_value
                .map(|v| format_value(d.unit, v, &currency, l))
                .unwrap_or_default();
            let target = format_value(d.unit, o.target, &currency, l);
            out.push((
                format!(
                    "{} ({}){colon}{} {projection} / {} {target}",
                    kpi_label(d, l),
                    scope_text(&o.scope, l),
                    t(l, Text::Projection),
                    t(l, Text::Target)
                ),
                chart_of(&o.kpi),
            ));
        }
        for a in state.alerts.get().into_iter().filter(|a| a.triggered) {
            let Some(d) = def(&a.kpi) else { continue };
            let dir = if a.when == Comparison::Above {
                t(l, Text::Above)
            } else {
                t(l, Text::Below)
            };
            // A rule on the whole team hits as `team`; one for each rep or region, by its name.
            let whole_team = state.setup.with(|s| {
                s.alert_rules
                    .iter()
                    .any(|r| r.id == a.id && r.for_each.is_none())
            });
            let who: Vec<String> = a
                .hits
                .iter()
                .map(|h| {
                    let who = if whole_team {
                        t(l, Text::TeamHit)
                    } else {
                        h.key.as_str()
                    };
                    format!("{who} {}", format_value(d.unit, h.value, &currency, l))
                })
                .collect();
            out.push((
                format!(
                    "{} {dir} {}{colon}{}",
                    kpi_label(d, l),
                    format_value(d.unit, a.threshold, &currency, l),
                    who.join(", ")
                ),
                chart_of(&a.kpi),
            ));
        }
        out
    };
    view! {
        <Show when=move || !items().is_empty()>
            <section class="alerts-strip" data-testid="alerts-strip" role="alert">
                <h2>{move || t(lang.get(), Text::Alerts)}</h2>
                <ul>
                    {move || items().into_iter().map(|(text, chart)| view! {
                        <li><button class="alert-link" on:click=move |_| go_to(chart)>{text}</button></li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
