//! The app: header, navigation and pages, with the state provided through context.

use super::bench;
use super::pages::dashboard::{Dashboard, INDICATORS};
use super::pages::data::{
    notice_after_forget, prepare_ahead, DeviceData, ImportPanel, TablesInUse,
};
use super::pages::objectives::ObjectivesPage;
use super::pages::reps::RepView;
use super::pages::settings::SettingsPanel;
use super::rehearsal::rehearse_when_offered;
use super::state::{storage, AppState};
use super::widgets::chart::{after_drawings, warm_up_charts};
use super::widgets::notices::Notices;
use super::worker_client;
use crate::locale::keyboard::{kt, KeyText};
use crate::locale::{t, Lang, Text};
use crate::view::Page;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    bench::install_if_asked();
    // A set-up link: show what it would change, on the objectives page.
    if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
        if hash.starts_with(crate::engine::objectives::share::LINK_PREFIX) {
            state
                .pending_setup
                .set(Some(crate::engine::objectives::share::from_fragment(&hash)));
            state.view.update(|v| v.page = Page::Objectives);
        }
    }
    worker_client::wait_for_drawings_with(after_drawings);
    worker_client::start(state);
    worker_client::compute_on_change(state);
    prepare_ahead(state);
    // The demo was open before this reload: open it again; and the files
    // kept on this device.
    if storage::demo_open() {
        worker_client::load_demo(state);
    }
    worker_client::restore(state);
    warm_up_charts(state);
    rehearse_when_offered(state);
    notice_after_forget(state);
    let lang = state.lang;
    // A memo: a filter or period change must not mount the page again.
    let page = Memo::new(move |_| state.view.with(|v| v.page));
    let show_import = move || {
        page.get() == Page::Data
            || state.tables.with(Vec::is_empty)
            || state.pending.with(|p| !p.is_empty())
    };
    view! {
        <SkipLink to_indicators=Signal::derive(move || page.get() == Page::Dashboard && state.tables.with(|t| !t.is_empty()))/>
        <header class="app-header">
            <div class="brand">
                <h1>"Cadran"</h1>
                <p class="tagline">{move || t(lang.get(), Text::AppTagline)}</p>
            </div>
            <Nav/>
            <LanguageSwitch/>
        </header>
        <main class="app-main" id=MAIN tabindex="-1">
            <Notices/>
            <Show when=show_import>
                <ImportPanel/>
            </Show>
            {move || match page.get() {
                Page::Dashboard => view! { <Dashboard/> }.into_any(),
                Page::Reps => view! { <RepView/> }.into_any(),
                Page::Objectives => view! { <ObjectivesPage/> }.into_any(),
                Page::Data => view! { <TablesInUse/><DeviceData/><SettingsPanel/> }.into_any(),
            }}
            <Show when=move || page.get() != Page::Data && state.tables.with(Vec::is_empty) && state.pending.with(Vec::is_empty) && state.progress.with(Option::is_none)>
                <p class="empty-state">{move || t(lang.get(), Text::NoSalesYet)}</p>
            </Show>
        </main>
        <footer class="app-footer">{move || t(lang.get(), Text::Privacy)}</footer>
    }
}

/// The element holding each page's content: the skip link's target off the dashboard.
const MAIN: &str = "main";

/// The page's first Tab stop: on the dashboard straight to the KPIs, past
/// the navigation and the filters (the focus goes to their first heading);
/// on the other pages to the page's content. The URL's fragment (the view)
/// is left as it is.
#[component]
fn SkipLink(#[prop(into)] to_indicators: Signal<bool>) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let go = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let selector = if to_indicators.get_untracked() {
            format!("#{INDICATORS} h2")
        } else {
            format!("#{MAIN}")
        };
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(h) = target {
            let _ = h.focus();
        }
    };
    view! {
        <a class="skip-link"
            href=move || if to_indicators.get() { format!("#{INDICATORS}") } else { format!("#{MAIN}") }
            data-testid=move || if to_indicators.get() { "skip-to-indicators" } else { "skip-to-content" }
            on:click=go>
            {move || kt(lang.get(), if to_indicators.get() { KeyText::SkipToIndicators } else { KeyText::SkipToContent })}
        </a>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let tab = move |p: Page, label: Text| {
        view! {
            <button
                class="tab"
                data-testid=format!("nav-{}", p.code())
                aria-current=move || (state.view.with(|v| v.page) == p).then_some("page")
                on:click=move |_| state.view.update(|v| v.page = p)
            >
                {move || t(lang.get(), label)}
            </button>
        }
    };
    view! {
        <nav class="tabs" aria-label="Cadran">
            {tab(Page::Dashboard, Text::Dashboard)}
            {tab(Page::Reps, Text::RepsPage)}
            {tab(Page::Objectives, Text::Objectives)}
            {tab(Page::Data, Text::DataPage)}
        </nav>
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
