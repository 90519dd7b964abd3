//! Errors (the file cannot be read at all) and warnings (something in it was
//! odd, said with its line and column), as typed values: `locale` words them
//! in French and English (`locale::file_error`, `locale::warning`), for a
//! sales manager rather than a programmer.

use crate::schema::Field;
use crate::table::ColumnType;
use serde::{Deserialize, Serialize};

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Why a whole file could not be read. Everything less serious is a [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Error {
    /// No bytes, or only blank lines.
    Empty,
    /// The bytes look like a binary file (spreadsheet, image, archive…).
    Binary { hint: Option<&'static str> },
    /// There is text, but no table in it: no header followed by data rows.
    NoTable,
    /// The file could not be opened or read (command line only).
    Io { message: String },
    /// A workbook (`.xlsx`, `.xls`, `.ods`) that cannot be opened: damaged,
    /// or another kind of ZIP or compound file.
    BadWorkbook,
    /// A workbook protected by a password: its cells are encrypted.
    Encrypted,
    /// A sheet chosen by name has no value in it.
    EmptySheet { sheet: String },
    /// A Parquet file that cannot be read.
    BadParquet,
    /// A Parquet file compressed with a codec this build cannot decode
    /// (`ZSTD`, `Brotli`, `LZO`), named as the file names it.
    UnsupportedCompression { codec: String },
}

impl Error {
    /// The error as its kind's name and the text it carries (a sheet, a
    /// codec, a message), and back ([`Error::from_parts`]): how the formats
    /// module hands a refusal to the engine's module. Not serde: its tagged
    /// decoder would add ~10 kB gzip to the first visit's module.
    pub fn to_parts(&self) -> (&'static str, &str) {
        match self {
            Error::Empty => ("empty", ""),
            Error::Binary { hint } => ("binary", hint.unwrap_or("")),
            Error::NoTable => ("no_table", ""),
            Error::Io { message } => ("io", message),
            Error::BadWorkbook => ("bad_workbook", ""),
            Error::Encrypted => ("encrypted", ""),
            Error::EmptySheet { sheet } => ("empty_sheet", sheet),
            Error::BadParquet => ("bad_parquet", ""),
            Error::UnsupportedCompression { codec } => ("unsupported_compression", codec),
        }
    }

    /// The error [`Error::to_parts`] wrote (a binary file's hint is not
    /// carried); `None` for a kind it never writes.
    pub fn from_parts(kind: &str, detail: &str) -> Option<Error> {
        let text = || detail.to_string();
        Some(match kind {
            "empty" => Error::Empty,
            "binary" => Error::Binary { hint: None },
            "no_table" => Error::NoTable,
            "io" => Error::Io { message: text() },
            "bad_workbook" => Error::BadWorkbook,
            "encrypted" => Error::Encrypted,
            "empty_sheet" => Error::EmptySheet { sheet: text() },
            "bad_parquet" => Error::BadParquet,
            "unsupported_compression" => Error::UnsupportedCompression { codec: text() },
            _ => return None,
        })
    }
}

/// What kind of problem a warning is about; the UI words it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A row has fewer fields than the header; missing cells are empty.
    ShortRow,
    /// A row has more fields than the header; extra cells are dropped.
    LongRow,
    /// A cell does not fit its column's type; it is read as missing.
    BadValue,
    /// Rows made only of delimiters (Excel's `;;;;`) were skipped.
    EmptyRows,
    /// Lines above the header (a title, blank lines) were skipped.
    LinesBeforeHeader,
    /// Two header cells had the same name; the second was renamed.
    DuplicateHeader,
    /// A header cell was empty; it was named `Column N`.
    EmptyHeader,
    /// Day-first vs month-first could not be decided from the values.
    AmbiguousDates,
    /// Bytes that are not valid in the detected encoding were replaced.
    InvalidBytes,
    /// A mapped field (close date, amount…) has no value in these rows.
    MissingField,
}

/// One problem, grouped: `count` occurrences, the first at `line`, with
/// what its sentence needs. `cadran inspect` shows it with its English
/// sentence (`message`), which `locale` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// 1-based line of the first occurrence in the file, when it has one.
    pub line: Option<u64>,
    /// The column's header name, when the problem is in one column.
    pub column: Option<String>,
    pub count: u64,
    /// [`WarningKind::BadValue`]: the type the cells could not be read as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<ColumnType>,
    /// [`WarningKind::AmbiguousDates`]: how the dates were read (`DD/MM/YYYY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// [`WarningKind::MissingField`]: the field the column is mapped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_comes_back_from_its_parts() {
        let all = [
            Error::Empty,
            Error::Binary { hint: None },
            Error::NoTable,
            Error::Io {
                message: "disque plein".into(),
            },
            Error::BadWorkbook,
            Error::Encrypted,
            Error::EmptySheet {
                sheet: "Vide".into(),
            },
            Error::BadParquet,
            Error::UnsupportedCompression {
                codec: "Brotli".into(),
            },
        ];
        for e in all {
            let (kind, detail) = e.to_parts();
            assert_eq!(Error::from_parts(kind, detail), Some(e.clone()), "{kind}");
        }
        assert_eq!(Error::from_parts("nope", ""), None);
    }
}
