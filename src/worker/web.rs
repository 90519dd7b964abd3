//! The browser side of the engine worker: `public/worker.js` loads the same
//! Wasm module as the page and hands every request to [`handle`], one at a
//! time; replies go back with `postMessage`. A file comes in slices:
//! `public/reader.js`, a worker of its own, copies them out of the file
//! (its thread waits on the browser while this one reads rows) and
//! `worker.js` passes each to [`push`], between [`open`] and [`close`].
//! Each slice is copied into Wasm memory once, straight after the rows
//! still to read ([`append`]): no JS string, no whole-file copy.
//!
//! A workbook or a Parquet file is first turned into canonical CSV by the
//! formats module (`cadran-formats`, a Wasm module of its own that
//! `worker.js` loads the first time one arrives); its tables then come in
//! through [`open`], [`push`] and [`close`] like a CSV file, and what it
//! refuses through [`refuse`].

use super::protocol::{Phase, Reply, Request};
use super::session::{self, Session};
use crate::engine::ingest::Streaming;
use crate::engine::Mapping;
use crate::locale::{self, Lang};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

/// The file being read, between [`open`] and [`close`].
struct Open {
    id: u32,
    name: String,
    mapping: Option<Mapping>,
    size: f64,
    rows: usize,
    /// Bytes and rows of the later part read so far by `public/later.js`,
    /// when the file is read in two parts.
    later_bytes: f64,
    later_rows: usize,
    /// When progress was last posted (ms since the epoch).
    posted_at: f64,
    /// The later part's rows were joined: every row is split.
    joined: bool,
    stream: Streaming,
}

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
}

/// Appends the bytes of `slice` to `bytes`, copied once out of the
/// browser's memory (`to_vec` and an append copied them twice: 67 ms of the
/// 448 ms of pushes on the realistic export at 1M lines, traced).
pub(super) fn append(bytes: &mut Vec<u8>, slice: &js_sys::Uint8Array) {
    let n = slice.length() as usize;
    bytes.reserve(n);
    let len = bytes.len();
    slice.copy_to_uninit(&mut bytes.spare_capacity_mut()[..n]);
    // SAFETY: `copy_to_uninit` wrote the `n` bytes after `len`, within the
    // capacity just reserved.
    unsafe { bytes.set_len(len + n) };
}

fn post(reply: &Reply) {
    let Ok(json) = serde_json::to_string(reply) else {
        return;
    };
    if let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        let _ = scope.post_message(&JsValue::from_str(&json));
    }
}

fn too_big(id: u32, name: &str, size: f64) -> Reply {
    let mb = (size / 1e6).round();
    Reply::Failed {
        id,
        name: name.to_string(),
        fr: format!("le fichier ({mb} Mo) est trop gros pour la mémoire de cet appareil"),
        en: format!("the file ({mb} MB) is too large for this device's memory"),
    }
}

/// Starts reading a file of `size` bytes (`msg`: the page's `load`
/// request). False when it cannot be read here: the page has been told why.
#[wasm_bindgen(js_name = cadranWorkerOpen)]
pub fn open(msg: &str, size: f64) -> bool {
    let Ok(Request::Load {
        id,
        name,
        french,
        mapping,
        sheet,
    }) = serde_json::from_str(msg)
    else {
        post(&Reply::Crashed {
            message: "bad load request".into(),
        });
        return false;
    };
    // A sheet is a table of its own, named after its workbook and itself.
    let name = match sheet {
        Some(sheet) => cadran_formats::sheet_table_name(&name, &sheet),
        None => name,
    };
    let Some(stream) = Streaming::new(&name, &session::options(french), size as usize) else {
        post(&too_big(id, &name, size));
        return false;
    };
    OPEN.set(Some(Open {
        id,
        name,
        mapping,
        size,
        rows: 0,
        later_bytes: 0.0,
        later_rows: 0,
        posted_at: 0.0,
        joined: false,
        stream,
    }));
    true
}

/// Drops the tables prepared ahead of a confirmation: a file is coming,
/// whose reading (or conversion) may need their memory.
#[wasm_bindgen(js_name = cadranWorkerForgetAhead)]
pub fn forget_ahead() {
    with_session(Session::forget_ahead);
}

/// The longest the progress bar waits for news while rows are read, in ms.
const PROGRESS_MS: f64 = 250.0;

/// The next slice of the open file: copied in, its whole rows read.
#[wasm_bindgen(js_name = cadranWorkerPush)]
pub fn push(slice: &js_sys::Uint8Array) {
    OPEN.with_borrow_mut(|open| {
        let Some(f) = open else { return };
        let Open {
            id,
            name,
            size,
            rows,
            later_bytes,
            later_rows,
            posted_at,
            stream,
            ..
        } = f;
        let (later_bytes, later_rows) = (*later_bytes, *later_rows);
        let reading = |done: f64, rows: usize| {
            session::progress(
                *id,
                name,
                *size as u64,
                Phase::Reading,
                done.min(0.999),
                rows + later_rows,
            )
        };
        let size = size.max(1.0);
        // Within a slice too (every 65 536 rows), when the last word is
        // old: a 16 MB slice may take a slow device a while. Not more
        // often: each word costs the page a render.
        stream.push_with(|bytes| append(bytes, slice), &mut |done, r| {
            *rows = r;
            let now = js_sys::Date::now();
            if now - *posted_at >= PROGRESS_MS {
                *posted_at = now;
                post(&reading(done + later_bytes / size, r));
            }
        });
        *posted_at = js_sys::Date::now();
        post(&reading(
            (stream.received() as f64 + later_bytes) / size,
            *rows,
        ));
    });
}

