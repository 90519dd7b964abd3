//! The page's side of the engine worker (`crate::worker`): files go to it as
//! `Blob`s, summaries, progress and reports come back. The page keeps each
//! table's source (a `Blob` handle, not its bytes) so that a new worker —
//! after a cancel, or when the last one ran out of memory — can read them
//! again, and nothing the user confirmed is lost.

use crate::engine::{Kind, Mapping};
use crate::locale::device::{both, too_large, DeviceText};
use crate::ui::state::{device_store, storage};
use crate::ui::state::{AppState, Failed, InUse, Pending, Progress};
use crate::worker::protocol::{ComputeRequest, Reply, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, File, MessageEvent, Worker, WorkerOptions, WorkerType};

mod confirmation;
mod objectives;
pub use confirmation::Confirmation;
pub use objectives::{objectives_in_view, objectives_with_results};

/// Larger files are refused before reading: Wasm has 4 GB of memory at most,
/// and reading needs the file plus its columns.
const MAX_FILE_BYTES: f64 = 1.0e9;
/// Ids reserved for the demo company's files.
const DEMO_IDS: u32 = 32;

/// Where a file's table comes from: the file, kept as a handle (the demo
/// has none: it is generated again).
struct Source {
    name: String,
    blob: Blob,
    /// The workbook's sheet this table is.
    sheet: Option<String>,
}

#[derive(Default)]
struct Engine {
    worker: Option<Worker>,
    ready: bool,
    /// Messages written before the worker was ready.
    queue: Vec<(String, Option<Blob>)>,
    sources: BTreeMap<u32, Source>,
    /// Ids that go straight to the dashboard once read (restored, demo).
    straight_in: BTreeSet<u32>,
    /// Ids sent to the worker and not answered yet.
    loading: BTreeSet<u32>,
    next_id: u32,
    demo_first: Option<u32>,
    seq: u64,
    computing: bool,
    dirty: bool,
    handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
    /// When the last workers stopped by themselves (ms), to stop restarting
    /// one that cannot run.
    crashes: Vec<f64>,
    error_handler: Option<Closure<dyn FnMut(web_sys::Event)>>,
    /// The tables of the last `Prepare` sent, if nothing was sent since.
    prepared: Option<Vec<u32>>,
    /// Runs what can wait for the charts queued so far (the app gives the
    /// drawing queue's, `widgets::chart`, which this layer does not see).
    after_drawings: Option<AfterDrawings>,
}

/// Runs a task once the charts queued so far are drawn.
type AfterDrawings = fn(Box<dyn FnOnce()>);

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

fn with<R>(f: impl FnOnce(&mut Engine) -> R) -> R {
    ENGINE.with(|e| f(&mut e.borrow_mut()))
}

impl Engine {
    /// Tables going straight to the dashboard are still being read: a
    /// report now would show part of them.
    fn restoring(&self) -> bool {
        self.loading.iter().any(|i| self.straight_in.contains(i))
    }
}

fn send_now(worker: &Worker, msg: &str, blob: Option<&Blob>) {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"msg".into(), &JsValue::from_str(msg));
    if let Some(b) = blob {
        let _ = js_sys::Reflect::set(&data, &"blob".into(), b);
    }
    let _ = worker.post_message(&data);
}

fn send(req: &Request, blob: Option<Blob>) {
    // The same preparation twice in a row (from the reply, then from the
    // import step's effect) is asked once; any other request may change
    // what it would prepare.
    let again = with(|e| match req {
        Request::Prepare { ids } => {
            let same = e.prepared.as_ref() == Some(ids);
            e.prepared = Some(ids.clone());
            same
        }
        _ => {
            e.prepared = None;
            false
        }
    });
    if again {
        return;
    }
    let Ok(msg) = serde_json::to_string(req) else {
        return;
    };
    with(|e| match (&e.worker, e.ready) {
        (Some(w), true) => send_now(w, &msg, blob.as_ref()),
        _ => e.queue.push((msg, blob)),
    });
}

/// How to run work that can wait for the charts queued so far: a new
/// file's filter values, taken in after its first charts.
pub fn wait_for_drawings_with(after_drawings: AfterDrawings) {
    with(|e| e.after_drawings = Some(after_drawings));
}

