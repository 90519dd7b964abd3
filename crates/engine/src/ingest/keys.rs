//! A column mapped to a key field (an order, a customer, a rep…: see
//! [`Field::is_key`]) holds each cell's text exactly as the file wrote it;
//! any other column holds the type its values took.
//!
//! Why decided on the mapping, not on the header before typing: the mapping
//! needs the types (a date field takes only a date column), one header
//! names a key in one kind and a flag in another (`Client`: the customer of
//! a sale, or whether a lead became one), and the user can map any column
//! to a key later (`Imported::remap`, `set_mapping`) without the file being
//! read again. So every column is typed as before, a typed column keeps
//! what gives its text back ([`Source`]: for most, only its distinct values;
//! for amounts and whole numbers read straight to values, nothing),
//! and [`Reading::apply`] gives each column the reading its field wants, at
//! read time and on every remap. A column whose header names keys only
//! (`InvoiceNo`) holds its text from the start, so no copy of it is kept.
//! A column holding its text is typed again from that text when mapped to
//! a measure (the values alone decide the type, so it comes out the same);
//! only what the summary said of its typed reading is kept.
//!
//! [`Field::is_key`]: crate::schema::Field::is_key

use super::builder;
use crate::currency::Tally;
use crate::infer::{infer, Context, Inferred};
use crate::parse::number::Decimal;
use crate::table::{ColumnData, ColumnType, StringPool, MISSING_CODE, MISSING_DAY, MISSING_SECS};
use cadran_intern::fixed::WHOLE;
use cadran_intern::{Fixed, Shape};
use hashbrown::{HashMap, HashSet};

/// A column's type as its values decided it, and what the summary and the
/// warnings say of that reading.
#[derive(Debug, Clone)]
pub struct Typed {
    ctx: Context,
    pub column_type: ColumnType,
    pub format: Option<String>,
    pub decimal: Option<Decimal>,
    pub ambiguous: bool,
    /// Cells that fit no value of the type, and the first one's line.
    pub bad_count: u64,
    pub bad_line: Option<u64>,
    /// Cells written with each currency.
    pub currencies: Tally,
}

/// How a typed column gets its text back.
#[derive(Debug, Clone)]
enum Source {
    /// The distinct values only, when each reads as a different typed value
    /// and none failed the type (a cell's value then names its text) and
    /// there are fewer than half as many as rows: dates, amounts and
    /// quantities nearly always. It costs eight bytes per distinct value
    /// (its key) instead of four per row.
    Distinct { pool: StringPool, keys: Vec<u64> },
    /// The codes of every row, as read (`repeats`: a value may have two codes).
    Codes {
        codes: Vec<u32>,
        pool: StringPool,
        repeats: bool,
    },
    /// Nothing: amounts all written in one shape (`915,59`), read straight
    /// to values, each of which gives its text back ([`Shape::write`]).
    Shape(Shape),
}

/// One column's two readings.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// `None` when the values took no type (text, or every cell missing).
    pub typed: Option<Typed>,
    /// While the table holds the typed values: their text.
    text: Option<Source>,
}

impl Reading {
    /// A column just typed: the values it holds and both readings. Its
    /// text when `key` (its header names keys only: it is the likely
    /// reading, and holding it costs no copy), else its typed values.
    /// `line_of` gives a row's line in the file.
    pub fn of(
        inferred: Inferred,
        ctx: Context,
        repeats: bool,
        key: bool,
        line_of: impl Fn(usize) -> Option<u64>,
    ) -> (ColumnData, Reading) {
        let Inferred {
            data,
            format,
            decimal,
            ambiguous,
            bad_count,
            bad_first_row,
            currencies,
            source,
            ..
        } = inferred;
        let Some((codes, pool)) = source else {
            let data = if repeats {
                builder::distinct_text(data)
            } else {
                data
            };
            return (data, Reading::default());
        };
        let typed = Typed {
            ctx,
            column_type: data.column_type(),
            format,
            decimal,
            ambiguous,
            bad_count,
            bad_line: bad_first_row.and_then(line_of),
            currencies,
        };
        let mut reading = Reading {
            typed: Some(typed),
            text: None,
        };
        if key {
            let text = Source::Codes {
                codes,
                pool,
                repeats,
            };
            return (text.text(&data), reading);
        }
        reading.text = Some(Source::keep(codes, pool, &data, bad_count, repeats));
        (data, reading)
    }

