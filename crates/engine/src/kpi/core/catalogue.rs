//! The KPI catalogue of KPIS.md as one table in code: id, labels, unit,
//! direction and what data it needs. The UI, the CLI and the docs read it.

use super::ids::id_enum;
use crate::messages::Need;
use crate::report::Unit;
use serde::Serialize;

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

/// The families of KPIS.md, in dashboard order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Revenue,
    Customers,
    Pipeline,
    Prospecting,
    Activity,
    Marketing,
    Satisfaction,
    Receivables,
    Team,
}

impl Family {
    /// Every family, in dashboard order.
    pub const ALL: [Family; 9] = [
        Family::Revenue,
        Family::Customers,
        Family::Pipeline,
        Family::Prospecting,
        Family::Activity,
        Family::Marketing,
        Family::Satisfaction,
        Family::Receivables,
        Family::Team,
    ];
}

id_enum! {
    /// A KPI of the catalogue, in catalogue order (`CATALOGUE[id as usize]`
    /// is its row). A new KPI: its variant here, its row below.
    KpiId {
        Revenue = "revenue",
        RevenueGrowth = "revenue_growth",
        OrderCount = "order_count",
        AvgOrderValue = "avg_order_value",
        GrossMargin = "gross_margin",
        MarginRate = "margin_rate",
        RevenuePerRep = "revenue_per_rep",
        UnitsSold = "units_sold",
        ActiveCustomers = "active_customers",
        NewCustomers = "new_customers",
        LostCustomers = "lost_customers",
        RetentionRate = "retention_rate",
        ChurnRate = "churn_rate",
        RepeatRate = "repeat_rate",
        FirstPurchaseValue = "first_purchase_value",
        NewOpportunities = "new_opportunities",
        OpenOpportunities = "open_opportunities",
        PipelineValue = "pipeline_value",
        WeightedPipeline = "weighted_pipeline",
        WonDeals = "won_deals",
        WonRevenue = "won_revenue",
        WinRate = "win_rate",
        AvgDealValue = "avg_deal_value",
        AvgSalesCycleDays = "avg_sales_cycle_days",
        OpportunityConversionRate = "opportunity_conversion_rate",
        LeadCount = "lead_count",
        LeadQualificationRate = "lead_qualification_rate",
        LeadConversionRate = "lead_conversion_rate",
        LeadResponseHours = "lead_response_hours",
        HotLeadsAssigned = "hot_leads_assigned",
        Calls = "calls",
        Visits = "visits",
        Meetings = "meetings",
        VisitsPerRepMonth = "visits_per_rep_month",
        VisitsPerOrder = "visits_per_order",
        CallEfficiency = "call_efficiency",
        ContactsPerSale = "contacts_per_sale",
        SellingTimeShare = "selling_time_share",
        AcquisitionCost = "acquisition_cost",
        MarketingSpend = "marketing_spend",
        CartAbandonmentRate = "cart_abandonment_rate",
        Nps = "nps",
        Complaints = "complaints",
        ReceivablesOutstanding = "receivables_outstanding",
        ReceivablesOverdue = "receivables_overdue",
        DsoDays = "dso_days",
        TimeToFirstSaleDays = "time_to_first_sale_days",
        ActiveReps = "active_reps",
    }
}

/// One scalar KPI.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KpiDef {
    /// Its id; `id` is its text, kept for what reads ids as text.
    #[serde(skip)]
    pub kpi: KpiId,
    pub id: &'static str,
    pub family: Family,
    pub fr: &'static str,
    pub en: &'static str,
    pub unit: Unit,
    pub better: Better,
    /// Sums and counts: an objective's projection is the run rate.
    pub additive: bool,
    /// What data it needs, said when it is unavailable (worded by `locale`).
    #[serde(skip)]
    pub needs: Need,
}

use Better::{Higher as Up, Lower as Down, Neither};
use Family::*;
use KpiId as K;
use Unit::{Count, Currency, Days, Hours, Ratio, Score};

