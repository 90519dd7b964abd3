//! Comparisons that compare like with like (KPIS.md, "Comparisons"). A
//! KPI is compared with the previous period or last year only when its own
//! table has data over that period: with the whole span of the data
//! selected, "last year" would overlap it and "previous" would lie before
//! the first row, and a growth against nothing is not a growth.

use super::catalogue::{KpiDef, CATALOGUE};
use super::model::Model;
use super::period::Period;
use super::source;
use super::view::day_range;
use crate::engine::report::{Change, KpiValue, Report};
use crate::engine::schema::{Field, Kind};
use std::collections::BTreeMap;

/// How far a comparison period may reach past a table's first or last
/// date and still count as covered: an export cut a few days into a
/// month still compares with that month.
pub const SLACK_DAYS: i32 = 7;

/// Whether a table whose dates run over `data` has data over `c`.
pub fn covers(data: Period, c: Period) -> bool {
    c.from >= data.from - SLACK_DAYS && c.to <= data.to + SLACK_DAYS
}

/// The date columns a comparison can be judged against.
const DATES: [Field; 4] = [
    Field::Date,
    Field::CreatedDate,
    Field::CloseDate,
    Field::IssueDate,
];

/// First and last day of each date column of each fact table, over every
/// row whatever the filters: kept with what is prepared of the tables, as
/// scanning them took a tenth of a later report's time.
pub(super) fn date_ranges(model: &Model) -> BTreeMap<(Kind, Field), Period> {
    let mut out = BTreeMap::new();
    for fact in &model.facts {
        let kind = fact.view.kind();
        for f in DATES {
            if out.contains_key(&(kind, f)) {
                continue;
            }
            if let Some((a, b)) = fact.view.col(f).and_then(day_range) {
                out.insert((kind, f), Period::new(a, b));
            }
        }
    }
    out
}

/// First and last day of a table's dates, over every row whatever the filters.
pub fn table_span(model: &Model, kind: Kind, dates: &[Field]) -> Option<Period> {
    let fact = model.fact(kind)?;
    let range = |f: Field| match model.prepared {
        Some(p) => p.date_ranges.get(&(kind, f)).copied(),
        None => fact
            .view
            .col(f)
            .and_then(day_range)
            .map(|(a, b)| Period::new(a, b)),
    };
    let ranges: Vec<Period> = dates.iter().filter_map(|&f| range(f)).collect();
    let lo = ranges.iter().map(|r| r.from).min()?;
    let hi = ranges.iter().map(|r| r.to).max()?;
    Some(Period::new(lo, hi))
}

/// The table a KPI reads and its dates: its family's, but for the carts
/// of the marketing family.
fn table_of(d: &KpiDef) -> Option<(Kind, &'static [Field])> {
    if d.id == "cart_abandonment_rate" {
        return Some((Kind::Carts, &[Field::Date]));
    }
    source(d.family)
}

/// The data a KPI's comparisons are judged against: its table, and its
/// file's name for the reason. The team family reads several tables: the
/// span of them all.
fn data_of(model: &Model, d: &KpiDef) -> Option<(Period, String)> {
    match table_of(d) {
        Some((kind, dates)) => {
            let file = model.fact(kind)?.view.file().to_string();
            Some((table_span(model, kind, dates)?, file))
        }
        None => Some((model.span()?, "the data".to_string())),
    }
}

fn uncovered(what: &str, c: Period, data: Period, file: &str) -> String {
    format!(
        "{file} has no data over {what} ({} to {}): its dates run from {} to {}",
        c.from_label(),
        c.to_label(),
        data.from_label(),
        data.to_label()
    )
}

/// Nulls each comparison its table does not cover, with the reason, and
/// gives each comparison that stays its change. `revenue_growth` is itself
/// a comparison: unavailable when the previous period is not covered.
pub(super) fn apply(model: &Model, p: Period, r: &mut Report) {
    let (prev, ly) = (p.previous(), p.last_year());
    let mut spans: BTreeMap<Option<Kind>, Option<(Period, String)>> = BTreeMap::new();
    for d in CATALOGUE {
        let Some(k) = r.kpis.get_mut(d.id) else {
            continue;
        };
        let Some((data, file)) = spans
            .entry(table_of(d).map(|t| t.0))
            .or_insert_with(|| data_of(model, d))
            .clone()
        else {
            continue;
        };
        // A growth's own comparisons are growths: both of their periods must be covered.
        let growth = d.id == "revenue_growth";
        let needs = |what: &'static str, c: Period| -> Vec<(&'static str, Period)> {
            let mut v = vec![(what, c)];
            if growth {
                v.push(("the period before it", c.previous()));
            }
            v
        };
        if growth {
            if let Some(reason) = first_gap(&[("the previous period", prev)], data, &file) {
                *k = KpiValue {
                    unit: k.unit,
                    ..KpiValue::unavailable(reason)
                };
                continue;
            }
        }
        let Some(value) = k.value else { continue };
        let unit = d.unit;
        let judge = |reference: &mut Option<f64>, periods: &[(&str, Period)]| {
            if let Some(reason) = first_gap(periods, data, &file) {
                *reference = None;
                return Change::unavailable(reason);
            }
            match *reference {
                Some(x) => Change::of(value, x, unit),
                None => Change::unavailable("no data to compute it over the comparison period"),
            }
        };
        k.vs_previous = Some(judge(&mut k.previous, &needs("the previous period", prev)));
        k.vs_last_year = Some(judge(
            &mut k.last_year,
            &needs("the same period last year", ly),
        ));
    }
    // Last year's months beside this year's: only when last year is covered.
    let sales = super::def("revenue").and_then(|d| data_of(model, d));
    if sales.is_none_or(|(data, _)| !covers(data, ly)) {
        r.breakdowns.remove("revenue_by_month_last_year");
    }
}

/// The first of `periods` the data does not cover, said in words.
fn first_gap(periods: &[(&str, Period)], data: Period, file: &str) -> Option<String> {
    periods
        .iter()
        .find(|(_, c)| !covers(data, *c))
        .map(|(what, c)| uncovered(what, *c, data, file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::date::days_from_ymd;

    fn p(a: (i32, u32, u32), b: (i32, u32, u32)) -> Period {
        let d = |x: (i32, u32, u32)| days_from_ymd(x.0, x.1, x.2).unwrap();
        Period::new(d(a), d(b))
    }

    #[test]
    fn a_comparison_is_covered_within_a_week_of_the_data() {
        // Superstore's dates.
        let data = p((2014, 1, 3), (2017, 12, 30));
        assert!(covers(data, p((2014, 1, 1), (2014, 12, 31))));
        assert!(!covers(data, p((2013, 1, 1), (2013, 12, 31))));
        assert!(!covers(data, p((2013, 1, 3), (2016, 12, 30))));
        assert!(covers(data, p((2013, 12, 27), (2014, 1, 31))));
        assert!(!covers(data, p((2013, 12, 26), (2014, 1, 31))));
        assert!(covers(data, p((2017, 12, 1), (2018, 1, 6))));
        assert!(!covers(data, p((2017, 12, 1), (2018, 1, 7))));
    }
}
