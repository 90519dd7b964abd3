//! Which fact tables each figure of the report reads: a filter that one of
//! them cannot take makes the figure unfiltered, so the report must know
//! (see `checks::filters`). A KPI reads its family's table ([`source`])
//! unless listed below; every breakdown is listed, and a test checks that
//! the report makes no breakdown this file does not know.

use super::catalogue::{Family, KpiDef, KpiId};
use super::ids::BreakdownId;
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
const KPIS: &[(KpiId, Reads)] = &[
    // Spend over the new customers of the sales.
    (KpiId::AcquisitionCost, SPEND_AND_SALES),
    // In the marketing family, but of the carts table.
    (KpiId::CartAbandonmentRate, &[&[Kind::Carts]]),
    // Activities over orders, or won deals without sales.
    (
        KpiId::CallEfficiency,
        &[&[Kind::Activities], &[Kind::Sales, Kind::Opportunities]],
    ),
    (
        KpiId::ContactsPerSale,
        &[&[Kind::Activities], &[Kind::Sales, Kind::Opportunities]],
    ),
    (
        KpiId::VisitsPerOrder,
        &[&[Kind::Activities], &[Kind::Sales]],
    ),
    // Reps seen in any of them.
    (
        KpiId::ActiveReps,
        &[&[Kind::Sales], &[Kind::Opportunities], &[Kind::Activities]],
    ),
    // A rep's first sale or first won deal.
    (
        KpiId::TimeToFirstSaleDays,
        &[&[Kind::Sales], &[Kind::Opportunities]],
    ),
];

/// KPIs that read a table's reps alone: a table without a rep column adds
/// nothing to them, so it is not read.
const THROUGH_REP: [KpiId; 2] = [KpiId::ActiveReps, KpiId::TimeToFirstSaleDays];

/// Whether a KPI reads its tables only through their rep column.
pub fn through_rep(d: &KpiDef) -> bool {
    THROUGH_REP.contains(&d.kpi)
}

/// The tables a breakdown reads: a breakdown added without its entry
/// here does not compile.
pub fn of_breakdown(id: BreakdownId) -> Reads {
    use BreakdownId::*;
    match id {
        RevenueByMonth
        | RevenueByMonthLastYear
        | RevenueByQuarter
        | RevenueByYear
        | MarginByMonth
        | RevenueByRep
        | RevenueByRegion
        | RevenueBySector
        | RevenueByChannel
        | RevenueByProduct
        | TopCustomers
        | RevenueWithoutCustomer
        | NewCustomersByMonth
        | LostCustomersByMonth
        | NewCustomersList
        | LostCustomersList => SALES,
        PipelineByStage
        | WonRevenueByMonth
        | WonRevenueByRep
        | WonRevenueByManager
        | WonRevenueByRegion
        | WonRevenueBySector
        | WonRevenueByProduct
        | WinRateByRep
        | SalesCycleDistribution => DEALS,
        LeadResponseDistribution => LEADS,
        ActivitiesByRep => ACTIVITIES,
        SpendByChannel => SPEND,
        AcquisitionCostByMonth | CampaignRoi => SPEND_AND_SALES,
        NpsBreakdown => FEEDBACK,
        ReceivablesAging | ReceivablesByCustomer => INVOICES,
    }
}

/// The tables a KPI reads: its own entry, else its family's table.
pub fn of_kpi(d: &KpiDef) -> Vec<&'static [Kind]> {
    if let Some((_, reads)) = KPIS.iter().find(|(id, _)| *id == d.kpi) {
        return reads.to_vec();
    }
    source(d.family)
        .map(|(kind, _)| vec![table_of(kind)])
        .unwrap_or_default()
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
            assert!(
                id.parse::<BreakdownId>().is_ok(),
                "{id}: add it to BreakdownId"
            );
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
    }
}
