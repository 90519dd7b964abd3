//! What the app holds and keeps: the signals every page reads (through
//! context), the view in the URL, localStorage and the files kept in
//! IndexedDB. Nothing here knows a page.

pub mod view;

#[cfg(target_arch = "wasm32")]
mod app_state;
#[cfg(target_arch = "wasm32")]
pub(crate) mod device_store;
#[cfg(target_arch = "wasm32")]
pub(crate) mod storage;

#[cfg(target_arch = "wasm32")]
pub(crate) use app_state::{AppState, Failed, InUse, Pending, Progress};
