//! What reading a file says, in French and English: why a file cannot be
//! read at all ([`Error`]) and what was odd in it ([`Warning`]). The engine
//! reports both as typed values; the English here is `cadran inspect`'s.

use super::Lang;
use crate::engine::table::ColumnType;
use crate::engine::{Error, ImportSummary, Warning, WarningKind};
use serde::Serialize;

/// Why a whole file could not be read, in the user's language.
pub fn file_error(lang: Lang, e: &Error) -> String {
    match (lang, e) {
        (Lang::Fr, Error::Empty) => "Ce fichier est vide.".into(),
        (Lang::Fr, Error::Binary { hint: Some(h) }) => format!(
            "Ce fichier n'est pas un fichier texte CSV (il ressemble à un fichier {h}). \
             Dans Excel, utilisez « Enregistrer sous » › « CSV (séparateur\u{202f}: point-virgule) »."
        ),
        (Lang::Fr, Error::Binary { hint: None }) => "Ce fichier n'est pas un fichier texte CSV. \
             Dans Excel, utilisez « Enregistrer sous » › « CSV (séparateur\u{202f}: point-virgule) »."
            .into(),
        (Lang::Fr, Error::NoTable) => "Aucun tableau trouvé dans ce fichier\u{202f}: il faut une \
             ligne d'en-têtes suivie de lignes de données."
            .into(),
        (Lang::Fr, Error::Io { message }) => {
            format!("Impossible de lire le fichier\u{202f}: {message}")
        }
        (Lang::En, Error::Empty) => "This file is empty.".into(),
        (Lang::En, Error::Binary { hint: Some(h) }) => format!(
            "This is not a CSV text file (it looks like a {h} file). \
             In Excel, use \"Save as\" > \"CSV\"."
        ),
        (Lang::En, Error::Binary { hint: None }) => {
            "This is not a CSV text file. In Excel, use \"Save as\" > \"CSV\".".into()
        }
        (Lang::En, Error::NoTable) => {
            "No table found in this file: it needs a header line followed by data rows.".into()
        }
        (Lang::En, Error::Io { message }) => format!("Cannot read the file: {message}"),
        (Lang::Fr, Error::BadWorkbook) => "Ce classeur ne peut pas être ouvert\u{202f}: il est \
             endommagé, ou ce n'est pas un classeur Excel ni OpenDocument."
            .into(),
        (Lang::En, Error::BadWorkbook) => "This workbook cannot be opened: it is damaged, or it \
             is not an Excel or OpenDocument workbook."
            .into(),
        (Lang::Fr, Error::Encrypted) => "Ce classeur est protégé par un mot de passe. Dans \
             Excel, enlevez le mot de passe (Fichier › Informations › Protéger le classeur), \
             enregistrez, puis importez-le à nouveau."
            .into(),
        (Lang::En, Error::Encrypted) => "This workbook is protected by a password. In Excel, \
             remove the password (File › Info › Protect Workbook), save, then import it again."
            .into(),
        (Lang::Fr, Error::EmptySheet { sheet }) => {
            format!("La feuille « {sheet} » est vide.")
        }
        (Lang::En, Error::EmptySheet { sheet }) => format!("The sheet \"{sheet}\" is empty."),
        (Lang::Fr, Error::BadParquet) => {
            "Ce fichier Parquet ne peut pas être lu\u{202f}: il est endommagé ou incomplet.".into()
        }
        (Lang::En, Error::BadParquet) => {
            "This Parquet file cannot be read: it is damaged or incomplete.".into()
        }
        (Lang::Fr, Error::UnsupportedCompression { codec }) => format!(
            "Ce fichier Parquet est compressé en {codec}, que Cadran ne sait pas lire. \
             Écrivez-le en Snappy, GZIP ou ZSTD (DuckDB\u{202f}: COPY … TO 'f.parquet' (FORMAT parquet, \
             COMPRESSION snappy))."
        ),
        (Lang::En, Error::UnsupportedCompression { codec }) => format!(
            "This Parquet file is compressed with {codec}, which Cadran cannot read. Write it \
             with Snappy, GZIP or ZSTD (DuckDB: COPY … TO 'f.parquet' (FORMAT parquet, COMPRESSION \
             snappy))."
        ),
    }
}

/// The module reading workbooks and Parquet files could not be loaded:
/// offline before it was ever used.
pub fn formats_unavailable(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Le lecteur de classeurs et de fichiers Parquet n'a pas pu être chargé. \
                     Reconnectez-vous une fois, puis importez à nouveau le fichier."
        }
        Lang::En => {
            "The reader of workbooks and Parquet files could not be loaded. \
                     Connect once, then import the file again."
        }
    }
}

/// The import step's choice for one sheet of a workbook (its checkbox's
/// label: several sheets are told apart by name).
pub fn take_sheet(lang: Lang, sheet: &str) -> String {
    match lang {
        Lang::Fr => format!("Importer la feuille « {sheet} »"),
        Lang::En => format!("Import the sheet \"{sheet}\""),
    }
}

/// A warning in the user's language.
pub fn warning(lang: Lang, w: &Warning) -> String {
    match lang {
        Lang::Fr => french(w),
        Lang::En => english(w),
    }
}

