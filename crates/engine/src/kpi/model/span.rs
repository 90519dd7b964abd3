//! Where the data's dates run: the span of the fact tables' main dates (the
//! default period), and each date column's first and last day (what a
//! comparison is judged against).

use super::workspace::Workspace;
use super::{fact_views, Model};
use crate::kpi::core::period::Period;
use crate::kpi::core::view::{day_range, View};
use crate::parse::date::Days;
use crate::schema::{Field, Kind};
use std::collections::BTreeMap;

/// First and last day of the data's main dates (sales, deals, invoices…).
pub fn data_span(ws: &Workspace) -> Option<Period> {
    // The fact tables alone: their joins to dimensions do not move dates.
    span_of(fact_views(ws))
}

/// First and last day of the main dates of fact tables.
pub fn span_of<'a>(facts: impl Iterator<Item = View<'a>>) -> Option<Period> {
    let (mut lo, mut hi) = (Days::MAX, Days::MIN);
    for view in facts {
        for field in [
            Field::Date,
            Field::CreatedDate,
            Field::CloseDate,
            Field::IssueDate,
        ] {
            if let Some((first, last)) = view.col(field).and_then(day_range) {
                lo = lo.min(first);
                hi = hi.max(last);
            }
        }
    }
    (lo <= hi).then(|| Period::new(lo, hi))
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
pub(crate) fn date_ranges(model: &Model) -> BTreeMap<(Kind, Field), Period> {
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
    let range = |f: Field| match model.scans {
        Some(s) => s.date_ranges.get(&(kind, f)).copied(),
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
