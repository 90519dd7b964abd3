//! The KPI catalogue of KPIS.md as one table in code: id, labels, unit,
//! direction and what data it needs. The UI, the CLI and the docs read it.

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

/// One scalar KPI.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KpiDef {
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
    id: &'static str,
    family: Family,
    fr: &'static str,
    en: &'static str,
    unit: Unit,
    better: Better,
    additive: bool,
    needs: Need,
) -> KpiDef {
    KpiDef {
        id,
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
        "revenue",
        Revenue,
        "Chiffre d'affaires",
        "Revenue",
        Currency,
        Up,
        true,
        SALES,
    ),
    k(
        "revenue_growth",
        Revenue,
        "Croissance du CA",
        "Revenue growth",
        Ratio,
        Up,
        false,
        SALES,
    ),
    k(
        "order_count",
        Revenue,
        "Nombre de commandes",
        "Orders",
        Count,
        Up,
        true,
        SALES,
    ),
    k(
        "avg_order_value",
        Revenue,
        "Panier moyen",
        "Average order value",
        Currency,
        Up,
        false,
        SALES,
    ),
    k(
        "gross_margin",
        Revenue,
        "Marge brute",
        "Gross margin",
        Currency,
        Up,
        true,
        SALES_MARGIN,
    ),
    k(
        "margin_rate",
        Revenue,
        "Taux de marge",
        "Margin rate",
        Ratio,
        Up,
        false,
        SALES_MARGIN,
    ),
    k(
        "revenue_per_rep",
        Revenue,
        "CA par commercial",
        "Revenue per rep",
        Currency,
        Up,
        false,
        SALES_REP,
    ),
    k(
        "units_sold",
        Revenue,
        "Unités vendues",
        "Units sold",
        Count,
        Up,
        true,
        SALES_QTY,
    ),
    k(
        "active_customers",
        Customers,
        "Clients actifs",
        "Active customers",
        Count,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        "new_customers",
        Customers,
        "Nouveaux clients",
        "New customers",
        Count,
        Up,
        true,
        SALES_CUSTOMER,
    ),
    k(
        "lost_customers",
        Customers,
        "Clients perdus",
        "Lost customers",
        Count,
        Down,
        true,
        SALES_CUSTOMER,
    ),
    k(
        "retention_rate",
        Customers,
        "Taux de rétention",
        "Retention rate",
        Ratio,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        "churn_rate",
        Customers,
        "Taux d'attrition",
        "Churn rate",
        Ratio,
        Down,
        false,
        SALES_CUSTOMER,
    ),
    k(
        "repeat_rate",
        Customers,
        "Taux de réachat",
        "Repeat purchase rate",
        Ratio,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        "first_purchase_value",
        Customers,
        "Valeur du premier achat",
        "First purchase value",
        Currency,
        Up,
        false,
        SALES_CUSTOMER,
    ),
    k(
        "new_opportunities",
        Pipeline,
        "Nouvelles opportunités",
        "New opportunities",
        Count,
        Up,
        true,
        OPPS,
    ),
    k(
        "open_opportunities",
        Pipeline,
        "Opportunités en cours",
        "Open opportunities",
        Count,
        Neither,
        false,
        OPPS,
    ),
    k(
        "pipeline_value",
        Pipeline,
        "Pipe total",
        "Pipeline value",
        Currency,
        Up,
        false,
        OPPS,
    ),
    k(
        "weighted_pipeline",
        Pipeline,
        "Pipe pondéré",
        "Weighted pipeline",
        Currency,
        Up,
        false,
        OPPS,
    ),
    k(
        "won_deals",
        Pipeline,
        "Affaires signées",
        "Deals won",
        Count,
        Up,
        true,
        OPPS_CLOSE,
    ),
    k(
        "won_revenue",
        Pipeline,
        "CA signé",
        "Won revenue",
        Currency,
        Up,
        true,
        OPPS_CLOSE,
    ),
    k(
        "win_rate",
        Pipeline,
        "Taux de signature",
        "Win rate",
        Ratio,
        Up,
        false,
        OPPS_CLOSE,
    ),
    k(
        "avg_deal_value",
        Pipeline,
        "Montant moyen signé",
        "Average deal value",
        Currency,
        Up,
        false,
        OPPS_CLOSE,
    ),
    k(
        "avg_sales_cycle_days",
        Pipeline,
        "Durée moyenne du cycle de vente",
        "Average sales cycle",
        Days,
        Down,
        false,
        OPPS_CLOSE,
    ),
    k(
        "opportunity_conversion_rate",
        Pipeline,
        "Taux de conversion des opportunités",
        "Opportunity conversion rate",
        Ratio,
        Up,
        false,
        OPPS,
    ),
    k(
        "lead_count",
        Prospecting,
        "Nombre de prospects",
        "Leads",
        Count,
        Up,
        true,
        LEADS,
    ),
    k(
        "lead_qualification_rate",
        Prospecting,
        "Taux de qualification",
        "Lead-to-opportunity rate",
        Ratio,
        Up,
        false,
        LEADS,
    ),
    k(
        "lead_conversion_rate",
        Prospecting,
        "Taux de conversion prospects → clients",
        "Lead-to-customer rate",
        Ratio,
        Up,
        false,
        LEADS,
    ),
    k(
        "lead_response_hours",
        Prospecting,
        "Délai de premier contact",
        "Lead response time",
        Hours,
        Down,
        false,
        LEADS_CONTACT,
    ),
    k(
        "hot_leads_assigned",
        Prospecting,
        "Prospects chauds affectés",
        "Hot leads assigned",
        Count,
        Up,
        true,
        LEADS_TEMP,
    ),
    k("calls", Activity, "Appels", "Calls", Count, Up, true, ACTS),
    k(
        "visits", Activity, "Visites", "Visits", Count, Up, true, ACTS,
    ),
    k(
        "meetings",
        Activity,
        "Rendez-vous",
        "Meetings",
        Count,
        Up,
        true,
        ACTS,
    ),
    k(
        "visits_per_rep_month",
        Activity,
        "Visites par commercial et par mois",
        "Visits per rep per month",
        Count,
        Up,
        false,
        ACTS,
    ),
    k(
        "visits_per_order",
        Activity,
        "Ratio visites / commandes",
        "Visits per order",
        Count,
        Down,
        false,
        ACTS,
    ),
    k(
        "call_efficiency",
        Activity,
        "Efficience (ventes / appels)",
        "Sales per call",
        Ratio,
        Up,
        false,
        ACTS,
    ),
    k(
        "contacts_per_sale",
        Activity,
        "Contacts par vente",
        "Contacts per sale",
        Count,
        Down,
        false,
        ACTS,
    ),
    k(
        "selling_time_share",
        Activity,
        "Temps de vente active",
        "Selling time share",
        Ratio,
        Up,
        false,
        ACTS_DURATION,
    ),
    k(
        "acquisition_cost",
        Marketing,
        "Coût d'acquisition client (CAC)",
        "Customer acquisition cost",
        Currency,
        Down,
        false,
        SPEND,
    ),
    k(
        "marketing_spend",
        Marketing,
        "Dépenses marketing et commerciales",
        "Marketing and sales spend",
        Currency,
        Down,
        true,
        SPEND,
    ),
    k(
        "cart_abandonment_rate",
        Marketing,
        "Taux d'abandon de panier",
        "Cart abandonment",
        Ratio,
        Down,
        false,
        CARTS,
    ),
    k(
        "nps",
        Satisfaction,
        "Net Promoter Score",
        "Net Promoter Score",
        Score,
        Up,
        false,
        FEEDBACK,
    ),
    k(
        "complaints",
        Satisfaction,
        "Réclamations",
        "Complaints",
        Count,
        Down,
        true,
        COMPLAINTS,
    ),
    k(
        "receivables_outstanding",
        Receivables,
        "Encours clients",
        "Outstanding receivables",
        Currency,
        Down,
        false,
        INVOICES,
    ),
    k(
        "receivables_overdue",
        Receivables,
        "Encours échu",
        "Overdue receivables",
        Currency,
        Down,
        false,
        INVOICES_DUE,
    ),
    k(
        "dso_days",
        Receivables,
        "DSO (délai moyen de paiement)",
        "Days sales outstanding",
        Days,
        Down,
        false,
        INVOICES,
    ),
    k(
        "time_to_first_sale_days",
        Team,
        "Délai de première vente",
        "Time to first sale",
        Days,
        Down,
        false,
        TEAM_HIRE,
    ),
    k(
        "active_reps",
        Team,
        "Commerciaux actifs",
        "Active reps",
        Count,
        Neither,
        false,
        REPS,
    ),
];

/// The definition of a KPI id.
pub fn def(id: &str) -> Option<&'static KpiDef> {
    CATALOGUE.iter().find(|d| d.id == id)
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
