//! Bytes in, a typed [`Table`] and an [`ImportSummary`] out, in one streaming
//! pass: the CSV reader splits the raw bytes, each cell is interned into its
//! column's dictionary, and types are decided afterwards from the distinct
//! values (see [`super::infer`]). A column mapped to a key field keeps its
//! text as written instead (see [`keys`]).

mod body;
mod builder;
mod keys;
mod later;
mod lines;
mod stream;
mod warnings;

pub use later::{LaterReader, LaterSetup};
pub use stream::Streaming;

use super::currency::{Currency, TableCurrency};
use super::decode::{cell_text, decode, Encoding};
use super::dialect::{sniff, Dialect};
use super::error::{Error, Result, Warning, WarningKind};
use super::infer::{infer, Context};
use super::parse::number::Decimal;
use super::schema::{self, Field, Grain, Kind, Mapping};
use super::table::{Column, ColumnType, Table};
use cadran_intern::Cells;
use csv::{ByteRecord, ReaderBuilder};
use hashbrown::DefaultHashBuilder;
use keys::Reading;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the user (or the caller) decides instead of the guesses.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub delimiter: Option<u8>,
    /// Day-first dates and decimal commas when values cannot decide (French users).
    pub french: bool,
    /// How many data rows to keep as raw text for the preview.
    pub preview_rows: usize,
    pub kind: Option<Kind>,
    /// Field → column choices of the user, over the proposed mapping.
    pub mapping: BTreeMap<Field, String>,
    /// Read on one thread even where a big file could be split in two (the
    /// benchmark's like-for-like comparison with Wasm).
    pub one_thread: bool,
    /// Intern every column's cells, even amounts nearly all distinct that
    /// would be read straight to values: the slow twin the fast reading is
    /// tested against.
    pub dictionary_only: bool,
}

/// One column as the import summary shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSummary {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    pub field: Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decimal: Option<Decimal>,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub ambiguous: bool,
    pub missing: usize,
    /// Cells written with each currency (`12 €`, `$12`, `12 EUR`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub currencies: BTreeMap<Currency, u64>,
}

/// The grain of an aggregated extract, when its order count column holds
/// numbers (an empty one is no count: the rows are read as lines).
fn grain_of(table: &Table, mapping: &Mapping) -> Option<Grain> {
    let counts = mapping.column(table, Field::Orders)?;
    counts.numbers().and(mapping.grain())
}

/// Everything the import step tells the user about a file (`cadran inspect`).
/// Its warnings are typed ([`Warning`]); `cadran inspect` shows the summary
/// with each warning's sentence ([`ImportSummary::map_warnings`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary<W = Warning> {
    pub file: String,
    pub encoding: Encoding,
    pub delimiter: String,
    pub header_line: u64,
    pub rows: usize,
    pub ignored_rows: usize,
    pub kind: Kind,
    /// Fields computed from others (`amount` = quantity × unit price).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub derived: Vec<Field>,
    pub columns: Vec<ColumnSummary>,
    /// What a row stands for, when the table is an aggregated sales extract.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub grain: Option<Grain>,
    /// The currency of the money columns; absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub currency: Option<TableCurrency>,
    pub warnings: Vec<W>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub preview: Vec<Vec<String>>,
}

impl ImportSummary {
    /// The same summary with each warning turned into what `say` makes of it.
    pub fn map_warnings<V>(self, say: impl FnMut(Warning) -> V) -> ImportSummary<V> {
        ImportSummary {
            file: self.file,
            encoding: self.encoding,
            delimiter: self.delimiter,
            header_line: self.header_line,
            rows: self.rows,
            ignored_rows: self.ignored_rows,
            kind: self.kind,
            derived: self.derived,
            columns: self.columns,
            grain: self.grain,
            currency: self.currency,
            warnings: self.warnings.into_iter().map(say).collect(),
            preview: self.preview,
        }
    }
}

