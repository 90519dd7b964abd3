//! The browser side of the engine worker: `public/worker.js` loads the same
//! Wasm module as the page and hands every message to [`handle`]; replies go
//! back with `postMessage`. Files are copied in by slices with
//! `FileReaderSync` (synchronous, so only in a worker), straight into Wasm
//! memory: no JS string, no second whole-file copy.

use super::protocol::{Phase, Reply, Request};
use super::session::Session;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync};

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
}

/// Bytes copied per slice: small enough for a smooth progress bar.
const SLICE: f64 = 8.0 * 1024.0 * 1024.0;

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

/// Copies a file's bytes into Wasm memory, slice by slice.
fn read_blob(id: u32, name: &str, blob: &Blob) -> Result<Vec<u8>, Reply> {
    let size = blob.size();
    let failed = |e: JsValue| Reply::Failed {
        id,
        name: name.to_string(),
        fr: format!("le navigateur n'a pas pu lire le fichier ({e:?})"),
        en: format!("the browser could not read the file ({e:?})"),
    };
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(size as usize).is_err() {
        return Err(too_big(id, name, size));
    }
    let reader = FileReaderSync::new().map_err(failed)?;
    let mut at = 0.0;
    while at < size {
        let end = (at + SLICE).min(size);
        let slice = blob.slice_with_f64_and_f64(at, end).map_err(failed)?;
        let buf = reader.read_as_array_buffer(&slice).map_err(failed)?;
        let view = js_sys::Uint8Array::new(&buf);
        let start = bytes.len();
        bytes.resize(start + view.length() as usize, 0);
        view.copy_to(&mut bytes[start..]);
        at = end;
        post(&Reply::Progress {
            id,
            name: name.to_string(),
            phase: Phase::Reading,
            done: at / size,
            rows: 0,
            bytes: size as u64,
        });
    }
    Ok(bytes)
}

/// This instance's Wasm memory, in bytes.
pub fn wasm_memory_bytes() -> u64 {
    core::arch::wasm32::memory_size(0) as u64 * 65_536
}

/// One message from the page: the request as JSON, and the file for a `load`.
#[wasm_bindgen(js_name = cadranWorkerHandle)]
pub fn handle(msg: &str, blob: Option<Blob>) {
    let req: Request = match serde_json::from_str(msg) {
        Ok(r) => r,
        Err(e) => {
            post(&Reply::Crashed {
                message: format!("bad request: {e}"),
            });
            return;
        }
    };
    SESSION.with(|s| {
        let Ok(mut session) = s.try_borrow_mut() else {
            return;
        };
        match (req, blob) {
            (
                Request::Load {
                    id,
                    name,
                    french,
                    mapping,
                },
                Some(blob),
            ) => {
                let bytes = match read_blob(id, &name, &blob) {
                    Ok(b) => b,
                    Err(reply) => return post(&reply),
                };
                session.load(id, &name, &bytes, french, mapping, &mut |r| post(&r));
            }
            (req, _) => session.handle(req, &mut |mut r| {
                if let Reply::Computed(c) = &mut r {
                    c.engine_memory = wasm_memory_bytes();
                }
                post(&r)
            }),
        }
    });
}

/// Reads a small generated sales file and computes its report, then forgets
/// both. A browser first runs Wasm code unoptimised and optimises what runs
/// hot, on a later call: warmed up, the user's first file is read by
/// optimised code.
#[wasm_bindgen(js_name = cadranWorkerWarmUp)]
pub fn warm_up() {
    use crate::engine::{self, demo, kpi};
    let bytes = demo::sales_csv(demo::DEFAULT_SEED, 20_000);
    if let Ok(table) = engine::read("warm-up.csv", &bytes, &engine::Options::default()) {
        let ws = kpi::Workspace {
            tables: vec![table],
        };
        let _ = kpi::report(&ws, &kpi::Query::default());
    }
}
