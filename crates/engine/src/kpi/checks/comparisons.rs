//! Comparisons that compare like with like (KPIS.md, "Comparisons"). A
//! KPI is compared with the previous period or last year only when its own
//! table has data over that period: with the whole span of the data
//! selected, "last year" would overlap it and "previous" would lie before
//! the first row, and a growth against nothing is not a growth.

use crate::kpi::core::catalogue::{KpiDef, KpiId, CATALOGUE};
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::Period;
use crate::kpi::core::sources::source;
use crate::kpi::model::span::table_span;
use crate::kpi::model::Model;
use crate::messages::{Reason, Span};
use crate::parse::date::days_from_ymd;
use crate::report::{Change, Comparison, KpiValue, PeriodLabel, Report};
use crate::schema::{Field, Kind};
use std::collections::BTreeMap;

/// The KPIs of customers lost after the dormancy window.
const MOVES: [KpiId; 3] = [KpiId::LostCustomers, KpiId::ChurnRate, KpiId::RetentionRate];

/// How far a comparison period may reach past a table's first or last
/// date and still count as covered: an export cut a few days into a
/// month still compares with that month.
pub const SLACK_DAYS: i32 = 7;

/// Whether a table whose dates run over `data` has data over `c`.
pub fn covers(data: Period, c: Period) -> bool {
    c.from >= data.from - SLACK_DAYS && c.to <= data.to + SLACK_DAYS
}

/// The table a KPI reads and its dates: its family's, but for the carts
/// of the marketing family.
fn table_of(d: &KpiDef) -> Option<(Kind, &'static [Field])> {
    if d.kpi == KpiId::CartAbandonmentRate {
        return Some((Kind::Carts, &[Field::Date]));
    }
    source(d.family)
}

/// The data a KPI's comparisons are judged against: its table, and its
/// file's name for the reason. The team family reads several tables: the
/// span of them all.
fn data_of(model: &Model, d: &KpiDef) -> Option<(Period, Option<String>)> {
    match table_of(d) {
        Some((kind, dates)) => {
            let file = model.fact(kind)?.view.file().to_string();
            Some((table_span(model, kind, dates)?, Some(file)))
        }
        None => Some((model.span()?, None)),
    }
}

fn label(p: Period) -> PeriodLabel {
    PeriodLabel {
        from: p.from_label(),
        to: p.to_label(),
    }
}

/// Nulls each comparison its table does not cover, with the reason, and
/// gives each comparison that stays its change. `revenue_growth` is itself
/// a comparison: unavailable when the previous period is not covered.
pub(crate) fn apply(model: &Model, p: Period, r: &mut Report) {
    let (prev, ly) = (p.previous(), p.last_year());
    let w = r.dormancy_days;
    let mut spans: BTreeMap<Option<Kind>, Option<(Period, Option<String>)>> = BTreeMap::new();
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
        // A growth's own comparisons are growths: both of their periods must
        // be covered. A customer is lost, or live, after W days without a
        // purchase: the W days before the period must be covered too.
        let growth = d.kpi == KpiId::RevenueGrowth;
        let moves = MOVES.contains(&d.kpi);
        let needs = |of: Comparison, c: Period| -> Vec<(Span, Period)> {
            let mut v = vec![(Span::Compared(of), c)];
            if growth {
                v.push((Span::PeriodBeforeIt, c.previous()));
            }
            if moves {
                v.push((
                    Span::DaysBefore { days: w, of },
                    Period::new(c.from - w as i32, c.from - 1),
                ));
            }
            v
        };
        if growth {
            let previous = [(Span::Compared(Comparison::Previous), prev)];
            if let Some(reason) = first_gap(&previous, data, &file) {
                *k = KpiValue {
                    unit: k.unit,
                    ..KpiValue::unavailable(reason)
                };
                continue;
            }
        }
        let Some(value) = k.value else { continue };
        let unit = d.unit;
        let judge = |reference: &mut Option<f64>, periods: &[(Span, Period)]| {
            if let Some(reason) = first_gap(periods, data, &file) {
                *reference = None;
                return Change::unavailable(reason);
            }
            match *reference {
                Some(x) => Change::of(value, x, unit),
                None => Change::unavailable(Reason::NoComparisonData),
            }
        };
        k.vs_previous = Some(judge(&mut k.previous, &needs(Comparison::Previous, prev)));
        k.vs_last_year = Some(judge(&mut k.last_year, &needs(Comparison::LastYear, ly)));
    }
    last_years_months(model, ly, r);
}

/// Last year's months beside this year's: only the months the sales cover
/// (a chart draws a gap, not a 0, where there is no data). Their shares are
/// of last year's revenue, so only when the whole of last year is covered.
fn last_years_months(model: &Model, ly: Period, r: &mut Report) {
    const ID: &str = BreakdownId::RevenueByMonthLastYear.as_str();
    let sales = data_of(model, KpiId::Revenue.def());
    let Some((data, _)) = sales else {
        r.breakdowns.remove(ID);
        return;
    };
    let whole = covers(data, ly);
    let Some(rows) = r.breakdowns.get_mut(ID) else {
        return;
    };
    rows.retain(|row| month_within(&row.key, ly).is_some_and(|m| covers(data, m)));
    if !whole {
        rows.iter_mut().for_each(|row| row.share = None);
    }
    if rows.is_empty() {
        r.breakdowns.remove(ID);
    }
}

/// The days of month `key` (`YYYY-MM`) inside `p`.
fn month_within(key: &str, p: Period) -> Option<Period> {
    let (y, m) = key.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let first = days_from_ymd(y, m, 1)?;
    let next = if m == 12 {
        days_from_ymd(y + 1, 1, 1)
    } else {
        days_from_ymd(y, m + 1, 1)
    }?;
    let (from, to) = (first.max(p.from), (next - 1).min(p.to));
    (from <= to).then(|| Period::new(from, to))
}

/// The first of `periods` the data does not cover, said in words.
/// Why the first of `periods` the data does not cover makes a comparison unavailable.
fn first_gap(periods: &[(Span, Period)], data: Period, file: &Option<String>) -> Option<Reason> {
    periods
        .iter()
        .find(|(_, c)| !covers(data, *c))
        .map(|&(over, c)| Reason::Uncovered {
            file: file.clone(),
            over,
            span: label(c),
            data: label(data),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_month_of_last_year_is_its_days_inside_the_period() {
        let ly = p((2024, 3, 15), (2024, 6, 10));
        assert_eq!(
            month_within("2024-03", ly),
            Some(p((2024, 3, 15), (2024, 3, 31)))
        );
        assert_eq!(
            month_within("2024-04", ly),
            Some(p((2024, 4, 1), (2024, 4, 30)))
        );
        assert_eq!(
            month_within("2024-06", ly),
            Some(p((2024, 6, 1), (2024, 6, 10)))
        );
        assert_eq!(month_within("2024-07", ly), None);
        assert_eq!(
            month_within("2024-12", p((2024, 12, 1), (2025, 1, 5))),
            Some(p((2024, 12, 1), (2024, 12, 31)))
        );
        assert_eq!(month_within("total", ly), None);
    }
}
