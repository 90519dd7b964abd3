//! The filter bar: period presets or a custom range, what the period is
//! compared with (previous period, same period last year, nothing), and one value per
//! dimension (rep, manager, region, sector, segment, channel, product) that
//! the data has; a filter the data cannot take is shown as not applied.

use crate::engine::kpi::Preset;
use crate::engine::schema::normalize;
use crate::locale::{
    compare_label, compare_with, field_label, filter_not_applied, preset_label, t,
    value_without_rows, Text,
};
use crate::ui::state::AppState;
use crate::view::{CompareChoice, PeriodChoice};
use leptos::prelude::*;

fn preset_code(p: Preset) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (lang, view) = (state.lang, state.view);
    let period_value = move || {
        view.with(|v| match &v.period {
            PeriodChoice::All => "all".to_string(),
            PeriodChoice::Preset(p) => preset_code(*p),
            PeriodChoice::Custom(..) => "custom".to_string(),
        })
    };
    let on_period = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let choice = match v.as_str() {
            "all" => PeriodChoice::All,
            "custom" => {
                let (from, to) = state
                    .report
                    .with_untracked(|r| r.period.as_ref().map(|p| (p.from.clone(), p.to.clone())))
                    .unwrap_or_default();
                PeriodChoice::Custom(from, to)
            }
            code => Preset::ALL
                .into_iter()
                .find(|p| preset_code(*p) == code)
                .map_or(PeriodChoice::All, PeriodChoice::Preset),
        };
        view.update(|s| s.period = choice);
    };
    let custom = move || view.with(|v| matches!(v.period, PeriodChoice::Custom(..)));
    // Filters of the view on a field none of the tables has (a link, a view
    // kept from other data): the engine worker leaves them out; say it.
    let not_applied = move || {
        if state.report.with(|r| r.period.is_none()) {
            return Vec::new();
        }
        let options = state.filter_options.get();
        view.with(|v| {
            v.filters
                .iter()
                .filter(|(f, _)| !options.contains_key(f))
                .map(|(f, value)| (*f, value.clone()))
                .collect::<Vec<_>>()
        })
    };
    let date_input = move |end: bool| {
        view! {
            <input
                type="date"
                data-testid=if end { "period-to" } else { "period-from" }
                prop:value=move || view.with(|v| match &v.period {
                    PeriodChoice::Custom(f, t) => if end { t.clone() } else { f.clone() },
                    _ => String::new(),
                })
                on:change=move |ev| {
                    let d = event_target_value(&ev);
                    view.update(|s| {
                        if let PeriodChoice::Custom(f, t) = &mut s.period {
                            if end { *t = d } else { *f = d }
                        }
                    });
                }
            />
        }
    };
    view! {
        <form class="filters" data-testid="filters" on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{move || t(lang.get(), Text::Period)}</span>
                <select data-testid="period-select" prop:value=period_value on:change=on_period>
                    <option value="all">{move || t(lang.get(), Text::AllData)}</option>
                    {Preset::ALL.into_iter().map(|p| view! {
                        <option value=preset_code(p)>{move || preset_label(p, lang.get())}</option>
                    }).collect_view()}
                    <option value="custom">{move || t(lang.get(), Text::Custom)}</option>
                </select>
            </label>
            <Show when=custom>
                <label><span>{move || t(lang.get(), Text::From)}</span>{date_input(false)}</label>
                <label><span>{move || t(lang.get(), Text::To)}</span>{date_input(true)}</label>
            </Show>
            <label>
                <span>{move || compare_with(lang.get())}</span>
                <select
                    data-testid="compare-select"
                    prop:value=move || view.with(|v| v.compare.code())
                    on:change=move |ev| {
                        let choice = CompareChoice::from_code(&event_target_value(&ev)).unwrap_or_default();
                        view.update(|s| s.compare = choice);
                    }
                >
                    {CompareChoice::ALL.into_iter().map(|c| view! {
                        <option value=c.code()>{move || compare_label(c.comparison(), lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            {move || state.filter_options.get().into_iter().map(|(field, values)| {
                // A chosen value no row has (a link, a view kept from other data): listed, and said.
                let chosen = view.with_untracked(|v| v.filters.get(&field).cloned());
                let missing = chosen.filter(|c| !values.iter().any(|v| normalize(v) == normalize(c)));
                view! {
                    <label>
                        <span>{move || field_label(field, lang.get())}</span>
                        <select
                            data-testid=format!("filter-{}", field.name())
                            prop:value=move || view.with(|v| v.filters.get(&field).cloned().unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                view.update(|s| {
                                    if v.is_empty() { s.filters.remove(&field); } else { s.filters.insert(field, v); }
                                });
                            }
                        >
                            <option value="">{move || t(lang.get(), Text::All)}</option>
                            {values.into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
                            {missing.map(|m| { let label = m.clone(); view! { <option value=m>{move || value_without_rows(&label, lang.get())}</option> } })}
                        </select>
                    </label>
                }
            }).collect_view()}
            {move || not_applied().into_iter().map(|(field, value)| view! {
                <p class="filter-not-applied" data-testid=format!("filter-not-applied-{}", field.name())>
                    {
                        let value = value.clone();
                        move || filter_not_applied(field, &value, lang.get())
                    }
                    " "
                    <button class="button subtle" on:click=move |_| view.update(|s| { s.filters.remove(&field); })>
                        {move || t(lang.get(), Text::Remove)}
                    </button>
                </p>
            }).collect_view()}
        </form>
    }
}
