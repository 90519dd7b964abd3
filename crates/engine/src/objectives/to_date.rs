//! What part of a period is measured on "today": objectives and alert rules
//! count the data up to today, never the days after it, even when an export
//! holds them (KPIS.md, "Objectives and levels").

use crate::kpi::{self, Period, Query, Workspace};
use crate::messages::Reason;
use crate::parse::date::Days;

/// The query's today, else the last date in the data (`None` without dated data).
pub(super) fn today(ws: &Workspace, base: &Query) -> Option<Days> {
    base.today.or_else(|| kpi::data_span(ws).map(|p| p.to))
}

/// The days of `p` measured on `today`: from its start to today, the whole
/// period once it is over (or without a today), and none before it starts.
pub(super) fn measured(p: Period, today: Option<Days>) -> Option<Period> {
    match today {
        Some(t) if t < p.from => None,
        Some(t) if t < p.to => Some(Period::new(p.from, t)),
        _ => Some(p),
    }
}

/// Why a period that has not started has no figure yet.
pub(super) fn not_started(p: Period, today: Option<Days>) -> Reason {
    Reason::NotStarted {
        from: p.from_label(),
        today: today
            .map(|t| Period::new(t, t).from_label())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::date::days_from_ymd;

    fn day(y: i32, m: u32, d: u32) -> Days {
        days_from_ymd(y, m, d).unwrap_or_default()
    }

    #[test]
    fn from_the_start_to_today_within_the_period() {
        let q3 = Period::new(day(2024, 7, 1), day(2024, 9, 30));
        let on = |t: Option<Days>| measured(q3, t);
        assert_eq!(on(Some(day(2024, 6, 30))), None);
        assert_eq!(
            on(Some(day(2024, 7, 1))),
            Some(Period::new(day(2024, 7, 1), day(2024, 7, 1)))
        );
        assert_eq!(
            on(Some(day(2024, 8, 15))),
            Some(Period::new(day(2024, 7, 1), day(2024, 8, 15)))
        );
        assert_eq!(on(Some(day(2024, 9, 30))), Some(q3));
        assert_eq!(on(Some(day(2025, 1, 1))), Some(q3));
        assert_eq!(on(None), Some(q3));
        assert_eq!(
            not_started(q3, Some(day(2024, 6, 30))),
            Reason::NotStarted {
                from: "2024-07-01".into(),
                today: "2024-06-30".into()
            }
        );
    }
}
