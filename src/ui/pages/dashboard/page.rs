//! The dashboard: filters, the exports, KPI cards by family with what would
//! unlock the missing ones, and the charts — all read from the report memo.

mod alerts;
mod cards;
mod chart_list;
mod chart_panel;

use crate::engine::kpi::{Family, KpiDef, CATALOGUE};
use crate::locale::device::{dt, DeviceText};
use crate::locale::{colon, date_label, family_label, kpi_label, said_report, t, Text};
use crate::ui::state::storage::Layout;
use crate::ui::state::AppState;
use crate::ui::widgets::download::download_text;
use crate::ui::widgets::filters::FilterBar;
use alerts::AlertsStrip;
use cards::{KpiCard, LockedKpi};
use chart_list::CHARTS;
use chart_panel::ChartPanel;
use leptos::prelude::*;

/// The family's KPIs in the user's order (then the catalogue's).
fn defs(f: Family, layout: &Layout) -> Vec<&'static KpiDef> {
    let mut v: Vec<&'static KpiDef> = CATALOGUE.iter().filter(|d| d.family == f).collect();
    let rank = |d: &KpiDef| {
        layout
            .order
            .iter()
            .position(|x| x == d.id)
            .unwrap_or(usize::MAX)
    };
    v.sort_by_key(|d| rank(d));
    v
}

/// Families mounted with the top of the dashboard; the others a task later.
const FIRST_FAMILIES: usize = 2;

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let report = state.report;
    let has_data = move || state.tables.with(|t| !t.is_empty());
    let period = move || {
        report.with(|r| {
            r.period.as_ref().map(|p| {
                let l = lang.get();
                format!(
                    "{}{}{} → {}",
                    t(l, Text::Period),
                    colon(l),
                    date_label(&p.from, l),
                    date_label(&p.to, l)
                )
            })
        })
    };
    let export_json = move |_| {
        // The JSON of `cadran kpis`: reasons and notes in its English.
        let said = report.with(|r| said_report(r.clone()));
        let json = serde_json::to_string_pretty(&said).unwrap_or_default();
        download_text("cadran-report.json", "application/json", &json);
    };
    // The dashboard mounts in two tasks: the top first, then the other
    // families and the charts' frames, so that the first report never
    // holds the page for long.
    let rest = RwSignal::new(false);
    Effect::new(move |_| {
        if has_data() && !rest.get_untracked() {
            set_timeout(move || rest.set(true), std::time::Duration::ZERO);
        }
    });
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
                <p class="period" data-testid="period">
                    {period}
                    // A big workspace takes a moment after a filter change: say so.
                    <span class="computing" role="status" aria-live="polite">
                        {move || state.computing.get().then(|| format!(" · {}", dt(lang.get(), DeviceText::Computing)))}
                    </span>
                </p>
                <AlertsStrip/>
                <PinnedRow/>
                {Family::ALL[..FIRST_FAMILIES].iter().map(|&f| view! { <FamilySection family=f/> }).collect_view()}
                <Show when=move || rest.get()>
                    {Family::ALL[FIRST_FAMILIES..].iter().map(|&f| view! { <FamilySection family=f/> }).collect_view()}
                    <div class="charts">
                        {CHARTS.iter().map(|spec| view! { <ChartPanel spec=spec/> }).collect_view()}
                    </div>
                </Show>
            </section>
        </Show>
    }
}

/// The main objective and its indicators, as the user pinned them.
#[component]
fn PinnedRow() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let pinned = move || {
        state.layout.with(|l| {
            l.pinned
                .iter()
                .filter_map(|id| CATALOGUE.iter().find(|d| d.id == id))
                .collect::<Vec<&'static KpiDef>>()
        })
    };
    let siblings = Signal::derive(move || pinned().into_iter().map(|d| d.id).collect::<Vec<_>>());
    view! {
        <section class="family pinned-row" data-testid="pinned-row">
            <h2>{move || t(lang.get(), Text::KeyIndicators)}</h2>
            <Show
                when=move || !pinned().is_empty()
                fallback=move || view! { <p class="hint">{move || t(lang.get(), Text::PinHint)}</p> }
            >
                <div class="kpi-grid">
                    <For each=pinned key=|d| d.id let:d>
                        <KpiCard def=d siblings=siblings/>
                    </For>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn FamilySection(family: Family) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let layout = state.layout;
    let available = move |d: &KpiDef| {
        state
            .report
            .with(|r| r.kpi(d.id).is_some_and(|k| k.value.is_some()))
    };
    let is_hidden = move |d: &KpiDef| layout.with(|l| l.hidden.iter().any(|x| x == d.id));
    let is_pinned = move |d: &KpiDef| layout.with(|l| l.pinned.iter().any(|x| x == d.id));
    let ordered = move || layout.with(|l| defs(family, l));
    let shown = move || {
        ordered()
            .into_iter()
            .filter(|d| available(d) && !is_hidden(d) && !is_pinned(d))
            .collect::<Vec<_>>()
    };
    let hidden = move || {
        ordered()
            .into_iter()
            .filter(|d| available(d) && is_hidden(d))
            .collect::<Vec<_>>()
    };
    let siblings = Signal::derive(move || shown().into_iter().map(|d| d.id).collect::<Vec<_>>());
    let locked = move || {
        ordered()
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
                        <KpiCard def=d siblings=siblings/>
                    </For>
                </div>
            </Show>
            <Show when=move || !hidden().is_empty()>
                <details class="locked" data-testid=format!("hidden-{family:?}").to_lowercase()>
                    <summary>{move || t(lang.get(), Text::Hidden)}" ("{move || hidden().len()}")"</summary>
                    <ul>
                        <For each=hidden key=|d| d.id let:d>
                            <li>
                                {move || kpi_label(d, lang.get())}" "
                                <button class="button subtle" data-testid=format!("unhide-{}", d.id) on:click=move |_| layout.update(|l| l.hidden.retain(|x| x != d.id))>
                                    {move || t(lang.get(), Text::Show)}
                                </button>
                            </li>
                        </For>
                    </ul>
                </details>
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
