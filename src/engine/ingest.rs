//! Bytes in, a typed [`Table`] and an [`ImportSummary`] out, in one streaming
//! pass: the CSV reader splits the raw bytes, each cell is interned into its
//! column's dictionary, and types are decided afterwards from the distinct
//! values (see [`super::infer`]).

use super::decode::{decode, Encoding};
use super::dialect::{sniff, Dialect};
use super::error::{Error, Result, Warning, WarningKind};
use super::infer::{infer, Context};
use super::parse::is_missing;
use super::parse::number::Decimal;
use super::schema::{self, Field, Kind, Mapping};
use super::table::{Column, ColumnType, StringPool, Table, MISSING_CODE};
use csv::{ByteRecord, ReaderBuilder};
use hashbrown::{DefaultHashBuilder, HashTable};
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::BuildHasher;

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
}

/// One column as the import summary shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnSummary {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    pub field: Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimal: Option<Decimal>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    pub missing: usize,
}

/// Everything the import step tells the user about a file (`cadran inspect`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub encoding: Encoding,
    pub delimiter: String,
    pub header_line: u64,
    pub rows: usize,
    pub ignored_rows: usize,
    pub kind: Kind,
    /// Fields computed from others (`amount` = quantity × unit price).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<Field>,
    pub columns: Vec<ColumnSummary>,
    pub warnings: Vec<Warning>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub preview: Vec<Vec<String>>,
}

/// A file read into a table, with its summary and field mapping.
#[derive(Debug, Clone)]
pub struct Imported {
    pub table: Table,
    pub summary: ImportSummary,
    pub mapping: Mapping,
}

/// A column's dictionary while the file streams by.
#[derive(Default)]
struct ColumnBuilder {
    codes: Vec<u32>,
    pool: StringPool,
    index: HashTable<u32>,
}

impl ColumnBuilder {
    fn push(&mut self, cell: &str, hasher: &DefaultHashBuilder) {
        if is_missing(cell) {
            self.codes.push(MISSING_CODE);
            return;
        }
        let cell = cell.trim();
        let hash = hasher.hash_one(cell);
        let pool = &self.pool;
        let code = match self.index.find(hash, |&c| pool.get(c) == cell) {
            Some(&c) => c,
            None => {
                let c = self.pool.push(cell);
                let pool = &self.pool;
                self.index
                    .insert_unique(hash, c, |&k| hasher.hash_one(pool.get(k)));
                c
            }
        };
        self.codes.push(code);
    }
}

/// Line numbers as a person counts them (CRLF, LF or CR), found by scanning
/// the bytes up to each record's first character once. The CSV reader's own
/// positions point before the blank lines that precede a record.
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The line where the record starting at or after byte `from` begins.
    fn record_line(&mut self, from: u64) -> u64 {
        let mut start = (from as usize).min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.pos {
            let chunk = &self.bytes[self.pos..start];
            let lf = chunk.iter().filter(|&&b| b == b'\n').count();
            let lone_cr = chunk
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\r' && self.bytes.get(self.pos + i + 1) != Some(&b'\n'))
                .count();
            self.line += (lf + lone_cr) as u64;
            self.pos = start;
        }
        self.line
    }
}

