//! What the app keeps in localStorage, under versioned keys. A value that
//! cannot be read is ignored (and the default used), never a crash; a full or
//! disabled storage only loses the preference, never the session.

use super::view_state::ViewState;
use crate::engine::objectives::SetUp;
use crate::engine::Mapping;
use crate::locale::Lang;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const LANG_KEY: &str = "cadran.v1.lang";
const VIEW_KEY: &str = "cadran.v1.view";
const SETTINGS_KEY: &str = "cadran.v1.settings";
const MAPPINGS_KEY: &str = "cadran.v1.mappings";
const DEMO_KEY: &str = "cadran.v1.demo";
const LAYOUT_KEY: &str = "cadran.v1.layout";
/// Objectives and alert rules (a set-up without mappings and settings).
pub const SETUP_KEY: &str = "cadran.v1.setup";

pub fn load_setup() -> SetUp {
    LocalStorage::get(SETUP_KEY).unwrap_or_default()
}

pub fn save_setup(s: &SetUp) {
    let _ = LocalStorage::set(SETUP_KEY, s);
}

/// Which KPIs the user follows: pinned at the top (the first is the main
/// objective), hidden, and their order within each family.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Layout {
    #[serde(default)]
    pub pinned: Vec<String>,
    #[serde(default)]
    pub hidden: Vec<String>,
    #[serde(default)]
    pub order: Vec<String>,
}

/// At most this many pinned KPIs: a main objective and its indicators.
pub const MAX_PINNED: usize = 4;

pub fn load_layout() -> Layout {
    LocalStorage::get(LAYOUT_KEY).unwrap_or_default()
}

pub fn save_layout(l: &Layout) {
    let _ = LocalStorage::set(LAYOUT_KEY, l);
}

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|code| Lang::from_code(&code))
}

pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.code());
}

pub fn load_view() -> Option<ViewState> {
    LocalStorage::get(VIEW_KEY).ok()
}

pub fn save_view(v: &ViewState) {
    let _ = LocalStorage::set(VIEW_KEY, v);
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub currency: String,
    /// Probability of an open deal per stage, over the built-in defaults.
    #[serde(default)]
    pub stage_probabilities: BTreeMap<String, f64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            currency: "EUR".into(),
            stage_probabilities: BTreeMap::new(),
        }
    }
}

pub fn load_settings() -> Settings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(s: &Settings) {
    let _ = LocalStorage::set(SETTINGS_KEY, s);
}

/// Corrected mappings, by header signature: a file with the same header gets them again.
pub fn load_mappings() -> BTreeMap<String, Mapping> {
    LocalStorage::get(MAPPINGS_KEY).unwrap_or_default()
}

pub fn save_mapping(signature: String, mapping: Mapping) {
    let mut all = load_mappings();
    all.insert(signature, mapping);
    let _ = LocalStorage::set(MAPPINGS_KEY, all);
}

/// Whether the demo data was open, to open it again after a reload.
pub fn demo_open() -> bool {
    LocalStorage::get::<bool>(DEMO_KEY).unwrap_or(false)
}

pub fn set_demo_open(open: bool) {
    let _ = LocalStorage::set(DEMO_KEY, open);
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if out.is_empty() {
        out.extend(nav.language());
    }
    out
}
