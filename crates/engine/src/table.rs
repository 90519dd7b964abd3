//! The columnar table every KPI walks: typed columns, dates as day numbers,
//! text dictionary-encoded, missing values as sentinels (no `Option` per cell).

use super::parse::date::Days;
use super::parse::number::Decimal;
use serde::{Deserialize, Serialize};

/// Code of a missing text cell (the ingest's, which interns cells).
pub use cadran_intern::MISSING_CODE;
/// A missing date.
pub const MISSING_DAY: Days = i32::MIN;
/// A missing date-time.
pub const MISSING_SECS: i64 = i64::MIN;

/// The type a column was read as (the `type` of `cadran inspect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Number,
    Integer,
    Date,
    Datetime,
    Bool,
    Text,
    Empty,
}

/// Distinct strings of a text column, stored once each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringPool {
    bytes: String,
    ends: Vec<u32>,
}

impl StringPool {
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// The string of `code`, or `""` for a missing or unknown code.
    pub fn get(&self, code: u32) -> &str {
        let i = code as usize;
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.bytes.get(start as usize..end as usize).unwrap_or("")
    }
    /// Distinct strings end to end in `bytes`, string `i` ending at `ends[i]`.
    pub fn from_parts(bytes: String, ends: Vec<u32>) -> StringPool {
        StringPool { bytes, ends }
    }
    /// No strings yet, with room for `strings` of `bytes` in all.
    pub fn with_capacity(strings: usize, bytes: usize) -> StringPool {
        StringPool {
            bytes: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }
    /// Appends a string and returns its code (the caller keeps strings distinct).
    pub fn push(&mut self, s: &str) -> u32 {
        self.bytes.push_str(s);
        self.ends.push(self.bytes.len() as u32);
        (self.ends.len() - 1) as u32
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(|c| self.get(c))
    }
    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.ends.capacity() * 4
    }
}

/// One column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Numbers; `NaN` is missing. `integer` when every value was written without decimals.
    Number {
        values: Vec<f64>,
        integer: bool,
        decimal: Decimal,
    },
    /// Days since 1970-01-01; [`MISSING_DAY`] is missing.
    Date { days: Vec<Days>, format: String },
    /// Seconds since 1970-01-01 00:00; [`MISSING_SECS`] is missing.
    DateTime { secs: Vec<i64>, format: String },
    /// `None` is missing.
    Bool(Vec<Option<bool>>),
    /// Codes into `pool`; [`MISSING_CODE`] is missing.
    Text { codes: Vec<u32>, pool: StringPool },
    /// Every cell is missing.
    Empty { len: usize },
}

impl ColumnData {
    pub fn column_type(&self) -> ColumnType {
        match self {
            ColumnData::Number { integer: true, .. } => ColumnType::Integer,
            ColumnData::Number { .. } => ColumnType::Number,
            ColumnData::Date { .. } => ColumnType::Date,
            ColumnData::DateTime { .. } => ColumnType::Datetime,
            ColumnData::Bool(_) => ColumnType::Bool,
            ColumnData::Text { .. } => ColumnType::Text,
            ColumnData::Empty { .. } => ColumnType::Empty,
        }
    }
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
}

