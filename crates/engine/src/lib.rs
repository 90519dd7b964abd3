//! Cadran's engine: everything that turns bytes into numbers. It has no web
//! dependency (the compiler enforces it: this crate does not depend on any),
//! so the web app, its worker and the `cadran` command line share it, and it
//! is tested natively.
//!
//! The path of a file through it: [`read`] decodes and parses a CSV export
//! into a typed [`Table`] and proposes a [`Mapping`] of its columns to the
//! fields of a table [`Kind`]; [`kpi::report`] computes every KPI of the
//! catalogue over a [`kpi::Workspace`] of such tables for a [`kpi::Query`]
//! (period, filters), and [`objectives`] evaluates targets and alerts on it.
//!
//! ```
//! use cadran_engine::kpi::{self, Query, Workspace};
//! use cadran_engine::{read, Options};
//!
//! let csv = "Date;Client;Montant HT\n05/03/2024;Dupont;1 234,50\n06/03/2024;Martin;765,50\n";
//! let sales = read("ventes.csv", csv.as_bytes(), &Options::default()).unwrap();
//! let ws = Workspace { tables: vec![sales] };
//! let report = kpi::report(&ws, &Query::default());
//! assert_eq!(report.kpis["revenue"].value, Some(2000.0));
//! assert_eq!(report.kpis["order_count"].value, Some(2.0));
//! ```

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
pub mod messages;
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
