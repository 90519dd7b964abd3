//! Deciding a column's type from its distinct values, then turning its codes
//! into typed values. Values are parsed once per distinct string, not once per
//! row, so a million rows with a thousand distinct dates parse a thousand dates.

use super::currency::Tally;
use super::parse::date::{self, Order, Parsed};
use super::parse::number::{self, Decimal};
use super::parse::parse_bool;
use super::table::{ColumnData, StringPool, MISSING_CODE, MISSING_DAY, MISSING_SECS};

/// Share of non-missing cells that must fit a type for the column to take it.
const MIN_FIT_PERCENT: u64 = 95;

/// What the column's context says about ambiguous values.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Day-first dates and decimal commas when the values cannot decide (`;` files, French users).
    pub french_style: bool,
    /// The header names a date (`Order Date`, `échéance`): integers may be Excel serials.
    pub header_says_date: bool,
    /// The header names a count (`Quantité`, `Nb commandes`): `0` and `1` are numbers, not no and yes.
    pub header_says_count: bool,
}

/// A typed column and what the summary says about it.
pub struct Inferred {
    pub data: ColumnData,
    pub format: Option<String>,
    pub decimal: Option<Decimal>,
    /// Dates whose day/month order no value settled.
    pub ambiguous: bool,
    /// Cells that did not fit the type and became missing, and the first one's row.
    pub bad_count: u64,
    pub bad_first_row: Option<usize>,
    /// Missing cells (before any bad value is added to them).
    pub missing: usize,
    /// Cells of a number column written with each currency (`12 €`, `$12`).
    pub currencies: Tally,
    /// The codes and pool a typed column was read from (`None` for text):
    /// its text as written, for when it is mapped to a key field.
    pub source: Option<(Vec<u32>, StringPool)>,
}

/// How many cells (distinct values weighted by their count) read as something.
fn weight_of_some<T>(parsed: &[Option<T>], counts: &[u64]) -> u64 {
    parsed
        .iter()
        .zip(counts)
        .filter(|(p, _)| p.is_some())
        .map(|(_, n)| n)
        .sum()
}

fn fits_enough(ok: u64, total: u64) -> bool {
    total > 0 && ok * 100 >= total * MIN_FIT_PERCENT
}

