//! "Data on this device": what Cadran keeps in this browser (files in
//! IndexedDB, state in localStorage, the app in the offline cache), how much
//! room it takes, and the ways to forget it: one file, everything, or keep
//! nothing at all (private mode).

use crate::locale::device::{both, date_locale, dt, DeviceText};
use crate::locale::{colon, format_size, t, Lang, Text};
use crate::ui::state::device_store::{self, StoredFile};
use crate::ui::state::storage;
use crate::ui::state::AppState;
use crate::ui::worker_client;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The offline cache's names (the service worker's, see `public/sw.js`).
const CACHE_PREFIX: &str = "cadran-";

#[derive(Clone, Default, PartialEq)]
struct Snapshot {
    files: Vec<(String, f64, f64)>,
    local_bytes: usize,
    local_keys: usize,
    caches: Vec<String>,
    usage: Option<(f64, f64)>,
}

async fn cache_names() -> Vec<String> {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return Vec::new();
    };
    let Ok(keys) = JsFuture::from(caches.keys()).await else {
        return Vec::new();
    };
    js_sys::Array::from(&keys)
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| k.starts_with(CACHE_PREFIX))
        .collect()
}

async fn delete_caches() {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    for name in cache_names().await {
        let _ = JsFuture::from(caches.delete(&name)).await;
    }
}

async fn usage() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let get = |k: &str| js_sys::Reflect::get(&estimate, &k.into()).ok()?.as_f64();
    Some((get("usage")?, get("quota")?))
}

async fn snapshot() -> Snapshot {
    let files = match device_store::load_all().await {
        Ok((files, _)) => files
            .into_iter()
            .map(|f: StoredFile| (f.name, f.size, f.saved))
            .collect(),
        Err(_) => Vec::new(),
    };
    let keys = storage::kept_keys();
    Snapshot {
        files,
        local_bytes: keys.iter().map(|(_, n)| n).sum(),
        local_keys: keys.len(),
        caches: cache_names().await,
        usage: usage().await,
    }
}

fn date_label(ms: f64, lang: Lang) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    d.to_locale_string(date_locale(lang), &JsValue::UNDEFINED)
        .into()
}

use wasm_bindgen::JsValue;

/// Erases everything Cadran keeps here, then starts again from a clean page.
fn forget_everything(state: AppState) {
    let keep_private = state.private.get_untracked();
    spawn_local(async move {
        let ids: Vec<u32> = state
            .tables
            .get_untracked()
            .iter()
            .map(|t| t.id)
            .chain(state.pending.get_untracked().iter().map(|p| p.id))
            .collect();
        worker_client::drop_tables(ids);
        if let Err(e) = device_store::forget_all().await {
            state.notify_store_error(&e);
        }
        storage::forget_all();
        if keep_private {
            storage::set_private_mode(true);
        }
        delete_caches().await;
        if let Some(w) = web_sys::window() {
            if let Ok(Some(s)) = w.session_storage() {
                let _ = s.set_item("cadran.forgotten", "1");
            }
            // Not the URL's fragment either: it holds the last filters.
            let path = w.location().pathname().unwrap_or_else(|_| "./".into());
            let _ = w.location().replace(&path);
        }
    });
}

/// Private mode on: what is kept goes; off: what is open now is kept again.
fn set_private(state: AppState, on: bool) {
    state.private.set(on);
    if on {
        spawn_local(async move {
            if let Err(e) = device_store::forget_all().await {
                state.notify_store_error(&e);
            }
            storage::forget_all();
            storage::set_private_mode(true);
        });
    } else {
        storage::set_private_mode(false);
        state.settings.with_untracked(storage::save_settings);
        state.layout.with_untracked(storage::save_layout);
        state.setup.with_untracked(storage::save_setup);
        storage::save_lang(state.lang.get_untracked());
        super::import::keep_all(state);
    }
}

