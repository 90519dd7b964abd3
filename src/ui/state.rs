//! App state: signals at the top, the report as a memo of them, effects only
//! for the outside world (localStorage, the URL, the document's language).

use super::storage::{self, Layout, Settings};
use super::view_state::ViewState;
use crate::engine::kpi::{self, Query, Workspace};
use crate::engine::objectives::{self, share, AlertResult, ObjectiveResult, SetUp};
use crate::engine::{Field, Imported, Report};
use crate::locale::Lang;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A file read but not yet confirmed: its summary and mapping can be corrected.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: u32,
    pub imported: Imported,
}

/// A file that could not be read at all, with the reason in French and English.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub name: String,
    pub fr: String,
    pub en: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub settings: RwSignal<Settings>,
    pub layout: RwSignal<Layout>,
    /// Objectives and alert rules.
    pub setup: RwSignal<SetUp>,
    /// The objectives measured against the data (independent of the dashboard's filters).
    pub objectives: Memo<Vec<ObjectiveResult>>,
    /// The alert rules checked over the dashboard's period and filters.
    pub alerts: Memo<Vec<AlertResult>>,
    /// A set-up read from a file or a link, waiting for the user's confirmation.
    pub pending_setup: RwSignal<Option<Result<SetUp, String>>>,
    pub workspace: RwSignal<Workspace>,
    pub pending: RwSignal<Vec<Pending>>,
    pub failed: RwSignal<Vec<Failed>>,
    pub busy: RwSignal<bool>,
    pub view: RwSignal<ViewState>,
    pub report: Memo<Report>,
    pub filter_options: Memo<BTreeMap<Field, Vec<String>>>,
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

impl AppState {
    pub fn new() -> Self {
        let lang = storage::load_lang()
            .unwrap_or_else(|| Lang::from_browser(&storage::browser_languages()));
        let lang = RwSignal::new(lang);
        let settings = RwSignal::new(storage::load_settings());
        let layout = RwSignal::new(storage::load_layout());
        let setup = RwSignal::new(storage::load_setup());
        // A link's fragment wins over the last view kept on this device.
        let view = ViewState::from_fragment(&location_hash())
            .or_else(storage::load_view)
            .unwrap_or_default();
        let view = RwSignal::new(view);
        let workspace = RwSignal::new(Workspace::default());
        let report = Memo::new(move |_| {
            let q = settings.with(|s| view.with(|v| v.query(&s.currency, &s.stage_probabilities)));
            workspace.with(|ws| kpi::report(ws, &q))
        });
        let filter_options = Memo::new(move |_| workspace.with(kpi::filter_options));
        let objectives = Memo::new(move |_| {
            let q = settings.with(|s| Query {
                currency: Some(s.currency.clone()),
                stage_probabilities: s.stage_probabilities.clone(),
                ..Query::default()
            });
            setup.with(|su| {
                if su.objectives.is_empty() {
                    return Vec::new();
                }
                workspace.with(|ws| objectives::evaluate(ws, &q, &su.objectives))
            })
        });
        let alerts = Memo::new(move |_| {
            let q = settings.with(|s| view.with(|v| v.query(&s.currency, &s.stage_probabilities)));
            setup.with(|su| {
                if su.alert_rules.is_empty() {
                    return Vec::new();
                }
                report.with(|r| {
                    workspace.with(|ws| objectives::evaluate_rules(ws, &q, r, &su.alert_rules))
                })
            })
        });
        Effect::new(move |_| {
            let l = lang.get();
            storage::save_lang(l);
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", l.code());
            }
        });
        Effect::new(move |_| settings.with(storage::save_settings));
        Effect::new(move |_| layout.with(storage::save_layout));
        Effect::new(move |_| setup.with(storage::save_setup));
        // Another tab of the same browser changed the objectives: show them here too.
        let storage_handle = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(storage::SETUP_KEY) {
                let fresh = storage::load_setup();
                if setup.with_untracked(|s| *s != fresh) {
                    setup.set(fresh);
                }
            }
        });
        on_cleanup(move || storage_handle.remove());
        Effect::new(move |_| {
            let v = view.get();
            storage::save_view(&v);
            let fragment = v.to_fragment();
            if fragment != location_hash() {
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    // Replace, not push: filters are not steps to go back through.
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&fragment),
                    );
                }
            }
        });
        // A fragment typed or pasted into the address bar changes the view.
        let pending_setup = RwSignal::new(None);
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            let hash = location_hash();
            // A set-up link opened in this tab: show what it would change.
            if hash.starts_with(share::LINK_PREFIX) {
                pending_setup.set(Some(share::from_fragment(&hash)));
                view.update(|v| v.page = super::view_state::Page::Objectives);
                return;
            }
            if let Some(v) = ViewState::from_fragment(&hash) {
                if view.with_untracked(|cur| *cur != v) {
                    view.set(v);
                }
            }
        });
        on_cleanup(move || handle.remove());
        AppState {
            lang,
            settings,
            layout,
            setup,
            objectives,
            alerts,
            pending_setup,
            workspace,
            pending: RwSignal::new(Vec::new()),
            failed: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            view,
            report,
            filter_options,
        }
    }
}
