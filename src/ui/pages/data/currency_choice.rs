//! The report keeps one currency (the setting); amounts are never converted.
//! At import, one light line: which currency amounts without a symbol are
//! in (the setting preselected), or, when the files write another one, an
//! offer to show the report in it; nothing when they agree. Files that
//! disagree with each other, or tables in use with the report, are flagged.

use crate::engine::currency::{disagreement, proposal, Proposal, TableCurrency};
use crate::locale::currency as words;
use crate::ui::state::AppState;
use crate::ui::widgets::currency_select::CurrencySelect;
use leptos::prelude::*;

/// The import step's question, over the files being imported.
#[component]
pub fn CurrencyChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let asked = move || {
        let report = state.settings.with(|s| s.currency.clone());
        state.pending.with(|p| {
            let files = p.iter().map(|x| x.info.summary.currency.as_ref());
            (proposal(files, &report), p.len())
        })
    };
    move || match asked() {
        (Proposal::Nothing, _) => ().into_any(),
        (Proposal::Ask, _) => view! {
            <p class="currency-choice" data-testid="currency-choice">
                <label>
                    {move || words::amounts_in(lang.get())}
                    <CurrencySelect testid="import-currency"/>
                </label>
            </p>
        }
        .into_any(),
        (Proposal::Switch(c), files) => view! {
            <p class="currency-choice" data-testid="currency-switch">
                {move || words::switch_question(c, files, lang.get())}" "
                <button
                    class="button"
                    data-testid="currency-switch-button"
                    on:click=move |_| state.settings.update(|s| s.currency = c.code().to_string())
                >
                    {move || words::switch_button(c, lang.get())}
                </button>
            </p>
        }
        .into_any(),
    }
}

/// The warning when amounts are added across currencies. While `importing`:
/// files that disagree with each other (the files being imported and the
/// tables they join; one other currency than the report's is the
/// question's business). Else, the tables in use that disagree with each
/// other or with the report.
#[component]
pub fn CurrencyDisagreement(importing: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let found = move || {
        let report = state.settings.with(|s| s.currency.clone());
        let mut files: Vec<(String, TableCurrency)> = Vec::new();
        let mut add = |s: &crate::engine::ImportSummary| {
            // A file imported again replaces the table of its name.
            if let Some(c) = s
                .currency
                .as_ref()
                .filter(|_| !files.iter().any(|f| f.0 == s.file))
            {
                files.push((s.file.clone(), c.clone()));
            }
        };
        if importing {
            state
                .pending
                .with(|p| p.iter().for_each(|x| add(&x.info.summary)));
        }
        state
            .tables
            .with(|t| t.iter().for_each(|x| add(&x.info.summary)));
        disagreement(files.iter().map(|(f, c)| (f.as_str(), c)), &report)
            .filter(|d| !importing || d.among_files())
    };
    move || {
        found().map(|d| {
            view! {
                <p class="warning" role="alert" data-testid="currency-disagreement">
                    {move || words::disagreement(&d, lang.get())}
                </p>
            }
        })
    }
}