/// A file read into a table, with its summary and field mapping.
#[derive(Debug, Clone)]
pub struct Imported {
    pub table: Table,
    pub summary: ImportSummary,
    pub mapping: Mapping,
    /// Per column, its typed and text readings (see [`keys`]).
    readings: Vec<Reading>,
}

/// Counts problems by kind and column, keeping the line of the first.
#[derive(Default)]
struct Warnings(BTreeMap<(WarningKind, Option<usize>), (Option<u64>, u64)>);

impl Warnings {
    fn add(&mut self, kind: WarningKind, column: Option<usize>, line: Option<u64>, n: u64) {
        let e = self.0.entry((kind, column)).or_insert((line, 0));
        e.1 += n;
    }
}

fn unique_headers(raw: Vec<String>, warnings: &mut Warnings, line: u64) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for (i, name) in raw.into_iter().enumerate() {
        let mut name = name.trim().to_string();
        if name.is_empty() {
            name = format!("Column {}", i + 1);
            warnings.add(WarningKind::EmptyHeader, Some(i), Some(line), 1);
        }
        if out.contains(&name) {
            let base = name.clone();
            let mut k = 2;
            while out.contains(&name) {
                name = format!("{base} ({k})");
                k += 1;
            }
            warnings.add(WarningKind::DuplicateHeader, Some(i), Some(line), 1);
        }
        out.push(name);
    }
    out
}

/// Reads a whole file. Only a file with no table in it is an error.
pub fn read(file: &str, bytes: &[u8], opts: &Options) -> Result<Imported> {
    read_with_progress(file, bytes, opts, &mut |_, _| {})
}

/// Rows between two progress reports: often enough for a smooth bar, rare
/// enough to cost nothing.
const PROGRESS_EVERY: usize = 1 << 16;

/// [`read`], telling `progress` how far it is (the share of the text read,
/// 0 to 1, and the rows so far) every [`PROGRESS_EVERY`] rows, and with 1
/// once every row is split (the columns' types come next).
pub fn read_with_progress(
    file: &str,
    bytes: &[u8],
    opts: &Options,
    progress: &mut dyn FnMut(f64, usize),
) -> Result<Imported> {
    read_after(file, bytes, opts, progress, None)
}

/// The header row's raw cells, its line, and where the rows below it begin.
struct Header {
    raw: Vec<Vec<u8>>,
    line: u64,
    body_start: usize,
}

/// Skips title lines (counted in `warnings`) down to the header; `None` when
/// the text ends first.
fn find_header(
    text: &[u8],
    delimiter: u8,
    header_index: usize,
    warnings: &mut Warnings,
) -> Option<Header> {
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut rec = ByteRecord::new();
    let mut seen = 0usize;
    let mut lines = lines::LineCursor::new(1);
    loop {
        // Byte records raise no UTF-8 errors and a slice raises no I/O error.
        if !matches!(rdr.read_byte_record(&mut rec), Ok(true)) {
            return None;
        }
        let line = lines.line_of(text, rec.position().map_or(0, |p| p.byte()) as usize);
        seen += 1;
        if seen <= header_index {
            warnings.add(WarningKind::LinesBeforeHeader, None, Some(line), 1);
            continue;
        }
        return Some(Header {
            raw: rec.iter().map(<[u8]>::to_vec).collect(),
            line,
            body_start: rdr.position().byte() as usize,
        });
    }
}

/// The rows a [`Streaming`] read while the file was arriving.
struct Early {
    hasher: DefaultHashBuilder,
    delimiter: u8,
    /// Where the rows begin in the decoded text, and how far they were read.
    body_start: usize,
    read_to: usize,
    body: body::Body,
}

/// What the start of a text decides: the delimiter, the header and the
/// column names, with the warnings they raise.
struct Decided {
    delimiter: u8,
    header: Header,
    names: Vec<String>,
    warnings: Warnings,
}

