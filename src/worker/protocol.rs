//! What the page and the engine worker say to each other: JSON messages, so
//! that one serde type on each side is the whole contract. A file's bytes
//! travel beside the message as a `Blob`, never inside it.

use crate::engine::kpi::Period;
use crate::engine::objectives::{AlertResult, ObjectiveResult, SetUp};
use crate::engine::{Field, ImportSummary, Kind, Mapping, Report};
use crate::view::ViewState;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A request from the page. Tables are named by ids the page chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Read the file sent with the message; it waits, pending, until `Use`.
    Load {
        id: u32,
        name: String,
        french: bool,
        /// A mapping to apply (remembered for this header, or kept with the file).
        #[serde(default)]
        mapping: Option<Mapping>,
        /// The sheet to read, when the file is a workbook (see [`Reply::Sheets`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
    },
    /// Generate and read the demo company's files, with ids from `first_id`.
    Demo { first_id: u32 },
    /// Propose the mapping again for another kind, keeping the user's overrides.
    Remap {
        id: u32,
        kind: Option<Kind>,
        #[serde(default)]
        overrides: BTreeMap<Field, String>,
    },
    /// Set the field → column mapping exactly as the user chose it.
    SetMapping { id: u32, mapping: Mapping },
    /// The tables of the dashboard, in order. Others stay pending.
    Use { ids: Vec<u32> },
    /// Forget these tables, pending or in use.
    Drop { ids: Vec<u32> },
    /// Prepare ahead the tables the dashboard would have if the pending
    /// ones were confirmed now (the ids `Use` would then send): a `Use` of
    /// the same tables then skips their preparation. Changes nothing the
    /// page sees.
    Prepare { ids: Vec<u32> },
    /// Compute everything the pages show for this view.
    Compute(Box<ComputeRequest>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeRequest {
    /// Answers carry it back, so that a stale answer is recognised.
    pub seq: u64,
    pub view: ViewState,
    pub currency: String,
    #[serde(default)]
    pub stage_probabilities: BTreeMap<String, f64>,
    /// The dormancy window W for lost customers and churn (default 365).
    #[serde(default)]
    pub dormancy_days: Option<u32>,
    pub setup: SetUp,
}

/// What the page sees of a table: never its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    pub summary: ImportSummary,
    pub mapping: Mapping,
    /// The folded header, to remember a corrected mapping for the next file like it.
    pub signature: String,
}

/// What the engine is doing with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Copying the file's bytes in, slice by slice.
    Reading,
    /// Splitting rows and cells.
    Parsing,
    /// Deciding each column's type and the table's kind.
    Typing,
}

/// Everything the pages show for one view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Computed {
    pub seq: u64,
    pub report: Report,
    /// The fields the tables can be filtered on; their values (thousands of
    /// customers' names) come once per set of tables, in
    /// [`Reply::FilterOptions`], not with every report.
    pub filter_fields: Vec<Field>,
    pub objectives: Vec<ObjectiveResult>,
    pub alerts: Vec<AlertResult>,
    pub data_span: Option<Period>,
    /// The engine's memory (its Wasm memory, which never shrinks: the peak), in bytes.
    #[serde(default)]
    pub engine_memory: u64,
}

/// A message from the engine worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker has started and waits for requests.
    Ready,
    Progress {
        id: u32,
        name: String,
        phase: Phase,
        /// Share of the phase done, 0 to 1.
        done: f64,
        rows: usize,
        bytes: u64,
    },
    Loaded {
        id: u32,
        table: Box<TableInfo>,
    },
    /// The file is a workbook: these sheets have values. The page loads each
    /// as a table of its own (`Load` with its `sheet`); sent by
    /// `public/worker.js`, which reads workbooks with the formats module.
    Sheets {
        id: u32,
        name: String,
        sheets: Vec<String>,
    },
    /// The file could not be read; the reason in French and English.
    Failed {
        id: u32,
        name: String,
        fr: String,
        en: String,
    },
    Computed(Box<Computed>),
    /// For each field the tables can be filtered on, its values: sent after
    /// the first report of each set of tables (the first report reaches the
    /// page sooner without them), and kept by the page until the next.
    FilterOptions {
        options: BTreeMap<Field, Vec<String>>,
    },
    /// After the worker's start-up warm-up, for the page's own: see [`Rehearsal`].
    Rehearsal(Box<Rehearsal>),
    /// The engine stopped (out of memory, most likely): the page starts a new one.
    Crashed {
        message: String,
    },
}

/// The worker's warm-up export as a first file would reach the page: its
/// summary, its report and its filter values. The page renders them once,
/// off the page, while it waits for a file (`ui::rehearsal`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rehearsal {
    pub table: TableInfo,
    pub computed: Computed,
    pub options: BTreeMap<Field, Vec<String>>,
}