/// Says once, after the reload, that everything was erased.
pub fn notice_after_forget(state: AppState) {
    let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return;
    };
    if s.get_item("cadran.forgotten").ok().flatten().is_some() {
        let _ = s.remove_item("cadran.forgotten");
        state.say(both(DeviceText::ForgetEverythingDone, str::to_string));
    }
}

#[component]
pub fn DeviceData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let snap = RwSignal::new(Snapshot::default());
    let refresh = move || spawn_local(async move { snap.set(snapshot().await) });
    // Again whenever the tables change: a file confirmed or removed is kept or forgotten.
    Effect::new(move |_| {
        state.tables.track();
        state.private.track();
        refresh();
    });
    let forget_one = move |name: String| {
        spawn_local(async move {
            if let Err(e) = device_store::forget(&name).await {
                state.notify_store_error(&e);
            }
            let id = state
                .tables
                .with_untracked(|t| t.iter().find(|x| x.info.summary.file == name).map(|x| x.id));
            // Forgotten above already: only off the dashboard now.
            if let Some(id) = id {
                super::import::take_off(state, id);
            }
            snap.set(snapshot().await);
        });
    };
    view! {
        <section class="device-data" data-testid="device-data">
            <h2>{move || dt(lang.get(), DeviceText::DeviceData)}</h2>
            <p class="hint">{move || dt(lang.get(), DeviceText::DeviceIntro)}</p>
            <label class="private-mode">
                <input
                    type="checkbox"
                    data-testid="private-mode"
                    prop:checked=move || state.private.get()
                    on:change=move |ev| {
                        let on = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                        set_private(state, on);
                    }
                />
                " "{move || dt(lang.get(), DeviceText::PrivateMode)}
            </label>
            <p class="hint">{move || dt(lang.get(), DeviceText::PrivateHint)}</p>
            <h3>{move || dt(lang.get(), DeviceText::StoredFiles)}</h3>
            {move || {
                let l = lang.get();
                let s = snap.get();
                if s.files.is_empty() {
                    return view! { <p data-testid="stored-files-empty">{dt(l, DeviceText::NothingStored)}</p> }.into_any();
                }
                view! {
                    <table class="data-table" data-testid="stored-files">
                        <thead><tr>
                            <th scope="col">{t(l, Text::File)}</th>
                            <th scope="col" class="num">{dt(l, DeviceText::Size)}</th>
                            <th scope="col">{dt(l, DeviceText::Saved)}</th>
                            <th scope="col"><span class="visually-hidden">{t(l, Text::Actions)}</span></th>
                        </tr></thead>
                        <tbody>
                            {s.files.into_iter().map(|(name, size, saved)| {
                                let n = name.clone();
                                view! { <tr>
                                    <th scope="row" data-from-file="">{name}</th>
                                    <td class="num">{format_size(size, l)}</td>
                                    <td>{date_label(saved, l)}</td>
                                    <td><button class="button subtle" data-testid="forget-file" on:click=move |_| forget_one(n.clone())>
                                        {dt(l, DeviceText::Forget)}
                                    </button></td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <ul class="device-facts">
                <li>{move || { let l = lang.get(); let s = snap.get();
                    format!("{}{}{} ({} {})", dt(l, DeviceText::Preferences), colon(l), format_size(s.local_bytes as f64, l), s.local_keys, dt(l, DeviceText::Keys)) }}</li>
                <li>{move || { let l = lang.get(); let s = snap.get();
                    let state_word = dt(l, if s.caches.is_empty() { DeviceText::CacheEmpty } else { DeviceText::CachePresent });
                    format!("{}{}{state_word}", dt(l, DeviceText::OfflineCache), colon(l)) }}</li>
                <li>{move || { let l = lang.get(); snap.get().usage.map(|(used, quota)|
                    format!("{}{}{} / {}", dt(l, DeviceText::Used), colon(l), format_size(used, l), format_size(quota, l))) }}</li>
            </ul>
            <button class="button danger" data-testid="forget-everything" on:click=move |_| forget_everything(state)>
                {move || dt(lang.get(), DeviceText::ForgetEverything)}
            </button>
        </section>
    }
}