fn french(w: &Warning) -> String {
    let s = if w.count > 1 { "s" } else { "" };
    let n = super::format_number(w.count as f64, 0, Lang::Fr);
    let col = w.column.as_deref().unwrap_or("");
    match w.kind {
        WarningKind::ShortRow => format!("{n} ligne{s} avec moins de cellules que l'en-tête\u{202f}: les cellules manquantes sont vides."),
        WarningKind::LongRow => format!("{n} ligne{s} avec plus de cellules que l'en-tête\u{202f}: les cellules en trop sont ignorées."),
        WarningKind::BadValue => format!("{n} valeur{s} de « {col} » illisible{s}, comptée{s} comme manquante{s}."),
        WarningKind::EmptyRows => format!("{n} ligne{s} vide{s} (uniquement des séparateurs) ignorée{s}."),
        WarningKind::LinesBeforeHeader => format!("{n} ligne{s} au-dessus de l'en-tête (un titre\u{202f}?) ignorée{s}."),
        WarningKind::DuplicateHeader => format!("Deux colonnes portent le même nom\u{202f}; celle-ci a été renommée « {col} »."),
        WarningKind::EmptyHeader => format!("Une colonne n'avait pas de nom\u{202f}; elle s'appelle « {col} »."),
        WarningKind::AmbiguousDates => format!("Les dates de « {col} » peuvent se lire jour/mois ou mois/jour."),
        WarningKind::InvalidBytes => format!("{n} caractère{s} illisible{s} remplacé{s}."),
        WarningKind::MissingField => format!("{n} ligne{s} sans valeur dans « {col} »."),
    }
}

fn english(w: &Warning) -> String {
    let count = w.count;
    let col = w.column.as_deref().unwrap_or("");
    let s = if count > 1 { "s" } else { "" };
    match w.kind {
        WarningKind::ShortRow => {
            format!("{count} row{s} with fewer cells than the header: the missing cells are left empty.")
        }
        WarningKind::LongRow => {
            format!("{count} row{s} with more cells than the header: the extra cells are ignored.")
        }
        WarningKind::BadValue => {
            let t = match w.expected {
                Some(ColumnType::Number | ColumnType::Integer) => "a number",
                Some(ColumnType::Date | ColumnType::Datetime) => "a date",
                Some(ColumnType::Bool) => "yes/no",
                _ => "a value",
            };
            format!("{count} value{s} in \"{col}\" could not be read as {t} and count as missing.")
        }
        WarningKind::EmptyRows => format!("{count} empty row{s} (only delimiters) ignored."),
        WarningKind::LinesBeforeHeader => {
            format!("{count} line{s} above the header (a title?) ignored.")
        }
        WarningKind::DuplicateHeader => {
            format!("Two columns are named alike; this one was renamed \"{col}\".")
        }
        WarningKind::EmptyHeader => format!("A column had no name; it is called \"{col}\"."),
        WarningKind::AmbiguousDates => format!(
            "The dates in \"{col}\" could be day-first or month-first; read as {}.",
            w.format.as_deref().unwrap_or("")
        ),
        WarningKind::InvalidBytes => format!("{count} unreadable character{s} replaced."),
        WarningKind::MissingField => {
            let field = w
                .field
                .map(|f| f.name().replace('_', " "))
                .unwrap_or_else(|| "a value".into());
            format!("{count} row{s} without {field} (column \"{col}\").")
        }
    }
}

/// A warning as `cadran inspect` prints it: its fields and its sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SaidWarning {
    pub kind: WarningKind,
    pub line: Option<u64>,
    pub column: Option<String>,
    pub count: u64,
    pub message: String,
}

/// A file's summary with each warning said in `lang` (`cadran inspect`).
pub fn said_summary(summary: ImportSummary, lang: Lang) -> ImportSummary<SaidWarning> {
    summary.map_warnings(|w| SaidWarning {
        message: warning(lang, &w),
        kind: w.kind,
        line: w.line,
        column: w.column,
        count: w.count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Field;

    fn missing_close_dates() -> Warning {
        Warning {
            kind: WarningKind::MissingField,
            line: Some(3),
            column: Some("close_date".into()),
            count: 2089,
            expected: None,
            format: None,
            field: Some(Field::CloseDate),
        }
    }

    #[test]
    fn a_warning_in_both_languages() {
        let w = missing_close_dates();
        assert_eq!(
            warning(Lang::Fr, &w),
            "2\u{202f}089 lignes sans valeur dans « close_date »."
        );
        assert_eq!(
            warning(Lang::En, &w),
            "2089 rows without close date (column \"close_date\")."
        );
    }

    #[test]
    fn a_bad_value_names_the_type_it_was_read_as() {
        let w = Warning {
            kind: WarningKind::BadValue,
            column: Some("Montant".into()),
            count: 1,
            expected: Some(ColumnType::Number),
            ..missing_close_dates()
        };
        assert_eq!(
            warning(Lang::En, &w),
            "1 value in \"Montant\" could not be read as a number and count as missing."
        );
    }

    #[test]
    fn a_file_error_in_both_languages() {
        let e = Error::Binary { hint: Some("PDF") };
        assert!(file_error(Lang::Fr, &e).starts_with(
            "Ce fichier n'est pas un fichier texte CSV (il ressemble à un fichier PDF)."
        ));
        assert_eq!(
            file_error(Lang::En, &e),
            "This is not a CSV text file (it looks like a PDF file). In Excel, use \"Save as\" > \"CSV\"."
        );
    }
}
