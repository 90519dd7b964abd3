//! Bringing files in: a drop zone, a file picker and the demo button; each
//! file read is shown with its summary and mapping editor until the user
//! confirms; then the tables in use, their relations, and a way to remove them.

use super::mapping::MappingEditor;
use super::state::{AppState, Failed, Pending};
use super::storage;
use crate::engine::{self, demo, Imported};
use crate::locale::{t, Lang, Text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn read(state: AppState, name: &str, bytes: &[u8]) -> Result<Imported, Failed> {
    let opts = engine::Options {
        french: state.lang.get_untracked() == Lang::Fr,
        preview_rows: 5,
        ..engine::Options::default()
    };
    engine::read(name, bytes, &opts).map_err(|e| Failed {
        name: name.to_string(),
        fr: e.message_fr(),
        en: e.to_string(),
    })
}

/// A file read: it waits for confirmation, with a mapping remembered for its header.
fn add_pending(state: AppState, name: String, bytes: &[u8]) {
    state.failed.update(|f| f.retain(|x| x.name != name));
    match read(state, &name, bytes) {
        Ok(mut imported) => {
            if let Some(m) = storage::load_mappings().remove(&imported.header_signature()) {
                imported.set_mapping(m);
            }
            state.pending.update(|p| {
                p.retain(|x| x.imported.summary.file != name);
                let id = p.iter().map(|x| x.id).max().unwrap_or(0) + 1;
                p.push(Pending { id, imported });
            });
        }
        Err(f) => state.failed.update(|all| all.push(f)),
    }
}

/// Moves the pending files into the workspace and remembers their mappings.
fn confirm(state: AppState) {
    let pending = state.pending.get_untracked();
    if pending.is_empty() {
        return;
    }
    let was_demo = storage::demo_open();
    storage::set_demo_open(false);
    state.workspace.update(|ws| {
        if was_demo {
            ws.tables.clear();
        }
        for p in pending {
            storage::save_mapping(p.imported.header_signature(), p.imported.mapping.clone());
            ws.tables
                .retain(|t| t.summary.file != p.imported.summary.file);
            ws.tables.push(p.imported);
        }
    });
    state.pending.set(Vec::new());
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
                Ok(bytes) => add_pending(state, file.name(), &bytes),
                Err(e) => state.failed.update(|f| {
                    f.push(Failed {
                        name: file.name(),
                        fr: e.clone(),
                        en: e,
                    })
                }),
            }
        }
        state.busy.set(false);
    });
}

/// Opens the demo company's files, ready to use.
pub fn load_demo(state: AppState) {
    let tables: Vec<Imported> = demo::files(demo::DEFAULT_SEED)
        .into_iter()
        .filter_map(|(name, bytes)| read(state, &name, &bytes).ok())
        .collect();
    state.pending.set(Vec::new());
    state.failed.set(Vec::new());
    state.workspace.update(|ws| ws.tables = tables);
    storage::set_demo_open(true);
}

fn clear(state: AppState) {
    state.workspace.update(|ws| ws.tables.clear());
    state.pending.set(Vec::new());
    state.failed.set(Vec::new());
    storage::set_demo_open(false);
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
    let compact =
        move || state.workspace.with(|w| !w.tables.is_empty()) && state.pending.with(Vec::is_empty);
    view! {
        <section
            class="import"
            class:compact=compact
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
                <button class="button" data-testid="load-demo" on:click=move |_| load_demo(state)>
                    {move || t(lang.get(), Text::TryDemo)}
                </button>
            </div>
            <Show when=move || state.busy.get()>
                <p class="busy" role="status">{move || t(lang.get(), Text::Loading)}</p>
            </Show>
            <Failures/>
            <PendingFiles/>
        </section>
    }
}

#[component]
fn Failures() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    view! {
        <For each=move || state.failed.get() key=|f| f.name.clone() let:f>
            <p class="error" role="alert">
                <strong>{f.name.clone()}</strong>" — "{move || t(lang.get(), Text::ReadError)}": "
                {
                    let (fr, en) = (f.fr.clone(), f.en.clone());
                    move || if lang.get() == Lang::Fr { fr.clone() } else { en.clone() }
                }
            </p>
        </For>
    }
}

#[component]
fn PendingFiles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    view! {
        <Show when=move || state.pending.with(|p| !p.is_empty())>
            <div class="pending">
                <h3>{move || t(lang.get(), Text::CheckImport)}</h3>
                <For each=move || state.pending.with(|p| p.iter().map(|x| x.id).collect::<Vec<_>>()) key=|id| *id let:id>
                    <MappingEditor id=id/>
                </For>
                <div class="import-actions">
                    <button class="button primary" data-testid="confirm-import" on:click=move |_| confirm(state)>
                        {move || t(lang.get(), Text::ConfirmImport)}
                    </button>
                    <button class="button subtle" on:click=move |_| state.pending.set(Vec::new())>
                        {move || t(lang.get(), Text::Cancel)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// The tables in use, their relations, and how to remove them.
#[component]
pub fn TablesInUse() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let rows = move || {
        state.workspace.with(|ws| {
            ws.tables
                .iter()
                .map(|t| {
                    (
                        t.summary.file.clone(),
                        t.summary.kind.name(),
                        t.summary.rows,
                        t.summary.encoding.name(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let relations = move || state.report.with(|r| r.relations.clone());
    view! {
        <Show when=move || state.workspace.with(|w| !w.tables.is_empty())>
            <section class="tables-in-use">
                <h2>{move || t(lang.get(), Text::ImportedFiles)}</h2>
                <table class="data-table" data-testid="tables-in-use">
                    <thead>
                        <tr>
                            <th scope="col">{move || t(lang.get(), Text::File)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Kind)}</th>
                            <th scope="col" class="num">{move || t(lang.get(), Text::Rows)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Encoding)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|(file, kind, n, enc)| {
                            let name = file.clone();
                            view! {
                                <tr>
                                    <th scope="row">{file}</th>
                                    <td>{kind}</td>
                                    <td class="num">{crate::locale::format_number(n as f64, 0, lang.get())}</td>
                                    <td>{enc}</td>
                                    <td>
                                        <button class="button subtle" on:click=move |_| {
                                            let n = name.clone();
                                            state.workspace.update(|ws| ws.tables.retain(|t| t.summary.file != n));
                                        }>{move || t(lang.get(), Text::Remove)}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <ul class="relations">
                    {move || relations().into_iter().map(|r| {
                        let l = lang.get();
                        let text = match l {
                            Lang::Fr => format!("{} → {} ({}) : {} lignes reliées, {} sans correspondance{}",
                                r.from_file, r.to_file, r.field, r.matched_rows, r.unmatched_rows,
                                if r.unmatched_keys.is_empty() { String::new() } else { format!(" ({})", r.unmatched_keys.join(", ")) }),
                            Lang::En => format!("{} → {} ({}): {} rows matched, {} unmatched{}",
                                r.from_file, r.to_file, r.field, r.matched_rows, r.unmatched_rows,
                                if r.unmatched_keys.is_empty() { String::new() } else { format!(" ({})", r.unmatched_keys.join(", ")) }),
                        };
                        view! { <li>{text}</li> }
                    }).collect_view()}
                </ul>
                <button class="button subtle" on:click=move |_| clear(state)>{move || t(lang.get(), Text::ClearAll)}</button>
            </section>
        </Show>
    }
}
