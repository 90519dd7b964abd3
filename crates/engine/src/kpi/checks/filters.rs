//! Filters are never silently ignored (KPIS.md, Filters). A filter on a
//! field no table has is an error for the command line and a note in the
//! report; a value no row has is a note with the nearest values; a table
//! that cannot take a filter (no such column, no join giving it) gives no
//! figure under it, rather than its unfiltered ones.

use crate::kpi::core::catalogue::CATALOGUE;
use crate::kpi::core::closest::closest;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::sources;
use crate::kpi::model::filters::FILTER_FIELDS;
use crate::kpi::model::Workspace;
use crate::kpi::model::{Filters, Model};
use crate::kpi::prepared::Prepared;
use crate::messages::{FilterError, Note, Reason};
use crate::report::{KpiValue, Report};
use crate::schema::{normalize, Field, Kind};

/// What a filter can be asked on: the dashboard's dimensions.
pub const FILTERABLE: [Field; 8] = FILTER_FIELDS;

/// Why these filters cannot be asked of this workspace: a field that is
/// not one to filter on, or that no table has. Said with the fields that
/// can be, for the command line to refuse the query.
pub fn filter_error(ws: &Workspace, prepared: &Prepared, filters: &Filters) -> Option<FilterError> {
    let model = Model::scanned(ws, Some(&prepared.scans), &Filters::new());
    let fields = present(&model);
    let (&field, _) = filters
        .iter()
        .find(|(f, v)| !v.is_empty() && !fields.contains(f))?;
    Some(if FILTERABLE.contains(&field) {
        FilterError::NoTableHas { field, fields }
    } else {
        FilterError::NotAFilter { field, fields }
    })
}

/// The fields of [`FILTERABLE`] that some fact table has, as a column or
/// through a join: those the rows here can be filtered on.
fn present(model: &Model) -> Vec<Field> {
    FILTERABLE
        .into_iter()
        .filter(|&f| {
            model
                .facts
                .iter()
                .any(|fact| model.keyed(fact, f).is_some())
        })
        .collect()
}

/// Says in the report's notes what the filters could not do, and takes
/// out the figures of tables a filter cannot apply to: their KPIs become
/// unavailable with the reason, their breakdowns, cohorts, funnel and rep
/// view columns are dropped. Runs last, over the finished report.
pub(crate) fn check(model: &Model, filters: &Filters, r: &mut Report) {
    let asked: Vec<(Field, &[String])> = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(&f, v)| (f, v.as_slice()))
        .collect();
    if asked.is_empty() {
        return;
    }
    for &(field, values) in &asked {
        if model.facts.iter().all(|f| model.keyed(f, field).is_none()) {
            let fields = present(model);
            r.notes.push(Note::NoTableHas { field, fields });
        } else {
            unmatched(model, field, values, r);
        }
    }
    // Per table kind read, why it cannot be filtered (the first filter it cannot take).
    let blocked: Vec<(Kind, Reason)> = Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let fact = model.fact(kind)?;
            let (field, _) = asked
                .iter()
                .find(|(f, _)| model.keyed(fact, *f).is_none())?;
            let file = fact.view.file().to_string();
            let field = *field;
            if model.facts.iter().any(|f| model.keyed(f, field).is_some()) {
                r.notes.push(Note::LeftOut {
                    file: file.clone(),
                    field,
                });
            }
            Some((kind, Reason::Unfilterable { file, field }))
        })
        .collect();
    if blocked.is_empty() {
        return;
    }
    // The reason a figure reading these tables is left out, if one is
    // blocked; `by_rep`: it reads only the tables with a rep.
    let why = |reads: &[&[Kind]], by_rep: bool| -> Option<&Reason> {
        reads.iter().find_map(|kinds| {
            let read = kinds.iter().find(|&&k| {
                model
                    .fact(k)
                    .is_some_and(|f| !by_rep || f.view.attr(Field::Rep).is_some())
            })?;
            blocked
                .iter()
                .find(|(k, _)| k == read)
                .map(|(_, reason)| reason)
        })
    };
    for d in CATALOGUE {
        if let Some(reason) = why(&sources::of_kpi(d), sources::through_rep(d)) {
            r.kpis.insert(
                d.id.to_string(),
                KpiValue {
                    unit: Some(d.unit),
                    ..KpiValue::unavailable(reason.clone())
                },
            );
        }
    }
    // A breakdown this file does not know cannot be shown to be filtered.
    r.breakdowns.retain(|id, _| {
        id.parse::<BreakdownId>()
            .is_ok_and(|b| why(sources::of_breakdown(b), false).is_none())
    });
    let is_blocked = |kind: Kind| blocked.iter().any(|(k, _)| *k == kind);
    if is_blocked(Kind::Sales) {
        r.cohorts.clear();
    }
    if is_blocked(Kind::Opportunities) {
        r.funnel.clear();
    }
    let (sales, deals, acts) = (
        is_blocked(Kind::Sales),
        is_blocked(Kind::Opportunities),
        is_blocked(Kind::Activities),
    );
    if sales || deals || acts {
        rep_view(r, sales, deals, acts);
    }
}

/// A note for each asked value that no table has, with the nearest names.
fn unmatched(model: &Model, field: Field, values: &[String], r: &mut Report) {
    // Every name of the field, in the tables' pools (own column or the
    // joined dimension's): a value found there is in some table's row.
    let pools: Vec<_> = model
        .facts
        .iter()
        .filter_map(|f| model.keyed(f, field))
        .collect();
    let names = || {
        pools
            .iter()
            .flat_map(|k| (0..k.names.distinct() as u32).map(|c| k.names.name(c)))
    };
    for v in values {
        let wanted = normalize(v);
        if names().any(|n| normalize(n) == wanted) {
            continue;
        }
        r.notes.push(Note::NoRowHas {
            field,
            value: v.clone(),
            closest: closest(v, names())
                .into_iter()
                .map(str::to_string)
                .collect(),
        });
    }
}

/// The rep view without the columns of tables that cannot be filtered; a
/// rep left with nothing is left out.
fn rep_view(r: &mut Report, sales: bool, deals: bool, activities: bool) {
    for row in &mut r.reps {
        if sales {
            row.revenue = None;
            row.margin = None;
            row.orders = None;
            row.avg_order_value = None;
            row.visits_per_order = None;
        }
        if deals {
            row.won_deals = None;
            row.won_revenue = None;
            row.win_rate = None;
            row.avg_sales_cycle_days = None;
        }
        if activities {
            row.visits = None;
            row.visits_per_order = None;
        }
    }
    r.reps.retain(|row| {
        [
            row.revenue,
            row.margin,
            row.orders,
            row.avg_order_value,
            row.won_deals,
            row.won_revenue,
            row.win_rate,
            row.avg_sales_cycle_days,
            row.visits,
            row.visits_per_order,
        ]
        .iter()
        .any(Option::is_some)
    });
}
