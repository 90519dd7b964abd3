//! Settings: the report currency, the dormancy window after which a
//! customer is lost, and the probability of each open pipeline stage.

use crate::engine::kpi::STAGE_UNKNOWN;
use crate::locale::{t, Text};
use crate::ui::state::AppState;
use crate::ui::widgets::currency_select::CurrencySelect;
use leptos::prelude::*;

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let settings = state.settings;
    // Open stages of the pipeline, with the probability in use (deals won or
    // lost since, whose stage then is unknown, have no setting).
    let stages = move || {
        state.report.with(|r| {
            r.funnel
                .iter()
                .filter(|s| s.status == "open" && s.stage != STAGE_UNKNOWN)
                .filter_map(|s| Some((s.stage.clone(), s.probability?)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="settings">
            <h2>{move || t(lang.get(), Text::Settings)}</h2>
            <label>
                <span>{move || t(lang.get(), Text::Currency)}</span>" "
                <CurrencySelect testid="currency-select"/>
            </label>
            <label>
                <span>{move || t(lang.get(), Text::DormancyDays)}</span>" "
                <input
                    type="text" inputmode="numeric"
                    data-testid="dormancy-days"
                    prop:value=move || settings.with(|s| s.dormancy_days.to_string())
                    on:change=move |ev| {
                        // A day count from 1 to 100 years; anything else keeps the setting.
                        if let Some(d) = crate::locale::input::read_target(&event_target_value(&ev), crate::engine::report::Unit::Days, lang.get_untracked()).ok().filter(|d| d.fract() == 0.0 && *d >= 0.0).map(|d| d as u32) {
                            if (1..=36_600).contains(&d) {
                                settings.update(|s| s.dormancy_days = d);
                            }
                        }
                    }
                />" "{move || t(lang.get(), Text::Days)}
            </label>
            <Show when=move || !stages().is_empty()>
                <fieldset>
                    <legend>{move || t(lang.get(), Text::StageProbabilities)}</legend>
                    {move || stages().into_iter().map(|(stage, p)| {
                        let name = stage.clone();
                        view! {
                            <label class="stage">
                                <span>{stage.clone()}</span>" "
                                <input
                                    type="number" min="0" max="100" step="5"
                                    prop:value=format!("{:.0}", p * 100.0)
                                    on:change=move |ev| {
                                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                            let n = name.clone();
                                            settings.update(|s| { s.stage_probabilities.insert(n, (v / 100.0).clamp(0.0, 1.0)); });
                                        }
                                    }
                                />" %"
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
        </section>
    }
}
