//! The dashboard page: the filter bar and the exports, the alerts, the
//! objectives and their levels, the pinned KPIs, the cards by family, the
//! charts the data can draw, and one folded panel of what more data would
//! unlock.

use super::alerts::AlertsStrip;
use super::card_menu::hidden_summary_id;
use super::cards::{missing_change_reason, KpiCard};
use super::chart_list::CHARTS;
use super::chart_panel::ChartPanel;
use super::fit::{charts_with_data, kpi_lacks};
use super::objectives_strip::ObjectivesStrip;
use super::pins::key_row;
use super::unlock_panel::UnlockPanel;
use crate::engine::kpi::{Family, KpiDef, CATALOGUE};
use crate::locale::device::{dt, DeviceText};
use crate::locale::keyboard::{kt, KeyText};
use crate::locale::{
    colon, date_label, family_label, kpi_label, note, reason, said_report, t, Text,
};
use crate::ui::state::storage::Layout;
use crate::ui::state::AppState;
use crate::ui::widgets::download::download_text;
use crate::ui::widgets::filters::FilterBar;
use crate::ui::worker_client;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// The element holding the KPIs: the skip link's target.
pub const INDICATORS: &str = "indicators";

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
    // A file added here goes through the same import step, shown above the page.
    let add_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(list) = input.files() {
            let files = (0..list.length()).filter_map(|i| list.get(i)).collect();
            worker_client::load_files(state, files);
        }
        input.set_value("");
    };
    // Only the charts the data can draw; the others wait in the unlock panel.
    let charts = Memo::new(move |_| {
        let columns = state.filter_options.get();
        state.report.with(|r| {
            charts_with_data(r, &columns)
                .iter()
                .map(|s| s.id)
                .collect::<Vec<_>>()
        })
    });
    let chart_specs = move || {
        charts
            .get()
            .into_iter()
            .filter_map(|id| CHARTS.iter().find(|s| s.id == id))
            .collect::<Vec<_>>()
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <Show when=has_data>
            <section class="dashboard">
                <super::print::PrintHeader/>
                <div class="toolbar">
                    <FilterBar/>
                    <div class="toolbar-actions">
                        <label class="button">
                            <input type="file" class="visually-hidden" data-testid="add-file" accept=".csv,.txt,.tsv,text/csv" multiple on:change=add_files/>
                            {move || t(lang.get(), Text::AddFile)}
                        </label>
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
                <ReportNotes/>
                <ObjectivesStrip/>
                <AlertsStrip/>
                // Where the skip link at the top of the page leads (its first heading).
                <div class="indicators" id=INDICATORS>
                    <PinnedRow/>
                    {Family::ALL[..FIRST_FAMILIES].iter().map(|&f| view! { <FamilySection family=f/> }).collect_view()}
                    <Show when=move || rest.get()>
                        {Family::ALL[FIRST_FAMILIES..].iter().map(|&f| view! { <FamilySection family=f/> }).collect_view()}
                    </Show>
                    // How to go from card to card: each grid's description, shown while a card has the focus.
                    <p class="cards-hint" id="cards-hint">{move || kt(lang.get(), KeyText::CardsHint)}</p>
                </div>
                <Show when=move || rest.get()>
                    <div class="charts">
                        <For each=chart_specs key=|spec| spec.id let:spec>
                            <ChartPanel spec=spec/>
                        </For>
                    </div>
                    <UnlockPanel/>
                </Show>
            </section>
        </Show>
    }
}

/// The KPIs shown right after the objectives: the ones the user pinned (☆),
/// else those the objectives are set on, which explain them (pins.rs). They
/// leave their family's grid, so that each card is on the page once.
pub(super) fn key_kpis(state: AppState) -> Vec<&'static KpiDef> {
    let has_value = |d: &KpiDef| {
        state
            .report
            .with(|r| r.kpi(d.id).is_some_and(|k| k.value.is_some()))
    };
    let mut objectives: Vec<&'static str> = Vec::new();
    for o in worker_client::objectives_in_view(state) {
        if let Some(d) = CATALOGUE.iter().find(|d| d.id == o.kpi) {
            if !objectives.contains(&d.id) && has_value(d) {
                objectives.push(d.id);
            }
        }
    }
    state.layout.with(|l| {
        key_row(&l.pinned, &l.hidden, &objectives)
            .into_iter()
            .filter_map(|id| CATALOGUE.iter().find(|d| d.id == id))
            .collect()
    })
}

