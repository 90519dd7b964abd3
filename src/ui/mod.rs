//! The thin Leptos layer: state at the top, provided through context; views
//! read the engine's report and never compute a KPI themselves.

mod bench;
mod chart;
mod dashboard;
mod import;
mod state;
mod storage;

use crate::locale::{t, Lang, Text};
use leptos::prelude::*;
pub use state::AppState;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    bench::install_if_asked();
    let lang = state.lang;
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>"Cadran"</h1>
                <p class="tagline">{move || t(lang.get(), Text::AppTagline)}</p>
            </div>
            <LanguageSwitch/>
        </header>
        <main class="app-main">
            <import::ImportPanel/>
            <dashboard::Dashboard/>
        </main>
        <footer class="app-footer">{move || t(lang.get(), Text::Privacy)}</footer>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    view! {
        <label class="lang-switch">
            <span>{move || t(lang.get(), Text::Language)}</span>
            <select
                data-testid="lang-select"
                prop:value=move || lang.get().code()
                on:change=move |ev| {
                    if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                        lang.set(l);
                    }
                }
            >
                <option value="fr">"Français"</option>
                <option value="en">"English"</option>
            </select>
        </label>
    }
}
