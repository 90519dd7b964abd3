//! Deciding a column's type from its distinct values, then turning its codes
//! into typed values. Values are parsed once per distinct string, not once per
//! row, so a million rows with a thousand distinct dates parse a thousand dates.

use super::parse::date::{self, Order, Parsed, Style};
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

/// Types a column from its `pool` of distinct strings and their `codes`.
pub fn infer(codes: Vec<u32>, pool: StringPool, ctx: Context) -> Inferred {
    let Some(mut t) = infer_type(&codes, &pool, ctx) else {
        return plain(text_or_empty(codes, pool)).inferred;
    };
    if let Some(bad) = t.bad.take() {
        for (row, &c) in codes.iter().enumerate() {
            if bad.get(c as usize).copied().unwrap_or(false) {
                t.inferred.bad_count += 1;
                t.inferred.bad_first_row.get_or_insert(row);
            }
        }
    }
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

fn infer_type(codes: &[u32], pool: &StringPool, ctx: Context) -> Option<Typed> {
    let mut counts = vec![0u64; pool.len()];
    for &c in codes {
        if let Some(n) = counts.get_mut(c as usize) {
            *n += 1;
        }
    }
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let values: Vec<&str> = pool.iter().collect();
    as_bool(codes, &values)
        .or_else(|| {
            ctx.header_says_date
                .then(|| as_excel_dates(codes, &values, &counts, total))
                .flatten()
        })
        .or_else(|| as_dates(codes, &values, &counts, total, ctx))
        .or_else(|| as_numbers(codes, &values, &counts, total, ctx))
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

fn as_bool(codes: &[u32], values: &[&str]) -> Option<Typed> {
    let parsed: Vec<Option<bool>> = values.iter().map(|v| parse_bool(v)).collect();
    if parsed.iter().any(Option::is_none) {
        return None;
    }
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

fn as_excel_dates(codes: &[u32], values: &[&str], counts: &[u64], total: u64) -> Option<Typed> {
    let days: Vec<Option<i32>> = values
        .iter()
        .map(|v| {
            let n = number::parse(v, Decimal::Dot)?;
            if n.fract() != 0.0 || !(20_000.0..=80_000.0).contains(&n) {
                return None;
            }
            date::from_excel_serial(n)
        })
        .collect();
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
    values: &[&str],
    counts: &[u64],
    total: u64,
    ctx: Context,
) -> Option<Typed> {
    let parsed: Vec<Option<(Parsed, Style)>> = values.iter().map(|v| date::parse(v)).collect();
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
    values: &[&str],
    counts: &[u64],
    total: u64,
    ctx: Context,
) -> Option<Typed> {
    let fits: Vec<Option<number::Fits>> = values.iter().map(|v| number::fits(v)).collect();
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
    let bad = parsed.iter().map(Option::is_none).collect();
    let table: Vec<f64> = parsed.iter().map(|p| p.unwrap_or(f64::NAN)).collect();
    let data = ColumnData::Number {
        values: map_codes(codes, &table, f64::NAN),
        integer,
        decimal,
    };
    Some(typed(data, None, Some(decimal), false, bad))
}
