//! The dashboard's charts by name. Each id is the chart's key in the
//! `data-testid`s (`chart-<id>`, `export-csv-<id>`, `no-data-<id>`), its
//! element id and its title (`locale::chart_title`): an enum, so that a
//! misspelt one is a compile error and a new one without its title too.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChartId {
    RevenueByMonth,
    MarginByMonth,
    RevenueByRep,
    RevenueByRegion,
    RevenueBySector,
    RevenueByChannel,
    RevenueByProduct,
    TopCustomers,
    NewVsLost,
    NewCustomers,
    LostCustomers,
    Cohorts,
    Funnel,
    WonRevenueByRep,
    WinRateByRep,
    SalesCycle,
    LeadResponse,
    ActivityByRep,
    CacByMonth,
    SpendByChannel,
    CampaignRoi,
    Nps,
    ReceivablesAging,
}

impl ChartId {
    /// Every chart, in dashboard order.
    pub const ALL: [ChartId; 23] = [
        ChartId::RevenueByMonth,
        ChartId::MarginByMonth,
        ChartId::RevenueByRep,
        ChartId::RevenueByRegion,
        ChartId::RevenueBySector,
        ChartId::RevenueByChannel,
        ChartId::RevenueByProduct,
        ChartId::TopCustomers,
        ChartId::NewVsLost,
        ChartId::NewCustomers,
        ChartId::LostCustomers,
        ChartId::Cohorts,
        ChartId::Funnel,
        ChartId::WonRevenueByRep,
        ChartId::WinRateByRep,
        ChartId::SalesCycle,
        ChartId::LeadResponse,
        ChartId::ActivityByRep,
        ChartId::CacByMonth,
        ChartId::SpendByChannel,
        ChartId::CampaignRoi,
        ChartId::Nps,
        ChartId::ReceivablesAging,
    ];

    /// The kebab-case id the page and its tests know it by.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartId::RevenueByMonth => "revenue-by-month",
            ChartId::MarginByMonth => "margin-by-month",
            ChartId::RevenueByRep => "revenue-by-rep",
            ChartId::RevenueByRegion => "revenue-by-region",
            ChartId::RevenueBySector => "revenue-by-sector",
            ChartId::RevenueByChannel => "revenue-by-channel",
            ChartId::RevenueByProduct => "revenue-by-product",
            ChartId::TopCustomers => "top-customers",
            ChartId::NewVsLost => "new-vs-lost",
            ChartId::NewCustomers => "new-customers",
            ChartId::LostCustomers => "lost-customers",
            ChartId::Cohorts => "cohorts",
            ChartId::Funnel => "funnel",
            ChartId::WonRevenueByRep => "won-revenue-by-rep",
            ChartId::WinRateByRep => "win-rate-by-rep",
            ChartId::SalesCycle => "sales-cycle",
            ChartId::LeadResponse => "lead-response",
            ChartId::ActivityByRep => "activity-by-rep",
            ChartId::CacByMonth => "cac-by-month",
            ChartId::SpendByChannel => "spend-by-channel",
            ChartId::CampaignRoi => "campaign-roi",
            ChartId::Nps => "nps",
            ChartId::ReceivablesAging => "receivables-aging",
        }
    }
}

impl fmt::Display for ChartId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case_and_unique() {
        for (i, c) in ChartId::ALL.iter().enumerate() {
            let id = c.as_str();
            assert!(
                id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
                "{id}"
            );
            assert!(
                ChartId::ALL[i + 1..].iter().all(|o| o.as_str() != id),
                "{id}"
            );
        }
        assert_eq!(ChartId::RevenueByMonth.to_string(), "revenue-by-month");
    }
}
