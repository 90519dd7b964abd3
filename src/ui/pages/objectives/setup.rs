//! Team sharing without data: the set-up (objectives, alert rules, mappings,
//! settings) as a JSON file or a link whose fragment carries it; importing
//! one shows what will change, first on the objectives page and focused,
//! and merges it on confirmation.

use crate::engine::kpi::def;
use crate::engine::objectives::{file, share, SetUp};
use crate::engine::report::Unit;
use crate::engine::Mapping;
use crate::locale::input::{format_typed, period_label};
use crate::locale::{
    kpi_label, objective_text, setup_changes, setup_error, t, Lang, ObjectiveText, SetupChanges,
    Text,
};
use crate::ui::state::storage::{self, Settings};
use crate::ui::state::AppState;
use crate::ui::widgets::download::download_text;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The current set-up, with the mappings and settings of this browser.
fn current(state: AppState) -> SetUp {
    let mut s = state.setup.get_untracked();
    s.version = file::CURRENT_VERSION;
    s.mappings = serde_json::to_value(storage::load_mappings()).unwrap_or_default();
    s.settings = serde_json::to_value(state.settings.get_untracked()).unwrap_or_default();
    s
}

/// Merges an imported set-up: objectives and rules by id, mappings by header, settings replaced.
fn merge(state: AppState, incoming: SetUp) {
    state.setup.update(|s| {
        for o in incoming.objectives {
            s.objectives.retain(|x| x.id != o.id);
            s.objectives.push(o);
        }
        for r in incoming.alert_rules {
            s.alert_rules.retain(|x| x.id != r.id);
            s.alert_rules.push(r);
        }
    });
    if let Ok(m) = serde_json::from_value::<BTreeMap<String, Mapping>>(incoming.mappings) {
        for (sig, mapping) in m {
            storage::save_mapping(sig, mapping);
        }
    }
    if let Ok(settings) = serde_json::from_value::<Settings>(incoming.settings) {
        state.settings.set(settings);
    }
}

/// What an import will do, in words.
fn summary(state: AppState, s: &SetUp, lang: Lang) -> String {
    let (new_o, replaced_o) = state.setup.with_untracked(|cur| {
        let replaced = s
            .objectives
            .iter()
            .filter(|o| cur.objectives.iter().any(|x| x.id == o.id))
            .count();
        (s.objectives.len() - replaced, replaced)
    });
    let changes = SetupChanges {
        added: new_o,
        replaced: replaced_o,
        rules: s.alert_rules.len(),
        mappings: s.mappings.as_object().map_or(0, |m| m.len()),
        settings: !s.settings.is_null(),
    };
    setup_changes(changes, lang)
}

fn page_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

#[component]
pub fn SetupSharing() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let pending = state.pending_setup;
    let export = move |_| {
        let json = serde_json::to_string_pretty(&current(state)).unwrap_or_default();
        download_text("cadran-setup.json", "application/json", &json);
    };
    let link = move || {
        state.setup.track();
        format!("{}{}", page_url(), share::to_fragment(&current(state)))
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(i) = input {
            i.set_value("");
        }
        spawn_local(async move {
            let text = match JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => String::new(),
            };
            pending.set(Some(share::parse(text.as_bytes())));
        });
    };
    view! {
        <section class="setup-sharing">
            <h3>{move || t(lang.get(), Text::ShareSetup)}</h3>
            <p class="hint">{move || t(lang.get(), Text::ShareHint)}</p>
            <div class="import-actions">
                <button class="button" data-testid="export-setup" on:click=export>{move || t(lang.get(), Text::ExportSetup)}</button>
                <label class="button">
                    <input type="file" class="visually-hidden" data-testid="import-setup" accept=".json,application/json" on:change=on_file/>
                    {move || t(lang.get(), Text::ImportSetup)}
                </label>
            </div>
            <label class="wide"><span>{move || t(lang.get(), Text::ShareLink)}</span>
                <input readonly data-testid="share-link" prop:value=link on:focus=|ev| {
                    if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); }
                }/>
            </label>
        </section>
    }
}

/// Each objective of an incoming set-up as the user would type it:
/// "Taux de signature · T4 2025 · 50 %".
fn objective_lines(state: AppState, s: &SetUp, lang: Lang) -> Vec<String> {
    let currency = state.settings.with_untracked(|x| x.currency.clone());
    s.objectives
        .iter()
        .take(20)
        .map(|o| {
            let d = def(&o.kpi);
            let unit = d.map_or(Unit::Count, |d| d.unit);
            format!(
                "{} · {} · {}",
                d.map(|d| kpi_label(d, lang)).unwrap_or("?"),
                period_label(&o.period, lang),
                format_typed(unit, o.target, &currency, lang)
            )
        })
        .collect()
}

/// Scrolls the least that shows the whole element (`block: "nearest"`),
/// so that the preview's title stays in view above its focused button.
fn reveal(el: &web_sys::HtmlElement) {
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &"nearest".into());
    if let Some(f) = js_sys::Reflect::get(el, &"scrollIntoView".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(el, &opts);
    }
}

/// A set-up read from a link or a file, waiting for confirmation (or why
/// it was refused): at the top of the objectives page, scrolled into view
/// and focused, so that a fresh browser opening a link sees it first.
#[component]
pub fn SetupPreview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let pending = state.pending_setup;
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let error_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let (Some(d), Some(b)) = (box_ref.get(), confirm_ref.get()) {
            reveal(&d);
            let _ = b.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(d) = error_ref.get() {
            reveal(&d);
            let _ = d.focus();
        }
    });
    view! {
        {move || pending.get().map(|p| match p {
            Ok(s) => {
                let text = summary(state, &s, lang.get());
                let lines = objective_lines(state, &s, lang.get());
                view! {
                    <div class="setup-preview" role="dialog" aria-labelledby="setup-preview-title" data-testid="setup-preview-box" node_ref=box_ref>
                        <h3 id="setup-preview-title">{move || objective_text(lang.get(), ObjectiveText::PreviewTitle)}</h3>
                        <p data-testid="setup-preview">{text}</p>
                        <ul class="setup-preview-objectives" data-testid="setup-preview-objectives">
                            {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                        </ul>
                        <button class="button primary" data-testid="confirm-setup" node_ref=confirm_ref on:click=move |_| {
                            merge(state, s.clone());
                            pending.set(None);
                        }>{move || t(lang.get(), Text::Confirm)}</button>
                        <button class="button subtle" on:click=move |_| pending.set(None)>{move || t(lang.get(), Text::Cancel)}</button>
                    </div>
                }.into_any()
            }
            Err(e) => view! {
                <div class="setup-preview refused" tabindex="-1" node_ref=error_ref>
                    <p class="error" role="alert" data-testid="setup-error">
                        {move || t(lang.get(), Text::BadSetup)}" "{move || setup_error(&e, lang.get())}
                    </p>
                    <button class="button subtle" on:click=move |_| pending.set(None)>{move || t(lang.get(), Text::Cancel)}</button>
                </div>
            }.into_any(),
        })}
    }
}