// What each KPI needs, in the rows' words (`locale::need` says it).
const SALES: Need = Need::Sales;
const SALES_CUSTOMER: Need = Need::SalesCustomer;
const SALES_MARGIN: Need = Need::SalesMargin;
const SALES_REP: Need = Need::SalesRep;
const SALES_QTY: Need = Need::SalesQuantity;
const OPPS: Need = Need::Opportunities;
const OPPS_CLOSE: Need = Need::OpportunitiesClose;
const LEADS: Need = Need::Leads;
const LEADS_CONTACT: Need = Need::LeadsContact;
const LEADS_TEMP: Need = Need::LeadsTemperature;
const ACTS: Need = Need::Activities;
const ACTS_DURATION: Need = Need::ActivitiesDuration;
const SPEND: Need = Need::Spend;
const CARTS: Need = Need::Carts;
const FEEDBACK: Need = Need::Feedback;
const COMPLAINTS: Need = Need::Complaints;
const INVOICES: Need = Need::Invoices;
const INVOICES_DUE: Need = Need::InvoicesDue;
const TEAM_HIRE: Need = Need::TeamHire;
const REPS: Need = Need::Reps;

#[allow(clippy::too_many_arguments)] // one row of the table, in the table's column order
const fn k(
    kpi: KpiId,
    family: Family,
    fr: &'static str,
    en: &'static str,
    unit: Unit,
    better: Better,
    additive: bool,
    needs: Need,
) -> KpiDef {
    KpiDef {
        kpi,
        id: kpi.as_str(),
        family,
        fr,
        en,
        unit,
        better,
        additive,
        needs,
    }
}

