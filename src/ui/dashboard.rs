//! The dashboard: KPI cards and charts, all read from the report memo.

use super::chart::{text_signal, ChartPanel, TableRows};
use super::AppState;
use crate::charts;
use crate::engine::report::KpiValue;
use crate::locale::{date_label, format_money, format_percent, month_label, t, Lang, Text};
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let report = state.report;
    let revenue = Memo::new(move |_| report.with(|r| r.kpi("revenue").cloned()));
    let available = move || revenue.with(|k| k.as_ref().is_some_and(|k| k.value.is_some()));
    let chart = Signal::derive(move || report.with(|r| charts::revenue_by_month(r, lang.get())));
    let rows = Signal::derive(move || {
        let l = lang.get();
        report.with(|r| {
            r.breakdown("revenue_by_month")
                .iter()
                .map(|row| {
                    (
                        month_label(&row.key, l),
                        format_money(row.value, &r.currency, l),
                    )
                })
                .collect::<TableRows>()
        })
    });
    let header = Signal::derive(move || {
        let l = lang.get();
        (
            t(l, Text::Month).to_string(),
            t(l, Text::Revenue).to_string(),
        )
    });
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
    view! {
        <section class="dashboard" aria-live="polite">
            <Show
                when=available
                fallback=move || view! { <p class="empty-state">{move || t(lang.get(), Text::NoSalesYet)}</p> }
            >
                <p class="period">{period}</p>
                <div class="kpi-grid">
                    <KpiCard id="revenue" label=Text::Revenue value=revenue/>
                </div>
                <ChartPanel
                    id="revenue-by-month"
                    title=text_signal(lang, Text::RevenueByMonth)
                    chart=chart
                    rows=rows
                    header=header
                />
            </Show>
        </section>
    }
}

fn change_text(change: Option<f64>, lang: Lang) -> Option<(String, &'static str)> {
    let c = change?;
    let arrow = if c > 0.0 {
        "▲"
    } else if c < 0.0 {
        "▼"
    } else {
        "■"
    };
    let class = if c > 0.0 {
        "up good"
    } else if c < 0.0 {
        "down bad"
    } else {
        "flat"
    };
    Some((format!("{arrow} {}", format_percent(c, lang)), class))
}

/// One KPI: its formatted value, the raw value in `data-value`, and its changes.
#[component]
fn KpiCard(id: &'static str, label: Text, value: Memo<Option<KpiValue>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let raw = move || {
        value.with(|v| {
            v.as_ref()
                .and_then(|v| v.value)
                .map(|x| x.to_string())
                .unwrap_or_default()
        })
    };
    let shown = move || {
        let currency = state.report.with(|r| r.currency.clone());
        value.with(|v| {
            v.as_ref()
                .and_then(|v| v.value)
                .map(|x| format_money(x, &currency, lang.get()))
                .unwrap_or_default()
        })
    };
    let change = move |last_year: bool| {
        value.with(|v| {
            let v = v.as_ref()?;
            let reference = if last_year { v.last_year } else { v.previous };
            let key = if last_year { Text::VsLastYear } else { Text::VsPrevious };
            change_text(v.change(reference), lang.get())
                .map(|(text, class)| view! { <li class=class>{text}" "<span>{t(lang.get(), key)}</span></li> })
        })
    };
    view! {
        <article class="kpi-card">
            <h3>{move || t(lang.get(), label)}</h3>
            <p class="kpi-value" data-testid=format!("kpi-{id}") data-value=raw>{shown}</p>
            <ul class="kpi-changes">{move || change(false)}{move || change(true)}</ul>
        </article>
    }
}
