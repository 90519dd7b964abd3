//! What an aggregated sales extract cannot tell (DATA.md §4b, KPIS.md
//! "Aggregated extracts"). Its rows sum a day's order lines per customer,
//! rep, region… and count the orders of each, every order once, on the row
//! of its first line. Every figure reads the same from it as from the lines
//! but two, which are said unavailable rather than shown wrong:
//!
//! - the first purchase value: a row may hold several orders, so a new
//!   customer's first order's own total is not in it;
//! - under a product filter, the figures that count orders: an order whose
//!   lines are of several products counts on one product's row only.

use crate::kpi::core::catalogue::KpiId;
use crate::kpi::model::{Filters, Model};
use crate::kpi::prepared::sales::aggregated;
use crate::messages::{AggregateGap, Reason};
use crate::report::{KpiValue, Report};
use crate::schema::{Field, Kind};

/// The KPIs that count the sales table's orders.
const COUNT_ORDERS: [KpiId; 6] = [
    KpiId::OrderCount,
    KpiId::AvgOrderValue,
    KpiId::RepeatRate,
    KpiId::VisitsPerOrder,
    KpiId::CallEfficiency,
    KpiId::ContactsPerSale,
];

/// The fields whose value may change from one line of an order to the
/// next: a filter on one splits orders, which an extract cannot do.
const WITHIN_ORDERS: [Field; 1] = [Field::Product];

/// Makes what the extract cannot tell unavailable, with the reason. Runs
/// after the filters' check: a figure a filter already left out keeps
/// that reason, as does one whose data is missing.
pub(crate) fn check(model: &Model, filters: &Filters, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Sales) else {
        return;
    };
    if aggregated(fact).is_none() {
        return;
    }
    let file = fact.view.file().to_string();
    let mut gaps = vec![(KpiId::FirstPurchaseValue, AggregateGap::FirstPurchaseValue)];
    let splits_orders = filters
        .iter()
        .any(|(f, values)| !values.is_empty() && WITHIN_ORDERS.contains(f));
    if splits_orders {
        gaps.extend(COUNT_ORDERS.map(|id| (id, AggregateGap::OrdersByProduct)));
        for row in &mut r.reps {
            row.orders = None;
            row.avg_order_value = None;
            row.visits_per_order = None;
        }
    }
    for (id, gap) in gaps {
        let d = id.def();
        let k = r.kpis.entry(d.id.to_string()).or_default();
        if matches!(
            k.unavailable,
            Some(Reason::Needs(_) | Reason::Unfilterable { .. })
        ) {
            continue;
        }
        *k = KpiValue {
            unit: Some(d.unit),
            ..KpiValue::unavailable(Reason::Aggregated {
                file: file.clone(),
                gap,
            })
        };
    }
}