/// Every scalar KPI of KPIS.md.
pub const CATALOGUE: &[KpiDef] = &[
    k(
        K::Revenue,
        Revenue,
        "Chiffre d'affaires",
        "Revenue",
        Currency,
        Up,
        true,
        SALES,
    ),
    k(
        K::RevenueGrowth,
        Revenue,
        "Croissance du CA",
        "Revenue growth",
        Ratio,
        Up,
        false,
        SALES,
    ),
    k(
        K::OrderCount,
        Revenue,
        "Nombre de commandes",
        "Orders",
        Count,
        Up,
        true,
        SALES,
    ),
    k(
        K::AvgOrderValue,
        Revenue,
        "Panier moyen",
        "Average order value",
        Currency,
        Up,
        false,
        SALES,
    ),
    k(
        K::GrossMargin,
        Revenue,
        "Marge brute",
        "Gross margin",
        Currency,
        Up,
        true,
        SALES_MARGIN,
    ),
    k(
        K::MarginRate,
        Revenue,
        "Taux de marge",
        "Margin rate",
        Ratio,
        Up,
        false,
        SALES_MARGIN,
    ),
    k(
        K::RevenuePerRep,
        Revenue,
        "CA par commercial",
        "Revenue per rep",
        Currency,
        Up,
        false,
        SALES_REP,
    ),
    k(
        K::UnitsSold,
        Revenue,
        "Unités vendues",
        "Units sold",
        Count,
        Up,
        true,
        SALES_QTY,
    ),
    k(
        K::ActiveCustomers,
        Customers,
        "Clients actifs",
        "Active customers",
        Count,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        K::NewCustomers,
        Customers,
        "Nouveaux clients",
        "New customers",
        Count,
        Up,
        true,
        SALES_CUSTOMER,
    ),
    k(
        K::LostCustomers,
        Customers,
        "Clients perdus",
        "Lost customers",
        Count,
        Down,
        true,
        SALES_CUSTOMER,
    ),
    k(
        K::RetentionRate,
        Customers,
        "Taux de rétention",
        "Retention rate",
        Ratio,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        K::ChurnRate,
        Customers,
        "Taux d'attrition",
        "Churn rate",
        Ratio,
        Down,
        false,
        SALES_CUSTOMER,
    ),
    k(
        K::RepeatRate,
        Customers,
        "Taux de réachat",
        "Repeat purchase rate",
        Ratio,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        K::FirstPurchaseValue,
        Customers,
        "Valeur du premier achat",
        "First purchase value",
        Currency,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        K::NewOpportunities,
        Pipeline,
        "Nouvelles opportunités",
        "New opportunities",
        Count,
        Up,
        true,
        OPPS,
    ),
    k(
        K::OpenOpportunities,
        Pipeline,
        "Opportunités en cours",
        "Open opportunities",
        Count,
        Neither,
        false,
        OPPS,
    ),
    k(
        K::PipelineValue,
        Pipeline,
        "Pipe total",
        "Pipeline value",
        Currency,
        Up,
        false,
        OPPS,
    ),
    k(
        K::WeightedPipeline,
        Pipeline,
        "Pipe pondéré",
        "Weighted pipeline",
        Currency,
        Up,
        false,
        OPPS,
    ),
    k(
        K::WonDeals,
        Pipeline,
        "Affaires signées",
        "Deals won",
        Count,
        Up,
        true,
        OPPS_CLOSE,
    ),
    k(
        K::WonRevenue,
        Pipeline,
        "CA signé",
        "Won revenue",
        Currency,
        Up,
        true,
        OPPS_CLOSE,
    ),
    k(
        K::WinRate,
        Pipeline,
        "Taux de signature",
        "Win rate",
        Ratio,
        Up,
        false,
        OPPS_CLOSE,
    ),
    k(
        K::AvgDealValue,
        Pipeline,
        "Montant moyen signé",
        "Average deal value",
        Currency,
        Up,
        false,
        OPPS_CLOSE,
    ),
    k(
        K::AvgSalesCycleDays,
        Pipeline,
        "Durée moyenne du cycle de vente",
        "Average sales cycle",
        Days,
        Down,
        false,
        OPPS_CLOSE,
    ),
    k(
        K::OpportunityConversionRate,
        Pipeline,
        "Taux de conversion des opportunités",
        "Opportunity conversion rate",
        Ratio,
        Up,
        false,
        OPPS,
    ),
    k(
        K::LeadCount,
        Prospecting,
        "Nombre de prospects",
        "Leads",
        Count,
        Up,
        true,
        LEADS,
    ),
    k(
        K::LeadQualificationRate,
        Prospecting,
        "Taux de qualification",
        "Lead-to-opportunity rate",
        Ratio,
        Up,
        false,
        LEADS,
    ),
    k(
        K::LeadConversionRate,
        Prospecting,
        "Taux de conversion prospects → clients",
        "Lead-to-customer rate",
        Ratio,
        Up,
        false,
        LEADS,
    ),
    k(
        K::LeadResponseHours,
        Prospecting,
        "Délai de premier contact",
        "Lead response time",
        Hours,
        Down,
        false,
        LEADS_CONTACT,
    ),
    k(
        K::HotLeadsAssigned,
        Prospecting,
        "Prospects chauds affectés",
        "Hot leads assigned",
        Count,
        Up,
        true,
        LEADS_TEMP,
    ),
    k(K::Calls, Activity, "Appels", "Calls", Count, Up, true, ACTS),
    k(
        K::Visits,
        Activity,
        "Visites",
        "Visits",
        Count,
        Up,
        true,
        ACTS,
    ),
    k(
        K::Meetings,
        Activity,
        "Rendez-vous",
        "Meetings",
        Count,
        Up,
        true,
        ACTS,
    ),
    k(
        K::VisitsPerRepMonth,
        Activity,
        "Visites par commercial et par mois",
        "Visits per rep per month",
        Count,
        Up,
        false,
        ACTS,
    ),
    k(
        K::VisitsPerOrder,
        Activity,
        "Ratio visites / commandes",
        "Visits per order",
        Count,
        Down,
        false,
        ACTS,
    ),
    k(
        K::CallEfficiency,
        Activity,
        "Efficience (ventes / appels)",
        "Sales per call",
        Ratio,
        Up,
        false,
        ACTS,
    ),
    k(
        K::ContactsPerSale,
        Activity,
        "Contacts par vente",
        "Contacts per sale",
        Count,
        Down,
        false,
        ACTS,
    ),
    k(
        K::SellingTimeShare,
        Activity,
        "Temps de vente active",
        "Selling time share",
        Ratio,
        Up,
        false,
        ACTS_DURATION,
    ),
    k(
        K::AcquisitionCost,
        Marketing,
        "Coût d'acquisition client (CAC)",
        "Customer acquisition cost",
        Currency,
        Down,
        false,
        SPEND,
    ),
    k(
        K::MarketingSpend,
        Marketing,
        "Dépenses marketing et commerciales",
        "Marketing and sales spend",
        Currency,
        Down,
        true,
        SPEND,
    ),
    k(
        K::CartAbandonmentRate,
        Marketing,
        "Taux d'abandon de panier",
        "Cart abandonment",
        Ratio,
        Down,
        false,
        CARTS,
    ),
    k(
        K::Nps,
        Satisfaction,
        "Net Promoter Score",
        "Net Promoter Score",
        Score,
        Up,
        false,
        FEEDBACK,
    ),
    k(
        K::Complaints,
        Satisfaction,
        "Réclamations",
        "Complaints",
        Count,
        Down,
        true,
        COMPLAINTS,
    ),
    k(
        K::ReceivablesOutstanding,
        Receivables,
        "Encours clients",
        "Outstanding receivables",
        Currency,
        Down,
        false,
        INVOICES,
    ),
    k(
        K::ReceivablesOverdue,
        Receivables,
        "Encours échu",
        "Overdue receivables",
        Currency,
        Down,
        false,
        INVOICES_DUE,
    ),
    k(
        K::DsoDays,
        Receivables,
        "DSO (délai moyen de paiement)",
        "Days sales outstanding",
        Days,
        Down,
        false,
        INVOICES,
    ),
    k(
        K::TimeToFirstSaleDays,
        Team,
        "Délai de première vente",
        "Time to first sale",
        Days,
        Down,
        false,
        TEAM_HIRE,
    ),
    k(
        K::ActiveReps,
        Team,
        "Commerciaux actifs",
        "Active reps",
        Count,
        Neither,
        false,
        REPS,
    ),
];

