//! The dashboard's charts: which builder draws each one, which breakdown is
//! its table view, and in which unit its values read.

use crate::charts::{self, ChartId, Orientation};
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::{t, Lang, Text};
use charming::Chart;

pub struct ChartSpec {
    /// The element id ECharts mounts on, and the chart's key in `chart_title`.
    pub id: ChartId,
    pub build: fn(&Report, Lang) -> Option<Chart>,
    /// The breakdown shown by the table view.
    pub table: &'static str,
    pub unit: Unit,
}

/// The KPI whose missing data also leaves this chart empty (to say why).
pub fn reason_kpi(chart: ChartId) -> &'static str {
    match chart {
        ChartId::MarginByMonth => "gross_margin",
        ChartId::NewVsLost | ChartId::Cohorts | ChartId::NewCustomers => "new_customers",
        ChartId::LostCustomers => "lost_customers",
        ChartId::Funnel => "pipeline_value",
        ChartId::WonRevenueByRep | ChartId::WinRateByRep | ChartId::SalesCycle => "win_rate",
        ChartId::LeadResponse => "lead_response_hours",
        ChartId::ActivityByRep => "calls",
        ChartId::CacByMonth => "acquisition_cost",
        ChartId::SpendByChannel | ChartId::CampaignRoi => "marketing_spend",
        ChartId::Nps => "nps",
        ChartId::ReceivablesAging => "receivables_outstanding",
        ChartId::RevenueByMonth
        | ChartId::RevenueByRep
        | ChartId::RevenueByRegion
        | ChartId::RevenueBySector
        | ChartId::RevenueByChannel
        | ChartId::RevenueByProduct
        | ChartId::TopCustomers => "revenue",
    }
}

fn bars(r: &Report, id: &str, lang: Lang, limit: usize, o: Orientation) -> Option<Chart> {
    charts::breakdown_bars(r, id, t(lang, Text::Revenue), limit, o, lang)
}

pub const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        id: ChartId::RevenueByMonth,
        build: charts::revenue_by_month,
        table: "revenue_by_month",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::MarginByMonth,
        build: charts::margin_by_month,
        table: "margin_by_month",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByRep,
        build: |r, l| bars(r, "revenue_by_rep", l, 20, Orientation::Horizontal),
        table: "revenue_by_rep",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByRegion,
        build: |r, l| bars(r, "revenue_by_region", l, 20, Orientation::Horizontal),
        table: "revenue_by_region",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueBySector,
        build: |r, l| bars(r, "revenue_by_sector", l, 20, Orientation::Horizontal),
        table: "revenue_by_sector",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByChannel,
        build: |r, l| bars(r, "revenue_by_channel", l, 20, Orientation::Horizontal),
        table: "revenue_by_channel",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByProduct,
        build: |r, l| bars(r, "revenue_by_product", l, 15, Orientation::Horizontal),
        table: "revenue_by_product",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::TopCustomers,
        build: |r, l| bars(r, "top_customers", l, 10, Orientation::Horizontal),
        table: "top_customers",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::NewVsLost,
        build: charts::new_vs_lost,
        table: "new_customers_by_month",
        unit: Unit::Count,
    },
    // Who the new and lost customers are: the chart shows the largest, the
    // table view all the report lists (50).
    ChartSpec {
        id: ChartId::NewCustomers,
        build: |r, l| bars(r, "new_customers_list", l, 15, Orientation::Horizontal),
        table: "new_customers_list",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::LostCustomers,
        build: |r, l| bars(r, "lost_customers_list", l, 15, Orientation::Horizontal),
        table: "lost_customers_list",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::Cohorts,
        build: charts::cohort_heatmap,
        table: "new_customers_by_month",
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::Funnel,
        build: charts::funnel,
        table: "pipeline_by_stage",
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::WonRevenueByRep,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "won_revenue_by_rep",
                t(l, Text::Amount),
                20,
                Orientation::Horizontal,
                l,
            )
        },
        table: "won_revenue_by_rep",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::WinRateByRep,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "win_rate_by_rep",
                t(l, Text::Deals),
                20,
                Orientation::Horizontal,
                l,
            )
        },
        table: "win_rate_by_rep",
        unit: Unit::Ratio,
    },
    ChartSpec {
        id: ChartId::SalesCycle,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "sales_cycle_distribution",
                t(l, Text::Deals),
                10,
                Orientation::Vertical,
                l,
            )
        },
        table: "sales_cycle_distribution",
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::LeadResponse,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "lead_response_distribution",
                t(l, Text::Leads),
                5,
                Orientation::Vertical,
                l,
            )
        },
        table: "lead_response_distribution",
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::ActivityByRep,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "activities_by_rep",
                t(l, Text::Contacts),
                20,
                Orientation::Horizontal,
                l,
            )
        },
        table: "activities_by_rep",
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::CacByMonth,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "acquisition_cost_by_month",
                "CAC",
                36,
                Orientation::Vertical,
                l,
            )
        },
        table: "acquisition_cost_by_month",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::SpendByChannel,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "spend_by_channel",
                t(l, Text::Amount),
                10,
                Orientation::Horizontal,
                l,
            )
        },
        table: "spend_by_channel",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::CampaignRoi,
        build: |r, l| {
            charts::breakdown_bars(r, "campaign_roi", "ROI", 10, Orientation::Horizontal, l)
        },
        table: "campaign_roi",
        unit: Unit::Ratio,
    },
    ChartSpec {
        id: ChartId::Nps,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "nps_breakdown",
                t(l, Text::Answers),
                3,
                Orientation::Vertical,
                l,
            )
        },
        table: "nps_breakdown",
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::ReceivablesAging,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                "receivables_aging",
                t(l, Text::Amount),
                5,
                Orientation::Vertical,
                l,
            )
        },
        table: "receivables_aging",
        unit: Unit::Currency,
    },
];