fn decide(text: &[u8], encoding: Encoding, opts: &Options) -> Result<Decided> {
    let Dialect {
        delimiter,
        header_index,
    } = sniff(text, opts.delimiter);
    let mut warnings = Warnings::default();
    let Some(header) = find_header(text, delimiter, header_index, &mut warnings) else {
        return Err(Error::NoTable);
    };
    let names = unique_headers(
        header
            .raw
            .iter()
            .map(|c| cell_text(encoding, c).into_owned())
            .collect(),
        &mut warnings,
        header.line,
    );
    Ok(Decided {
        delimiter,
        header,
        names,
        warnings,
    })
}

impl Early {
    /// Whether the rows read early were read as the whole text reads them.
    fn agrees(&self, d: &Decided) -> bool {
        self.delimiter == d.delimiter
            && self.body_start == d.header.body_start
            && self.body.builders.len() == d.names.len()
    }
}

/// [`read_with_progress`], going on from the rows read early when the whole
/// text confirms the delimiter and header they were read with.
fn read_after(
    file: &str,
    bytes: &[u8],
    opts: &Options,
    progress: &mut dyn FnMut(f64, usize),
    early: Option<Early>,
) -> Result<Imported> {
    let decoded = decode(bytes)?;
    let d = decide(&decoded.bytes, decoded.encoding, opts)?;
    let early = early.filter(|e| e.agrees(&d));
    let hasher = early
        .as_ref()
        .map_or_else(DefaultHashBuilder::default, |e| e.hasher);
    let setup = body::Setup::new(d.delimiter, d.names.len(), &hasher, opts);
    let body = match early {
        Some(Early {
            mut body, read_to, ..
        }) => {
            body.read_rest(&decoded.bytes, read_to, &setup, progress);
            body
        }
        None => body::read(&decoded.bytes, d.header.body_start, &setup, progress),
    };
    assemble(file, decoded.encoding, d, body, opts, progress)
}

