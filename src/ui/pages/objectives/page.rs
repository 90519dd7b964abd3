//! The objectives page: each objective with its progress and level, a form
//! to add one, a grid to set one target per rep at once (or paste a column
//! from a spreadsheet), the reps ranked by attainment, and the alert rules.

use super::alert_rules::AlertRules;
use super::charts::{ObjectiveChart, TeamGauges};
use super::form::{edit_objective, next_id, typed_period, unit_of};
use super::rep_targets::{Ranking, RepTargets};
use super::setup::{SetupPreview, SetupSharing};
use crate::engine::demo;
use crate::engine::kpi::{def, KpiId, CATALOGUE};
use crate::engine::objectives::{Objective, ObjectiveResult, Scope};
use crate::engine::parse::date::ymd_from_days;
use crate::engine::report::Unit;
use crate::engine::Field;
use crate::locale::input::{format_typed, period_label, read_period, read_target, target_error};
use crate::locale::{
    colon, date_label, field_label, format_percent, format_value, kpi_label, level_label,
    objective_text, reason as said, scope_text, t, target_placeholder, typed_day, ObjectiveText,
    Text,
};
use crate::ui::state::AppState;
use crate::ui::widgets::level::level_code;
use crate::ui::worker_client::objectives_with_results;
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub fn ObjectivesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // The quarter the data ends in: where new objectives start.
    let default_period = Memo::new(move |_| {
        state
            .data_span
            .get()
            .and_then(|p| ymd_from_days(p.to))
            .map(|d| format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1))
            .unwrap_or_else(|| "2025-Q1".into())
    });
    view! {
        <section class="objectives-page">
            <h2>{move || t(lang.get(), Text::Objectives)}</h2>
            // A set-up from a link or a file: its confirmation comes first.
            <SetupPreview/>
            <TeamGauges/>
            <ObjectiveList/>
            <NewObjective default_period=default_period/>
            <RepTargets default_period=default_period/>
            <Ranking/>
            <AlertRules/>
            <SetupSharing/>
        </section>
    }
}

#[component]
fn ObjectiveList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // The user's objectives, then the demo's examples, each with its own result.
    let rows = Memo::new(move |_| objectives_with_results(state));
    view! {
        <Show when=move || rows.with(|r| !r.is_empty()) fallback=move || view! { <p class="hint">{move || t(lang.get(), Text::NoObjectives)}</p> }>
            <ul class="objective-list">
                {move || rows.get().into_iter().map(|(o, r)| view! { <ObjectiveRow objective=o result=r/> }).collect_view()}
            </ul>
        </Show>
    }
}

