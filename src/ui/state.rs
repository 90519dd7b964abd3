//! App state: signals at the top, the report as a memo of them.

use super::storage;
use crate::engine::kpi::{self, Query, Workspace};
use crate::engine::{ImportSummary, Report};
use crate::locale::Lang;
use leptos::prelude::*;

/// One file the user brought, read or not.
#[derive(Debug, Clone, PartialEq)]
pub struct FileStatus {
    pub name: String,
    pub summary: Option<ImportSummary>,
    /// The reason it could not be read, in French and English.
    pub error: Option<(String, String)>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub workspace: RwSignal<Workspace>,
    pub files: RwSignal<Vec<FileStatus>>,
    /// A file is being read.
    pub busy: RwSignal<bool>,
    pub report: Memo<Report>,
}

impl AppState {
    pub fn new() -> Self {
        let lang = storage::load_lang()
            .unwrap_or_else(|| Lang::from_browser(&storage::browser_languages()));
        let lang = RwSignal::new(lang);
        let workspace = RwSignal::new(Workspace::default());
        let report = Memo::new(move |_| workspace.with(|ws| kpi::report(ws, &Query::default())));
        // The outside world: remember the language and tell the document.
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
        AppState {
            lang,
            workspace,
            files: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            report,
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
