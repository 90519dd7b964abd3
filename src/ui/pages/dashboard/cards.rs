//! KPI cards: the value in its unit, its raw number in `data-value`, the
//! change against the comparison chosen in the filter bar (arrow coloured by
//! the KPI's direction), and a sparkline where a monthly series exists.

use super::card_menu::{focus_after, CardAction, CardMenu};
use super::page::key_kpis;
use super::pins;
use crate::charts::spark_points;
use crate::engine::kpi::{Better, BreakdownId, KpiDef, KpiId};
use crate::engine::objectives::ObjectivePeriod;
use crate::engine::report::{Change, Comparison, KpiValue};
use crate::locale::input::period_label;
use crate::locale::level_label;
use crate::locale::{
    colon, format_change, format_compact, format_percent, format_value, formula, kpi_label,
    objective_text, reason, t, Lang, ObjectiveText, Text,
};
use crate::ui::state::storage::{Layout, MAX_PINNED};
use crate::ui::state::AppState;
use crate::ui::widgets::level::level_code;
use crate::ui::worker_client::objectives_with_results;
use crate::view::ViewState;
use leptos::prelude::*;

/// The monthly breakdown drawn under a KPI, when there is one.
fn series_of(id: KpiId) -> Option<BreakdownId> {
    Some(match id {
        KpiId::Revenue => BreakdownId::RevenueByMonth,
        KpiId::GrossMargin => BreakdownId::MarginByMonth,
        KpiId::WonRevenue => BreakdownId::WonRevenueByMonth,
        KpiId::NewCustomers => BreakdownId::NewCustomersByMonth,
        KpiId::LostCustomers => BreakdownId::LostCustomersByMonth,
        _ => return None,
    })
}

/// The card's change against the chosen comparison: an arrow and the
/// change, or, when the engine says it is unavailable, no arrow and why —
/// on hover, and while the card's menu button has the keyboard focus (the
/// reason is part of that button's accessible description).
fn change_view(
    change: Option<&Change>,
    def: &KpiDef,
    comparison: Comparison,
    currency: &str,
    lang: Lang,
) -> Option<impl IntoView> {
    let change = change?;
    let label = match comparison {
        Comparison::Previous => Text::VsPrevious,
        Comparison::LastYear => Text::VsLastYear,
    };
    let Some(shown) = format_change(def.unit, change, currency, lang) else {
        // Unavailable: said, not shown as a 0 % change.
        let reason = change
            .unavailable
            .as_ref()
            .map(|r| reason(r, lang))
            .unwrap_or_else(|| t(lang, Text::NoComparisonData).to_string());
        let why = format!("why-{}", def.id);
        // Not a Tab stop of its own: the card's one stop (its menu button) is
        // described by the reason, and shows it while focused.
        return Some(
            view! {
                <li class="flat na" data-testid=format!("no-comparison-{}", def.id)>
                    <span class="no-comparison" id=format!("no-comparison-text-{}", def.id)>
                        {t(lang, Text::NoComparison)}" "<span>{t(lang, label)}</span>
                    </span>
                    <span class="why" role="tooltip" id=why>{reason}</span>
                </li>
            }
            .into_any(),
        );
    };
    // What the card writes decides the arrow: a change shown as 0,0 gets none.
    let shown_zero = !shown.chars().any(|ch| ch.is_ascii_digit() && ch != '0');
    let c = if shown_zero {
        0.0
    } else {
        change.absolute.unwrap_or(0.0)
    };
    let arrow = if c > 0.0 {
        "▲"
    } else if c < 0.0 {
        "▼"
    } else {
        "■"
    };
    let good = match def.better {
        Better::Higher => c > 0.0,
        Better::Lower => c < 0.0,
        Better::Neither => false,
    };
    let bad = match def.better {
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
        view! { <li class=class>{format!("{arrow} {shown}")}" "<span>{t(lang, label)}</span></li> }
            .into_any(),
    )
}

