//! The data page: bringing files in (with their mapping and currency), the
//! tables in use, and what this device keeps.

mod currency_choice;
mod device_panel;
mod import;
mod mapping;

pub use device_panel::{notice_after_forget, DeviceData};
pub use import::{prepare_ahead, ImportPanel, TablesInUse};