/// The reason each card of a group gives for having no comparison, when
/// they all give the same one: said once, as the group's description, not
/// after every card's name.
fn shared_reason(state: AppState, defs: &[&'static KpiDef]) -> Option<String> {
    let mut reasons = defs.iter().map(|d| missing_change_reason(state, d));
    let first = reasons.next()??;
    (defs.len() > 1 && reasons.all(|r| r.as_deref() == Some(first.as_str()))).then_some(first)
}

/// A grid's description: how to move in it, and the reason its cards share.
fn grid_description(why_id: &str, shared: bool) -> String {
    if shared {
        format!("cards-hint {why_id}")
    } else {
        "cards-hint".to_string()
    }
}

#[component]
fn PinnedRow() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let key = Memo::new(move |_| key_kpis(state));
    let siblings = Signal::derive(move || key.get().into_iter().map(|d| d.id).collect::<Vec<_>>());
    let why = Memo::new(move |_| shared_reason(state, &key.get()));
    let shared = Signal::derive(move || why.with(Option::is_some));
    // The row is one Tab stop; the arrows go from card to card (card_menu.rs).
    let current = RwSignal::new(None);
    view! {
        <Show when=move || key.with(|k| !k.is_empty())>
            <section class="family pinned-row" data-testid="pinned-row">
                <h2 id="heading-pinned" tabindex="-1">{move || t(lang.get(), Text::KeyIndicators)}</h2>
                <div class="kpi-grid" role="group" aria-labelledby="heading-pinned" aria-describedby=move || grid_description("group-why-pinned", shared.get())>
                    <For each=move || key.get() key=|d| d.id let:d>
                        <KpiCard def=d siblings=siblings current=current in_key_row=true heading="heading-pinned".to_string() shared_why=shared/>
                    </For>
                </div>
                <p class="visually-hidden" id="group-why-pinned">{move || why.get()}</p>
            </section>
        </Show>
    }
}

/// What the engine says about the figures (estimated amounts, deals left
/// out…), folded under the period.
#[component]
fn ReportNotes() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let notes = move || {
        let l = lang.get();
        state
            .report
            .with(|r| r.notes.iter().map(|n| note(n, l)).collect::<Vec<_>>())
    };
    view! {
        <Show when=move || !notes().is_empty()>
            <details class="report-notes" data-testid="report-notes">
                <summary>{move || t(lang.get(), Text::ReportNotes)}" ("{move || notes().len()}")"</summary>
                <ul>{move || notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </details>
        </Show>
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
    let key = Memo::new(move |_| key_kpis(state));
    let is_pinned = move |d: &KpiDef| key.with(|k| k.iter().any(|x| x.id == d.id));
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
    let why = Memo::new(move |_| shared_reason(state, &shown()));
    let shared = Signal::derive(move || why.with(Option::is_some));
    // Without a value but with its data: nothing in this period or filter.
    // (Missing data folds into the unlock panel.)
    let empty_here = move || {
        ordered()
            .into_iter()
            .filter(|d| !available(d) && state.report.with(|r| kpi_lacks(d.kpi, r).is_none()))
            .collect::<Vec<_>>()
    };
    let has_any = move || !shown().is_empty() || !hidden().is_empty() || !empty_here().is_empty();
    // The grid is one Tab stop; the arrows go from card to card (card_menu.rs).
    let current = RwSignal::new(None);
    let heading = move || format!("heading-{family:?}").to_lowercase();
    let why_id = move || format!("group-why-{family:?}").to_lowercase();
    view! {
        <Show when=has_any>
        <section class="family" data-testid=format!("family-{family:?}").to_lowercase()>
            <h2 id=heading() tabindex="-1">{move || family_label(family, lang.get())}</h2>
            <Show when=move || !shown().is_empty()>
                <div class="kpi-grid" role="group" aria-labelledby=heading() aria-describedby=move || grid_description(&why_id(), shared.get())>
                    <For each=shown key=|d| d.id let:d>
                        <KpiCard def=d siblings=siblings current=current heading=heading() shared_why=shared/>
                    </For>
                </div>
                <p class="visually-hidden" id=why_id()>{move || why.get()}</p>
            </Show>
            <Show when=move || !hidden().is_empty()>
                <details class="locked" data-testid=format!("hidden-{family:?}").to_lowercase()>
                    <summary id=hidden_summary_id(family)>{move || t(lang.get(), Text::Hidden)}" ("{move || hidden().len()}")"</summary>
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
            <Show when=move || !empty_here().is_empty()>
                <ul class="empty-here">
                    <For each=empty_here key=|d| d.id let:d>
                        <EmptyKpi def=d/>
                    </For>
                </ul>
            </Show>
        </section>
        </Show>
    }
}

/// A KPI with its data but no value here, and why (the period, a filter, a zero denominator).
#[component]
fn EmptyKpi(def: &'static KpiDef) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let why = move || {
        state.report.with(|r| {
            r.kpi(def.id)
                .and_then(|k| k.unavailable.as_ref())
                .map_or_else(String::new, |u| reason(u, lang.get()))
        })
    };
    view! {
        <li data-testid=format!("kpi-unavailable-{}", def.id)>
            <strong>{move || kpi_label(def, lang.get())}</strong>" — "{why}
        </li>
    }
}
