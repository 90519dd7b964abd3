//! Bringing files in: a drop zone, a file picker and the demo button, then one
//! summary per file (rows, kind, encoding, warnings) in the user's language.

use super::state::{AppState, FileStatus};
use crate::engine::{self, demo, Imported};
use crate::locale::{t, warning, Lang, Text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Reads one file's bytes into the workspace, replacing a file of the same name.
fn add_file(state: AppState, name: String, bytes: &[u8]) {
    let opts = engine::Options {
        french: state.lang.get_untracked() == Lang::Fr,
        ..engine::Options::default()
    };
    let status = match engine::read(&name, bytes, &opts) {
        Ok(imported) => {
            let summary = imported.summary.clone();
            state.workspace.update(|ws| {
                ws.tables.retain(|t: &Imported| t.summary.file != name);
                ws.tables.push(imported);
            });
            FileStatus {
                name: name.clone(),
                summary: Some(summary),
                error: None,
            }
        }
        Err(e) => FileStatus {
            name: name.clone(),
            summary: None,
            error: Some((e.message_fr(), e.to_string())),
        },
    };
    state.files.update(|files| {
        files.retain(|f| f.name != name);
        files.push(status);
    });
}

async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn read_files(state: AppState, list: Option<web_sys::FileList>) {
    let Some(list) = list else { return };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if files.is_empty() {
        return;
    }
    state.busy.set(true);
    spawn_local(async move {
        for file in files {
            match file_bytes(&file).await {
                Ok(bytes) => add_file(state, file.name(), &bytes),
                Err(e) => state.files.update(|f| {
                    f.push(FileStatus {
                        name: file.name(),
                        summary: None,
                        error: Some((e.clone(), e)),
                    })
                }),
            }
        }
        state.busy.set(false);
    });
}

fn clear(state: AppState) {
    state.workspace.update(|ws| ws.tables.clear());
    state.files.set(Vec::new());
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        read_files(state, ev.data_transfer().and_then(|dt| dt.files()));
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            read_files(state, input.files());
            // Picking the same file again after a fix must trigger a new read.
            input.set_value("");
        }
    };
    let load_demo = move |_| {
        clear(state);
        for (name, bytes) in demo::files(demo::DEFAULT_SEED) {
            add_file(state, name, &bytes);
        }
    };
    view! {
        <section
            class="import"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2>{move || t(lang.get(), Text::DropTitle)}</h2>
            <p class="hint">{move || t(lang.get(), Text::DropHint)}</p>
            <div class="import-actions">
                <label class="button primary">
                    <input
                        type="file"
                        class="visually-hidden"
                        data-testid="file-input"
                        accept=".csv,.txt,.tsv,text/csv"
                        multiple
                        on:change=on_pick
                    />
                    {move || t(lang.get(), Text::ChooseFiles)}
                </label>
                <button class="button" data-testid="load-demo" on:click=load_demo>
                    {move || t(lang.get(), Text::TryDemo)}
                </button>
            </div>
            <Show when=move || state.busy.get()>
                <p class="busy" role="status">{move || t(lang.get(), Text::Loading)}</p>
            </Show>
            <FileList/>
        </section>
    }
}

#[component]
fn FileList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    view! {
        <Show when=move || state.files.with(|f| !f.is_empty())>
            <div class="files">
                <h3>{move || t(lang.get(), Text::ImportedFiles)}</h3>
                <ul>
                    {move || {
                        state.files.get().into_iter().map(|f| view! { <FileItem file=f/> }).collect_view()
                    }}
                </ul>
                <button class="button subtle" on:click=move |_| clear(state)>
                    {move || t(lang.get(), Text::ClearAll)}
                </button>
            </div>
        </Show>
    }
}

#[component]
fn FileItem(file: FileStatus) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let FileStatus {
        name,
        summary,
        error,
    } = file;
    let body = match (summary, error) {
        (Some(s), _) => {
            let warnings = s.warnings.clone();
            view! {
                <p class="file-facts">
                    <span data-testid="file-rows">{s.rows}</span>" "{move || t(lang.get(), Text::Rows)}
                    " · "{move || t(lang.get(), Text::Kind)}": "<strong>{s.kind.name()}</strong>
                    " · "{move || t(lang.get(), Text::Encoding)}": "{s.encoding.name()}
                    " · "{move || t(lang.get(), Text::Delimiter)}": "<code>{s.delimiter.clone()}</code>
                </p>
                <ul class="warnings">
                    {move || {
                        let l = lang.get();
                        warnings
                            .iter()
                            .map(|w| {
                                let line = w.line.map(|n| format!(" (l. {n})")).unwrap_or_default();
                                view! { <li>{warning(l, w)}{line}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            }
            .into_any()
        }
        (None, Some((fr, en))) => view! {
            <p class="error" role="alert">
                {move || t(lang.get(), Text::ReadError)}": "
                {move || if lang.get() == Lang::Fr { fr.clone() } else { en.clone() }}
            </p>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <li class="file">
            <strong class="file-name">{name}</strong>
            {body}
        </li>
    }
}
