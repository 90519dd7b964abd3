//! What the app holds and keeps: the signals every page reads (through
//! context), localStorage and the files kept in IndexedDB (the view in the
//! URL is `crate::view`, which the worker shares). Nothing here knows a page.

#[cfg(target_arch = "wasm32")]
mod app_state;
#[cfg(target_arch = "wasm32")]
pub(crate) mod device_store;
#[cfg(target_arch = "wasm32")]
pub(crate) mod storage;

#[cfg(target_arch = "wasm32")]
pub(crate) use app_state::{AppState, Failed, InUse, Pending, Progress};