/// Moves `id` one place up (`-1`) or down (`+1`) among `ids`, into the layout's order.
pub fn move_in(layout: &mut Layout, ids: &[&'static str], id: &str, step: isize) {
    let mut ids: Vec<&str> = ids.to_vec();
    let Some(i) = ids.iter().position(|x| *x == id) else {
        return;
    };
    let j = i as isize + step;
    if j < 0 || j as usize >= ids.len() {
        return;
    }
    ids.swap(i, j as usize);
    layout.order.retain(|x| !ids.contains(&x.as_str()));
    layout.order.extend(ids.iter().map(|x| x.to_string()));
}

/// Why the card shows no change against the chosen comparison, when the
/// engine says it is unavailable (the same test as change_view's); `None`
/// when there is a change, or no comparison chosen.
pub(super) fn missing_change_reason(state: AppState, def: &KpiDef) -> Option<String> {
    let chosen = state.view.with(|v| v.compare.comparison())?;
    let currency = state.settings.with(|s| s.currency.clone());
    let lang = state.lang.get();
    state.report.with(|r| {
        let change = r.kpi(def.id)?.vs(chosen)?;
        format_change(def.unit, change, &currency, lang)
            .is_none()
            .then(|| {
                change
                    .unavailable
                    .as_ref()
                    .map(|r| reason(r, lang))
                    .unwrap_or_else(|| t(lang, Text::NoComparisonData).to_string())
            })
    })
}

/// Whether the dashboard is filtered: an objective is measured without the
/// filters (the whole team, its whole period), and says so.
pub(super) fn filtered(view: &ViewState) -> bool {
    view.filters.values().any(|v| !v.is_empty())
}

#[component]
pub fn KpiCard(
    def: &'static KpiDef,
    /// The visible KPIs of the card's group, in order, for moving it up and down.
    #[prop(into)]
    siblings: Signal<Vec<&'static str>>,
    /// The card of the group holding the group's one Tab stop (card_menu.rs).
    current: RwSignal<Option<&'static str>>,
    /// The card is in the key row: pinned, or one of the objectives' KPIs
    /// shown there while nothing is pinned (pins.rs).
    #[prop(optional)]
    in_key_row: bool,
    /// The id of the group's heading: the focus goes there when the group's
    /// last card is hidden.
    heading: String,
    /// The group says once why its cards have no comparison (all the same
    /// reason): the card's description leaves it out.
    #[prop(into)]
    shared_why: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let layout = state.layout;
    let explain = RwSignal::new(false);
    let pinned = move || in_key_row;
    let key_row = move || {
        key_kpis(state)
            .into_iter()
            .map(|d| d.id)
            .collect::<Vec<_>>()
    };
    let toggle_pin = move || {
        let row = key_row();
        layout.update(|l| pins::toggle_pin(&mut l.pinned, &row, def.id, MAX_PINNED))
    };
    let hide = move || layout.update(|l| pins::hide(&mut l.pinned, &mut l.hidden, def.id));
    let shift = move |step: isize| {
        let ids = siblings.get_untracked();
        if in_key_row {
            layout.update(|l| pins::move_pinned(&mut l.pinned, &ids, def.id, step));
        } else {
            layout.update(|l| move_in(l, &ids, def.id, step));
        }
    };
    let on_action = Callback::new(move |a: CardAction| {
        let ids = siblings.get_untracked();
        match a {
            CardAction::Pin => toggle_pin(),
            CardAction::MoveUp => shift(-1),
            CardAction::MoveDown => shift(1),
            CardAction::Hide => hide(),
            CardAction::Explain => explain.update(|e| *e = !*e),
        }
        focus_after(a, def, &ids, &heading, explain.get_untracked());
    });
    // The team objective on this KPI, when there is one, with its result.
    let objective = Memo::new(move |_| {
        objectives_with_results(state)
            .into_iter()
            .find(|(o, _)| o.kpi == def.id && o.scope.field.is_none())
    });
    let inputs = move || {
        let l = lang.get();
        state.report.with(|r| {
            r.kpi(def.id)
                .and_then(|k| k.inputs.clone())
                .map(|i| crate::locale::read_from(&i.table, i.rows, l))
        })
    };
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
    // What the card's one stop reads out after its name: the value, the
    // change (or why there is none), the objective.
    let described_by = Signal::derive(move || {
        let mut ids = vec![format!("kpi-value-{}", def.id)];
        if let Some(chosen) = state.view.with(|v| v.compare.comparison()) {
            if missing_change_reason(state, def).is_some() {
                ids.push(format!("no-comparison-text-{}", def.id));
                // Said once for the group when its cards share it.
                if !shared_why.get() {
                    ids.push(format!("why-{}", def.id));
                }
            } else if kpi.with(|k| k.vs(chosen).is_some()) {
                ids.push(format!("changes-{}", def.id));
            }
        }
        if objective.with(Option::is_some) {
            ids.push(format!("kpi-objective-said-{}", def.id));
        }
        ids.join(" ")
    });
    let spark = move || {
        let id = series_of(def.kpi)?;
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
        <article class="kpi-card" class:pinned=in_key_row data-testid=format!("card-{}", def.id)
            aria-labelledby=format!("kpi-title-{}", def.id)>
            <div class="card-head">
                <h3 id=format!("kpi-title-{}", def.id)>{move || kpi_label(def, lang.get())}</h3>
                <CardMenu def=def siblings=siblings current=current pinned=Signal::derive(pinned)
                    explained=explain described_by=described_by on_action=on_action/>
            </div>
            <p class="kpi-value" id=format!("kpi-value-{}", def.id) data-testid=format!("kpi-{}", def.id) data-value=raw>{shown}</p>
            <p class="kpi-median">{median}</p>
            <ul class="kpi-changes" id=format!("changes-{}", def.id)>
                {move || {
                    // Only the comparison chosen in the filter bar (none: no line).
                    let chosen = state.view.with(|v| v.compare.comparison())?;
                    let currency = state.settings.with(|s| s.currency.clone());
                    kpi.with(|k| change_view(k.vs(chosen), def, chosen, &currency, lang.get()))
                }}
            </ul>
            {spark}
            {move || objective.get().map(|(o, r)| {
                let currency = state.settings.with(|s| s.currency.clone());
                view! { <ObjectiveLine def=def period=o.period result=r currency=currency/> }
            })}
            <Show when=move || explain.get()>
                <div class="explanation" id=format!("explanation-{}", def.id) tabindex="-1" data-testid=format!("explanation-{}", def.id)>
                    <p>{move || formula(def.id, lang.get())}</p>
                    <p class="inputs">{inputs}</p>
                </div>
            </Show>
        </article>
    }
}

/// An objective in a line: "10,9 M€ / 12 M€ · 91 % · équilibre" (actual /
/// target · attainment · level), amounts compact.
pub(super) fn objective_summary(
    def: &KpiDef,
    result: &crate::engine::objectives::ObjectiveResult,
    currency: &str,
    l: Lang,
) -> String {
    let amount = |v: f64| match def.unit {
        crate::engine::report::Unit::Currency => format_compact(v, currency, l),
        unit => format_value(unit, v, currency, l),
    };
    let mut parts = vec![format!(
        "{} / {}",
        result.actual.map(amount).unwrap_or_else(|| "–".into()),
        amount(result.target)
    )];
    if let Some(a) = result.attainment {
        parts.push(format_percent(a, l));
    }
    parts.push(level_label(result.level, l).to_string());
    parts.join(" · ")
}

/// A card's objective: "10,9 M€ / 12 M€ · 91 % · équilibre" (actual /
/// target · attainment · level), with a bar of the attainment and, for sums
/// and counts while the period runs, a mark where the pace puts the target.
#[component]
fn ObjectiveLine(
    def: &'static KpiDef,
    /// Said beside the figures: the objective's period is not the view's.
    period: ObjectivePeriod,
    result: crate::engine::objectives::ObjectiveResult,
    currency: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let level = result.level;
    let attainment = result.attainment;
    let pace = result
        .expected_to_date
        .is_some()
        .then_some(result.pace)
        .filter(|p| *p > 0.0 && *p < 1.0);
    let text = move || objective_summary(def, &result, &currency, lang.get());
    // "Objectif 2025 :", and "(sans les filtres)" while the dashboard is filtered.
    let label = move || {
        let l = lang.get();
        let mut said = format!("{} {}", t(l, Text::Objective), period_label(&period, l));
        if state.view.with(filtered) {
            said = format!(
                "{said} {}",
                objective_text(l, ObjectiveText::WithoutFilters)
            );
        }
        format!("{said}{}", colon(l))
    };
    // The bar runs to 100 % of the target; the pace mark sits at its share.
    let width = attainment.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
    let pace_text = move || {
        pace.map(|p| {
            let l = lang.get();
            format!(
                "{} {}",
                objective_text(l, ObjectiveText::Pace),
                format_percent(p, l)
            )
        })
    };
    view! {
        <div class=format!("kpi-objective {}", level_code(level)) data-testid=format!("kpi-objective-{}", def.id) data-level=level_code(level)
            data-attainment=attainment.map(|a| a.to_string()).unwrap_or_default()>
            // The card's description reads the whole line, its label with it.
            <p id=format!("kpi-objective-said-{}", def.id)>
                <span class="kpi-objective-label">{label}</span>
                <span data-testid=format!("kpi-objective-text-{}", def.id)>{text}</span>
            </p>
            <div class="kpi-objective-bar" role="meter" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=format!("{width:.0}") aria-label=move || t(lang.get(), Text::Objective)>
                <div class=format!("fill {}", level_code(level)) style:width=format!("{width:.1}%")></div>
                {pace.map(|p| view! { <div class="pace-mark" style:left=format!("{:.1}%", p * 100.0)></div> })}
            </div>
            {move || pace_text().map(|p| view! { <p class="kpi-objective-pace" data-testid=format!("kpi-objective-pace-{}", def.id)>{p}</p> })}
        </div>
    }
}
