//! The KPI and breakdown ids as enums: a misspelt id is a compile error,
//! and a KPI added without its catalogue row, computation or words fails
//! to compile or a test that walks [`KpiId::ALL`]. Each serialises to
//! the snake_case id of KPIS.md (`win_rate`, `revenue_by_month`), the one
//! the JSON report, the set-up file, links and the command line use; ids
//! that arrive as text are read with [`str::parse`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Text that is no KPI or breakdown id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId(pub String);

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown id: {}", self.0)
    }
}

impl std::error::Error for UnknownId {}

/// An enum of ids, each variant with its text: `as_str`, `ALL` (in the
/// order written), `FromStr`, `Display`, `AsRef<str>` and serde as the text.
macro_rules! ids {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            /// Every id, in the order written.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The id as written in the JSON report, set-ups and links.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, UnknownId> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(UnknownId(s.to_string())),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

ids! {
    /// A KPI of the catalogue, in catalogue order (`CATALOGUE[id as usize]`
    /// is its row).
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

ids! {
    /// A breakdown of the report (`Report.breakdowns`' keys).
    BreakdownId {
        RevenueByMonth = "revenue_by_month",
        RevenueByMonthLastYear = "revenue_by_month_last_year",
        RevenueByQuarter = "revenue_by_quarter",
        RevenueByYear = "revenue_by_year",
        MarginByMonth = "margin_by_month",
        RevenueByRep = "revenue_by_rep",
        RevenueByRegion = "revenue_by_region",
        RevenueBySector = "revenue_by_sector",
        RevenueByChannel = "revenue_by_channel",
        RevenueByProduct = "revenue_by_product",
        TopCustomers = "top_customers",
        RevenueWithoutCustomer = "revenue_without_customer",
        NewCustomersByMonth = "new_customers_by_month",
        LostCustomersByMonth = "lost_customers_by_month",
        NewCustomersList = "new_customers_list",
        LostCustomersList = "lost_customers_list",
        PipelineByStage = "pipeline_by_stage",
        WonRevenueByMonth = "won_revenue_by_month",
        WonRevenueByRep = "won_revenue_by_rep",
        WonRevenueByManager = "won_revenue_by_manager",
        WonRevenueByRegion = "won_revenue_by_region",
        WonRevenueBySector = "won_revenue_by_sector",
        WonRevenueByProduct = "won_revenue_by_product",
        WinRateByRep = "win_rate_by_rep",
        SalesCycleDistribution = "sales_cycle_distribution",
        LeadResponseDistribution = "lead_response_distribution",
        ActivitiesByRep = "activities_by_rep",
        SpendByChannel = "spend_by_channel",
        AcquisitionCostByMonth = "acquisition_cost_by_month",
        CampaignRoi = "campaign_roi",
        NpsBreakdown = "nps_breakdown",
        ReceivablesAging = "receivables_aging",
        ReceivablesByCustomer = "receivables_by_customer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_as_their_text() {
        assert_eq!(KpiId::WinRate.as_str(), "win_rate");
        assert_eq!("avg_sales_cycle_days".parse(), Ok(KpiId::AvgSalesCycleDays));
        assert_eq!(
            "win-rate".parse::<KpiId>(),
            Err(UnknownId("win-rate".into()))
        );
        assert_eq!(serde_json::to_string(&KpiId::Nps).unwrap(), r#""nps""#);
        let read: BreakdownId = serde_json::from_str(r#""win_rate_by_rep""#).unwrap();
        assert_eq!(read, BreakdownId::WinRateByRep);
        assert!(serde_json::from_str::<BreakdownId>(r#""win_rate""#).is_err());
        assert_eq!(BreakdownId::RevenueByMonth.to_string(), "revenue_by_month");
    }

    #[test]
    fn every_id_is_written_once() {
        for all in [
            KpiId::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            BreakdownId::ALL.iter().map(|b| b.as_str()).collect(),
        ] {
            let mut sorted = all.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), all.len());
        }
        for (i, &k) in KpiId::ALL.iter().enumerate() {
            assert_eq!(k as usize, i);
            assert_eq!(k.as_str().parse(), Ok(k));
        }
        for &b in BreakdownId::ALL {
            assert_eq!(b.as_str().parse(), Ok(b));
        }
    }
}