/// The table, its summary and mapping, once every row is read.
fn assemble(
    file: &str,
    encoding: Encoding,
    d: Decided,
    body: body::Body,
    opts: &Options,
    progress: &mut dyn FnMut(f64, usize),
) -> Result<Imported> {
    let Decided {
        delimiter,
        header,
        names,
        mut warnings,
    } = d;
    let header_line = header.line;
    let body::Body {
        mut builders,
        lines: row_lines,
        preview,
        empty_rows,
        first_empty,
        warnings: row_warnings,
        ..
    } = body;
    let preview: Vec<Vec<String>> = preview
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| cell_text(encoding, c).into_owned())
                .collect()
        })
        .collect();
    for ((kind, col), (line, n)) in row_warnings.0 {
        warnings.add(kind, col, line, n);
    }
    // Every row is split: what is left is typing the columns, which needs
    // no lookup table (all of them go now, before the first is typed).
    builders.iter_mut().for_each(Cells::seal);
    progress(1.0, row_lines.len());
    if names.len() < 2 && row_lines.is_empty() {
        return Err(Error::NoTable);
    }
    if empty_rows > 0 {
        warnings.add(WarningKind::EmptyRows, None, first_empty, empty_rows);
    }
    let french = delimiter == b';' || opts.french;
    let mut columns = Vec::with_capacity(names.len());
    let mut readings = Vec::with_capacity(names.len());
    let mut summaries = Vec::with_capacity(names.len());
    for (name, b) in names.into_iter().zip(builders) {
        let ctx = Context {
            french_style: french,
            header_says_date: schema::header_says_date(&name),
            header_says_count: schema::header_says_count(&name),
        };
        let key = schema::header_says_key(&name);
        let (data, reading, missing) = match b {
            // Amounts read straight to values take the type their text would
            // have given them (a header naming a date could make them Excel
            // serials, and a column of missing cells is empty: the text decides).
            Cells::Fixed(fixed)
                if !ctx.header_says_date && fixed.values.iter().any(|v| !v.is_nan()) =>
            {
                Reading::of_fixed(fixed, ctx, key)
            }
            b => {
                let b = b.into_interner(&DefaultHashBuilder::default());
                let repeats = b.repeats();
                let (codes, pool) = builder::finish(b, encoding);
                let inferred = infer(codes, pool, ctx);
                let missing = inferred.missing;
                let line_of = |r| row_lines.get(r).copied();
                let (data, reading) = Reading::of(inferred, ctx, repeats, key, line_of);
                (data, reading, missing)
            }
        };
        summaries.push(ColumnSummary {
            name: name.clone(),
            column_type: data.column_type(),
            field: None,
            format: None,
            decimal: None,
            ambiguous: false,
            missing,
            currencies: BTreeMap::new(),
        });
        columns.push(Column { name, data });
        readings.push(reading);
    }
    let mut table = Table {
        rows: row_lines.len(),
        columns,
    };
    // The types decide the mapping; the mapping then decides which columns
    // hold their text (keys) rather than their typed values.
    let mut mapping = schema::propose_columns(&typed_columns(&table, &readings), opts.kind);
    for (field, column) in &opts.mapping {
        if table.column(column).is_some() {
            mapping.fields.retain(|_, c| c != column);
            mapping.fields.insert(*field, column.clone());
        }
    }
    apply_readings(&mut table.columns, &mut readings, &mapping);
    for ((s, c), r) in summaries.iter_mut().zip(&table.columns).zip(&readings) {
        s.field = mapping.field_of(&s.name);
        summarize(s, c, r);
    }
    for (kind, i, line, n) in typed_warnings(&readings) {
        warnings.add(kind, Some(i), line, n);
    }
    // Missing cells once typed: missing ones and those that fit no type.
    let missing_once_typed: Vec<u64> = summaries
        .iter()
        .zip(&readings)
        .map(|(s, r)| s.missing as u64 + bad_cells(r))
        .collect();
    for m in schema::missing_values(&table, &mapping, &missing_once_typed) {
        let col = summaries.iter().position(|s| s.name == m.column);
        let first = row_lines.get(m.first_row).copied();
        warnings.add(WarningKind::MissingField, col, first, m.count);
    }
    let warnings = warnings
        .0
        .into_iter()
        .map(|((kind, col), (line, count))| {
            warnings::warning(kind, col.and_then(|i| summaries.get(i)), line, count)
        })
        .collect();
    let summary = ImportSummary {
        file: file.to_string(),
        encoding,
        delimiter: (delimiter as char).to_string(),
        header_line,
        rows: table.rows,
        ignored_rows: empty_rows as usize,
        kind: mapping.kind,
        derived: mapping.derived(),
        grain: grain_of(&table, &mapping),
        currency: TableCurrency::of_columns(&summaries),
        columns: summaries,
        warnings,
        preview,
    };
    Ok(Imported {
        table,
        summary,
        mapping,
        readings,
    })
}

/// The columns as the mapping sees them: with the type of their values,
/// also when they hold their text, so a table maps alike however its
/// columns are held.
fn typed_columns<'t>(table: &'t Table, readings: &[Reading]) -> Vec<schema::TypedColumn<'t>> {
    let columns = table.columns.iter().zip(readings);
    columns
        .map(|(c, r)| schema::TypedColumn {
            name: &c.name,
            column_type: r.typed.as_ref().map_or(c.column_type(), |t| t.column_type),
        })
        .collect()
}

/// Gives each column the reading its field wants: a key its text, any
/// other field (or none) its typed values.
fn apply_readings(columns: &mut [Column], readings: &mut [Reading], mapping: &Mapping) {
    for (c, r) in columns.iter_mut().zip(readings) {
        let key = mapping.field_of(&c.name).is_some_and(Field::is_key);
        r.apply(&mut c.data, key);
    }
}

/// The summary of a column as the table now holds it.
fn summarize(s: &mut ColumnSummary, c: &Column, r: &Reading) {
    s.column_type = c.column_type();
    let typed = r.typed.as_ref().filter(|_| r.holds_typed());
    s.format = typed.and_then(|t| t.format.clone());
    s.decimal = typed.and_then(|t| t.decimal);
    s.ambiguous = typed.is_some_and(|t| t.ambiguous);
    s.currencies = typed.map(|t| t.currencies.counts()).unwrap_or_default();
}

