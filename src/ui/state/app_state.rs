//! App state: signals at the top, provided through context; effects only
//! for the outside world (localStorage, the URL, the document's language).
//! The report is set from the engine worker's answer (`worker_client`, which
//! reads and writes these signals; this file does not know it).

use super::device_store;
use super::storage::{self, Layout, Settings};
use crate::engine::kpi::{self, Period, Query, Workspace};
use crate::engine::objectives::{share, AlertResult, ObjectiveResult, SetUp};
use crate::engine::{Field, Report};
use crate::locale::device::{both, DeviceText};
use crate::locale::Lang;
use crate::view::{Page, ViewState};
use crate::worker::protocol::{Phase, Rehearsal, TableInfo};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A file read but not yet confirmed: its summary and mapping can be corrected.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub id: u32,
    pub info: TableInfo,
    /// Goes to the dashboard on confirmation: always for a file; for a
    /// workbook's sheet, as the user chooses (proposed when its header
    /// looks like a known table).
    pub take: bool,
}

/// A table on the dashboard (its rows live in the engine worker).
#[derive(Debug, Clone, PartialEq)]
pub struct InUse {
    pub id: u32,
    pub info: TableInfo,
}

/// A file that could not be read at all, with the reason in French and English.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub name: String,
    pub fr: String,
    pub en: String,
}

/// Something the user should know that is not an error of theirs: a stored
/// value set aside, a full storage, a cancelled import.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub fr: String,
    pub en: String,
}

/// How far the engine is with a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub id: u32,
    pub name: String,
    /// `None`: sent, not started (another file is being read).
    pub phase: Option<Phase>,
    pub done: f64,
    pub rows: usize,
    pub bytes: u64,
}

impl Progress {
    pub fn queued(id: u32, name: &str, bytes: f64) -> Self {
        Progress {
            id,
            name: name.to_string(),
            phase: None,
            done: 0.0,
            rows: 0,
            bytes: bytes as u64,
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub settings: RwSignal<Settings>,
    pub layout: RwSignal<Layout>,
    /// Objectives and alert rules.
    pub setup: RwSignal<SetUp>,
    /// The objectives measured against the data (independent of the dashboard's filters).
    pub objectives: RwSignal<Vec<ObjectiveResult>>,
    /// The alert rules checked over the dashboard's period and filters.
    pub alerts: RwSignal<Vec<AlertResult>>,
    /// A set-up read from a file or a link, waiting for the user's confirmation.
    pub pending_setup: RwSignal<Option<Result<SetUp, share::SetupError>>>,
    /// The tables on the dashboard, in order.
    pub tables: RwSignal<Vec<InUse>>,
    pub pending: RwSignal<Vec<Pending>>,
    pub failed: RwSignal<Vec<Failed>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The file the engine is reading, if any.
    pub progress: RwSignal<Option<Progress>>,
    /// A report is being computed for the current view.
    pub computing: RwSignal<bool>,
    pub view: RwSignal<ViewState>,
    /// Computed by the engine worker for the current view.
    pub report: RwSignal<Report>,
    /// Per field the tables can be filtered on, its values: the fields come
    /// with each report, the values once per set of tables, after it.
    pub filter_options: RwSignal<BTreeMap<Field, Vec<String>>>,
    /// The first and last day of the data.
    pub data_span: RwSignal<Option<Period>>,
    /// Private mode: nothing kept on this device.
    pub private: RwSignal<bool>,
    /// The worker's warm-up report, until the page rehearses its views
    /// with it (`ui::rehearsal`).
    pub warm_up: RwSignal<Option<Box<Rehearsal>>>,
    /// This is the start-up rehearsal's state (`ui::rehearsal`), off the
    /// page: charts are built, not drawn.
    pub is_rehearsal: bool,
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
        // The empty report, until the engine worker answers.
        let report = RwSignal::new(kpi::report(&Workspace::default(), &Query::default()));
        // Saves run on changes only: opening the app writes nothing.
        Effect::new(move |first: Option<()>| {
            let l = lang.get();
            if first.is_some() {
                storage::save_lang(l);
            }
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", l.code());
            }
        });
        fn save_on_change<T: Send + Sync + 'static>(s: RwSignal<T>, save: fn(&T)) {
            Effect::new(move |first: Option<()>| {
                s.track();
                if first.is_some() {
                    s.with_untracked(save);
                }
            });
        }
        save_on_change(settings, storage::save_settings);
        save_on_change(layout, storage::save_layout);
        save_on_change(setup, storage::save_setup);
        // Another tab of the same browser changed something kept: take it
        // here too, so that this tab never writes back a stale copy over it.
        let storage_handle = window_event_listener(leptos::ev::storage, move |ev| {
            let key = ev.key().unwrap_or_default();
            fn sync<T: PartialEq + Send + Sync + 'static>(s: RwSignal<T>, fresh: T) {
                if s.with_untracked(|cur| *cur != fresh) {
                    s.set(fresh);
                }
            }
            match key.as_str() {
                storage::SETUP_KEY => sync(setup, storage::load_setup()),
                storage::SETTINGS_KEY => sync(settings, storage::load_settings()),
                storage::LAYOUT_KEY => sync(layout, storage::load_layout()),
                storage::LANG_KEY => {
                    if let Some(l) = storage::load_lang() {
                        sync(lang, l);
                    }
                }
                _ => {}
            }
        });
        on_cleanup(move || storage_handle.remove());
        // The view in the URL. A new period, comparison or filter (from the
        // filter bar or a chart click) is a step the browser's Back undoes:
        // pushed. A page change, and the first write, replace. A view read
        // back from the URL (Back, a pasted link) is already there: nothing
        // is written, so nothing loops; one written otherwise (a link not in
        // the app's own form) replaces it, or Back would land on it again.
        let from_url = StoredValue::new(false);
        Effect::new(move |before: Option<ViewState>| {
            let v = view.get();
            if before.is_some() {
                storage::save_view(&v);
            }
            let fragment = v.to_fragment();
            if fragment != location_hash() {
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    let step = !from_url.get_value()
                        && before.as_ref().is_some_and(|b| {
                            (&b.period, b.compare, &b.filters) != (&v.period, v.compare, &v.filters)
                        });
                    let url = Some(fragment.as_str());
                    let null = &wasm_bindgen::JsValue::NULL;
                    let _ = if step {
                        history.push_state_with_url(null, "", url)
                    } else {
                        history.replace_state_with_url(null, "", url)
                    };
                }
            }
            from_url.set_value(false);
            v
        });
        // A fragment typed or pasted into the address bar changes the view.
        let pending_setup = RwSignal::new(None);
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            let hash = location_hash();
            // A set-up link opened in this tab: show what it would change.
            if hash.starts_with(share::LINK_PREFIX) {
                pending_setup.set(Some(share::from_fragment(&hash)));
                view.update(|v| v.page = Page::Objectives);
                return;
            }
            if let Some(v) = ViewState::from_fragment(&hash) {
                if view.with_untracked(|cur| *cur != v) {
                    from_url.set_value(true);
                    view.set(v);
                }
            }
        });
        on_cleanup(move || handle.remove());
        let state = AppState {
            lang,
            settings,
            layout,
            setup,
            objectives: RwSignal::new(Vec::new()),
            alerts: RwSignal::new(Vec::new()),
            pending_setup,
            tables: RwSignal::new(Vec::new()),
            pending: RwSignal::new(Vec::new()),
            failed: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            computing: RwSignal::new(false),
            view,
            report,
            filter_options: RwSignal::new(BTreeMap::new()),
            data_span: RwSignal::new(None),
            private: RwSignal::new(storage::private_mode()),
            warm_up: RwSignal::new(None),
            is_rehearsal: false,
        };
        for key in storage::take_set_aside() {
            state.say(both(DeviceText::SetAside, |t| format!("{t} {key}")));
        }
        // A value that could not be written (storage full): say it once.
        Effect::new(move |_| {
            settings.track();
            layout.track();
            setup.track();
            view.track();
            if storage::take_save_failed() {
                state.say(both(DeviceText::StorageFull, str::to_string));
            }
        });
        state
    }
}

