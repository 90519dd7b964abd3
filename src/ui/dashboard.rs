//! The dashboard: filters, the exports, KPI cards by family with what would
//! unlock the missing ones, and the charts — all read from the report memo.

use super::cards::{KpiCard, LockedKpi};
use super::chart::ChartPanel;
use super::chart_list::CHARTS;
use super::download::download_text;
use super::filters::FilterBar;
use super::state::AppState;
use crate::engine::kpi::{Family, KpiDef, CATALOGUE};
use crate::locale::{date_label, family_label, t, Lang, Text};
use leptos::prelude::*;

const FAMILIES: [Family; 9] = [
    Family::Revenue,
    Family::Customers,
    Family::Pipeline,
    Family::Prospecting,
    Family::Activity,
    Family::Marketing,
    Family::Satisfaction,
    Family::Receivables,
    Family::Team,
];

fn defs(f: Family) -> Vec<&'static KpiDef> {
    CATALOGUE.iter().filter(|d| d.family == f).collect()
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let report = state.report;
    let has_data = move || state.workspace.with(|w| !w.tables.is_empty());
    let period = move || {
        report.with(|r| {
            r.period.as_ref().map(|p| {
                let l = lang.get();
                let colon = if l == Lang::Fr { " :" } else { ":" };
                format!(
                    "{}{colon} {} → {}",
                    t(l, Text::Period),
                    date_label(&p.from, l),
                    date_label(&p.to, l)
                )
            })
        })
    };
    let export_json = move |_| {
        let json = report.with(|r| serde_json::to_string_pretty(r).unwrap_or_default());
        download_text("cadran-report.json", "application/json", &json);
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <Show when=has_data>
            <section class="dashboard">
                <div class="toolbar">
                    <FilterBar/>
                    <div class="toolbar-actions">
                        <button class="button" data-testid="export-json" on:click=export_json>{move || t(lang.get(), Text::ExportJson)}</button>
                        <button class="button" on:click=print>{move || t(lang.get(), Text::Print)}</button>
                    </div>
                </div>
                <p class="period" data-testid="period">{period}</p>
                {FAMILIES.iter().map(|&f| view! { <FamilySection family=f/> }).collect_view()}
                <div class="charts">
                    {CHARTS.iter().map(|spec| view! { <ChartPanel spec=spec/> }).collect_view()}
                </div>
            </section>
        </Show>
    }
}

#[component]
fn FamilySection(family: Family) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let available = move |d: &KpiDef| {
        state
            .report
            .with(|r| r.kpi(d.id).is_some_and(|k| k.value.is_some()))
    };
    let shown = move || {
        defs(family)
            .into_iter()
            .filter(|d| available(d))
            .collect::<Vec<_>>()
    };
    let locked = move || {
        defs(family)
            .into_iter()
            .filter(|d| !available(d))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="family" data-testid=format!("family-{family:?}").to_lowercase()>
            <h2>{move || family_label(family, lang.get())}</h2>
            <Show when=move || !shown().is_empty()>
                <div class="kpi-grid">
                    <For each=shown key=|d| d.id let:d>
                        <KpiCard def=d/>
                    </For>
                </div>
            </Show>
            <Show when=move || !locked().is_empty()>
                <details class="locked">
                    <summary>{move || t(lang.get(), Text::ToUnlock)}" ("{move || locked().len()}")"</summary>
                    <ul>
                        <For each=locked key=|d| d.id let:d>
                            <LockedKpi def=d/>
                        </For>
                    </ul>
                </details>
            </Show>
        </section>
    }
}