#[component]
fn ObjectiveRow(objective: Objective, result: ObjectiveResult) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let id = objective.id.clone();
    let d = def(&objective.kpi);
    let unit = d
        .map(|d| d.unit)
        .unwrap_or(crate::engine::report::Unit::Count);
    let currency = state.settings.with_untracked(|s| s.currency.clone());
    let typed_target = {
        let c = currency.clone();
        move || format_typed(unit, objective.target, &c, lang.get())
    };
    let typed_threshold =
        move || format_typed(Unit::Ratio, objective.alert_threshold, "", lang.get());
    let period = objective.period.clone();
    let row_error = RwSignal::new(None::<String>);
    let error_testid = format!("row-error-{id}");
    let fmt = move |v: Option<f64>| {
        v.map(|v| format_value(unit, v, &currency, lang.get_untracked()))
            .unwrap_or_else(|| "–".into())
    };
    let width = result
        .projection
        .or(result.attainment)
        .unwrap_or(0.0)
        .clamp(0.0, 1.5)
        / 1.5
        * 100.0;
    let pace = (result.pace.clamp(0.0, 1.0) / 1.5 * 100.0).min(100.0);
    let (del_id, dup_id, edit_id) = (id.clone(), id.clone(), id.clone());
    // A demo example: kept into the user's set-up on demand, or by changing it.
    let (example, keep_id) = (demo::objectives::is_demo(&objective), id.clone());
    let (curve_testid, chart_id) = (format!("curve-{id}"), format!("objective-chart-{id}"));
    let level = result.level;
    // The actual stops at today: say so while the period runs, and say when it starts before.
    let to_date = result.measured_to.clone().filter(|m| *m < result.period.to);
    let starts = (d.is_some() && result.measured_to.is_none())
        .then(|| result.period.from.clone())
        .filter(|f| !f.is_empty());
    let reason = result.unavailable.clone().filter(|_| starts.is_none());
    let show_curve = RwSignal::new(false);
    // What a screen reader says for this row's bar and fields: "Chiffre d'affaires · Toute l'équipe · T4 2025".
    let name = {
        let (sc, p) = (result.scope.clone(), objective.period.clone());
        move |l| {
            format!(
                "{} · {} · {}",
                d.map(|d| kpi_label(d, l)).unwrap_or("?"),
                scope_text(&sc, l),
                period_label(&p, l)
            )
        }
    };
    let (name_bar, name_target, name_threshold) = (name.clone(), name.clone(), name);
    let points = result.cumulative.clone();
    let has_curve = !points.is_empty();
    view! {
        <li class="objective" data-testid=format!("objective-{id}") data-level=level_code(level)>
            <div class="objective-head">
                <strong>{d.map(|d| kpi_label(d, lang.get_untracked())).unwrap_or("?")}</strong>
                " · "{let sc = result.scope.clone(); move || scope_text(&sc, lang.get())}" · "{move || period_label(&period, lang.get())}
                <span class=format!("level {}", level_code(level))>{move || level_label(level, lang.get())}</span>
            </div>
            <div class="progress" role="meter" aria-valuemin="0" aria-valuemax="150"
                aria-label=move || format!("{} — {}", objective_text(lang.get(), ObjectiveText::Progress), name_bar(lang.get()))
                aria-valuenow=format!("{:.0}", result.projection.or(result.attainment).unwrap_or(0.0) * 100.0)>
                <div class=format!("bar {}", level_code(level)) style:width=format!("{width:.1}%")></div>
                <div class="target-line" style:left=format!("{:.1}%", 100.0 / 1.5)></div>
                <div class="pace-line" style:left=format!("{pace:.1}%")></div>
            </div>
            <p class="objective-facts">
                {move || match &to_date {
                    Some(m) => format!("{} {}", t(lang.get(), Text::ActualAsOf), date_label(m, lang.get())),
                    None => t(lang.get(), Text::Actual).to_string(),
                }}{move || colon(lang.get())}{fmt(result.actual)}
                " · "{move || t(lang.get(), Text::Target)}{move || colon(lang.get())}
                <input type="text" inputmode="decimal" class="target-input" data-testid=format!("target-input-{id}")
                    aria-label=move || format!("{} — {}", t(lang.get(), Text::Target), name_target(lang.get()))
                    prop:value=typed_target
                    on:change=move |ev| {
                        match read_target(&event_target_value(&ev), unit, lang.get_untracked()) {
                            Ok(v) => {
                                let id = edit_id.clone();
                                row_error.set(None);
                                edit_objective(state, &id, |o| o.target = v);
                            }
                            Err(e) => row_error.set(Some(target_error(e, lang.get_untracked()))),
                        }
                    }/>
                " · "{move || t(lang.get(), Text::AlertThreshold)}{move || colon(lang.get())}
                <input type="text" inputmode="decimal" class="target-input threshold-input" data-testid=format!("threshold-input-{id}")
                    aria-label=move || format!("{} — {}", t(lang.get(), Text::AlertThreshold), name_threshold(lang.get()))
                    prop:value=typed_threshold
                    on:change={
                        let id = id.clone();
                        move |ev| {
                            match read_target(&event_target_value(&ev), Unit::Ratio, lang.get_untracked()) {
                                Ok(v) => {
                                    let id = id.clone();
                                    row_error.set(None);
                                    edit_objective(state, &id, |o| o.alert_threshold = v.clamp(0.0, 1.0));
                                }
                                Err(e) => row_error.set(Some(target_error(e, lang.get_untracked()))),
                            }
                        }
                    }/>
                " · "{move || t(lang.get(), Text::Projection)}{move || colon(lang.get())}{fmt(result.projected_value)}
                {result.projection.map(|p| format!(" ({})", format_percent(p, lang.get_untracked())))}
                {move || starts.as_ref().map(|f| format!(" — {} {}", t(lang.get(), Text::StartsOn), date_label(f, lang.get())))}
                {reason.map(|u| move || format!(" — {}", said(&u, lang.get())))}
            </p>
            {move || row_error.get().map(|e| view! { <p class="error" role="alert" data-testid=error_testid.clone()>{e}</p> })}
            <div class="objective-actions">
                <Show when=move || example>
                    <span class="badge" data-testid=format!("demo-objective-{keep_id}")>{move || t(lang.get(), Text::DemoObjective)}</span>
                    <button class="button" data-testid=format!("keep-{keep_id}") on:click={
                        let id = keep_id.clone();
                        move |_| edit_objective(state, &id, |_| ())
                    }>{move || t(lang.get(), Text::KeepObjective)}</button>
                </Show>
                <Show when=move || !example>
                <button class="button subtle" data-testid=format!("duplicate-{dup_id}") on:click={
                    let dup_id = dup_id.clone();
                    move |_| {
                    let id = dup_id.clone();
                    let new_id = next_id(state, "o");
                    state.setup.update(|s| {
                        if let Some(o) = s.objectives.iter().find(|o| o.id == id).cloned() {
                            if let Some(p) = o.period.next() {
                                s.objectives.push(Objective { id: new_id, period: p, ..o });
                            }
                        }
                    });
                    }
                }>{move || t(lang.get(), Text::DuplicateNext)}</button>
                </Show>
                <Show when=move || has_curve>
                    <button class="button subtle" data-testid=curve_testid.clone() aria-pressed=move || show_curve.get().to_string()
                        on:click=move |_| show_curve.update(|v| *v = !*v)>{move || t(lang.get(), Text::ShowCurve)}</button>
                </Show>
                <Show when=move || !example>
                <button class="button subtle" data-testid=format!("delete-{del_id}") on:click={
                    let del_id = del_id.clone();
                    move |_| {
                        let id = del_id.clone();
                        state.setup.update(|s| s.objectives.retain(|o| o.id != id));
                    }
                }>{move || t(lang.get(), Text::Delete)}</button>
                </Show>
            </div>
            <Show when=move || show_curve.get()>
                <ObjectiveChart id=chart_id.clone() points=points.clone() unit=unit/>
            </Show>
        </li>
    }
}

