//! Revenue and orders (table `sales`).

use super::period::{month_key, Period};
use super::{Sum, Workspace};
use crate::engine::parse::date::Days;
use crate::engine::report::{BreakdownRow, KpiValue, Report, Unit};
use crate::engine::schema::{Field, Kind};
use crate::engine::table::Column;
use std::collections::BTreeMap;

const NEEDS_SALES: &str = "needs a sales table with a date and an amount";

/// The columns of a sales table that revenue reads.
struct Sales<'a> {
    dates: &'a Column,
    amount: Amount<'a>,
}

/// The amount column, or quantity × unit price when there is none.
enum Amount<'a> {
    Column(&'a [f64]),
    Derived(&'a [f64], &'a [f64]),
}

impl Amount<'_> {
    #[inline]
    fn at(&self, row: usize) -> f64 {
        match self {
            Amount::Column(v) => v.get(row).copied().unwrap_or(f64::NAN),
            Amount::Derived(q, p) => match (q.get(row), p.get(row)) {
                (Some(q), Some(p)) => q * p,
                _ => f64::NAN,
            },
        }
    }
}

fn sales(ws: &Workspace) -> Option<Sales<'_>> {
    let t = ws.table(Kind::Sales)?;
    let col = |f| t.mapping.column(&t.table, f);
    let dates = col(Field::Date)?;
    let amount = match col(Field::Amount).and_then(Column::numbers) {
        Some(v) => Amount::Column(v),
        None => Amount::Derived(
            col(Field::Quantity)?.numbers()?,
            col(Field::UnitPrice)?.numbers()?,
        ),
    };
    Some(Sales { dates, amount })
}

/// First and last sale dates: the default period.
pub fn data_span(ws: &Workspace) -> Option<Period> {
    let s = sales(ws)?;
    let (mut lo, mut hi) = (Days::MAX, Days::MIN);
    for row in 0..s.dates.len() {
        if let Some(d) = s.dates.day(row) {
            lo = lo.min(d);
            hi = hi.max(d);
        }
    }
    (lo <= hi).then(|| Period::new(lo, hi))
}

fn revenue(s: &Sales, p: Period) -> f64 {
    let mut sum = Sum::default();
    for row in 0..s.dates.len() {
        if s.dates.day(row).is_some_and(|d| p.contains(d)) {
            let a = s.amount.at(row);
            if !a.is_nan() {
                sum.add(a);
            }
        }
    }
    sum.value()
}

fn revenue_by_month(s: &Sales, p: Period) -> Vec<BreakdownRow> {
    let mut months: BTreeMap<String, Sum> = BTreeMap::new();
    let mut last_day = None;
    let mut last_key = String::new();
    for row in 0..s.dates.len() {
        let Some(d) = s.dates.day(row).filter(|&d| p.contains(d)) else {
            continue;
        };
        let a = s.amount.at(row);
        if a.is_nan() {
            continue;
        }
        if last_day != Some(d) {
            last_key = month_key(d);
            last_day = Some(d);
        }
        match months.get_mut(&last_key) {
            Some(sum) => sum.add(a),
            None => {
                let mut sum = Sum::default();
                sum.add(a);
                months.insert(last_key.clone(), sum);
            }
        }
    }
    let total: f64 = months.values().map(Sum::value).sum();
    months
        .into_iter()
        .map(|(key, v)| BreakdownRow {
            key,
            value: v.value(),
            share: (total != 0.0).then(|| v.value() / total),
        })
        .collect()
}

/// `revenue` with its comparisons, and `revenue_by_month`.
pub fn revenue_family(ws: &Workspace, period: Option<Period>, r: &mut Report) {
    let (Some(s), Some(p)) = (sales(ws), period) else {
        r.kpis
            .insert("revenue".into(), KpiValue::unavailable(NEEDS_SALES));
        return;
    };
    r.kpis.insert(
        "revenue".into(),
        KpiValue {
            value: Some(revenue(&s, p)),
            previous: Some(revenue(&s, p.previous())),
            last_year: Some(revenue(&s, p.last_year())),
            unit: Some(Unit::Currency),
            ..KpiValue::default()
        },
    );
    r.breakdowns
        .insert("revenue_by_month".into(), revenue_by_month(&s, p));
}
