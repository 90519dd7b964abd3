//! The browser side of the later part's reader: `public/later.js`, a worker
//! the engine worker starts for a big file, instantiates this same Wasm
//! module and reads the rows after a line end near the file's middle while
//! the engine worker reads those before it
//! ([`crate::engine::ingest::LaterReader`]). Its rows go back as bytes,
//! which the engine worker joins to its own ([`super::web::join`]).

use crate::engine::ingest::{LaterReader, LaterSetup};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LATER: RefCell<Option<LaterReader>> = const { RefCell::new(None) };
}

/// Starts reading the `size` bytes from byte `from` on of a file the
/// engine worker describes (`setup`: [`LaterSetup`] as JSON). False when
/// the setup is not one.
#[wasm_bindgen(js_name = cadranLaterOpen)]
pub fn open(setup: &str, from: f64, size: f64) -> bool {
    let Ok(setup) = serde_json::from_str::<LaterSetup>(setup) else {
        return false;
    };
    LATER.set(Some(LaterReader::new(setup, from as u64, size as usize)));
    true
}

/// The next bytes of the part; false once it cannot be read apart (a quote).
#[wasm_bindgen(js_name = cadranLaterPush)]
pub fn push(slice: &js_sys::Uint8Array) -> bool {
    LATER.with_borrow_mut(|later| {
        later
            .as_mut()
            .is_some_and(|l| l.push_with(|pending| super::web::append(pending, slice)))
    })
}

/// Rows read so far, for the progress bar.
#[wasm_bindgen(js_name = cadranLaterRows)]
pub fn rows() -> usize {
    LATER.with_borrow(|later| later.as_ref().map_or(0, LaterReader::rows))
}

/// The part's rows as bytes, once all of it came; nothing when it could
/// not be read apart.
#[wasm_bindgen(js_name = cadranLaterFinish)]
pub fn finish() -> Option<Vec<u8>> {
    LATER.take()?.finish()
}