/// What `public/later.js` needs to read a later part of the open file, as
/// JSON ([`crate::engine::ingest::LaterSetup`]); nothing when the file
/// cannot be read in parts (see [`Streaming::later_setup`]).
#[wasm_bindgen(js_name = cadranWorkerLaterSetup)]
pub fn later_setup() -> Option<String> {
    OPEN.with_borrow(|open| {
        let setup = open.as_ref()?.stream.later_setup()?;
        serde_json::to_string(&setup).ok()
    })
}

/// How far `public/later.js` got in the later part: its bytes and rows
/// count in the progress bar, which moves while the engine worker waits for
/// it. (0, 0) when its rows will not be joined: the later bytes then come
/// here.
#[wasm_bindgen(js_name = cadranWorkerLaterRead)]
pub fn later_read(bytes: f64, rows: usize) {
    OPEN.with_borrow_mut(|open| {
        let Some(f) = open else { return };
        (f.later_bytes, f.later_rows) = (bytes, rows);
        if bytes > 0.0 {
            let done = (f.stream.received() as f64 + bytes) / f.size.max(1.0);
            post(&session::progress(
                f.id,
                &f.name,
                f.size as u64,
                Phase::Reading,
                done.min(0.999),
                f.rows + rows,
            ));
        }
    });
}

/// The rows `public/later.js` read from the byte after the last one
/// pushed; false (nothing taken) when the open file cannot take them: its
/// later bytes are then pushed instead (see [`Streaming::join`]).
#[wasm_bindgen(js_name = cadranWorkerJoin)]
pub fn join(rows: &js_sys::Uint8Array) -> bool {
    OPEN.with_borrow_mut(|open| {
        let Some(f) = open else { return false };
        f.joined = f.stream.join(&rows.to_vec());
        if f.joined {
            // Every row is split: the page may use its core while the
            // columns are typed (it runs the charts' code, chart.rs). A
            // refused join is not said: the later bytes are read here next.
            post(&session::progress(
                f.id,
                &f.name,
                f.size as u64,
                Phase::Typing,
                1.0,
                f.rows + f.later_rows,
            ));
        }
        f.joined
    })
}

/// The open file is all in: reads the rows left (all of them for a small
/// file, or after a quote), types the columns and keeps the table pending.
#[wasm_bindgen(js_name = cadranWorkerClose)]
pub fn close() {
    let Some(f) = OPEN.take() else { return };
    let (id, name, size) = (f.id, f.name, f.size as u64);
    let report = |done, rows| {
        post(&session::progress(
            id,
            &name,
            size,
            Phase::Parsing,
            done,
            rows,
        ))
    };
    // Rows are left to split unless the later part's were joined.
    let done = if f.joined {
        1.0
    } else {
        ((f.stream.received() as f64 + f.later_bytes) / f.size.max(1.0)).min(1.0) * 0.999
    };
    report(done, f.rows + f.later_rows);
    let read = f.stream.finish(&mut |done, rows| report(done, rows));
    with_session(|s| s.loaded(id, &name, read, f.mapping, &mut |r| post(&r)));
}

/// The browser could not read the open file.
#[wasm_bindgen(js_name = cadranWorkerFail)]
pub fn fail(message: &str) {
    let Some(f) = OPEN.take() else { return };
    post(&Reply::Failed {
        id: f.id,
        name: f.name,
        fr: format!("le navigateur n'a pas pu lire le fichier ({message})"),
        en: format!("the browser could not read the file ({message})"),
    });
}

/// The formats module refused the file (`kind` and `detail`: the engine
/// `Error`'s parts, [`crate::engine::Error::to_parts`]), or could not be
/// loaded (`kind` empty: offline before it was ever cached).
#[wasm_bindgen(js_name = cadranWorkerRefuse)]
pub fn refuse(msg: &str, kind: &str, detail: &str) {
    let Ok(Request::Load { id, name, .. }) = serde_json::from_str(msg) else {
        return;
    };
    let (fr, en) = match crate::engine::Error::from_parts(kind, detail) {
        Some(e) => (
            locale::file_error(Lang::Fr, &e),
            locale::file_error(Lang::En, &e),
        ),
        None => (
            locale::formats_unavailable(Lang::Fr).to_string(),
            locale::formats_unavailable(Lang::En).to_string(),
        ),
    };
    post(&Reply::Failed { id, name, fr, en });
}

/// This instance's Wasm memory, in bytes.
pub fn wasm_memory_bytes() -> u64 {
    core::arch::wasm32::memory_size(0) as u64 * 65_536
}

/// One request from the page, as JSON (a file's bytes come through [`open`]).
#[wasm_bindgen(js_name = cadranWorkerHandle)]
pub fn handle(msg: &str) {
    let req: Request = match serde_json::from_str(msg) {
        Ok(r) => r,
        Err(e) => {
            post(&Reply::Crashed {
                message: format!("bad request: {e}"),
            });
            return;
        }
    };
    with_session(|session| {
        session.handle(req, &mut |mut r| {
            if let Reply::Computed(c) = &mut r {
                c.engine_memory = wasm_memory_bytes();
            }
            post(&r)
        })
    });
}

/// Runs `f` on the session (never borrowed twice: requests come one at a time).
fn with_session(f: impl FnOnce(&mut Session)) {
    SESSION.with(|s| {
        if let Ok(mut session) = s.try_borrow_mut() {
            f(&mut session);
        }
    });
}

/// Reads two small generated sales files and computes their reports, then
/// forgets them ([`super::warm_up::run`]), after sending the page the last
/// one's for its own warm-up ([`Reply::Rehearsal`]).
#[wasm_bindgen(js_name = cadranWorkerWarmUp)]
pub fn warm_up() {
    if let Some(reply) = super::warm_up::run().as_ref().and_then(session::rehearsal) {
        post(&reply);
    }
}
