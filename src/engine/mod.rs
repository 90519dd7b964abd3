//! Everything that turns bytes into numbers. No web dependency: tested natively.

pub mod charsets;
pub mod currency;
pub mod decode;
pub mod demo;
pub mod dialect;
pub mod error;
pub mod export;
pub mod infer;
pub mod ingest;
pub mod kpi;
pub mod objectives;
pub mod parse;
pub mod report;
pub mod schema;
pub mod table;

pub use error::{Error, Result, Warning, WarningKind};
pub use ingest::{read, ImportSummary, Imported, Options};
pub use report::Report;
pub use schema::{Field, Kind, Mapping};
pub use table::{Column, ColumnData, ColumnType, Table};