// One row per KPI, in the order of `KpiId`: a KPI without its row, or a
// row out of place, does not compile.
const _: () = {
    assert!(
        CATALOGUE.len() == KpiId::ALL.len(),
        "one catalogue row per KpiId"
    );
    let mut i = 0;
    while i < CATALOGUE.len() {
        assert!(
            CATALOGUE[i].kpi as usize == i,
            "catalogue rows in KpiId order"
        );
        i += 1;
    }
};

impl KpiId {
    /// Its catalogue row.
    pub fn def(self) -> &'static KpiDef {
        &CATALOGUE[self as usize]
    }
}

/// The definition of a KPI id written as text (a set-up file, a link, the
/// command line); `None` for text that is no KPI id.
pub fn def(id: &str) -> Option<&'static KpiDef> {
    id.parse::<KpiId>().ok().map(KpiId::def)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_labelled() {
        for (i, d) in CATALOGUE.iter().enumerate() {
            assert!(!d.fr.is_empty() && !d.en.is_empty(), "{}", d.id);
            assert!(
                CATALOGUE[i + 1..].iter().all(|o| o.id != d.id),
                "duplicate {}",
                d.id
            );
        }
        assert_eq!(def("win_rate").map(|d| d.unit), Some(Ratio));
        assert_eq!(def("churn_rate").map(|d| d.better), Some(Down));
        assert!(def("nope").is_none());
    }
}
