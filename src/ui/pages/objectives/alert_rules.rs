//! Alert rules: a KPI above or below a threshold, for the team or each rep, region…

use super::form::{next_id, unit_of};
use crate::engine::kpi::{def, KpiId, CATALOGUE};
use crate::engine::objectives::{AlertRule, Comparison};
use crate::engine::Field;
use crate::locale::format_value;
use crate::locale::input::{read_target, target_error};
use crate::locale::{field_label, field_not_in_data, kpi_label, t, target_placeholder, Text};
use crate::locale::{objective_text, ObjectiveText};
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn AlertRules() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let kpi = RwSignal::new(KpiId::ChurnRate.as_str().to_string());
    let when = RwSignal::new("above".to_string());
    let threshold = RwSignal::new(String::new());
    let each = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The report covers some data: the filter options are those of tables.
    let has_data = move || state.report.with(|r| r.period.is_some());
    let add = move |_| {
        let Some(d) = def(&kpi.get()) else { return };
        // Typed in the unit the user sees: a rate in percent (45 is 45 %).
        let v = match read_target(&threshold.get(), d.unit, lang.get_untracked()) {
            Ok(v) => v,
            Err(e) => return error.set(Some(target_error(e, lang.get_untracked()))),
        };
        error.set(None);
        let rule = AlertRule {
            id: next_id(state, "r"),
            kpi: d.id.into(),
            when: if when.get() == "below" {
                Comparison::Below
            } else {
                Comparison::Above
            },
            threshold: v,
            for_each: serde_json::from_value(serde_json::Value::String(each.get())).ok(),
            note: String::new(),
        };
        state.setup.update(|s| s.alert_rules.push(rule));
    };
    view! {
        <section class="alert-rules" data-testid="alert-rules">
            <h3>{move || t(lang.get(), Text::AlertRules)}</h3>
            <ul>
                {move || state.setup.with(|s| s.alert_rules.clone()).into_iter().map(|rule| {
                    let id = rule.id.clone();
                    let label = def(&rule.kpi).map(|d| kpi_label(d, lang.get())).unwrap_or("?");
                    let currency = state.settings.with(|s| s.currency.clone());
                    let threshold = def(&rule.kpi).map(|d| format_value(d.unit, rule.threshold, &currency, lang.get())).unwrap_or_default();
                    let dir = if rule.when == Comparison::Above { t(lang.get(), Text::Above) } else { t(lang.get(), Text::Below) };
                    let each = rule.for_each.map(|f| format!(" ({} {})", t(lang.get(), Text::ForEach), field_label(f, lang.get()))).unwrap_or_default();
                    // A rule for each value of a field the data lacks checks nothing: say so.
                    let lacking = rule.for_each.filter(|f| has_data() && state.filter_options.with(|o| !o.contains_key(f)));
                    let each = match lacking {
                        Some(f) => format!("{each} — {}", field_not_in_data(f, lang.get())),
                        None => each,
                    };
                    view! {
                        <li data-testid=format!("rule-{}", rule.id)>{format!("{label} {dir} {threshold}{each}")}" "
                            <button class="button subtle" on:click=move |_| { let id = id.clone(); state.setup.update(|s| s.alert_rules.retain(|r| r.id != id)); }>
                                {move || t(lang.get(), Text::Delete)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="filters" on:submit=|ev| ev.prevent_default()>
                <label><span>{move || t(lang.get(), Text::Indicator)}</span>
                    <select data-testid="rule-kpi" prop:value=move || kpi.get() on:change=move |ev| kpi.set(event_target_value(&ev))>
                        {CATALOGUE.iter().map(|d| view! { <option value=d.id>{move || kpi_label(d, lang.get())}</option> }).collect_view()}
                    </select>
                </label>
                <label><span>"\u{a0}"</span>
                    <select data-testid="rule-when" aria-label=move || objective_text(lang.get(), ObjectiveText::Comparison) prop:value=move || when.get() on:change=move |ev| when.set(event_target_value(&ev))>
                        <option value="above">{move || t(lang.get(), Text::Above)}</option>
                        <option value="below">{move || t(lang.get(), Text::Below)}</option>
                    </select>
                </label>
                <label><span>{move || t(lang.get(), Text::Threshold)}</span>
                    <input type="text" data-testid="rule-threshold" inputmode="decimal" placeholder=move || target_placeholder(unit_of(&kpi.get()), lang.get()) prop:value=move || threshold.get() on:input=move |ev| threshold.set(event_target_value(&ev))/>
                </label>
                <label><span>{move || t(lang.get(), Text::ForEach)}</span>
                    <select data-testid="rule-each" prop:value=move || each.get() on:change=move |ev| each.set(event_target_value(&ev))>
                        <option value="">{move || t(lang.get(), Text::Team)}</option>
                        // Not "for each customer": thousands of reports for one rule.
                        {move || state.filter_options.with(|o| o.keys().copied().filter(|f| *f != Field::Customer).collect::<Vec<_>>()).into_iter().map(|f| view! { <option value=f.name()>{move || field_label(f, lang.get())}</option> }).collect_view()}
                    </select>
                </label>
                <button class="button" data-testid="add-rule" on:click=add>{move || t(lang.get(), Text::Add)}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="rule-error">{e}</p> })}
        </section>
    }
}
