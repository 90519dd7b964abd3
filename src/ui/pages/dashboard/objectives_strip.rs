//! The first thing the dashboard answers, "how are we doing?": each
//! objective with its level (anticipation, équilibre, alerte), the team's
//! first, then the cards that explain them. With no objective yet, a way to
//! set one.

use super::cards::{filtered, objective_summary};
use crate::engine::demo;
use crate::engine::kpi::def;
use crate::engine::objectives::{Objective, ObjectiveResult};
use crate::locale::input::period_label;
use crate::locale::{kpi_label, objective_text, scope_text, t, ObjectiveText, Text};
use crate::ui::state::AppState;
use crate::ui::widgets::level::level_code;
use crate::ui::worker_client::{objectives_in_view, objectives_with_results};
use crate::view::Page;
use leptos::prelude::*;

/// Tiles shown at most; the objectives page lists every objective.
const MAX_TILES: usize = 6;

#[component]
pub fn ObjectivesStrip() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // Each objective with its own result; the team's go first.
    let tiles = Memo::new(move |_| {
        let mut rows = objectives_with_results(state);
        rows.sort_by_key(|(o, _)| o.scope.field.is_some());
        rows
    });
    // Objectives set but not measured yet (the first answer is on its way): no "none yet".
    let none_set = move || objectives_in_view(state).is_empty();
    let shown = move || tiles.get().into_iter().take(MAX_TILES).collect::<Vec<_>>();
    let more = move || tiles.with(Vec::len).saturating_sub(MAX_TILES);
    let to_objectives = move |_| state.view.update(|v| v.page = Page::Objectives);
    view! {
        <section class="objectives-strip" data-testid="objectives-strip" aria-labelledby="objectives-strip-title">
            <div class="strip-head">
                <h2 id="objectives-strip-title">{move || t(lang.get(), Text::Objectives)}</h2>
                <button class="button subtle" data-testid="manage-objectives" on:click=to_objectives>
                    {move || t(lang.get(), if none_set() { Text::SetObjective } else { Text::ManageObjectives })}
                </button>
            </div>
            <Show when=none_set>
                <p class="hint">{move || t(lang.get(), Text::NoObjectiveYet)}</p>
            </Show>
            <Show when=move || tiles.with(|t| !t.is_empty())>
                <ul class="objective-tiles">
                    {move || shown().into_iter().map(|(o, r)| view! { <ObjectiveTile objective=o result=r/> }).collect_view()}
                </ul>
                <Show when=move || { more() > 0 }>
                    <p class="hint">{move || format!("+{} {}", more(), t(lang.get(), Text::MoreObjectives))}</p>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn ObjectiveTile(objective: Objective, result: ObjectiveResult) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let Some(d) = def(&objective.kpi) else {
        return ().into_any();
    };
    let level = level_code(result.level);
    let example = demo::objectives::is_demo(&objective);
    let width = result.attainment.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
    let head = {
        let (scope, period) = (result.scope.clone(), objective.period.clone());
        move || {
            let l = lang.get();
            let head = format!("{} · {}", scope_text(&scope, l), period_label(&period, l));
            // Measured on its own scope and period whatever the filters: said while filtered.
            if state.view.with(filtered) {
                format!(
                    "{head} {}",
                    objective_text(l, ObjectiveText::WithoutFilters)
                )
            } else {
                head
            }
        }
    };
    let summary = move || {
        let currency = state.settings.with(|s| s.currency.clone());
        objective_summary(d, &result, &currency, lang.get())
    };
    view! {
        <li class=format!("objective-tile {level}") data-testid=format!("objective-tile-{}", objective.id) data-level=level>
            <p class="tile-kpi"><strong>{move || kpi_label(d, lang.get())}</strong></p>
            <p class="tile-scope">{head}</p>
            <p class="tile-figures">{summary}</p>
            <div class="kpi-objective-bar" role="meter" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=format!("{width:.0}") aria-label=move || kpi_label(d, lang.get())>
                <div class=format!("fill {level}") style:width=format!("{width:.1}%")></div>
            </div>
            {example.then(|| view! { <p class="tile-demo">{move || t(lang.get(), Text::DemoObjective)}</p> })}
        </li>
    }
    .into_any()
}