/// Starts the worker (again): replies go to `state`.
pub fn start(state: AppState) {
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    let worker = match Worker::new_with_options("./worker.js", &opts) {
        Ok(w) => w,
        Err(e) => {
            state.say(both(DeviceText::NoWorker, |t| format!("{t} ({e:?})")));
            return;
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let Some(text) = ev.data().as_string() else {
            return;
        };
        match serde_json::from_str::<Reply>(&text) {
            Ok(reply) => on_reply(state, reply),
            // A worker from a newer build (the offline cache updated
            // meanwhile) speaks another protocol: only a reload mends it.
            Err(e) => {
                web_sys::console::warn_1(&format!("engine reply: {e}").into());
                state.say(both(DeviceText::Outdated, str::to_string));
            }
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        let message = ev
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_default();
        restart(state, Some(message));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    with(|e| {
        e.worker = Some(worker);
        e.ready = false;
        e.computing = false;
        e.handlers = vec![on_message];
        e.error_handler = Some(on_error);
        e.prepared = None;
    });
}

fn on_reply(state: AppState, reply: Reply) {
    match reply {
        Reply::Ready => {
            let queue = with(|e| {
                e.ready = true;
                std::mem::take(&mut e.queue)
            });
            with(|e| {
                if let Some(w) = &e.worker {
                    for (msg, blob) in &queue {
                        send_now(w, msg, blob.as_ref());
                    }
                }
            });
        }
        Reply::Progress {
            id,
            name,
            phase,
            done,
            rows,
            bytes,
        } => state.progress.set(Some(Progress {
            id,
            name,
            phase: Some(phase),
            done,
            rows,
            bytes,
        })),
        Reply::Loaded { id, table } => {
            let (straight, restoring) = with(|e| {
                e.loading.remove(&id);
                (e.straight_in.contains(&id), e.restoring())
            });
            let info = *table;
            if straight {
                state
                    .tables
                    .update(|t| match t.iter_mut().find(|x| x.id == id) {
                        Some(x) => x.info = info,
                        None => t.push(InUse { id, info }),
                    });
                send(
                    &Request::Use {
                        ids: state.table_ids(),
                    },
                    None,
                );
            } else if state
                .pending
                .with_untracked(|p| p.iter().any(|x| x.id == id))
            {
                state.pending.update(|p| {
                    if let Some(x) = p.iter_mut().find(|x| x.id == id) {
                        x.info = info;
                    }
                });
            } else {
                let name = info.summary.file.clone();
                let stale: Vec<u32> = state.pending.with_untracked(|p| {
                    p.iter()
                        .filter(|x| x.info.summary.file == name)
                        .map(|x| x.id)
                        .collect()
                });
                if !stale.is_empty() {
                    send(&Request::Drop { ids: stale.clone() }, None);
                }
                let remembered = storage::load_mappings().remove(&info.signature);
                if let Some(m) = remembered.filter(|m| *m != info.mapping) {
                    send(&Request::SetMapping { id, mapping: m }, None);
                }
                // A workbook's sheet is proposed when its header looks like a
                // known table; a file is always taken.
                let take = sheet_of(id).is_none() || info.summary.kind != Kind::Unknown;
                state.pending.update(|p| {
                    p.retain(|x| !stale.contains(&x.id));
                    p.push(Pending { id, info, take });
                });
            }
            // A table waiting for confirmation changes no report: no compute.
            loading_done(state, restoring, straight);
            // Every file read: the worker prepares what confirming would
            // give, asked now rather than by the import step's effect,
            // which runs after the step is drawn.
            if !straight && with(|e| e.loading.is_empty()) {
                let c =
                    Confirmation::of(state.pending.get_untracked(), state.tables.get_untracked());
                if !c.taken.is_empty() {
                    prepare(c.ids());
                }
            }
        }
        Reply::Sheets { id, name, sheets } => {
            // Each sheet is read as a table of its own, from the same file.
            let (source, straight) = with(|e| {
                e.loading.remove(&id);
                (e.sources.remove(&id), e.straight_in.remove(&id))
            });
            if let Some(source) = source {
                for sheet in sheets {
                    load(
                        state,
                        name.clone(),
                        source.blob.clone(),
                        None,
                        straight,
                        Some(sheet),
                    );
                }
            }
        }
        Reply::Failed { id, name, fr, en } => {
            let restoring = with(|e| {
                e.loading.remove(&id);
                e.sources.remove(&id);
                e.restoring()
            });
            state.failed.update(|f| {
                f.retain(|x| x.name != name);
                f.push(Failed { name, fr, en });
            });
            loading_done(state, restoring, true);
        }
        Reply::Computed(c) => {
            let again = with(|e| {
                e.computing = false;
                std::mem::take(&mut e.dirty)
            });
            if c.seq == with(|e| e.seq) {
                let c = *c;
                publish_memory(c.engine_memory);
                // The fields come with each report, their values once per
                // set of tables, after it (`Reply::FilterOptions`): a field
                // new to these tables has no value listed until then.
                let fields = c.filter_fields;
                if state
                    .filter_options
                    .with_untracked(|o| !o.keys().eq(fields.iter()))
                {
                    state.filter_options.update(|o| {
                        o.retain(|f, _| fields.contains(f));
                        for f in fields {
                            o.entry(f).or_default();
                        }
                    });
                }
                state.report.set(c.report);
                state.objectives.set(c.objectives);
                state.alerts.set(c.alerts);
                state.data_span.set(c.data_span);
                state.computing.set(false);
            }
            if again {
                compute(state);
            }
        }
        // Thousands of values to take in: after the charts the report
        // queued (when they come first, the first chart waits ~40 ms).
        Reply::FilterOptions { options } => {
            let take: Box<dyn FnOnce()> = Box::new(move || state.filter_options.set(options));
            match with(|e| e.after_drawings) {
                Some(after_drawings) => after_drawings(take),
                None => take(),
            }
        }
        Reply::Rehearsal(r) => state.warm_up.set(Some(r)),
        Reply::Crashed { message } => restart(state, Some(message)),
    }
}

/// Memory figures for the benchmark (`tests/e2e/bench-dashboard.mjs`):
/// `window.cadranMemory = {engine, page}`, Wasm bytes of the worker and the page.
fn publish_memory(engine: u64) {
    let Some(w) = web_sys::window() else { return };
    let o = js_sys::Object::new();
    let page = crate::worker::web::wasm_memory_bytes();
    let _ = js_sys::Reflect::set(&o, &"engine".into(), &JsValue::from_f64(engine as f64));
    let _ = js_sys::Reflect::set(&o, &"page".into(), &JsValue::from_f64(page as f64));
    let _ = js_sys::Reflect::set(&w, &"cadranMemory".into(), &o);
}

/// After a file's answer: hide the progress bar when nothing is left, and
/// compute when the tables in use changed, once a restore is complete.
fn loading_done(state: AppState, still_restoring: bool, tables_changed: bool) {
    if with(|e| e.loading.is_empty()) {
        state.progress.set(None);
    }
    if tables_changed && !still_restoring {
        compute(state);
    }
}

/// The report follows the tables, the view, the settings and the set-up:
/// each change asks the worker for it.
pub fn compute_on_change(state: AppState) {
    Effect::new(move |_| {
        state.tables.track();
        state.view.track();
        state.settings.track();
        state.setup.track();
        compute(state);
    });
}

/// Asks for the report of the current view (at most one request in flight:
/// a change made meanwhile is sent when the answer comes).
pub fn compute(state: AppState) {
    if with(|e| e.restoring()) {
        return;
    }
    let seq = with(|e| {
        if e.computing {
            e.dirty = true;
            return None;
        }
        e.computing = true;
        e.seq += 1;
        Some(e.seq)
    });
    let Some(seq) = seq else { return };
    state.computing.set(true);
    let (currency, stage_probabilities, dormancy_days) = state.settings.with_untracked(|s| {
        (
            s.currency.clone(),
            s.stage_probabilities.clone(),
            s.dormancy_days,
        )
    });
    let req = ComputeRequest {
        seq,
        view: state.view.get_untracked(),
        currency,
        stage_probabilities,
        dormancy_days: Some(dormancy_days),
        setup: {
            let mut setup = state.setup.get_untracked();
            setup.objectives = untrack(|| objectives_in_view(state));
            setup
        },
    };
    send(&Request::Compute(Box::new(req)), None);
}

fn new_id() -> u32 {
    with(|e| {
        e.next_id += 1;
        e.next_id
    })
}

fn french(state: AppState) -> bool {
    state.lang.get_untracked().french_style()
}

/// Sends a file (or a workbook's sheet) to be read; `straight` files skip
/// the confirmation step.
fn load(
    state: AppState,
    name: String,
    blob: Blob,
    mapping: Option<Mapping>,
    straight: bool,
    sheet: Option<String>,
) {
    let id = new_id();
    if blob.size() > MAX_FILE_BYTES {
        let (fr, en) = too_large(blob.size());
        state.failed.update(|f| f.push(Failed { name, fr, en }));
        return;
    }
    with(|e| {
        e.sources.insert(
            id,
            Source {
                name: name.clone(),
                blob: blob.clone(),
                sheet: sheet.clone(),
            },
        );
        e.loading.insert(id);
        if straight {
            e.straight_in.insert(id);
        }
    });
    state.failed.update(|f| f.retain(|x| x.name != name));
    state
        .progress
        .set(Some(Progress::queued(id, &name, blob.size())));
    let req = Request::Load {
        id,
        name,
        french: french(state),
        mapping,
        sheet,
    };
    send(&req, Some(blob));
}

/// Files chosen or dropped by the user: read, then shown for confirmation.
pub fn load_files(state: AppState, files: Vec<File>) {
    for f in files {
        let name = f.name();
        load(state, name, f.into(), None, false, None);
    }
}

/// Files kept on this device, read again after a reload.
pub fn load_stored(state: AppState, files: Vec<device_store::StoredFile>) {
    for f in files {
        // A sheet is kept under its table's name: its file's is read back.
        let name = match &f.sheet {
            Some(sheet) => f
                .name
                .strip_suffix(&format!(" ({sheet})"))
                .unwrap_or(&f.name)
                .to_string(),
            None => f.name,
        };
        load(state, name, f.blob, f.mapping, true, f.sheet);
    }
}

/// Opens the demo company's files, ready to use, in place of any other table.
pub fn load_demo(state: AppState) {
    let old = state.table_ids();
    let first = with(|e| {
        let first = e.next_id + 1;
        e.next_id += DEMO_IDS;
        e.demo_first = Some(first);
        for id in &old {
            e.sources.remove(id);
        }
        for id in first..first + DEMO_IDS {
            e.straight_in.insert(id);
        }
        first
    });
    send(&Request::Drop { ids: old }, None);
    state.tables.set(Vec::new());
    state.pending.set(Vec::new());
    state.failed.set(Vec::new());
    send_demo(first);
    storage::set_demo_open(true);
}

/// The demo's tables count as loading until all are read: one report, not ten.
fn send_demo(first: u32) {
    with(|e| {
        e.loading
            .extend(first..first + crate::engine::demo::FILE_COUNT as u32)
    });
    send(&Request::Demo { first_id: first }, None);
}

/// Whether a file (or the demo) is being read, or waits to be.
pub fn is_loading() -> bool {
    with(|e| !e.loading.is_empty())
}

/// Whether this file is one kept on the device, being read again.
pub fn is_restoring(id: u32) -> bool {
    with(|e| e.straight_in.contains(&id) && e.loading.contains(&id))
}

pub fn is_demo(id: u32) -> bool {
    with(|e| {
        e.demo_first
            .is_some_and(|f| (f..f + DEMO_IDS).contains(&id))
    })
}

/// Whether the demo company's tables are on the dashboard.
pub fn demo_in_use(state: AppState) -> bool {
    state.tables.with(|t| t.iter().any(|x| is_demo(x.id)))
}

/// Proposes the mapping again for another kind (the page sends no overrides).
pub fn remap(id: u32, kind: Option<Kind>) {
    let overrides = BTreeMap::new();
    send(
        &Request::Remap {
            id,
            kind,
            overrides,
        },
        None,
    );
}

pub fn set_mapping(id: u32, mapping: Mapping) {
    send(&Request::SetMapping { id, mapping }, None);
}

/// The workbook's sheet a table is, if it is one.
pub fn sheet_of(id: u32) -> Option<String> {
    with(|e| e.sources.get(&id).and_then(|s| s.sheet.clone()))
}

/// The blob behind a table, to keep it on the device.
pub fn source_blob(id: u32) -> Option<Blob> {
    with(|e| e.sources.get(&id).map(|s| s.blob.clone()))
}

/// Puts the confirmed tables on the dashboard (the demo makes way).
pub fn use_tables(ids: Vec<u32>) {
    with(|e| {
        for id in &ids {
            e.straight_in.insert(*id);
        }
    });
    send(&Request::Use { ids }, None);
}

/// Has the worker prepare the tables the dashboard would have once the
/// pending ones are confirmed, while the user looks at them.
pub fn prepare(ids: Vec<u32>) {
    send(&Request::Prepare { ids }, None);
}

/// Forgets tables, on the dashboard or waiting for confirmation.
pub fn drop_tables(ids: Vec<u32>) {
    with(|e| {
        for id in &ids {
            e.sources.remove(id);
            e.straight_in.remove(id);
            e.loading.remove(id);
        }
    });
    send(&Request::Drop { ids }, None);
}

/// Stops the file being read: the worker is replaced and the tables already
/// there are read again from their sources.
pub fn cancel(state: AppState) {
    restart(state, None);
    state.say(both(DeviceText::Cancelled, str::to_string));
}

/// Replaces the worker. `crash` says why when it stopped by itself.
fn restart(state: AppState, crash: Option<String>) {
    let (lost, worker) = with(|e| {
        let ids: Vec<u32> = e
            .loading
            .iter()
            .filter(|id| !e.straight_in.contains(id))
            .copied()
            .collect();
        let lost: Vec<String> = ids
            .iter()
            .filter_map(|id| e.sources.remove(id).map(|s| s.name))
            .collect();
        e.loading.clear();
        e.queue.clear();
        (lost, e.worker.take())
    });
    if let Some(w) = worker {
        w.terminate();
    }
    state.progress.set(None);
    if let Some(message) = &crash {
        web_sys::console::warn_1(&format!("engine worker stopped: {message}").into());
        for name in lost {
            let (fr, en) = both(DeviceText::OutOfMemory, str::to_string);
            state.failed.update(|f| f.push(Failed { name, fr, en }));
        }
    }
    // A worker that stops again and again (or speaks another protocol) is
    // not restarted a fourth time within a minute.
    if crash.is_some() {
        let now = js_sys::Date::now();
        let recent = with(|e| {
            e.crashes.retain(|&t| now - t < 60_000.0);
            e.crashes.push(now);
            e.crashes.len()
        });
        if recent > 3 {
            state.say(both(DeviceText::KeepsStopping, str::to_string));
            return;
        }
    }
    start(state);
    // Read again what the dashboard and the import step had.
    let in_use = state.tables.get_untracked();
    let pending = state.pending.get_untracked();
    let mut demo = false;
    for t in &in_use {
        if is_demo(t.id) {
            demo = true;
            continue;
        }
        reload(state, t.id, &t.info.mapping);
    }
    if demo {
        if let Some(first) = with(|e| e.demo_first) {
            send_demo(first);
        }
    }
    for p in &pending {
        reload(state, p.id, &p.info.mapping);
    }
    compute(state);
}

fn reload(state: AppState, id: u32, mapping: &Mapping) {
    let Some((name, blob, sheet)) = with(|e| {
        e.sources
            .get(&id)
            .map(|s| (s.name.clone(), s.blob.clone(), s.sheet.clone()))
    }) else {
        return;
    };
    with(|e| e.loading.insert(id));
    let req = Request::Load {
        id,
        name,
        french: french(state),
        mapping: Some(mapping.clone()),
        sheet,
    };
    send(&req, Some(blob));
}

/// Reads the files kept on this device (unless in private mode).
pub fn restore(state: AppState) {
    if storage::private_mode() {
        return;
    }
    spawn_local(async move {
        match device_store::load_all().await {
            Ok((files, set_aside)) => {
                if set_aside > 0 {
                    state.say(both(DeviceText::DamagedFiles, |t| {
                        format!("{set_aside} {t}")
                    }));
                }
                load_stored(state, files);
            }
            Err(e) => state.notify_store_error(&e),
        }
    });
}
