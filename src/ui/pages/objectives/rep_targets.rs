//! Individual objectives: one target per rep at once, typed or pasted from a
//! spreadsheet column, and the reps ranked by attainment.

use super::form::{next_id, typed_period, unit_of};
use super::paste::column_cells;
use crate::engine::kpi::{KpiId, CATALOGUE};
use crate::engine::objectives::{Objective, ObjectiveResult, Scope};
use crate::engine::Field;
use crate::locale::format_percent;
use crate::locale::input::{period_label, read_period, read_target, target_error};
use crate::locale::{kpi_label, level_label, rep_target_label, t, target_placeholder, Text};
use crate::locale::{objective_text, ObjectiveText};
use crate::ui::state::AppState;
use crate::ui::widgets::level::level_code;
use leptos::prelude::*;

#[component]
pub fn RepTargets(default_period: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let kpi = RwSignal::new(KpiId::Revenue.as_str().to_string());
    let period = RwSignal::new(String::new());
    let targets = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let error = RwSignal::new(None::<String>);
    let reps = move || {
        state
            .filter_options
            .with(|o| o.get(&Field::Rep).cloned().unwrap_or_default())
    };
    let paste = move |ev: leptos::ev::Event| {
        // Each rep's cell as typed; it is read, with the grid, on creation.
        let text = event_target_value(&ev);
        targets.update(|t| {
            for (rep, v) in reps().into_iter().zip(column_cells(&text)) {
                if !v.is_empty() {
                    t.insert(rep, v.to_string());
                }
            }
        });
    };
    let create = move |_| {
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
        // Every cell is read before any objective is made: a grid is created whole or not at all.
        let mut read = Vec::new();
        let mut unread = Vec::new();
        for (rep, v) in targets.get() {
            if v.trim().is_empty() {
                continue;
            }
            match read_target(&v, unit, l) {
                Ok(x) => read.push((rep, x)),
                Err(e) => unread.push(format!("{rep} ({})", target_error(e, l))),
            }
        }
        if !unread.is_empty() {
            let head = objective_text(l, ObjectiveText::UnreadCells);
            let sep = crate::locale::semicolon(l);
            return error.set(Some(format!(
                "{head}{}{}",
                crate::locale::colon(l),
                unread.join(sep)
            )));
        }
        error.set(None);
        for (rep, target) in read {
            let o = Objective {
                id: next_id(state, "o"),
                kpi: kpi.get(),
                scope: Scope::of(Field::Rep, &rep),
                period: p.clone(),
                target,
                alert_threshold: 0.9,
                note: String::new(),
            };
            state.setup.update(|s| {
                s.objectives
                    .retain(|x| !(x.kpi == o.kpi && x.scope == o.scope && x.period == o.period));
                s.objectives.push(o);
            });
        }
        targets.set(Default::default());
    };
    view! {
        <Show when=move || !reps().is_empty()>
            <section class="rep-targets" data-testid="rep-targets">
                <h3>{move || t(lang.get(), Text::RepTargets)}</h3>
                <div class="filters">
                    <label><span>{move || t(lang.get(), Text::Indicator)}</span>
                        <select data-testid="rep-targets-kpi" prop:value=move || kpi.get() on:change=move |ev| kpi.set(event_target_value(&ev))>
                            {CATALOGUE.iter().filter(|d| d.additive || d.unit == crate::engine::report::Unit::Ratio).map(|d| view! { <option value=d.id>{move || kpi_label(d, lang.get())}</option> }).collect_view()}
                        </select>
                    </label>
                    <label><span>{move || t(lang.get(), Text::Period)}</span>
                        <input type="text" data-testid="rep-targets-period" placeholder=move || read_period(&default_period.get()).map(|p| period_label(&p, lang.get())).unwrap_or_default() prop:value=move || period.get() on:input=move |ev| period.set(event_target_value(&ev))/>
                    </label>
                </div>
                <table class="data-table">
                    <tbody>
                        {move || reps().into_iter().map(|rep| {
                            let (r1, r2, r3) = (rep.clone(), rep.clone(), rep.clone());
                            view! {
                                <tr>
                                    <th scope="row">{rep.clone()}</th>
                                    <td><input type="text" inputmode="decimal" placeholder=move || target_placeholder(unit_of(&kpi.get()), lang.get()) data-testid=format!("target-{rep}")
                                        aria-label=move || rep_target_label(&r3, lang.get())
                                        prop:value=move || targets.with(|t| t.get(&r1).cloned().unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); let r = r2.clone(); targets.update(|t| { t.insert(r, v); }); }/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <label class="wide"><span>{move || t(lang.get(), Text::PasteColumn)}</span>
                    <textarea data-testid="paste-targets" rows="3" on:input=paste></textarea>
                </label>
                <button class="button primary" data-testid="create-rep-objectives" on:click=create>{move || t(lang.get(), Text::CreateObjectives)}</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="rep-targets-error">{e}</p> })}
            </section>
        </Show>
    }
}

/// Reps ranked by the attainment of their objectives (projected).
#[component]
pub fn Ranking() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let ranked = move || {
        let mut v: Vec<ObjectiveResult> = state
            .objectives
            .get()
            .into_iter()
            .filter(|r| r.scope.starts_with("rep: "))
            .collect();
        v.sort_by(|a, b| {
            b.projection
                .unwrap_or(f64::MIN)
                .total_cmp(&a.projection.unwrap_or(f64::MIN))
        });
        v
    };
    view! {
        <Show when=move || !ranked().is_empty()>
            <section class="ranking" data-testid="rep-ranking">
                <h3>{move || t(lang.get(), Text::Ranking)}</h3>
                <ol>
                    {move || ranked().into_iter().map(|r| view! {
                        <li data-level=level_code(r.level)>
                            {r.scope.trim_start_matches("rep: ").to_string()}" — "
                            {r.projection.map(|p| format_percent(p, lang.get())).unwrap_or_default()}
                            " ("{level_label(r.level, lang.get())}")"
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </Show>
    }
}
