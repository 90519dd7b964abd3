//! What the differential tests share to generate their cases and compare
//! their figures: days counted from one origin, calendar months and
//! quarters, periods of every shape, filter values (some that match
//! nothing), and the tolerance of a figure computed in another order.

use super::Span;
use cadran::engine::kpi::Period;
use cadran::engine::parse::date::days_from_ymd;
use chrono::{Datelike, Duration, Months, NaiveDate};
use proptest::prelude::*;

/// Day 0 of the generated data.
pub fn origin() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).expect("a day")
}

/// Day `n` after the origin (before it when negative).
pub fn day(n: i64) -> NaiveDate {
    origin() + Duration::days(n)
}

/// The calendar month of `d`.
pub fn month_of(d: NaiveDate) -> Span {
    let first = d.with_day(1).expect("a day");
    let next = first.checked_add_months(Months::new(1)).expect("a day");
    Span {
        from: first,
        to: next - Duration::days(1),
    }
}

/// Calendar quarter `q`, counted from the first of 2022.
pub fn quarter(q: i64) -> Span {
    let from =
        NaiveDate::from_ymd_opt(2022 + (q / 4) as i32, (q % 4) as u32 * 3 + 1, 1).expect("a day");
    let to = from.checked_add_months(Months::new(3)).expect("a day") - Duration::days(1);
    Span { from, to }
}

/// Periods of every shape: a single day, a calendar month or quarter, a
/// range across month edges, and spans before or after the data.
pub fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        (-200i64..1300).prop_map(|n| Span {
            from: day(n),
            to: day(n)
        }),
        (-200i64..1300).prop_map(|n| month_of(day(n))),
        (0i64..16).prop_map(quarter),
        (-400i64..1400, 1i64..500).prop_map(|(n, len)| Span {
            from: day(n),
            to: day(n + len)
        }),
    ]
}

/// One or two values of a list to filter on; one past the list is a value
/// no row has.
pub fn pick(names: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(0..names.len() + 1, 1..3).prop_map(move |ix| {
        ix.into_iter()
            .map(|i| names.get(i).copied().unwrap_or("Zulu").to_string())
            .collect()
    })
}

/// The engine's period for a span.
pub fn period(p: Span) -> Period {
    let day = |d: NaiveDate| days_from_ymd(d.year(), d.month(), d.day()).expect("a day");
    Period::new(day(p.from), day(p.to))
}

/// Two figures agree: both absent, or equal up to the rounding of a ratio
/// computed in another order.
pub fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        _ => false,
    }
}

/// Cases per property: 96, or `PROPTEST_CASES` for a longer search.
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96)
}

/// Each KPI whose value, previous or last-year figure differs between the
/// engine's report and the reference's (`eq` compares two figures of one
/// KPI, by its id).
pub fn kpi_differences(
    got: &cadran::engine::Report,
    want: &std::collections::BTreeMap<&'static str, [Option<f64>; 3]>,
    eq: impl Fn(&str, Option<f64>, Option<f64>) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for (id, w) in want {
        let k = got.kpi(id).cloned().unwrap_or_default();
        let g = [k.value, k.previous, k.last_year];
        // A comparison is only meaningful beside a value.
        let w = if w[0].is_none() { [None; 3] } else { *w };
        if !g.iter().zip(&w).all(|(a, b)| eq(id, *a, *b)) {
            out.push(format!("{id}: engine {g:?}, reference {w:?}"));
        }
    }
    out
}
