//! The dashboard's charts: which builder draws each one, which breakdown is
//! its table view, and in which unit its values read.

use crate::charts::{self, Orientation};
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::{t, Lang, Text};
use charming::Chart;

pub struct ChartSpec {
    /// The element id ECharts mounts on, and the chart's key in `chart_title`.
    pub id: &'static str,
    pub build: fn(&Report, Lang) -> Option<Chart>,
    /// The breakdown shown by the table view.
    pub table: &'static str,
    pub unit: Unit,
}

/// The KPI whose missing data also leaves this chart empty (to say why).
pub fn reason_kpi(chart_id: &str) -> &'static str {
    match chart_id {
        "margin-by-month" => "gross_margin",
        "new-vs-lost" | "cohorts" | "new-customers" => "new_customers",
        "lost-customers" => "lost_customers",
        "funnel" => "pipeline_value",
        "won-revenue-by-rep" | "win-rate-by-rep" | "sales-cycle" => "win_rate",
        "lead-response" => "lead_response_hours",
        "activity-by-rep" => "calls",
        "cac-by-month" => "acquisition_cost",
        "spend-by-channel" | "campaign-roi" => "marketing_spend",
        "nps" => "nps",
        "receivables-aging" => "receivables_outstanding",
        _ => "revenue",
    }
}

fn bars(r: &Report, id: &str, lang: Lang, limit: usize, o: Orientation) -> Option<Chart> {
    charts::breakdown_bars(r, id, t(lang, Text::Revenue), limit, o, lang)
}

pub const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        id: "revenue-by-month",
        build: charts::revenue_by_month,
        table: "revenue_by_month",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "margin-by-month",
        build: charts::margin_by_month,
        table: "margin_by_month",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "revenue-by-rep",
        build: |r, l| bars(r, "revenue_by_rep", l, 20, Orientation::Horizontal),
        table: "revenue_by_rep",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "revenue-by-region",
        build: |r, l| bars(r, "revenue_by_region", l, 20, Orientation::Horizontal),
        table: "revenue_by_region",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "revenue-by-sector",
        build: |r, l| bars(r, "revenue_by_sector", l, 20, Orientation::Horizontal),
        table: "revenue_by_sector",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "revenue-by-channel",
        build: |r, l| bars(r, "revenue_by_channel", l, 20, Orientation::Horizontal),
        table: "revenue_by_channel",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "revenue-by-product",
        build: |r, l| bars(r, "revenue_by_product", l, 15, Orientation::Horizontal),
        table: "revenue_by_product",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "top-customers",
        build: |r, l| bars(r, "top_customers", l, 10, Orientation::Horizontal),
        table: "top_customers",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "new-vs-lost",
        build: charts::new_vs_lost,
        table: "new_customers_by_month",
        unit: Unit::Count,
    },
    // Who the new and lost customers are: the chart shows the largest, the
    // table view all the report lists (50).
    ChartSpec {
        id: "new-customers",
        build: |r, l| bars(r, "new_customers_list", l, 15, Orientation::Horizontal),
        table: "new_customers_list",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "lost-customers",
        build: |r, l| bars(r, "lost_customers_list", l, 15, Orientation::Horizontal),
        table: "lost_customers_list",
        unit: Unit::Currency,
    },
    ChartSpec {
        id: "cohorts",
        build: charts::cohort_heatmap,
        table: "new_customers_by_month",
        unit: Unit::Count,
    },
    ChartSpec {
        id: "funnel",
        build: charts::funnel,
        table: "pipeline_by_stage",
        unit: Unit::Count,
    },
    ChartSpec {
        id: "won-revenue-by-rep",
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
        id: "win-rate-by-rep",
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
        id: "sales-cycle",
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
        id: "lead-response",
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
        id: "activity-by-rep",
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
        id: "cac-by-month",
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
        id: "spend-by-channel",
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
        id: "campaign-roi",
        build: |r, l| {
            charts::breakdown_bars(r, "campaign_roi", "ROI", 10, Orientation::Horizontal, l)
        },
        table: "campaign_roi",
        unit: Unit::Ratio,
    },
    ChartSpec {
        id: "nps",
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
        id: "receivables-aging",
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