/// Cells that fit no value of the column's type, while it holds typed values.
fn bad_cells(r: &Reading) -> u64 {
    match &r.typed {
        Some(t) if r.holds_typed() => t.bad_count,
        _ => 0,
    }
}

/// The warnings of the columns holding typed values, as (kind, column,
/// line, count): cells that fit no value of the type, and dates read day- or
/// month-first by default. A column holding its text has none.
fn typed_warnings(readings: &[Reading]) -> Vec<(WarningKind, usize, Option<u64>, u64)> {
    let mut out = Vec::new();
    for (i, r) in readings.iter().enumerate() {
        let Some(t) = r.typed.as_ref().filter(|_| r.holds_typed()) else {
            continue;
        };
        if t.bad_count > 0 {
            out.push((WarningKind::BadValue, i, t.bad_line, t.bad_count));
        }
        if t.ambiguous {
            out.push((WarningKind::AmbiguousDates, i, None, 1));
        }
    }
    out
}

impl Imported {
    /// Applies the user's choice of kind and fields, as the import step's
    /// mapping editor does, without reading the file again.
    pub fn remap(&mut self, kind: Option<Kind>, overrides: &BTreeMap<Field, String>) {
        let columns = typed_columns(&self.table, &self.readings);
        let mut mapping = schema::propose_columns(&columns, kind);
        for (field, column) in overrides {
            if self.table.column(column).is_some() {
                mapping.fields.retain(|_, c| c != column);
                mapping.fields.insert(*field, column.clone());
            }
        }
        self.use_mapping(mapping);
    }

    /// Sets the field → column mapping exactly as the user chose it.
    pub fn set_mapping(&mut self, mapping: Mapping) {
        let mut mapping = mapping;
        mapping.fields.retain(|_, c| self.table.column(c).is_some());
        self.use_mapping(mapping);
    }

    /// Takes `mapping`: key columns given their text, others their typed
    /// values, and the summary (types, formats, warnings) saying so.
    fn use_mapping(&mut self, mapping: Mapping) {
        apply_readings(&mut self.table.columns, &mut self.readings, &mapping);
        let summaries = &mut self.summary.columns;
        for ((s, c), r) in summaries
            .iter_mut()
            .zip(&self.table.columns)
            .zip(&self.readings)
        {
            s.field = mapping.field_of(&s.name);
            summarize(s, c, r);
        }
        let warnings = &mut self.summary.warnings;
        warnings.retain(|w| !matches!(w.kind, WarningKind::BadValue | WarningKind::AmbiguousDates));
        for (kind, i, line, count) in typed_warnings(&self.readings) {
            warnings.push(warnings::warning(kind, summaries.get(i), line, count));
        }
        // In the order of a read: by kind, then by column.
        let position = |w: &Warning| {
            let name = w.column.as_deref();
            name.and_then(|n| summaries.iter().position(|s| s.name == n))
        };
        warnings.sort_by_key(|w| (w.kind, position(w)));
        self.summary.kind = mapping.kind;
        self.summary.derived = mapping.derived();
        self.summary.grain = grain_of(&self.table, &mapping);
        self.summary.currency = TableCurrency::of_columns(summaries);
        self.mapping = mapping;
    }

    /// Heap bytes held: the table's values, and the text kept beside its
    /// typed columns (for a later mapping of one to a key).
    pub fn heap_bytes(&self) -> usize {
        self.table.heap_bytes() + self.readings.iter().map(Reading::heap_bytes).sum::<usize>()
    }

    /// A key for "a file with the same header": the folded column names.
    pub fn header_signature(&self) -> String {
        self.table
            .columns
            .iter()
            .map(|c| schema::normalize(&c.name))
            .collect::<Vec<_>>()
            .join("|")
    }
}