impl Column {
    pub fn len(&self) -> usize {
        match &self.data {
            ColumnData::Number { values, .. } => values.len(),
            ColumnData::Date { days, .. } => days.len(),
            ColumnData::DateTime { secs, .. } => secs.len(),
            ColumnData::Bool(v) => v.len(),
            ColumnData::Text { codes, .. } => codes.len(),
            ColumnData::Empty { len } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn column_type(&self) -> ColumnType {
        self.data.column_type()
    }

    /// The numbers of a number column.
    pub fn numbers(&self) -> Option<&[f64]> {
        match &self.data {
            ColumnData::Number { values, .. } => Some(values),
            _ => None,
        }
    }

    /// The day of row `row`, for date and date-time columns.
    pub fn day(&self, row: usize) -> Option<Days> {
        match &self.data {
            ColumnData::Date { days, .. } => days.get(row).copied().filter(|&d| d != MISSING_DAY),
            ColumnData::DateTime { secs, .. } => secs
                .get(row)
                .copied()
                .filter(|&s| s != MISSING_SECS)
                .map(|s| s.div_euclid(86_400) as Days),
            _ => None,
        }
    }

    /// The first missing cell's row: one tight loop per type instead of a
    /// type check per cell. (How many are missing the ingest knows already.)
    pub fn first_missing(&self) -> Option<usize> {
        match &self.data {
            ColumnData::Number { values, .. } => values.iter().position(|v| v.is_nan()),
            ColumnData::Date { days, .. } => days.iter().position(|&d| d == MISSING_DAY),
            ColumnData::DateTime { secs, .. } => secs.iter().position(|&s| s == MISSING_SECS),
            ColumnData::Bool(v) => v.iter().position(Option::is_none),
            ColumnData::Text { codes, .. } => codes.iter().position(|&c| c == MISSING_CODE),
            ColumnData::Empty { len } => (*len > 0).then_some(0),
        }
    }

    /// A cell as display text (numbers as written by Rust, dates ISO).
    pub fn text(&self, row: usize) -> Option<String> {
        match &self.data {
            ColumnData::Text { codes, pool } => codes
                .get(row)
                .filter(|&&c| c != MISSING_CODE)
                .map(|&c| pool.get(c).to_string()),
            ColumnData::Number { values, .. } => values
                .get(row)
                .filter(|v| !v.is_nan())
                .map(|v| v.to_string()),
            ColumnData::Date { .. } | ColumnData::DateTime { .. } => self
                .day(row)
                .and_then(super::parse::date::ymd_from_days)
                .map(|d| d.to_string()),
            ColumnData::Bool(v) => v.get(row).copied().flatten().map(|b| b.to_string()),
            ColumnData::Empty { .. } => None,
        }
    }

    /// Heap bytes held by the values.
    pub fn heap_bytes(&self) -> usize {
        match &self.data {
            ColumnData::Number { values, .. } => values.capacity() * 8,
            ColumnData::Date { days, .. } => days.capacity() * 4,
            ColumnData::DateTime { secs, .. } => secs.capacity() * 8,
            ColumnData::Bool(v) => v.capacity(),
            ColumnData::Text { codes, pool } => codes.capacity() * 4 + pool.heap_bytes(),
            ColumnData::Empty { .. } => 0,
        }
    }
}

/// A table read from one file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: usize,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    pub fn heap_bytes(&self) -> usize {
        self.columns.iter().map(Column::heap_bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(data: ColumnData) -> Column {
        Column {
            name: "c".into(),
            data,
        }
    }

    #[test]
    fn first_missing_cell_found() {
        let numbers = column(ColumnData::Number {
            values: vec![1.0, f64::NAN, 2.0, f64::NAN],
            integer: false,
            decimal: crate::parse::number::Decimal::Comma,
        });
        assert_eq!(numbers.first_missing(), Some(1));
        let days = column(ColumnData::Date {
            days: vec![MISSING_DAY, 3, MISSING_DAY],
            format: "%d/%m/%Y".into(),
        });
        assert_eq!(days.first_missing(), Some(0));
        let flags = column(ColumnData::Bool(vec![Some(true), Some(false)]));
        assert_eq!(flags.first_missing(), None);
        let mut pool = StringPool::default();
        pool.push("a");
        let text = column(ColumnData::Text {
            codes: vec![0, 0, MISSING_CODE],
            pool,
        });
        assert_eq!(text.first_missing(), Some(2));
        assert_eq!(
            column(ColumnData::Empty { len: 3 }).first_missing(),
            Some(0)
        );
        assert_eq!(column(ColumnData::Empty { len: 0 }).first_missing(), None);
    }
}
