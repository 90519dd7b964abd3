//! A warning with what its sentence needs, taken from its column's summary
//! (`locale::warning` says it in French and English).

use super::ColumnSummary;
use crate::error::{Warning, WarningKind};

pub fn warning(
    kind: WarningKind,
    column: Option<&ColumnSummary>,
    line: Option<u64>,
    count: u64,
) -> Warning {
    let expected = match (kind, column) {
        (WarningKind::BadValue, Some(c)) => Some(c.column_type),
        _ => None,
    };
    let format = match kind {
        WarningKind::AmbiguousDates => column.map(|c| c.format.clone().unwrap_or_default()),
        _ => None,
    };
    let field = match kind {
        WarningKind::MissingField => column.and_then(|c| c.field),
        _ => None,
    };
    Warning {
        kind,
        line,
        column: column.map(|c| c.name.clone()),
        count,
        expected,
        format,
        field,
    }
}
