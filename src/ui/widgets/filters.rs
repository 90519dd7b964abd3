//! The filter bar: period presets or a custom range, what the period is
//! compared with (previous period, same period last year, nothing), then
//! one compact control per dimension the data has (rep, manager, region,
//! sector, segment, channel, product, customer), each opening a list of
//! checkboxes — searchable when long — so several values can be kept at
//! once. The chosen values show as chips; a filter the data cannot take is
//! shown as not applied.

use crate::engine::kpi::Preset;
use crate::engine::schema::normalize;
use crate::engine::Field;
use crate::locale::{
    active_filters, colon, compare_label, compare_with, field_label, filter_not_applied,
    filter_search_label, more_matches, no_match, preset_label, remove_filter_value, t,
    value_without_rows, Text,
};
use crate::ui::state::AppState;
use crate::view::{CompareChoice, PeriodChoice};
use leptos::prelude::*;

/// From this many values, a list gets a search box.
const SEARCH_FROM: usize = 13;
/// At most this many values are listed at once: a list of 1 850 products
/// is read by searching, not by scrolling.
const SHOWN_AT_MOST: usize = 50;

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
    // The options change with the tables: the controls are rebuilt (and an
    // open list closed) only then.
    let options = Memo::new(move |_| state.filter_options.get());
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
        options.with(|options| {
            view.with(|v| {
                v.filters
                    .iter()
                    .filter(|(f, _)| !options.contains_key(f))
                    .map(|(f, values)| (*f, values.join(", ")))
                    .collect::<Vec<_>>()
            })
        })
    };
    // The chosen values of the fields the data has, as chips.
    let chips = move || {
        options.with(|options| {
            view.with(|v| {
                v.filters
                    .iter()
                    .filter(|(f, _)| options.contains_key(f))
                    .flat_map(|(f, values)| values.iter().map(|value| (*f, value.clone())))
                    .collect::<Vec<_>>()
            })
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
        <form class="filters filter-bar" data-testid="filters" on:submit=|ev| ev.prevent_default()>
            <div class="filter-row">
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
                {move || options.get().into_iter().map(|(field, values)| view! {
                    <FilterChoice field values />
                }).collect_view()}
            </div>
            <Show when=move || !chips().is_empty()>
                <ul class="filter-chips" aria-label=move || active_filters(lang.get())>
                    {move || chips().into_iter().map(|(field, value)| {
                        let (shown, named, data) = (value.clone(), value.clone(), value.clone());
                        view! {
                            <li class="filter-chip" data-testid=format!("filter-chip-{}", field.name()) data-value=data>
                                <span>{move || field_label(field, lang.get())}{move || colon(lang.get())}<span data-from-file="">{shown}</span></span>
                                <button
                                    type="button"
                                    class="chip-remove"
                                    data-testid=format!("filter-chip-remove-{}", field.name())
                                    aria-label=move || remove_filter_value(field, &named, lang.get())
                                    on:click=move |_| view.update(|s| s.remove_filter(field, &value))
                                >"×"</button>
                            </li>
                        }
                    }).collect_view()}
                    <li>
                        <button type="button" class="button subtle" data-testid="filters-clear" on:click=move |_| view.update(|s| s.filters.clear())>
                            {move || t(lang.get(), Text::ClearAll)}
                        </button>
                    </li>
                </ul>
            </Show>
            {move || not_applied().into_iter().map(|(field, value)| view! {
                <p class="filter-not-applied" data-testid=format!("filter-not-applied-{}", field.name())>
                    {
                        let value = value.clone();
                        move || filter_not_applied(field, &value, lang.get())
                    }
                    " "
                    <button type="button" class="button subtle" on:click=move |_| view.update(|s| { s.filters.remove(&field); })>
                        {move || t(lang.get(), Text::Remove)}
                    </button>
                </p>
            }).collect_view()}
        </form>
    }
}

/// One dimension's control: a `<details>` whose summary says what is
/// chosen, opening the values as checkboxes; a long list is searched
/// (accent- and case-insensitive) and shows its first matches only.
#[component]
fn FilterChoice(field: Field, values: Vec<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (lang, view) = (state.lang, state.view);
    let searchable = values.len() >= SEARCH_FROM;
    let query = RwSignal::new(String::new());
    // Each value with its searchable form, computed once.
    let values = StoredValue::new(
        values
            .into_iter()
            .map(|v| (normalize(&v), v))
            .collect::<Vec<_>>(),
    );
    let chosen = move || view.with(|v| v.filter_values(field).to_vec());
    // What the list shows: the chosen values the search leaves out first
    // (so they can be unticked), then the matches, at most SHOWN_AT_MOST;
    // and how many matches are not shown.
    let listed = Memo::new(move |_| {
        // Each word of the search, in any order: "copier canon" finds
        // "Canon imageCLASS 2200 Advanced Copier".
        let words: Vec<String> = query.with(|q| q.split_whitespace().map(normalize).collect());
        let found = |n: &str| words.iter().all(|w| n.contains(w.as_str()));
        let chosen = chosen();
        values.with_value(|all| {
            let mut matches = all.iter().filter(|(n, _)| found(n));
            let mut shown: Vec<(String, bool)> = chosen
                .iter()
                .filter(|c| {
                    let c = normalize(c);
                    !all.iter().any(|(n, _)| *n == c && found(n))
                })
                .map(|c| (c.clone(), all.iter().any(|(n, _)| *n == normalize(c))))
                .collect();
            shown.extend(
                matches
                    .by_ref()
                    .take(SHOWN_AT_MOST)
                    .map(|(_, v)| (v.clone(), true)),
            );
            (shown, matches.count())
        })
    });
    let name = field.name();
    let option_id = format!("filter-option-{name}");
    let details = NodeRef::<leptos::html::Details>::new();
    // Escape closes the list, as it would a menu, and gives the focus back to its summary.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(d) = details.get() {
                if d.open() {
                    ev.prevent_default();
                    d.set_open(false);
                    if let Some(s) = d.first_element_child() {
                        use wasm_bindgen::JsCast;
                        if let Ok(s) = s.dyn_into::<web_sys::HtmlElement>() {
                            let _ = s.focus();
                        }
                    }
                }
            }
        }
    };
    // Opening a long list puts the cursor in its search box: type at once.
    let search = NodeRef::<leptos::html::Input>::new();
    let on_toggle = move |_| {
        if details.get().is_some_and(|d| d.open()) {
            if let Some(input) = search.get() {
                let _ = input.focus();
            }
        }
    };
    view! {
        <details class="filter-choice" node_ref=details data-testid=format!("filter-{name}") on:keydown=on_key on:toggle=on_toggle>
            // "Région : Ouest +1": the field, its first value (the data's words) and how many more.
            <summary class:chosen=move || !chosen().is_empty()>
                {move || field_label(field, lang.get())}
                {move || chosen().first().cloned().map(|first| view! {
                    {move || colon(lang.get())}<span data-from-file="">{first}</span>
                })}
                {move || chosen().len().checked_sub(1).filter(|n| *n > 0).map(|n| format!(" +{n}"))}
            </summary>
            <div class="filter-menu">
                {searchable.then(|| view! {
                    <label class="filter-search">
                        <span class="visually-hidden">{move || filter_search_label(field, lang.get())}</span>
                        <input
                            node_ref=search
                            type="search"
                            data-testid=format!("filter-search-{name}")
                            placeholder=move || filter_search_label(field, lang.get())
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))
                        />
                    </label>
                })}
                // Named after its field, so that a screen reader says which filter a value is of.
                <ul class="filter-options" role="group" aria-label=move || field_label(field, lang.get())>
                    <For
                        each=move || listed.get().0
                        key=|(v, _)| v.clone()
                        children=move |(value, has_rows)| {
                            let (checked, toggled) = (value.clone(), value.clone());
                            let (shown, data) = (value.clone(), value);
                            view! {
                                <li>
                                    <label>
                                        <input
                                            type="checkbox"
                                            data-testid=option_id.clone()
                                            data-value=data
                                            prop:checked=move || view.with(|v| v.has_filter_value(field, &checked))
                                            on:change=move |_| view.update(|s| s.toggle_filter(field, &toggled))
                                        />
                                        <span data-from-file="">{move || if has_rows { shown.clone() } else { value_without_rows(&shown, lang.get()) }}</span>
                                    </label>
                                </li>
                            }
                        }
                    />
                </ul>
                {move || {
                    let (shown, rest) = listed.with(|(s, r)| (s.len(), *r));
                    if shown == 0 {
                        Some(view! { <p class="filter-more">{move || no_match(lang.get())}</p> }.into_any())
                    } else if rest > 0 {
                        Some(view! { <p class="filter-more">{move || more_matches(rest, lang.get())}</p> }.into_any())
                    } else {
                        None
                    }
                }}
            </div>
        </details>
    }
}
