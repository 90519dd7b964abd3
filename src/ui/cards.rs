//! KPI cards: the value in its unit, its raw number in `data-value`, the
//! change against the previous period and last year (arrow coloured by the
//! KPI's direction), and a sparkline where a monthly series exists.

use super::state::AppState;
use crate::charts::spark_points;
use crate::engine::kpi::{Better, KpiDef};
use crate::engine::report::KpiValue;
use crate::locale::{format_percent, format_value, kpi_label, needs, t, Lang, Text};
use leptos::prelude::*;

/// The monthly breakdown drawn under a KPI, when there is one.
fn series_of(id: &str) -> Option<&'static str> {
    Some(match id {
        "revenue" => "revenue_by_month",
        "gross_margin" => "margin_by_month",
        "won_revenue" => "won_revenue_by_month",
        "new_customers" => "new_customers_by_month",
        "lost_customers" => "lost_customers_by_month",
        _ => return None,
    })
}

fn change_view(
    change: Option<f64>,
    better: Better,
    label: Text,
    lang: Lang,
) -> Option<impl IntoView> {
    let c = change?;
    let arrow = if c > 0.0 {
        "▲"
    } else if c < 0.0 {
        "▼"
    } else {
        "■"
    };
    let good = match better {
        Better::Higher => c > 0.0,
        Better::Lower => c < 0.0,
        Better::Neither => false,
    };
    let bad = match better {
        Better::Higher => c < 0.0,
        Better::Lower => c > 0.0,
        Better::Neither => false,
    };
    let class = if good {
        "good"
    } else if bad {
        "bad"
    } else {
        "flat"
    };
    Some(
        view! { <li class=class>{format!("{arrow} {}", format_percent(c, lang))}" "<span>{t(lang, label)}</span></li> },
    )
}

#[component]
pub fn KpiCard(def: &'static KpiDef) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let kpi = Memo::new(move |_| {
        state
            .report
            .with(|r| r.kpi(def.id).cloned().unwrap_or_default())
    });
    let raw = move || kpi.with(|k| k.value.map(|x| x.to_string()).unwrap_or_default());
    let shown = move || {
        let currency = state.settings.with(|s| s.currency.clone());
        kpi.with(|k: &KpiValue| {
            k.value
                .map(|v| format_value(def.unit, v, &currency, lang.get()))
                .unwrap_or_default()
        })
    };
    let median = move || {
        let currency = state.settings.with(|s| s.currency.clone());
        kpi.with(|k| {
            k.median.map(|m| {
                format!(
                    "{} {}",
                    t(lang.get(), Text::Median),
                    format_value(def.unit, m, &currency, lang.get())
                )
            })
        })
    };
    let spark = move || {
        let id = series_of(def.id)?;
        let values: Vec<f64> = state
            .report
            .with(|r| r.breakdown(id).iter().map(|b| b.value).collect());
        let points = spark_points(&values, 120.0, 28.0);
        (!points.is_empty()).then(|| view! {
            <svg class="spark" viewBox="0 0 120 28" width="120" height="28" aria-hidden="true" focusable="false">
                <polyline points=points fill="none" stroke="#0072B2" stroke-width="1.5"/>
            </svg>
        })
    };
    view! {
        <article class="kpi-card" data-testid=format!("card-{}", def.id)>
            <h3>{move || kpi_label(def, lang.get())}</h3>
            <p class="kpi-value" data-testid=format!("kpi-{}", def.id) data-value=raw>{shown}</p>
            <p class="kpi-median">{median}</p>
            <ul class="kpi-changes">
                {move || kpi.with(|k| change_view(k.change(k.previous), def.better, Text::VsPrevious, lang.get()))}
                {move || kpi.with(|k| change_view(k.change(k.last_year), def.better, Text::VsLastYear, lang.get()))}
            </ul>
            {spark}
        </article>
    }
}

/// An unavailable KPI and what would unlock it.
#[component]
pub fn LockedKpi(def: &'static KpiDef) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let reason = move || {
        state.report.with(|r| {
            r.kpi(def.id)
                .and_then(|k| k.unavailable.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <li data-testid=format!("kpi-unavailable-{}", def.id)>
            <strong>{move || kpi_label(def, lang.get())}</strong>" — "{move || needs(&reason(), lang.get())}
        </li>
    }
}