    /// A column of amounts or whole numbers read straight to values
    /// ([`Fixed`]), as [`Reading::of`] would have typed its text: numbers
    /// with the shape's decimal separator (whole ones: the context's), no
    /// currency, no bad cell.
    /// Also returns its missing cells.
    pub fn of_fixed(fixed: Fixed, ctx: Context, key: bool) -> (ColumnData, Reading, usize) {
        let Fixed { shape, values, .. } = fixed;
        let missing = values.iter().filter(|v| v.is_nan()).count();
        // Whole numbers fit either separator: the context decides, as for text.
        let decimal = match shape.separator {
            b',' => Decimal::Comma,
            b'.' => Decimal::Dot,
            _ if ctx.french_style => Decimal::Comma,
            _ => Decimal::Dot,
        };
        let data = ColumnData::Number {
            values,
            integer: shape == WHOLE,
            decimal,
        };
        let typed = Typed {
            ctx,
            column_type: data.column_type(),
            format: None,
            decimal: Some(decimal),
            ambiguous: false,
            bad_count: 0,
            bad_line: None,
            currencies: Tally::default(),
        };
        let source = Source::Shape(shape);
        let mut reading = Reading {
            typed: Some(typed),
            text: None,
        };
        if key {
            return (source.text(&data), reading, missing);
        }
        reading.text = Some(source);
        (data, reading, missing)
    }

    /// Whether `data` holds the typed values (else its text, or the column has no type).
    pub fn holds_typed(&self) -> bool {
        self.text.is_some()
    }

    /// Gives `data` its text when `key`, else its typed values.
    pub fn apply(&mut self, data: &mut ColumnData, key: bool) {
        let Some(typed) = &self.typed else {
            return;
        };
        if key {
            if let Some(source) = self.text.take() {
                *data = source.text(data);
            }
        } else if self.text.is_none() {
            let ColumnData::Text { codes, pool } = data else {
                return;
            };
            let (codes, pool) = (std::mem::take(codes), std::mem::take(pool));
            // The values decide the type: typed again, they read as before.
            let Inferred {
                data: typed_data,
                bad_count,
                source,
                ..
            } = infer(codes, pool, typed.ctx);
            if let Some((codes, pool)) = source {
                self.text = Some(Source::keep(codes, pool, &typed_data, bad_count, false));
            }
            *data = typed_data;
        }
    }

    /// Heap bytes held beside the table's values.
    pub fn heap_bytes(&self) -> usize {
        match &self.text {
            Some(Source::Distinct { pool, keys }) => pool.heap_bytes() + keys.capacity() * 8,
            Some(Source::Codes { codes, pool, .. }) => codes.capacity() * 4 + pool.heap_bytes(),
            Some(Source::Shape(_)) | None => 0,
        }
    }
}

/// A typed cell as a key of its value (`None`: missing), one function per type.
fn number_key(v: f64) -> Option<u64> {
    (!v.is_nan()).then_some(v.to_bits())
}
fn day_key(d: i32) -> Option<u64> {
    (d != MISSING_DAY).then_some(d as u32 as u64)
}
fn secs_key(s: i64) -> Option<u64> {
    (s != MISSING_SECS).then_some(s as u64)
}
fn bool_key(b: Option<bool>) -> Option<u64> {
    b.map(u64::from)
}

impl Source {
    fn keep(
        codes: Vec<u32>,
        pool: StringPool,
        data: &ColumnData,
        bad_count: u64,
        repeats: bool,
    ) -> Source {
        let keys = if bad_count > 0 {
            None // a bad cell and a missing one read the same: only codes tell them apart
        } else {
            match data {
                ColumnData::Number { values, .. } => {
                    distinct_keys(&codes, values, &pool, number_key)
                }
                ColumnData::Date { days, .. } => distinct_keys(&codes, days, &pool, day_key),
                ColumnData::DateTime { secs, .. } => distinct_keys(&codes, secs, &pool, secs_key),
                ColumnData::Bool(v) => distinct_keys(&codes, v, &pool, bool_key),
                ColumnData::Text { .. } | ColumnData::Empty { .. } => None,
            }
        };
        match keys {
            // Eight bytes per distinct value against four per row: the
            // smaller (date-times to the minute may be half distinct).
            Some(keys) if keys.len() * 2 < codes.len() => Source::Distinct { pool, keys },
            _ => Source::Codes {
                codes,
                pool,
                repeats,
            },
        }
    }

