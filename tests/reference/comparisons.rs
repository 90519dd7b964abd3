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
