//! Ids as enums (`KpiId`, in `catalogue.rs` beside its rows,
//! `BreakdownId` and the dashboard's `ChartId`): a misspelt id is a compile error, and a KPI added
//! without its catalogue row, computation or words fails to compile or a
//! test that walks `KpiId::ALL`. Each serialises to the snake_case id of
//! KPIS.md (`win_rate`, `revenue_by_month`), the one
//! the JSON report, the set-up file, links and the command line use; ids
//! that arrive as text are read with [`str::parse`].

use crate::schema::Field;
use std::fmt;

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
macro_rules! id_enum {
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

        impl ::std::str::FromStr for $name {
            type Err = $crate::kpi::core::ids::UnknownId;
            fn from_str(s: &str) -> Result<Self, $crate::kpi::core::ids::UnknownId> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err($crate::kpi::core::ids::UnknownId(s.to_string())),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                text.parse().map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}

pub(crate) use id_enum;

id_enum! {
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

id_enum! {
    /// A chart of the dashboard, by the kebab-case id its `data-testid`s
    /// carry (`chart-<id>`, `export-csv-<id>`, `no-data-<id>`). Each draws
    /// from the report; the id sits here, below `locale` (its title) and
    /// the page (its builder), so that neither imports the other for it.
    ChartId {
        RevenueByMonth = "revenue-by-month",
        MarginByMonth = "margin-by-month",
        RevenueByRep = "revenue-by-rep",
        RevenueByRegion = "revenue-by-region",
        RevenueBySector = "revenue-by-sector",
        RevenueByChannel = "revenue-by-channel",
        RevenueByProduct = "revenue-by-product",
        TopCustomers = "top-customers",
        NewVsLost = "new-vs-lost",
        NewCustomers = "new-customers",
        LostCustomers = "lost-customers",
        Cohorts = "cohorts",
        Funnel = "funnel",
        WonRevenueByRep = "won-revenue-by-rep",
        WinRateByRep = "win-rate-by-rep",
        SalesCycle = "sales-cycle",
        LeadResponse = "lead-response",
        ActivityByRep = "activity-by-rep",
        CacByMonth = "cac-by-month",
        SpendByChannel = "spend-by-channel",
        CampaignRoi = "campaign-roi",
        Nps = "nps",
        ReceivablesAging = "receivables-aging",
    }
}

impl ChartId {
    /// The dimension of the data a chart's bars stand for, when it is one
    /// the dashboard filters on: what its table's rows are named by, what a
    /// click on a bar filters, and the column it cannot be drawn without.
    pub fn dimension(self) -> Option<Field> {
        Some(match self {
            ChartId::RevenueByRep
            | ChartId::WonRevenueByRep
            | ChartId::WinRateByRep
            | ChartId::ActivityByRep => Field::Rep,
            ChartId::RevenueByRegion => Field::Region,
            ChartId::RevenueBySector => Field::Sector,
            ChartId::RevenueByChannel | ChartId::SpendByChannel => Field::Channel,
            ChartId::RevenueByProduct => Field::Product,
            ChartId::TopCustomers | ChartId::NewCustomers | ChartId::LostCustomers => {
                Field::Customer
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::KpiId;
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
        assert_eq!(ChartId::WinRateByRep.to_string(), "win-rate-by-rep");
        assert_eq!("cohorts".parse(), Ok(ChartId::Cohorts));
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
