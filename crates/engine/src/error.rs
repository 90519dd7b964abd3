//! Errors (the file cannot be read at all) and warnings (something in it was
//! odd, said with its line and column). Messages speak to a sales manager,
//! not to a programmer.

use serde::{Deserialize, Serialize};
use std::fmt;

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
}

impl Error {
    /// The French wording of the error, for the UI.
    pub fn message_fr(&self) -> String {
        match self {
            Error::Empty => "Ce fichier est vide.".into(),
            Error::Binary { hint: Some(h) } => format!(
                "Ce fichier n'est pas un fichier texte CSV (il ressemble à un fichier {h}). \
                 Dans Excel, utilisez « Enregistrer sous » › « CSV (séparateur\u{202f}: point-virgule) »."
            ),
            Error::Binary { hint: None } => "Ce fichier n'est pas un fichier texte CSV. \
                 Dans Excel, utilisez « Enregistrer sous » › « CSV (séparateur\u{202f}: point-virgule) »."
                .into(),
            Error::NoTable => {
                "Aucun tableau trouvé dans ce fichier\u{202f}: il faut une ligne d'en-têtes \
                 suivie de lignes de données."
                    .into()
            }
            Error::Io { message } => format!("Impossible de lire le fichier\u{202f}: {message}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "This file is empty."),
            Error::Binary { hint: Some(h) } => write!(
                f,
                "This is not a CSV text file (it looks like a {h} file). \
                 In Excel, use \"Save as\" > \"CSV\"."
            ),
            Error::Binary { hint: None } => write!(
                f,
                "This is not a CSV text file. In Excel, use \"Save as\" > \"CSV\"."
            ),
            Error::NoTable => write!(
                f,
                "No table found in this file: it needs a header line followed by data rows."
            ),
            Error::Io { message } => write!(f, "Cannot read the file: {message}"),
        }
    }
}

impl std::error::Error for Error {}

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

/// One problem, grouped: `count` occurrences, the first at `line`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// 1-based line of the first occurrence in the file, when it has one.
    pub line: Option<u64>,
    /// The column's header name, when the problem is in one column.
    pub column: Option<String>,
    pub count: u64,
    /// An English sentence; the UI uses `kind` and the fields to say it in French.
    pub message: String,
}