    /// The column's text, given its typed values.
    fn text(self, data: &ColumnData) -> ColumnData {
        match self {
            Source::Codes {
                codes,
                pool,
                repeats,
            } => {
                let text = ColumnData::Text { codes, pool };
                if repeats {
                    builder::distinct_text(text)
                } else {
                    text
                }
            }
            Source::Distinct { pool, keys } => {
                let codes = match data {
                    ColumnData::Number { values, .. } => codes_of(values, &keys, number_key),
                    ColumnData::Date { days, .. } => codes_of(days, &keys, day_key),
                    ColumnData::DateTime { secs, .. } => codes_of(secs, &keys, secs_key),
                    ColumnData::Bool(v) => codes_of(v, &keys, bool_key),
                    ColumnData::Text { .. } | ColumnData::Empty { .. } => Vec::new(),
                };
                ColumnData::Text { codes, pool }
            }
            Source::Shape(shape) => match data {
                ColumnData::Number { values, .. } => written(values, shape),
                _ => ColumnData::Empty { len: 0 },
            },
        }
    }
}

/// The text of amounts read in `shape`: each distinct value once, in order
/// of first appearance, as a dictionary would have held them.
fn written(values: &[f64], shape: Shape) -> ColumnData {
    let mut text = Vec::with_capacity(24);
    let mut write = |v: f64, pool: &mut StringPool| {
        text.clear();
        shape.write(v, &mut text);
        pool.push(std::str::from_utf8(&text).unwrap_or_default())
    };
    // Invoice numbers in order are each new: no table needed.
    let mut present = values.iter().filter(|v| !v.is_nan());
    let first = present.next().copied().unwrap_or(f64::NAN);
    let mut last = first;
    if present.all(|&v| std::mem::replace(&mut last, v) < v) {
        // Room for the text at once (grown step by step, it took up to
        // twice its size while the values were still held): no value's
        // text is longer than the first's or the last's, the extremes.
        let count = values.len() - values.iter().filter(|v| v.is_nan()).count();
        let longest = shape.text_len(first).max(shape.text_len(last));
        let (mut bytes, mut ends) = (
            Vec::with_capacity(count * longest),
            Vec::with_capacity(count),
        );
        let codes = shape.write_each(values, MISSING_CODE, &mut bytes, &mut ends);
        // Digits, a sign and `,` or `.` (`Shape::of`): always ASCII, so the
        // check (one pass, ASCII's fast path) never fails.
        if let Ok(bytes) = String::from_utf8(bytes) {
            let pool = StringPool::from_parts(bytes, ends);
            return ColumnData::Text { codes, pool };
        }
    }
    let mut pool = StringPool::default();
    let mut code: HashMap<u64, u32> = HashMap::new();
    let codes = values
        .iter()
        .map(|&v| {
            if v.is_nan() {
                return MISSING_CODE;
            }
            *code
                .entry(v.to_bits())
                .or_insert_with(|| write(v, &mut pool))
        })
        .collect();
    ColumnData::Text { codes, pool }
}

/// Each distinct value's key, when every code has one and no two share it.
fn distinct_keys<T: Copy>(
    codes: &[u32],
    values: &[T],
    pool: &StringPool,
    key: fn(T) -> Option<u64>,
) -> Option<Vec<u64>> {
    let mut keys: Vec<Option<u64>> = vec![None; pool.len()];
    for (&c, &v) in codes.iter().zip(values) {
        if c == MISSING_CODE {
            continue;
        }
        let slot = keys.get_mut(c as usize)?;
        if slot.is_none() {
            *slot = Some(key(v)?);
        }
    }
    let keys: Vec<u64> = keys.into_iter().collect::<Option<_>>()?;
    let mut seen = HashSet::with_capacity(keys.len());
    keys.iter().all(|k| seen.insert(*k)).then_some(keys)
}