/// Counts problems by kind and column, keeping the first line of each.
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
    let decoded = decode(bytes)?;
    let Dialect {
        delimiter,
        header_index,
    } = sniff(&decoded.bytes, opts.delimiter);
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(&decoded.bytes[..]);
    let hasher = DefaultHashBuilder::default();
    let mut warnings = Warnings::default();
    let mut rec = ByteRecord::new();
    let mut seen = 0usize;
    let mut header: Option<(Vec<String>, u64)> = None;
    let mut builders: Vec<ColumnBuilder> = Vec::new();
    let mut lines: Vec<u32> = Vec::new();
    let mut preview = Vec::new();
    let mut empty_rows = 0u64;
    let mut first_empty_line = None;
    let mut line_of = Lines::new(&decoded.bytes);
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            // Byte records raise no UTF-8 errors and a slice raises no I/O error.
            Err(_) => break,
        }
        let line = line_of.record_line(rec.position().map_or(0, |p| p.byte()));
        seen += 1;
        if seen <= header_index {
            warnings.add(WarningKind::LinesBeforeHeader, None, Some(line), 1);
            continue;
        }
        let Some((names, _)) = &header else {
            let raw = rec.iter().map(|c| decoded.cell(c).into_owned()).collect();
            let names = unique_headers(raw, &mut warnings, line);
            builders = names.iter().map(|_| ColumnBuilder::default()).collect();
            header = Some((names, line));
            continue;
        };
        if rec.iter().all(|c| c.trim_ascii().is_empty()) {
            empty_rows += 1;
            first_empty_line.get_or_insert(line);
            continue;
        }
        let width = names.len();
        if rec.len() < width {
            warnings.add(WarningKind::ShortRow, None, Some(line), 1);
        } else if rec.iter().skip(width).any(|c| !c.trim_ascii().is_empty()) {
            warnings.add(WarningKind::LongRow, None, Some(line), 1);
        }
        if preview.len() < opts.preview_rows {
            preview.push(
                rec.iter()
                    .take(width)
                    .map(|c| decoded.cell(c).into_owned())
                    .collect(),
            );
        }
        for (i, b) in builders.iter_mut().enumerate() {
            b.push(&decoded.cell(rec.get(i).unwrap_or_default()), &hasher);
        }
        lines.push(line.min(u32::MAX as u64) as u32);
    }
    let Some((names, header_line)) = header else {
        return Err(Error::NoTable);
    };
    if names.len() < 2 && lines.is_empty() {
        return Err(Error::NoTable);
    }
    if empty_rows > 0 {
        warnings.add(WarningKind::EmptyRows, None, first_empty_line, empty_rows);
    }
    let french = delimiter == b';' || opts.french;
    let mut columns = Vec::with_capacity(names.len());
    let mut summaries = Vec::with_capacity(names.len());
    for (i, (name, b)) in names.into_iter().zip(builders).enumerate() {
        let missing = b.codes.iter().filter(|&&c| c == MISSING_CODE).count();
        let ctx = Context {
            french_style: french,
            header_says_date: schema::header_says_date(&name),
        };
        let inferred = infer(b.codes, b.pool, ctx, &lines);
        if inferred.bad_count > 0 {
            let first = inferred.bad_first_line.map(u64::from);
            warnings.add(WarningKind::BadValue, Some(i), first, inferred.bad_count);
        }
        if inferred.ambiguous {
            warnings.add(WarningKind::AmbiguousDates, Some(i), None, 1);
        }
        let column = Column {
            name,
            data: inferred.data,
        };
        summaries.push(ColumnSummary {
            name: column.name.clone(),
            column_type: column.column_type(),
            field: None,
            format: inferred.format,
            decimal: inferred.decimal,
            ambiguous: inferred.ambiguous,
            missing,
        });
        columns.push(column);
    }
    let table = Table {
        rows: lines.len(),
        columns,
    };
    let mut mapping = schema::propose(&table, opts.kind);
    for (field, column) in &opts.mapping {
        if table.column(column).is_some() {
            mapping.fields.retain(|_, c| c != column);
            mapping.fields.insert(*field, column.clone());
        }
    }
    for s in &mut summaries {
        s.field = mapping.field_of(&s.name);
    }
    let warnings = words(warnings, &summaries, &table, &mapping, &lines);
    let summary = ImportSummary {
        file: file.to_string(),
        encoding: decoded.encoding,
        delimiter: (delimiter as char).to_string(),
        header_line,
        rows: table.rows,
        ignored_rows: empty_rows as usize,
        kind: mapping.kind,
        derived: mapping.derived(),
        columns: summaries,
        warnings,
        preview,
    };
    Ok(Imported {
        table,
        summary,
        mapping,
    })
}

fn words(
    w: Warnings,
    cols: &[ColumnSummary],
    table: &Table,
    mapping: &Mapping,
    lines: &[u32],
) -> Vec<Warning> {
    let mut out: Vec<Warning> =
        w.0.into_iter()
            .map(|((kind, col), (line, count))| {
                let column = col.and_then(|i| cols.get(i)).map(|c| c.name.clone());
                let message = english(kind, column.as_deref(), count, cols);
                Warning {
                    kind,
                    line,
                    column,
                    count,
                    message,
                }
            })
            .collect();
    out.extend(schema::missing_values(table, mapping, lines));
    out
}

fn english(kind: WarningKind, column: Option<&str>, count: u64, cols: &[ColumnSummary]) -> String {
    let col = column.unwrap_or("");
    let plural = if count > 1 { "s" } else { "" };
    match kind {
        WarningKind::ShortRow => format!("{count} row{plural} with fewer cells than the header: the missing cells are left empty."),
        WarningKind::LongRow => format!("{count} row{plural} with more cells than the header: the extra cells are ignored."),
        WarningKind::BadValue => {
            let t = col_type(cols, col_index(col, cols)).unwrap_or("value");
            format!("{count} value{plural} in \"{col}\" could not be read as {t} and count as missing.")
        }
        WarningKind::EmptyRows => format!("{count} empty row{plural} (only delimiters) ignored."),
        WarningKind::LinesBeforeHeader => format!("{count} line{plural} above the header (a title?) ignored."),
        WarningKind::DuplicateHeader => format!("Two columns are named alike; this one was renamed \"{col}\"."),
        WarningKind::EmptyHeader => format!("A column had no name; it is called \"{col}\"."),
        WarningKind::AmbiguousDates => format!(
            "The dates in \"{col}\" could be day-first or month-first; read as {}.",
            cols.iter().find(|c| c.name == col).and_then(|c| c.format.clone()).unwrap_or_default()
        ),
        WarningKind::InvalidBytes => format!("{count} unreadable character{plural} replaced."),
        WarningKind::MissingField => format!("{count} row{plural} without a value in \"{col}\"."),
    }
}

fn col_index(name: &str, cols: &[ColumnSummary]) -> Option<usize> {
    cols.iter().position(|c| c.name == name)
}

fn col_type(cols: &[ColumnSummary], i: Option<usize>) -> Option<&'static str> {
    Some(match cols.get(i?)?.column_type {
        ColumnType::Number | ColumnType::Integer => "a number",
        ColumnType::Date | ColumnType::Datetime => "a date",
        ColumnType::Bool => "yes/no",
        _ => return None,
    })
}
