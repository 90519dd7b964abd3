//! The report's currency as a `<select>`: on the import step and in the settings.

use crate::engine::currency::Currency;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// Every currency the report can be shown in, by code.
fn codes() -> impl Iterator<Item = &'static str> {
    Currency::ALL.into_iter().map(Currency::code)
}

/// A `<select>` of the report's currency: choosing one sets it.
#[component]
pub fn CurrencySelect(testid: &'static str) -> impl IntoView {
    let settings = expect_context::<AppState>().settings;
    view! {
        <select
            data-testid=testid
            prop:value=move || settings.with(|s| s.currency.clone())
            on:change=move |ev| {
                let c = event_target_value(&ev);
                settings.update(|s| s.currency = c);
            }
        >
            {codes().map(|c| view! { <option value=c>{c}</option> }).collect_view()}
        </select>
    }
}