/// The code of each cell from its value's key.
fn codes_of<T: Copy>(values: &[T], keys: &[u64], key: fn(T) -> Option<u64>) -> Vec<u32> {
    let code: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    values
        .iter()
        .map(|&v| {
            key(v)
                .and_then(|k| code.get(&k).copied())
                .unwrap_or(MISSING_CODE)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(cells: &[&str]) -> (Vec<u32>, StringPool) {
        let mut pool = StringPool::default();
        let mut codes = Vec::new();
        for &c in cells {
            if c.is_empty() {
                codes.push(MISSING_CODE);
                continue;
            }
            let found = pool.iter().position(|v| v == c);
            codes.push(found.map_or_else(|| pool.push(c), |i| i as u32));
        }
        (codes, pool)
    }

    const CTX: Context = Context {
        french_style: false,
        header_says_date: false,
        header_says_count: false,
    };

    fn text_of(data: &ColumnData) -> Vec<Option<String>> {
        let ColumnData::Text { codes, pool } = data else {
            panic!("not text: {data:?}");
        };
        let cell = |&c: &u32| (c != MISSING_CODE).then(|| pool.get(c).to_string());
        codes.iter().map(cell).collect()
    }

    #[test]
    fn text_comes_back_exactly_and_the_type_too() {
        let mut twenty: Vec<&str> = vec!["536365"; 19];
        twenty.push("C536379");
        let columns: [(&[&str], bool); 7] = [
            // Each value its own number: the distinct values are enough.
            (
                &["12346.0", "12347.0", "", "12346.0", "12347.0", "12346.0"],
                true,
            ),
            (
                &["2024-03-01", "", "2024-03-02", "2024-03-01", "2024-03-02"],
                true,
            ),
            (&["oui", "non", "oui", "oui", "non"], true),
            // As many values as rows: the codes cost less.
            (&["1", "2", "3", "4"], false),
            // `1.0` and `1` are one number: the codes are kept.
            (&["1.0", "1", "2", "1.0", "2", "2"], false),
            // A bad value reads as missing: the codes are kept.
            (&twenty, false),
            // Yes/no words that say the same.
            (&["oui", "yes", "non", "oui", "non", "non"], false),
        ];
        for (cells, distinct) in columns {
            let (codes, pool) = column(cells);
            let written: Vec<Option<String>> = text_of(&ColumnData::Text {
                codes: codes.clone(),
                pool: pool.clone(),
            });
            let line = |r| Some(r as u64);
            let inferred = infer(codes.clone(), pool.clone(), CTX);
            let (mut data, mut reading) = Reading::of(inferred, CTX, false, false, line);
            let typed = data.clone();
            assert!(reading.holds_typed(), "{cells:?} typed");
            assert_eq!(
                matches!(reading.text, Some(Source::Distinct { .. })),
                distinct,
                "{cells:?}"
            );
            // Held as text from the start (a key's header), typed on demand.
            let inferred = infer(codes, pool, CTX);
            let (mut as_key, mut key_reading) = Reading::of(inferred, CTX, false, true, line);
            assert_eq!(text_of(&as_key), written, "{cells:?} as a key");
            assert!(!key_reading.holds_typed());
            key_reading.apply(&mut as_key, false);
            // (Debug text: `NaN` equals itself there.)
            let same = |a: &ColumnData| format!("{a:?}") == format!("{typed:?}");
            assert!(same(&as_key), "{cells:?} typed from its text");
            reading.apply(&mut data, true);
            assert_eq!(text_of(&data), written, "{cells:?}");
            assert!(!reading.holds_typed());
            reading.apply(&mut data, true);
            assert_eq!(text_of(&data), written, "{cells:?} twice");
            reading.apply(&mut data, false);
            assert_eq!(
                format!("{data:?}"),
                format!("{typed:?}"),
                "{cells:?} typed again"
            );
            reading.apply(&mut data, true);
            assert_eq!(text_of(&data), written, "{cells:?} once more");
        }
    }

    #[test]
    fn text_columns_have_one_reading() {
        let (codes, pool) = column(&["F1", "F2", "F1"]);
        let (mut data, mut reading) =
            Reading::of(infer(codes, pool, CTX), CTX, false, false, |r| {
                Some(r as u64)
            });
        assert!(reading.typed.is_none() && !reading.holds_typed());
        let before = data.clone();
        reading.apply(&mut data, false);
        assert_eq!(data, before);
        assert_eq!(reading.heap_bytes(), 0);
    }
}
