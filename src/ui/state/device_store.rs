//! The files kept on this device, in IndexedDB (localStorage holds only small
//! state: it is limited to about 5 MB). Each file is kept as the user gave it
//! — a `Blob`, which the browser stores on disk without copying it through
//! JavaScript — with the mapping the user confirmed, and read again by the
//! engine worker after a reload.

use crate::engine::Mapping;
use idb::{Database, DatabaseEvent, Factory, ObjectStore, TransactionMode};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

const DB_NAME: &str = "cadran";
const FILES: &str = "files";

/// One file kept on the device.
#[derive(Clone)]
pub struct StoredFile {
    /// The table's name, its key: a workbook's sheet is `book.xlsx (Ventes)`.
    pub name: String,
    /// The sheet of the workbook kept in `blob`, when the table is one.
    pub sheet: Option<String>,
    pub blob: Blob,
    pub mapping: Option<Mapping>,
    pub size: f64,
    /// When it was kept, in ms since 1970.
    pub saved: f64,
}

/// Why something could not be kept or read, for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The browser's storage quota for this site is used up.
    Full,
    /// IndexedDB is missing or refused (some private windows, blocked storage).
    Unavailable(String),
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    let text = e.to_string();
    if text.contains("Quota") {
        StoreError::Full
    } else {
        StoreError::Unavailable(text)
    }
}

async fn open_at(version: Option<u32>) -> Result<Database, StoreError> {
    let factory = Factory::new().map_err(unavailable)?;
    let mut request = factory.open(DB_NAME, version).map_err(unavailable)?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            if !db.store_names().iter().any(|n| n == FILES) {
                let _ = db.create_object_store(FILES, idb::ObjectStoreParams::new());
            }
        }
    });
    request.await.map_err(unavailable)
}

/// Opens the database at whatever version it is; when the store is missing
/// (created by something else, or damaged), a version up creates it.
async fn open() -> Result<Database, StoreError> {
    let db = open_at(None).await?;
    if db.store_names().iter().any(|n| n == FILES) {
        return Ok(db);
    }
    let next = db.version().map_err(unavailable)? + 1;
    db.close();
    open_at(Some(next)).await
}

async fn with_store<R>(
    mode: TransactionMode,
    f: impl FnOnce(&ObjectStore) -> Result<R, idb::Error>,
) -> Result<R, StoreError> {
    let db = open().await?;
    let tx = db.transaction(&[FILES], mode).map_err(unavailable)?;
    let store = tx.object_store(FILES).map_err(unavailable)?;
    let out = f(&store).map_err(unavailable)?;
    let done = tx.await.map_err(unavailable)?;
    db.close();
    if done.is_committed() {
        Ok(out)
    } else {
        Err(StoreError::Full)
    }
}

fn set(o: &Object, key: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), v);
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Keeps a file (replacing one of the same name).
pub async fn save(file: &StoredFile) -> Result<(), StoreError> {
    let value = Object::new();
    set(&value, "name", &JsValue::from_str(&file.name));
    set(&value, "blob", &file.blob);
    let mapping = file
        .mapping
        .as_ref()
        .and_then(|m| serde_json::to_string(m).ok())
        .unwrap_or_default();
    set(&value, "mapping", &JsValue::from_str(&mapping));
    if let Some(sheet) = &file.sheet {
        set(&value, "sheet", &JsValue::from_str(sheet));
    }
    set(&value, "size", &JsValue::from_f64(file.size));
    set(&value, "saved", &JsValue::from_f64(file.saved));
    let key = JsValue::from_str(&file.name);
    with_store(TransactionMode::ReadWrite, |s| {
        s.put(&value, Some(&key)).map(|_| ())
    })
    .await
}

/// Reads one stored value; `None` when it is not a file Cadran kept (damaged
/// or written by something else).
fn parse(value: &JsValue) -> Option<StoredFile> {
    let name = get(value, "name").as_string()?;
    let blob = get(value, "blob").dyn_into::<Blob>().ok()?;
    let mapping = get(value, "mapping")
        .as_string()
        .and_then(|m| serde_json::from_str(&m).ok());
    Some(StoredFile {
        name,
        sheet: get(value, "sheet").as_string(),
        size: blob.size(),
        blob,
        mapping,
        saved: get(value, "saved").as_f64().unwrap_or(0.0),
    })
}

/// Every file kept, and how many damaged entries were set aside (deleted).
pub async fn load_all() -> Result<(Vec<StoredFile>, usize), StoreError> {
    let db = open().await?;
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadOnly)
        .map_err(unavailable)?;
    let store = tx.object_store(FILES).map_err(unavailable)?;
    let keys = store
        .get_all_keys(None, None)
        .map_err(unavailable)?
        .await
        .map_err(unavailable)?;
    let values = store
        .get_all(None, None)
        .map_err(unavailable)?
        .await
        .map_err(unavailable)?;
    db.close();
    let mut files = Vec::new();
    let mut damaged = Vec::new();
    for (key, value) in keys.into_iter().zip(values) {
        match parse(&value) {
            Some(f) => files.push(f),
            None => damaged.push(key),
        }
    }
    let set_aside = damaged.len();
    if set_aside > 0 {
        let _ = with_store(TransactionMode::ReadWrite, |s| {
            for k in damaged {
                s.delete(k)?;
            }
            Ok(())
        })
        .await;
    }
    files.sort_by(|a, b| a.saved.total_cmp(&b.saved));
    Ok((files, set_aside))
}

/// Forgets one file.
pub async fn forget(name: &str) -> Result<(), StoreError> {
    let key = JsValue::from_str(name);
    with_store(TransactionMode::ReadWrite, |s| s.delete(key).map(|_| ())).await
}

/// Forgets every file: the whole database goes.
pub async fn forget_all() -> Result<(), StoreError> {
    let factory = Factory::new().map_err(unavailable)?;
    factory
        .delete(DB_NAME)
        .map_err(unavailable)?
        .await
        .map_err(unavailable)
}
