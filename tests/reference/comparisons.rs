//! Which comparisons the reference keeps (docs/KPIS.md, "Comparisons"): a
//! KPI is compared with a period only when its table's dates, every row
//! whatever the filters, run over it — up to seven days short at either
//! end. Written from the definition, apart from the engine's check.

use super::Span;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// Whether a table whose first and last dates are `data` covers `c`.
pub fn covers(data: (NaiveDate, NaiveDate), c: Span) -> bool {
    c.from >= data.0 - Duration::days(7) && c.to <= data.1 + Duration::days(7)
}

/// The first and last of some dates.
pub fn span_of(dates: impl IntoIterator<Item = NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let mut dates = dates.into_iter().peekable();
    let first = *dates.peek()?;
    Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
}

/// Nulls the comparisons of `kpis` that a table with these dates does not
/// cover. `revenue_growth` compares a period with the one before it: its
/// value needs the previous period covered, its own comparisons both
/// their period and the one before.
pub fn keep_covered(
    kpis: &mut BTreeMap<&'static str, [Option<f64>; 3]>,
    dates: impl IntoIterator<Item = NaiveDate>,
    p: Span,
) {
    let Some(data) = span_of(dates) else { return };
    let (prev, ly) = (p.previous(), p.last_year());
    for (id, figures) in kpis.iter_mut() {
        if *id == "revenue_growth" {
            if !covers(data, prev) {
                *figures = [None; 3];
            }
            if !covers(data, prev) || !covers(data, prev.previous()) {
                figures[1] = None;
            }
            if !covers(data, ly) || !covers(data, ly.previous()) {
                figures[2] = None;
            }
            continue;
        }
        if !covers(data, prev) {
            figures[1] = None;
        }
        if !covers(data, ly) {
            figures[2] = None;
        }
    }
}

/// Nulls the comparisons of lost customers, churn and retention whose
/// `w` days before the comparison period the data does not cover: whether
/// a customer was live, or is lost, reads the purchases of those days.
pub fn keep_history(
    kpis: &mut BTreeMap<&'static str, [Option<f64>; 3]>,
    dates: impl IntoIterator<Item = NaiveDate>,
    p: Span,
    w: i64,
) {
    let Some(data) = span_of(dates) else { return };
    let before = |c: Span| Span {
        from: c.from - Duration::days(w),
        to: c.from - Duration::days(1),
    };
    for id in ["lost_customers", "churn_rate", "retention_rate"] {
        if let Some(figures) = kpis.get_mut(id) {
            if !covers(data, before(p.previous())) {
                figures[1] = None;
            }
            if !covers(data, before(p.last_year())) {
                figures[2] = None;
            }
        }
    }
}

/// Last year's months the data covers: each month's days inside last year
/// (`ly`), within the week's slack; the months outside are dropped.
pub fn covered_months(
    months: &mut BTreeMap<String, f64>,
    dates: impl IntoIterator<Item = NaiveDate>,
    ly: Span,
) {
    let Some(data) = span_of(dates) else {
        months.clear();
        return;
    };
    months.retain(|key, _| {
        let first = NaiveDate::parse_from_str(&format!("{key}-01"), "%Y-%m-%d").expect("a month");
        let last = first + chrono::Months::new(1) - Duration::days(1);
        let days = Span {
            from: first.max(ly.from),
            to: last.min(ly.to),
        };
        covers(data, days)
    });
}
