//! How a family writes a KPI or a breakdown into the report, and reads a
//! KPI back.

use super::catalogue::KpiId;
use super::ids::BreakdownId;
use crate::messages::Reason;
use crate::report::{BreakdownRow, KpiValue, Report};

/// Records a scalar KPI with its comparisons, or why it is unavailable.
pub(crate) fn put(
    r: &mut Report,
    id: KpiId,
    value: Option<f64>,
    previous: Option<f64>,
    last_year: Option<f64>,
) {
    let d = id.def();
    let kv = match value.filter(|v| v.is_finite()) {
        Some(v) => KpiValue {
            value: Some(v),
            previous: previous.filter(|x| x.is_finite()),
            last_year: last_year.filter(|x| x.is_finite()),
            unit: Some(d.unit),
            ..KpiValue::default()
        },
        None => KpiValue {
            unit: Some(d.unit),
            ..KpiValue::unavailable(Reason::ZeroDenominator)
        },
    };
    r.kpis.insert(id.as_str().to_string(), kv);
}

/// Like [`put`], with the median beside the mean (durations).
pub(crate) fn put_with_median(
    r: &mut Report,
    id: KpiId,
    cur: Option<(f64, f64)>,
    previous: Option<f64>,
    last_year: Option<f64>,
) {
    put(r, id, cur.map(|c| c.0), previous, last_year);
    if let (Some(k), Some((_, median))) = (r.kpis.get_mut(id.as_str()), cur) {
        k.median = Some(median);
    }
}

/// A computed KPI's value over the period, the previous period and last year.
pub(crate) fn triple(r: &Report, id: KpiId) -> (Option<f64>, Option<f64>, Option<f64>) {
    r.kpis
        .get(id.as_str())
        .map_or((None, None, None), |k| (k.value, k.previous, k.last_year))
}

/// Records a breakdown.
pub(crate) fn set(r: &mut Report, id: BreakdownId, rows: Vec<BreakdownRow>) {
    r.breakdowns.insert(id.as_str().to_string(), rows);
}