impl AppState {
    /// The state of a rehearsal (`ui::rehearsal`): these tables in use and
    /// pending, no report yet, the language, settings, layout and set-up
    /// of `real` as they are, and no effect: nothing is saved, put in the
    /// URL or kept on the device.
    pub fn rehearsal(real: &AppState, tables: Vec<InUse>, pending: Vec<Pending>) -> Self {
        AppState {
            lang: RwSignal::new(real.lang.get_untracked()),
            settings: RwSignal::new(real.settings.get_untracked()),
            layout: RwSignal::new(real.layout.get_untracked()),
            setup: RwSignal::new(real.setup.get_untracked()),
            objectives: RwSignal::new(Vec::new()),
            alerts: RwSignal::new(Vec::new()),
            pending_setup: RwSignal::new(None),
            tables: RwSignal::new(tables),
            pending: RwSignal::new(pending),
            failed: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            computing: RwSignal::new(false),
            view: RwSignal::new(ViewState::default()),
            report: RwSignal::new(kpi::report(&Workspace::default(), &Query::default())),
            filter_options: RwSignal::new(BTreeMap::new()),
            data_span: RwSignal::new(None),
            private: RwSignal::new(true),
            warm_up: RwSignal::new(None),
            is_rehearsal: true,
        }
    }

    /// A notice from a (French, English) pair, as `both` makes them; the
    /// same notice is not shown twice.
    pub fn say(&self, (fr, en): (String, String)) {
        self.notices.update(|n| {
            if !n.iter().any(|x| x.en == en) {
                let id = n.iter().map(|x| x.id).max().unwrap_or(0) + 1;
                n.push(Notice { id, fr, en });
            }
        });
    }

    pub fn notify_store_error(&self, e: &device_store::StoreError) {
        self.say(match e {
            device_store::StoreError::Full => both(DeviceText::StorageFull, str::to_string),
            device_store::StoreError::Unavailable(why) => {
                both(DeviceText::StorageUnavailable, |t| format!("{t} ({why})"))
            }
        });
    }

    pub fn table_ids(&self) -> Vec<u32> {
        self.tables
            .with_untracked(|t| t.iter().map(|x| x.id).collect())
    }
}
