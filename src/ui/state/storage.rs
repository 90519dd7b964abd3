//! What the app keeps in localStorage, under versioned keys. A value that
//! cannot be read (damaged, or written by another version) is set aside under
//! `cadran.broken.*` with a notice, and the default used — never a crash; a
//! full or disabled storage only loses the preference, never the session.
//! Values are whole JSON documents with `#[serde(default)]` fields, so an
//! older value missing newer fields migrates by itself. In private mode
//! nothing is written.

use crate::engine::objectives::SetUp;
use crate::engine::Mapping;
use crate::locale::Lang;
use crate::view::ViewState;
use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Every key of Cadran starts with this.
pub const PREFIX: &str = "cadran.";
const PRIVATE_KEY: &str = "cadran.v1.private";
const BROKEN_PREFIX: &str = "cadran.broken.";

thread_local! {
    /// Keys set aside since the last look, for the notice.
    static SET_ASIDE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static SAVE_FAILED: RefCell<bool> = const { RefCell::new(false) };
}

/// localStorage, when the browser allows it (it can throw: blocked cookies,
/// sandboxed frames).
fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let storage = raw()?;
    let text = storage.get_item(key).ok().flatten()?;
    match serde_json::from_str(&text) {
        Ok(v) => Some(v),
        Err(_) => {
            let aside = format!("{BROKEN_PREFIX}{}", key.trim_start_matches(PREFIX));
            let _ = storage.set_item(&aside, &text);
            let _ = storage.remove_item(key);
            SET_ASIDE.with(|s| s.borrow_mut().push(key.to_string()));
            None
        }
    }
}

fn save<T: Serialize>(key: &str, value: &T) {
    if private_mode() || raw().is_none() {
        return;
    }
    if LocalStorage::set(key, value).is_err() {
        SAVE_FAILED.with(|f| *f.borrow_mut() = true);
    }
}

/// The keys set aside because they could not be read, once.
pub fn take_set_aside() -> Vec<String> {
    SET_ASIDE.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// Whether a value could not be written (storage full) since the last look.
pub fn take_save_failed() -> bool {
    SAVE_FAILED.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

/// Private mode: nothing is kept on this device (only this flag).
pub fn private_mode() -> bool {
    raw()
        .and_then(|s| s.get_item(PRIVATE_KEY).ok().flatten())
        .is_some_and(|v| v == "true")
}

pub fn set_private_mode(on: bool) {
    if let Some(s) = raw() {
        let _ = if on {
            s.set_item(PRIVATE_KEY, "true")
        } else {
            s.remove_item(PRIVATE_KEY)
        };
    }
}

/// Cadran's keys and the size of their values, in bytes (UTF-16, as browsers count).
pub fn kept_keys() -> Vec<(String, usize)> {
    let Some(s) = raw() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    let mut out: Vec<(String, usize)> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .map(|k| {
            let len = s
                .get_item(&k)
                .ok()
                .flatten()
                .map_or(0, |v| v.encode_utf16().count());
            let size = 2 * (k.encode_utf16().count() + len);
            (k, size)
        })
        .collect();
    out.sort();
    out
}

/// Removes every key of Cadran (the private-mode flag too).
pub fn forget_all() {
    if let Some(s) = raw() {
        for (k, _) in kept_keys() {
            let _ = s.remove_item(&k);
        }
    }
}

pub const LANG_KEY: &str = "cadran.v1.lang";
const VIEW_KEY: &str = "cadran.v1.view";
pub const SETTINGS_KEY: &str = "cadran.v1.settings";
const MAPPINGS_KEY: &str = "cadran.v1.mappings";
const DEMO_KEY: &str = "cadran.v1.demo";
pub const LAYOUT_KEY: &str = "cadran.v1.layout";
/// Objectives and alert rules (a set-up without mappings and settings).
pub const SETUP_KEY: &str = "cadran.v1.setup";

pub fn load_setup() -> SetUp {
    load(SETUP_KEY).unwrap_or_default()
}

pub fn save_setup(s: &SetUp) {
    save(SETUP_KEY, s);
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
    load(LAYOUT_KEY).unwrap_or_default()
}

pub fn save_layout(l: &Layout) {
    save(LAYOUT_KEY, l);
}

pub fn load_lang() -> Option<Lang> {
    load::<String>(LANG_KEY).and_then(|code| Lang::from_code(&code))
}

pub fn save_lang(lang: Lang) {
    save(LANG_KEY, &lang.code());
}

pub fn load_view() -> Option<ViewState> {
    load(VIEW_KEY)
}

pub fn save_view(v: &ViewState) {
    save(VIEW_KEY, v);
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub currency: String,
    /// Probability of an open deal per stage, over the built-in defaults.
    #[serde(default)]
    pub stage_probabilities: BTreeMap<String, f64>,
    /// Days without a purchase after which a customer is lost (shared with
    /// the set-up file, whose `settings` are these).
    #[serde(default = "default_dormancy_days")]
    pub dormancy_days: u32,
}

fn default_dormancy_days() -> u32 {
    crate::engine::kpi::DEFAULT_DORMANCY_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            currency: "EUR".into(),
            stage_probabilities: BTreeMap::new(),
            dormancy_days: default_dormancy_days(),
        }
    }
}

pub fn load_settings() -> Settings {
    load(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(s: &Settings) {
    save(SETTINGS_KEY, s);
}

/// Corrected mappings, by header signature: a file with the same header gets them again.
pub fn load_mappings() -> BTreeMap<String, Mapping> {
    load(MAPPINGS_KEY).unwrap_or_default()
}

pub fn save_mapping(signature: String, mapping: Mapping) {
    let mut all = load_mappings();
    all.insert(signature, mapping);
    save(MAPPINGS_KEY, &all);
}

/// Whether the demo data was open, to open it again after a reload.
pub fn demo_open() -> bool {
    load::<bool>(DEMO_KEY).unwrap_or(false)
}

pub fn set_demo_open(open: bool) {
    save(DEMO_KEY, &open);
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
