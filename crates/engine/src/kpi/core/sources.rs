//! Which fact tables each figure of the report reads: a filter that one of
//! them cannot take makes the figure unfiltered, so the report must know
//! (see `checks::filters`). A KPI reads its family's table ([`source`])
//! unless listed below; every breakdown is listed, and a test checks that
//! the report makes no breakdown this file does not know.

use super::catalogue::{Family, KpiDef};
use crate::schema::{Field, Kind};

/// The table a family reads, and the dates that place its rows in a period.
pub fn source(family: Family) -> Option<(Kind, &'static [Field])> {
    Some(match family {
        Family::Revenue | Family::Customers => (Kind::Sales, &[Field::Date]),
        Family::Pipeline => (Kind::Opportunities, &[Field::CreatedDate, Field::CloseDate]),
        Family::Prospecting => (Kind::Leads, &[Field::CreatedDate]),
        Family::Activity => (Kind::Activities, &[Field::Date]),
        Family::Marketing => (Kind::Spend, &[Field::Date]),
        Family::Satisfaction => (Kind::Feedback, &[Field::Date]),
        Family::Receivables => (Kind::Invoices, &[Field::IssueDate]),
        Family::Team => return None,
    })
}

/// The tables a figure reads: each entry is one table, the first of its
/// kinds that the workspace has (orders when there are sales, else won
/// deals); an entry the workspace has none of is not read.
pub type Reads = &'static [&'static [Kind]];

const SALES: Reads = &[&[Kind::Sales]];
const DEALS: Reads = &[&[Kind::Opportunities]];
const LEADS: Reads = &[&[Kind::Leads]];
const ACTIVITIES: Reads = &[&[Kind::Activities]];
const SPEND: Reads = &[&[Kind::Spend]];
const SPEND_AND_SALES: Reads = &[&[Kind::Spend], &[Kind::Sales]];
const FEEDBACK: Reads = &[&[Kind::Feedback]];
const INVOICES: Reads = &[&[Kind::Invoices]];

/// KPIs that read another table than their family's, or several.
const KPIS: &[(&str, Reads)] = &[
    // Spend over the new customers of the sales.
    ("acquisition_cost", SPEND_AND_SALES),
    // In the marketing family, but of the carts table.
    ("cart_abandonment_rate", &[&[Kind::Carts]]),
    // Activities over orders, or won deals without sales.
    (
        "call_efficiency",
        &[&[Kind::Activities], &[Kind::Sales, Kind::Opportunities]],
    ),
    (
        "contacts_per_sale",
        &[&[Kind::Activities], &[Kind::Sales, Kind::Opportunities]],
    ),
    ("visits_per_order", &[&[Kind::Activities], &[Kind::Sales]]),
    // Reps seen in any of them.
    (
        "active_reps",
        &[&[Kind::Sales], &[Kind::Opportunities], &[Kind::Activities]],
    ),
    // A rep's first sale or first won deal.
    (
        "time_to_first_sale_days",
        &[&[Kind::Sales], &[Kind::Opportunities]],
    ),
];

/// KPIs that read a table's reps alone: a table without a rep column adds
/// nothing to them, so it is not read.
const THROUGH_REP: [&str; 2] = ["active_reps", "time_to_first_sale_days"];

/// Whether a KPI reads its tables only through their rep column.
pub fn through_rep(d: &KpiDef) -> bool {
    THROUGH_REP.contains(&d.id)
}

/// Every breakdown of the report and what it reads.
pub const BREAKDOWNS: &[(&str, Reads)] = &[
    ("revenue_by_month", SALES),
    ("revenue_by_month_last_year", SALES),
    ("revenue_by_quarter", SALES),
    ("revenue_by_year", SALES),
    ("margin_by_month", SALES),
    ("revenue_by_rep", SALES),
    ("revenue_by_region", SALES),
    ("revenue_by_sector", SALES),
    ("revenue_by_channel", SALES),
    ("revenue_by_product", SALES),
    ("top_customers", SALES),
    ("revenue_without_customer", SALES),
    ("new_customers_by_month", SALES),
    ("lost_customers_by_month", SALES),
    ("new_customers_list", SALES),
    ("lost_customers_list", SALES),
    ("pipeline_by_stage", DEALS),
    ("won_revenue_by_month", DEALS),
    ("won_revenue_by_rep", DEALS),
    ("won_revenue_by_manager", DEALS),
    ("won_revenue_by_region", DEALS),
    ("won_revenue_by_sector", DEALS),
    ("won_revenue_by_product", DEALS),
    ("win_rate_by_rep", DEALS),
    ("sales_cycle_distribution", DEALS),
    ("lead_response_distribution", LEADS),
    ("activities_by_rep", ACTIVITIES),
    ("spend_by_channel", SPEND),
    ("acquisition_cost_by_month", SPEND_AND_SALES),
    ("campaign_roi", SPEND_AND_SALES),
    ("nps_breakdown", FEEDBACK),
    ("receivables_aging", INVOICES),
    ("receivables_by_customer", INVOICES),
];

/// The tables a KPI reads: its own entry, else its family's table.
pub fn of_kpi(d: &KpiDef) -> Vec<&'static [Kind]> {
    if let Some((_, reads)) = KPIS.iter().find(|(id, _)| *id == d.id) {
        return reads.to_vec();
    }
    source(d.family)
        .map(|(kind, _)| vec![table_of(kind)])
        .unwrap_or_default()
}

/// The tables a breakdown reads; `None` for one this file does not know.
pub fn of_breakdown(id: &str) -> Option<Reads> {
    BREAKDOWNS.iter().find(|(b, _)| *b == id).map(|(_, r)| *r)
}

/// A kind as a one-table entry of [`Reads`].
fn table_of(kind: Kind) -> &'static [Kind] {
    static KINDS: [Kind; Kind::ALL.len()] = Kind::ALL;
    KINDS
        .iter()
        .position(|&k| k == kind)
        .map_or(&[], |i| &KINDS[i..=i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::{def, report, Query, Workspace, CATALOGUE};

    fn demo() -> Workspace {
        let tables = crate::demo::workspace_files(7, 3_000)
            .into_iter()
            .map(|(name, bytes)| {
                crate::read(&name, &bytes, &crate::Options::default())
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"))
            })
            .collect();
        Workspace { tables }
    }

    #[test]
    fn every_breakdown_of_a_full_report_is_known() {
        let r = report(&demo(), &Query::default());
        assert!(r.breakdowns.len() > 20, "{:?}", r.breakdowns.keys());
        for id in r.breakdowns.keys() {
            assert!(of_breakdown(id).is_some(), "{id}: add it to BREAKDOWNS");
        }
    }

    #[test]
    fn kpis_read_their_familys_table_or_their_own() {
        let kinds = |id: &str| of_kpi(def(id).expect("a KPI"));
        assert_eq!(kinds("revenue"), vec![&[Kind::Sales][..]]);
        assert_eq!(kinds("win_rate"), vec![&[Kind::Opportunities][..]]);
        assert_eq!(kinds("cart_abandonment_rate"), vec![&[Kind::Carts][..]]);
        assert_eq!(
            kinds("acquisition_cost"),
            vec![&[Kind::Spend][..], &[Kind::Sales][..]]
        );
        // Every KPI reads some table.
        for d in CATALOGUE {
            assert!(!of_kpi(d).is_empty(), "{}", d.id);
        }
        for (id, _) in KPIS {
            assert!(def(id).is_some(), "{id} is not a KPI");
        }
    }
}
