//! Bringing files in: a drop zone, a file picker and the demo button; each
//! file read is shown with its summary and mapping editor until the user
//! confirms; then the tables in use, their relations, and a way to remove them.

use super::currency_choice::{CurrencyChoice, CurrencyDisagreement};
use super::mapping::MappingEditor;
use crate::locale::device::{dt, DeviceText};
use crate::locale::{colon, kind_label, relation_text, t, Text};
use crate::ui::state::device_store::{self, StoredFile};
use crate::ui::state::storage;
use crate::ui::state::{AppState, InUse};
use crate::ui::worker_client::{self, Confirmation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Keeps a confirmed file on the device (unless in private mode).
fn keep(state: AppState, t: &InUse) {
    if state.private.get_untracked() {
        return;
    }
    let Some(blob) = worker_client::source_blob(t.id) else {
        return;
    };
    let file = StoredFile {
        name: t.info.summary.file.clone(),
        sheet: worker_client::sheet_of(t.id),
        size: blob.size(),
        blob,
        mapping: Some(t.info.mapping.clone()),
        saved: js_sys::Date::now(),
    };
    spawn_local(async move {
        if let Err(e) = device_store::save(&file).await {
            state.notify_store_error(&e);
        }
    });
}

/// Keeps every table on the dashboard (private mode turned off).
pub fn keep_all(state: AppState) {
    for t in state.tables.get_untracked() {
        keep(state, &t);
    }
}

/// Forgets a file kept on the device.
fn unkeep(state: AppState, name: String) {
    spawn_local(async move {
        if let Err(e) = device_store::forget(&name).await {
            state.notify_store_error(&e);
        }
    });
}

/// Once every file is read, has the worker prepare the tables confirming
/// would put on the dashboard: the user looks at the import step
/// meanwhile, and the dashboard then comes sooner.
/// (A file just read is prepared from the worker's reply already, before
/// the import step is drawn; this follows the user's changes to it.)
pub fn prepare_ahead(state: AppState) {
    Effect::new(move |_| {
        if state.progress.with(Option::is_some) || state.pending.with(Vec::is_empty) {
            return;
        }
        let c = Confirmation::of(state.pending.get(), state.tables.get());
        if !c.taken.is_empty() {
            worker_client::prepare(c.ids());
        }
    });
}

/// Moves the pending files onto the dashboard, keeps them on the device and
/// remembers their mappings.
fn confirm(state: AppState) {
    let c = Confirmation::of(state.pending.get_untracked(), state.tables.get_untracked());
    worker_client::drop_tables(c.left.iter().map(|p| p.id).collect());
    if c.taken.is_empty() {
        state.pending.set(Vec::new());
        return;
    }
    let ids = c.ids();
    storage::set_demo_open(false);
    worker_client::drop_tables(c.replaced.iter().map(|t| t.id).collect());
    let mut tables = c.kept;
    for p in c.taken {
        storage::save_mapping(p.info.signature.clone(), p.info.mapping.clone());
        let t = InUse {
            id: p.id,
            info: p.info,
        };
        keep(state, &t);
        tables.push(t);
    }
    worker_client::use_tables(ids);
    state.tables.set(tables);
    state.pending.set(Vec::new());
}

fn read_files(state: AppState, list: Option<web_sys::FileList>) {
    let Some(list) = list else { return };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    worker_client::load_files(state, files);
}

/// Opens the demo company's files, ready to use.
fn load_demo(state: AppState) {
    worker_client::load_demo(state);
}

/// Takes a table off the dashboard and off the device.
pub fn remove(state: AppState, id: u32) {
    if let Some(n) = take_off(state, id).filter(|_| !worker_client::is_demo(id)) {
        unkeep(state, n);
    }
}

/// Takes a table off the dashboard only; its file name, if it was there.
pub fn take_off(state: AppState, id: u32) -> Option<String> {
    let name = state.tables.with_untracked(|t| {
        t.iter()
            .find(|x| x.id == id)
            .map(|x| x.info.summary.file.clone())
    });
    worker_client::drop_tables(vec![id]);
    state.tables.update(|t| t.retain(|x| x.id != id));
    name
}

fn clear(state: AppState) {
    for id in state.table_ids() {
        remove(state, id);
    }
    let pending: Vec<u32> = state
        .pending
        .with_untracked(|p| p.iter().map(|x| x.id).collect());
    worker_client::drop_tables(pending);
    state.pending.set(Vec::new());
    state.failed.set(Vec::new());
    storage::set_demo_open(false);
}

/// The file being read: phase, share done, rows, and a way to stop.
#[component]
fn ImportProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    view! {
        {move || state.progress.get().map(|p| {
            let l = lang.get();
            let phase = match p.phase {
                None => DeviceText::Queued,
                Some(crate::worker::protocol::Phase::Reading) => DeviceText::Reading,
                Some(crate::worker::protocol::Phase::Parsing) => DeviceText::Parsing,
                Some(crate::worker::protocol::Phase::Typing) => DeviceText::Typing,
            };
            let size = crate::locale::format_size(p.bytes as f64, l);
            let rows = if p.rows > 0 {
                format!(" · {} {}", crate::locale::format_number(p.rows as f64, 0, l), t(l, Text::Rows))
            } else {
                String::new()
            };
            view! {
                <div class="import-progress" role="status" data-testid="progress" data-phase=format!("{:?}", p.phase).to_lowercase()>
                    <p>
                        {worker_client::is_restoring(p.id).then(|| format!("{}{}", dt(l, DeviceText::Restoring), colon(l)))}
                        <strong>{p.name.clone()}</strong>
                        {format!(" — {} ({size}){rows}", dt(l, phase))}
                    </p>
                    <progress max="1" value=p.done aria-label=dt(l, phase)></progress>
                    <button class="button subtle" data-testid="cancel-import" on:click=move |_| worker_client::cancel(state)>
                        {dt(l, DeviceText::Cancel)}
                    </button>
                </div>
            }
        })}
    }
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
    let compact = move || state.tables.with(|t| !t.is_empty()) && state.pending.with(Vec::is_empty);
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
                        accept=".csv,.txt,.tsv,text/csv,.xlsx,.xlsm,.xlsb,.xls,.ods,.parquet"
                        multiple
                        on:change=on_pick
                    />
                    {move || t(lang.get(), Text::ChooseFiles)}
                </label>
                <button class="button" data-testid="load-demo" on:click=move |_| load_demo(state)>
                    {move || t(lang.get(), Text::TryDemo)}
                </button>
            </div>
            <ImportProgress/>
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
                <strong data-from-file="">{f.name.clone()}</strong>" — "{move || format!("{}{}", t(lang.get(), Text::ReadError), colon(lang.get()))}
                {
                    let (fr, en) = (f.fr.clone(), f.en.clone());
                    move || lang.get().pick(&fr, &en).to_string()
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
                <CurrencyChoice/>
                <CurrencyDisagreement importing=true/>
                <div class="import-actions">
                    <button
                        class="button primary"
                        data-testid="confirm-import"
                        // Files still being read would miss the confirmation.
                        disabled=move || state.progress.with(Option::is_some)
                        on:click=move |_| confirm(state)
                    >
                        {move || t(lang.get(), Text::ConfirmImport)}
                    </button>
                    <button class="button subtle" on:click=move |_| {
                        let ids = state.pending.with_untracked(|p| p.iter().map(|x| x.id).collect());
                        worker_client::drop_tables(ids);
                        state.pending.set(Vec::new());
                    }>
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
        state.tables.with(|tables| {
            tables
                .iter()
                .map(|t| {
                    let s = &t.info.summary;
                    (t.id, s.file.clone(), s.kind, s.rows, s.encoding.name())
                })
                .collect::<Vec<_>>()
        })
    };
    let relations = move || state.report.with(|r| r.relations.clone());
    view! {
        <Show when=move || state.tables.with(|t| !t.is_empty())>
            <section class="tables-in-use">
                <h2>{move || t(lang.get(), Text::ImportedFiles)}</h2>
                <table class="data-table" data-testid="tables-in-use">
                    <thead>
                        <tr>
                            <th scope="col">{move || t(lang.get(), Text::File)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Kind)}</th>
                            <th scope="col" class="num">{move || t(lang.get(), Text::RowsHeader)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Encoding)}</th>
                            <th scope="col"><span class="visually-hidden">{move || t(lang.get(), Text::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|(id, file, kind, n, enc)| {
                            view! {
                                <tr>
                                    <th scope="row" data-from-file="">{file}</th>
                                    <td>{move || kind_label(kind, lang.get())}</td>
                                    <td class="num">{crate::locale::format_number(n as f64, 0, lang.get())}</td>
                                    <td>{enc}</td>
                                    <td>
                                        <button class="button subtle" on:click=move |_| remove(state, id)>
                                            {move || t(lang.get(), Text::Remove)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <CurrencyDisagreement importing=false/>
                <ul class="relations">
                    {move || relations().into_iter().map(|r| {
                        let text = relation_text(&r, lang.get());
                        view! { <li>{text}</li> }
                    }).collect_view()}
                </ul>
                <button class="button subtle" on:click=move |_| clear(state)>{move || t(lang.get(), Text::ClearAll)}</button>
            </section>
        </Show>
    }
}