/// Parses each distinct value, or gives up as soon as the cells that failed
/// weigh too much for the column to take the type: a column of 500 000
/// distinct order ids stops after a few percent of them, not after trying
/// every id as a date and as a number.
fn parse_enough<T>(
    values: &StringPool,
    counts: &[u64],
    total: u64,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<Vec<Option<T>>> {
    let mut failed = 0u64;
    let mut out = Vec::new();
    for (v, &n) in values.iter().zip(counts) {
        let p = parse(v);
        if p.is_none() {
            failed += n;
            if failed * 100 > total * (100 - MIN_FIT_PERCENT) {
                return None;
            }
        }
        // Room doubles as values parse, never past their number: room for
        // all at once held up to 28 bytes a name for a column of names,
        // which gives up after a few percent of them.
        if out.len() == out.capacity() {
            out.reserve_exact(out.len().max(64).min(values.len() - out.len()));
        }
        out.push(p);
    }
    Some(out)
}

/// Types a column from its `pool` of distinct strings and their `codes`.
/// The codes are walked once to count each value's cells, once to map them
/// to typed values, and once more only when some value fits no type, to
/// find its first row.
pub fn infer(codes: Vec<u32>, pool: StringPool, ctx: Context) -> Inferred {
    let mut counts = vec![0u64; pool.len()];
    for &c in &codes {
        if let Some(n) = counts.get_mut(c as usize) {
            *n += 1;
        }
    }
    let total: u64 = counts.iter().sum();
    let missing = codes.len() - total as usize;
    let Some(mut t) = infer_type(&codes, &pool, &counts, total, ctx) else {
        let mut text = plain(text_or_empty(codes, pool)).inferred;
        text.missing = missing;
        return text;
    };
    t.inferred.missing = missing;
    if let Some(bad) = t.bad.take() {
        let is_bad = |c: u32| bad.get(c as usize).copied().unwrap_or(false);
        t.inferred.bad_count = counts
            .iter()
            .zip(&bad)
            .filter(|(_, &b)| b)
            .map(|(n, _)| n)
            .sum();
        if t.inferred.bad_count > 0 {
            t.inferred.bad_first_row = codes.iter().position(|&c| is_bad(c));
        }
    }
    t.inferred.source = Some((codes, pool));
    t.inferred
}

fn text_or_empty(codes: Vec<u32>, pool: StringPool) -> ColumnData {
    if pool.is_empty() {
        ColumnData::Empty { len: codes.len() }
    } else {
        ColumnData::Text { codes, pool }
    }
}

/// A typed column, or `None` for text; with the codes that failed the type.
struct Typed {
    inferred: Inferred,
    bad: Option<Vec<bool>>,
}

fn infer_type(
    codes: &[u32],
    pool: &StringPool,
    counts: &[u64],
    total: u64,
    ctx: Context,
) -> Option<Typed> {
    if total == 0 {
        return None;
    }
    // The pool's values read in place (a vector of them held 16 bytes a
    // distinct value while every type was tried).
    let values = pool;
    (!ctx.header_says_count)
        .then(|| as_bool(codes, values))
        .flatten()
        .or_else(|| {
            ctx.header_says_date
                .then(|| as_excel_dates(codes, values, counts, total))
                .flatten()
        })
        .or_else(|| as_dates(codes, values, counts, total, ctx))
        .or_else(|| as_numbers(codes, values, counts, total, ctx))
}

fn plain(data: ColumnData) -> Typed {
    Typed {
        inferred: Inferred {
            data,
            format: None,
            decimal: None,
            ambiguous: false,
            bad_count: 0,
            bad_first_row: None,
            missing: 0,
            currencies: Tally::default(),
            source: None,
        },
        bad: None,
    }
}

fn typed(
    data: ColumnData,
    format: Option<String>,
    decimal: Option<Decimal>,
    ambiguous: bool,
    bad: Vec<bool>,
) -> Typed {
    Typed {
        inferred: Inferred {
            data,
            format,
            decimal,
            ambiguous,
            bad_count: 0,
            bad_first_row: None,
            missing: 0,
            currencies: Tally::default(),
            source: None,
        },
        bad: Some(bad),
    }
}

fn map_codes<T: Copy>(codes: &[u32], table: &[T], missing: T) -> Vec<T> {
    codes
        .iter()
        .map(|&c| table.get(c as usize).copied().unwrap_or(missing))
        .collect()
}

fn as_bool(codes: &[u32], values: &StringPool) -> Option<Typed> {
    // Stops at the first value that is not a yes/no.
    let parsed: Vec<Option<bool>> = values
        .iter()
        .map(|v| parse_bool(v).map(Some))
        .collect::<Option<_>>()?;
    // `0`/`1` alone are counts as often as flags: only both together, or words, make a bool.
    let words = values.iter().any(|v| !matches!(v.trim(), "0" | "1"));
    let both = parsed.contains(&Some(true)) && parsed.contains(&Some(false));
    if !words && !both {
        return None;
    }
    let bools = codes
        .iter()
        .map(|&c| {
            if c == MISSING_CODE {
                None
            } else {
                parsed.get(c as usize).copied().flatten()
            }
        })
        .collect();
    Some(plain(ColumnData::Bool(bools)))
}

fn as_excel_dates(codes: &[u32], values: &StringPool, counts: &[u64], total: u64) -> Option<Typed> {
    let days = parse_enough(values, counts, total, |v| {
        let n = number::parse(v, Decimal::Dot)?;
        if n.fract() != 0.0 || !(20_000.0..=80_000.0).contains(&n) {
            return None;
        }
        date::from_excel_serial(n)
    })?;
    let ok = weight_of_some(&days, counts);
    if !fits_enough(ok, total) {
        return None;
    }
    let bad = days.iter().map(Option::is_none).collect();
    let table: Vec<i32> = days.iter().map(|d| d.unwrap_or(MISSING_DAY)).collect();
    let data = ColumnData::Date {
        days: map_codes(codes, &table, MISSING_DAY),
        format: "excel serial".into(),
    };
    Some(typed(data, Some("excel serial".into()), None, false, bad))
}

fn as_dates(
    codes: &[u32],
    values: &StringPool,
    counts: &[u64],
    total: u64,
    ctx: Context,
) -> Option<Typed> {
    let parsed = parse_enough(values, counts, total, date::parse)?;
    let ok = weight_of_some(&parsed, counts);
    if !fits_enough(ok, total) {
        return None;
    }
    // A first number above 12 is a day; a second one above 12 means month-first.
    let (mut day_first, mut month_first) = (0u64, 0u64);
    let mut style = None;
    let mut any_time = false;
    for ((p, s), &n) in parsed.iter().flatten().zip(counts) {
        style.get_or_insert(*s);
        if let Parsed::Numeric { a, b, secs, .. } = p {
            day_first += if *a > 12 { n } else { 0 };
            month_first += if *b > 12 { n } else { 0 };
            any_time |= secs.is_some();
        } else if let Parsed::Exact { secs, .. } = p {
            any_time |= secs.is_some();
        }
    }
    let has_numeric = parsed
        .iter()
        .flatten()
        .any(|(p, _)| matches!(p, Parsed::Numeric { .. }));
    let ambiguous = has_numeric && day_first == 0 && month_first == 0;
    let order = if day_first > month_first || (ambiguous && ctx.french_style) {
        Order::DayFirst
    } else if month_first > day_first || ambiguous {
        Order::MonthFirst
    } else if ctx.french_style {
        Order::DayFirst
    } else {
        Order::MonthFirst
    };
    let resolved: Vec<Option<(i32, Option<u32>)>> = parsed
        .iter()
        .map(|p| p.and_then(|(p, _)| date::resolve(p, order)))
        .collect();
    let bad = resolved.iter().map(Option::is_none).collect();
    let format = date::format_string(style.unwrap_or_default(), order, any_time);
    let data = if any_time {
        let table: Vec<i64> = resolved
            .iter()
            .map(|r| match r {
                Some((d, s)) => *d as i64 * 86_400 + s.unwrap_or(0) as i64,
                None => MISSING_SECS,
            })
            .collect();
        ColumnData::DateTime {
            secs: map_codes(codes, &table, MISSING_SECS),
            format: format.clone(),
        }
    } else {
        let table: Vec<i32> = resolved
            .iter()
            .map(|r| r.map_or(MISSING_DAY, |(d, _)| d))
            .collect();
        ColumnData::Date {
            days: map_codes(codes, &table, MISSING_DAY),
            format: format.clone(),
        }
    };
    Some(typed(data, Some(format), None, ambiguous, bad))
}

fn as_numbers(
    codes: &[u32],
    values: &StringPool,
    counts: &[u64],
    total: u64,
    ctx: Context,
) -> Option<Typed> {
    // A value that fits no decimal separator parses with neither.
    let fits = parse_enough(values, counts, total, number::fits)?;
    if fits.iter().flatten().any(|f| f.leading_zero) {
        return None; // `01234`: a code, keep its zeros.
    }
    let weight = |pred: &dyn Fn(&number::Fits) -> bool| -> u64 {
        fits.iter()
            .zip(counts)
            .filter(|(f, _)| f.as_ref().is_some_and(pred))
            .map(|(_, n)| n)
            .sum()
    };
    let (dot, comma) = (weight(&|f| f.dot), weight(&|f| f.comma));
    let decimal = if comma > dot || (comma == dot && ctx.french_style) {
        Decimal::Comma
    } else {
        Decimal::Dot
    };
    let parsed: Vec<Option<f64>> = values.iter().map(|v| number::parse(v, decimal)).collect();
    let ok = weight_of_some(&parsed, counts);
    if !fits_enough(ok, total) {
        return None;
    }
    let integer = fits.iter().zip(&parsed).all(|(f, p)| match (f, p) {
        (Some(f), Some(_)) => {
            !f.scaled
                && match decimal {
                    Decimal::Dot => !f.has_dot,
                    Decimal::Comma => !f.has_comma,
                }
        }
        _ => true,
    });
    // The parser saw each value's currency while stripping it: weighed
    // here by the value's cells, with no second look at the text.
    let mut currencies = Tally::default();
    for ((f, p), &n) in fits.iter().zip(&parsed).zip(counts) {
        if let (Some(c), Some(_)) = (f.as_ref().and_then(|f| f.currency), p) {
            currencies.add(c, n);
        }
    }
    let bad = parsed.iter().map(Option::is_none).collect();
    let table: Vec<f64> = parsed.iter().map(|p| p.unwrap_or(f64::NAN)).collect();
    let data = ColumnData::Number {
        values: map_codes(codes, &table, f64::NAN),
        integer,
        decimal,
    };
    let mut t = typed(data, None, Some(decimal), false, bad);
    t.inferred.currencies = currencies;
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(cells: &[&str]) -> (Vec<u32>, StringPool) {
        let mut pool = StringPool::default();
        let mut codes = Vec::new();
        for &c in cells {
            let found = pool.iter().position(|v| v == c);
            let code = match found {
                Some(i) => i as u32,
                None => pool.push(c),
            };
            codes.push(code);
        }
        (codes, pool)
    }

    const CTX: Context = Context {
        french_style: true,
        header_says_date: false,
        header_says_count: false,
    };

    #[test]
    fn a_type_needs_ninety_five_cells_in_a_hundred() {
        // 95 numbers and 5 words: exactly enough; 94 and 6: text. The words
        // come first, so giving up early must count weights, not values.
        for (numbers, is_number) in [(95, true), (94, false)] {
            let words: Vec<String> = (0..100 - numbers).map(|i| format!("mot{i}")).collect();
            let mut cells: Vec<&str> = words.iter().map(String::as_str).collect();
            cells.extend(std::iter::repeat_n("12,5", numbers));
            let (codes, pool) = column(&cells);
            let inferred = infer(codes, pool, CTX);
            match inferred.data {
                ColumnData::Number { ref values, .. } => {
                    assert!(is_number, "{numbers} numbers made a number column");
                    assert_eq!(values[99], 12.5);
                    assert_eq!(inferred.bad_count, 5);
                }
                ColumnData::Text { .. } => assert!(!is_number, "{numbers} numbers stayed text"),
                _ => panic!("neither number nor text"),
            }
        }
    }

    #[test]
    fn currencies_are_counted_per_cell_on_parsed_values() {
        use crate::currency::Currency;
        // `12 €` twice, `$3` once, a plain value, and a word (a bad cell: not counted).
        let mut cells = vec!["12 €", "$3", "12 €", "7"];
        cells.extend(std::iter::repeat_n("5", 36));
        cells.push("abc €");
        let (codes, pool) = column(&cells);
        let inferred = infer(codes, pool, CTX);
        assert!(matches!(inferred.data, ColumnData::Number { .. }));
        assert_eq!(
            inferred.currencies.counts(),
            [(Currency::Eur, 2), (Currency::Usd, 1)].into()
        );
        // Text columns count nothing.
        let (codes, pool) = column(&["Nord €", "Sud $", "Est"]);
        assert!(infer(codes, pool, CTX).currencies.is_empty());
    }

    #[test]
    fn one_frequent_value_outweighs_many_rare_ones() {
        // Three distinct words, then one date on 97 rows: a date column.
        let mut cells = vec!["a", "b", "c"];
        cells.extend(std::iter::repeat_n("05/03/2024", 97));
        let (codes, pool) = column(&cells);
        let inferred = infer(codes, pool, CTX);
        assert!(matches!(inferred.data, ColumnData::Date { .. }));
        assert_eq!(inferred.bad_count, 3);
    }

    #[test]
    fn gives_up_once_too_many_cells_failed() {
        let counts = [1, 1, 1, 1, 1, 1, 94];
        let mut values = StringPool::default();
        for v in ["x", "y", "z", "t", "u", "v", "1"] {
            values.push(v);
        }
        let tried = std::cell::Cell::new(0);
        let out = parse_enough(&values, &counts, 100, |v| {
            tried.set(tried.get() + 1);
            v.parse::<f64>().ok()
        });
        assert!(out.is_none());
        assert_eq!(tried.get(), 6, "stopped at the sixth failure");
    }
}
