//! What the app keeps in localStorage, under versioned keys. A value that
//! cannot be read is ignored (and the default used), never a crash.

use crate::locale::Lang;
use gloo_storage::{LocalStorage, Storage};

const LANG_KEY: &str = "cadran.v1.lang";

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|code| Lang::from_code(&code))
}

pub fn save_lang(lang: Lang) {
    // A full or disabled storage only loses the preference, not the session.
    let _ = LocalStorage::set(LANG_KEY, lang.code());
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
