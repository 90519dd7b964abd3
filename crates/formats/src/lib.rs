//! Excel workbooks and Parquet files, turned into what Cadran's engine reads:
//! canonical CSV text, one per sheet (or one for a Parquet file), handed to
//! [`cadran_engine::read`] like any export.
//!
//! Why text and not typed columns: the engine's reading is where the
//! knowledge is (title lines above a header, key columns kept as written,
//! types decided from the values, the summary, mapping and warnings), and a
//! typed cell written unambiguously (`2024-03-05`, `1234.5`) is read back as
//! the same type. So a workbook takes the same path as a CSV export, and this
//! crate stays small: it lives in a Wasm module the browser loads only when
//! such a file arrives (see docs/ARCHITECTURE.md).
//!
//! ```
//! let csv = "Date;Montant\n05/03/2024;12\n";
//! // Not a workbook nor a Parquet file: the engine reads it as it is.
//! assert_eq!(cadran_formats::Format::detect(csv.as_bytes()), None);
//! ```

mod canonical;
mod parquet_file;
mod workbook;
mod zstd_pages;

pub use canonical::Cell;

pub use cadran_engine::Error;

/// A file format this crate reads, known from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A ZIP container: `.xlsx`, `.xlsm`, `.xlsb` or `.ods`.
    Zip,
    /// An OLE compound file: `.xls`, or an encrypted `.xlsx`.
    Compound,
    Parquet,
}

impl Format {
    /// The magic bytes at the start of each format.
    pub const MAGIC: [(&'static [u8], Format); 3] = [
        (b"PK\x03\x04", Format::Zip),
        (b"\xD0\xCF\x11\xE0", Format::Compound),
        (b"PAR1", Format::Parquet),
    ];

    pub fn detect(bytes: &[u8]) -> Option<Format> {
        Self::MAGIC
            .iter()
            .find(|(magic, _)| bytes.starts_with(magic))
            .map(|&(_, f)| f)
    }
}

/// One table of a file, as canonical CSV text (see [`canonical`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name; `None` for a Parquet file (one table).
    pub sheet: Option<String>,
    pub csv: Vec<u8>,
}

impl Table {
    /// The name the engine gives the table: the file's, with the sheet's in
    /// brackets (`ventes.xlsx (Ventes)`), so that two sheets of one workbook
    /// are two tables with two names.
    pub fn name(&self, file: &str) -> String {
        match &self.sheet {
            Some(sheet) => sheet_table_name(file, sheet),
            None => file.to_string(),
        }
    }
}

/// A sheet's table name: `ventes.xlsx (Ventes)`.
pub fn sheet_table_name(file: &str, sheet: &str) -> String {
    format!("{file} ({sheet})")
}

/// Every table of a workbook or Parquet file, in order. A workbook's empty
/// sheets are left out; a workbook with none but empty sheets is
/// [`Error::Empty`]. `None` when the bytes are neither format: they are
/// the engine's to read.
pub fn convert(bytes: &[u8]) -> Option<Result<Vec<Table>, Error>> {
    Some(match Format::detect(bytes)? {
        Format::Zip | Format::Compound => workbook::tables(bytes),
        Format::Parquet => parquet_file::table(bytes).map(|t| vec![t]),
    })
}

/// A Parquet file's table.
pub fn parquet(bytes: &[u8]) -> Result<Table, Error> {
    parquet_file::table(bytes)
}

/// Rows of typed cells (the header among them) as canonical CSV text.
pub fn canonical_csv(rows: &[Vec<Cell>]) -> Vec<u8> {
    canonical::write(rows)
}

/// The names of a workbook's sheets, empty ones included.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Error> {
    workbook::sheet_names(bytes)
}

/// One sheet of a workbook by name: `Ok(None)` when there is no such sheet,
/// [`Error::EmptySheet`] when it has no value.
pub fn sheet(bytes: &[u8], name: &str) -> Result<Option<Table>, Error> {
    workbook::sheet(bytes, name)
}
