//! The English sentence of each warning (the UI words them in French from
//! the same fields, see `locale::warning`).

use super::ColumnSummary;
use crate::error::WarningKind;
use crate::table::ColumnType;

fn type_words(t: ColumnType) -> &'static str {
    match t {
        ColumnType::Number | ColumnType::Integer => "a number",
        ColumnType::Date | ColumnType::Datetime => "a date",
        ColumnType::Bool => "yes/no",
        _ => "a value",
    }
}

pub fn english(kind: WarningKind, column: Option<&ColumnSummary>, count: u64) -> String {
    let col = column.map_or("", |c| c.name.as_str());
    let s = if count > 1 { "s" } else { "" };
    match kind {
        WarningKind::ShortRow => {
            format!("{count} row{s} with fewer cells than the header: the missing cells are left empty.")
        }
        WarningKind::LongRow => {
            format!("{count} row{s} with more cells than the header: the extra cells are ignored.")
        }
        WarningKind::BadValue => {
            let t = column.map_or("a value", |c| type_words(c.column_type));
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
            column.and_then(|c| c.format.as_deref()).unwrap_or("")
        ),
        WarningKind::InvalidBytes => format!("{count} unreadable character{s} replaced."),
        WarningKind::MissingField => {
            let field = column
                .and_then(|c| c.field)
                .map(|f| f.name().replace('_', " "))
                .unwrap_or_else(|| "a value".into());
            format!("{count} row{s} without {field} (column \"{col}\").")
        }
    }
}