#[component]
fn NewObjective(default_period: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let kpi = RwSignal::new(KpiId::Revenue.as_str().to_string());
    let scope_field = RwSignal::new(String::new());
    let scope_value = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let threshold = RwSignal::new("90".to_string());
    let note = RwSignal::new(String::new());
    let range_from = RwSignal::new(String::new());
    let range_to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let values = move || {
        let f: Option<Field> =
            serde_json::from_value(serde_json::Value::String(scope_field.get())).ok();
        f.and_then(|f| state.filter_options.with(|o| o.get(&f).cloned()))
            .unwrap_or_default()
    };
    let add = move |_| {
        let p = if period.get().is_empty() {
            default_period.get()
        } else {
            period.get()
        };
        let l = lang.get_untracked();
        let p = match typed_period(&p, l) {
            Ok(p) => p,
            Err(e) => return error.set(Some(e)),
        };
        let unit = unit_of(&kpi.get());
        let target = match read_target(&target.get(), unit, l) {
            Ok(v) => v,
            Err(e) => return error.set(Some(target_error(e, l))),
        };
        let alert_threshold = match read_target(&threshold.get(), Unit::Ratio, l) {
            Ok(v) => v.clamp(0.0, 1.0),
            Err(e) => return error.set(Some(target_error(e, l))),
        };
        let f: Option<Field> =
            serde_json::from_value(serde_json::Value::String(scope_field.get())).ok();
        let scope = match f {
            Some(f) if !scope_value.get().is_empty() => Scope::of(f, &scope_value.get()),
            _ => Scope::team(),
        };
        let o = Objective {
            id: next_id(state, "o"),
            kpi: kpi.get(),
            scope,
            period: p,
            target,
            alert_threshold,
            note: note.get(),
        };
        error.set(None);
        state.setup.update(|s| s.objectives.push(o));
    };
    // The range picker writes the range in the period field, as it would be typed.
    let pick_range = move || {
        let (f, to) = (range_from.get_untracked(), range_to.get_untracked());
        if !f.is_empty() && !to.is_empty() {
            let l = lang.get_untracked();
            period.set(format!("{} - {}", typed_day(&f, l), typed_day(&to, l)));
        }
    };
    let period_hint = move || {
        let l = lang.get();
        read_period(&default_period.get())
            .map(|p| period_label(&p, l))
            .unwrap_or_default()
    };
    view! {
        <form class="new-objective" data-testid="new-objective" on:submit=|ev| ev.prevent_default()>
            <h3>{move || t(lang.get(), Text::NewObjective)}</h3>
            <label><span>{move || t(lang.get(), Text::Indicator)}</span>
                <select data-testid="objective-kpi" prop:value=move || kpi.get() on:change=move |ev| kpi.set(event_target_value(&ev))>
                    {CATALOGUE.iter().map(|d| view! { <option value=d.id>{move || kpi_label(d, lang.get())}</option> }).collect_view()}
                </select>
            </label>
            <label><span>{move || t(lang.get(), Text::Scope)}</span>
                <select data-testid="objective-scope" prop:value=move || scope_field.get() on:change=move |ev| { scope_field.set(event_target_value(&ev)); scope_value.set(String::new()); }>
                    <option value="">{move || t(lang.get(), Text::Team)}</option>
                    // The fields of this data only: a scope it lacks would measure nothing.
                    {move || state.filter_options.with(|o| o.keys().copied().collect::<Vec<_>>()).into_iter().map(|f| view! { <option value=f.name()>{move || field_label(f, lang.get())}</option> }).collect_view()}
                </select>
            </label>
            <Show when=move || !scope_field.get().is_empty()>
                <label><span>"\u{a0}"</span>
                    <select data-testid="objective-scope-value"
                        aria-label=move || {
                            let f: Option<Field> = serde_json::from_value(serde_json::Value::String(scope_field.get())).ok();
                            f.map(|f| field_label(f, lang.get())).unwrap_or_default()
                        }
                        prop:value=move || scope_value.get() on:change=move |ev| scope_value.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || values().into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <label><span>{move || t(lang.get(), Text::Period)}</span>
                <input type="text" data-testid="objective-period" placeholder=period_hint prop:value=move || period.get() on:input=move |ev| period.set(event_target_value(&ev))/>
            </label>
            <span class="range-picker">
                <label><span>{move || objective_text(lang.get(), ObjectiveText::RangeFrom)}</span>
                    <input type="date" data-testid="objective-from" prop:value=move || range_from.get() on:change=move |ev| { range_from.set(event_target_value(&ev)); pick_range(); }/>
                </label>
                <label><span>{move || objective_text(lang.get(), ObjectiveText::RangeTo)}</span>
                    <input type="date" data-testid="objective-to" prop:value=move || range_to.get() on:change=move |ev| { range_to.set(event_target_value(&ev)); pick_range(); }/>
                </label>
            </span>
            <label><span>{move || t(lang.get(), Text::Target)}</span>
                <input type="text" data-testid="objective-target" inputmode="decimal" placeholder=move || target_placeholder(unit_of(&kpi.get()), lang.get()) prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev))/>
            </label>
            <label><span>{move || t(lang.get(), Text::AlertThreshold)}</span>
                <input type="text" data-testid="objective-threshold" inputmode="decimal" prop:value=move || threshold.get() on:input=move |ev| threshold.set(event_target_value(&ev))/>
            </label>
            <label class="wide"><span>{move || t(lang.get(), Text::Note)}</span>
                <input prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
            </label>
            <button class="button primary" data-testid="add-objective" on:click=add>{move || t(lang.get(), Text::Add)}</button>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="objective-error">{move || error.get()}</p>
            </Show>
        </form>
    }
}
