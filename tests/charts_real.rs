//! The dashboard's charts on real data (the demo company, Superstore, the
//! four CRM files): what ECharts is given stays readable — value axes in
//! their unit, names cut rather than overlapping, every funnel stage named,
//! legends above the plot — and each table view lists every series drawn.

mod common;

use cadran::charts::{self, chart_table, echarts_options, Orientation, Series, TableOf};
use cadran::engine::kpi::{self, BreakdownId, ChartId, Query, Workspace};
use cadran::engine::report::Unit;
use cadran::engine::{self, Options, Report};
use cadran::locale::Lang::*;
use serde_json::{json, Value};

fn workspace(files: &[&str]) -> Workspace {
    Workspace {
        tables: files
            .iter()
            .map(|f| {
                let name = f.rsplit('/').next().unwrap_or(f);
                engine::read(name, &common::read_data(f), &Options::default()).expect("readable")
            })
            .collect(),
    }
}

fn superstore() -> Report {
    kpi::report(
        &workspace(&["superstore/Superstore.csv"]),
        &Query::default(),
    )
}

fn crm() -> Report {
    let files = [
        "crm_sales_opportunities/sales_pipeline.csv",
        "crm_sales_opportunities/accounts.csv",
        "crm_sales_opportunities/products.csv",
        "crm_sales_opportunities/sales_teams.csv",
    ];
    kpi::report(&workspace(&files), &Query::default())
}

fn demo() -> Report {
    kpi::report(
        &common::demo_workspace(cadran::engine::demo::DEFAULT_SEED, 6_000),
        &Query::default(),
    )
}

/// The options of a chart that has data.
fn options(chart: Option<charming::Chart>, what: &str) -> Value {
    echarts_options(&chart.unwrap_or_else(|| panic!("{what}: no chart")))
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => vec![],
        one => vec![one],
    }
}

/// Every axis is readable: a value axis says its unit through a marker, a
/// category axis down the side cuts its names, one along the bottom hides
/// the labels that would overlap.
fn assert_readable(v: &Value, what: &str) {
    for (key, side) in [("xAxis", false), ("yAxis", true)] {
        for axis in as_list(&v[key]) {
            let label = &axis["axisLabel"];
            match axis["type"].as_str() {
                Some("value") => assert!(
                    label["formatter"]
                        .as_str()
                        .and_then(charts::marker_unit)
                        .is_some(),
                    "{what}: {key} without its unit: {axis}"
                ),
                Some("category") if side => {
                    assert_eq!(label["overflow"], json!("truncate"), "{what}: {axis}");
                    assert!(label["width"].as_f64().is_some(), "{what}: {axis}");
                }
                Some("category") => {
                    assert_eq!(label["hideOverlap"], json!(true), "{what}: {axis}")
                }
                other => panic!("{what}: {key} of type {other:?}"),
            }
        }
    }
    // A legend stands above the plot, and the plot below it.
    if v.get("legend").is_some() {
        assert_eq!(v["legend"]["top"], json!(0), "{what}");
        assert!(
            v["grid"][0]["top"].as_f64().unwrap_or(0.0) >= 32.0,
            "{what}"
        );
    }
    assert_eq!(v["grid"][0]["containLabel"], json!(true), "{what}");
}

#[test]
fn long_names_are_horizontal_bars_cut_to_a_width() {
    let r = superstore();
    for (id, limit) in [
        (BreakdownId::RevenueByProduct, 15),
        (BreakdownId::TopCustomers, 10),
        (BreakdownId::RevenueByRegion, 20),
    ] {
        let names = r.breakdown(id);
        let v = options(
            charts::breakdown_bars(
                &r,
                id,
                "CA",
                Unit::Currency,
                limit,
                Orientation::Horizontal,
                Fr,
            ),
            &format!("{id:?}"),
        );
        assert_readable(&v, &format!("{id:?}"));
        // The names down the side, all of them shown (interval 0), the largest on top.
        let shown = v["yAxis"]["data"].as_array().unwrap();
        assert_eq!(shown.len(), names.len().min(limit));
        assert_eq!(shown.last().unwrap(), &json!(names[0].key));
        assert_eq!(v["yAxis"]["axisLabel"]["interval"], json!(0.0));
        assert_eq!(
            v["xAxis"]["axisLabel"]["formatter"],
            json!("cadran:currency")
        );
    }
    // Superstore's product names are long: they are what the width cuts.
    let longest = r
        .breakdown(BreakdownId::RevenueByProduct)
        .iter()
        .take(15)
        .map(|b| b.key.chars().count())
        .max()
        .unwrap();
    assert!(longest > 40, "{longest}");
}

#[test]
fn every_chart_of_the_demo_reads_in_its_unit() {
    let r = demo();
    let built = [
        ("revenue_by_month", charts::revenue_by_month(&r, Fr)),
        ("margin_by_month", charts::margin_by_month(&r, Fr)),
        ("new_vs_lost", charts::new_vs_lost(&r, Fr)),
        ("cohorts", charts::cohort_heatmap(&r, Fr)),
        ("funnel", charts::funnel(&r, Fr)),
        (
            "win_rate_by_rep",
            charts::breakdown_bars(
                &r,
                BreakdownId::WinRateByRep,
                "x",
                Unit::Ratio,
                20,
                Orientation::Horizontal,
                Fr,
            ),
        ),
        (
            "nps",
            charts::breakdown_bars(
                &r,
                BreakdownId::NpsBreakdown,
                "x",
                Unit::Count,
                3,
                Orientation::Vertical,
                Fr,
            ),
        ),
    ];
    for (what, chart) in built {
        let v = options(chart, what);
        assert_readable(&v, what);
    }
    let v = options(
        charts::breakdown_bars(
            &r,
            BreakdownId::WinRateByRep,
            "x",
            Unit::Ratio,
            20,
            Orientation::Horizontal,
            Fr,
        ),
        "win rate",
    );
    assert_eq!(v["xAxis"]["axisLabel"]["formatter"], json!("cadran:ratio"));
    assert_eq!(v["tooltip"]["valueFormatter"], json!("cadran:ratio"));
    // New and lost customers: counts on whole ticks, and a legend above.
    let v = options(charts::new_vs_lost(&r, Fr), "new vs lost");
    assert_eq!(v["yAxis"]["axisLabel"]["formatter"], json!("cadran:count"));
    assert_eq!(v["yAxis"]["minInterval"], json!(1.0));
    assert!(v["legend"].is_object());
}

#[test]
fn the_pipe_names_every_stage_of_the_crm_files() {
    let r = crm();
    assert!(r.funnel.len() >= 4, "{:?}", r.funnel);
    let v = options(charts::funnel(&r, Fr), "funnel");
    assert_readable(&v, "funnel");
    let stages: Vec<&str> = r.funnel.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(v["yAxis"]["data"], json!(stages));
    assert_eq!(v["yAxis"]["axisLabel"]["interval"], json!(0.0));
    // Money on one axis, deals on the other, each exact in the tooltip.
    let units: Vec<&Value> = as_list(&v["xAxis"])
        .iter()
        .map(|a| &a["axisLabel"]["formatter"])
        .collect();
    assert_eq!(units, [&json!("cadran:currency"), &json!("cadran:count")]);
    let deals = &v["series"][2];
    assert_eq!(deals["xAxisIndex"], json!(1.0));
    assert_eq!(deals["tooltip"]["valueFormatter"], json!("cadran:count"));
    // Its table: the three series per stage, the same figures.
    let tb = chart_table(&r, TableOf::Funnel, ChartId::Funnel, En, false);
    assert_eq!(tb.header(), ["Stage", "Amount", "Weighted", "Deals"]);
    assert_eq!(tb.rows.len(), r.funnel.len());
    for (row, s) in tb.rows.iter().zip(&r.funnel) {
        assert_eq!(row.values, [s.amount, s.weighted, Some(s.count as f64)]);
    }
}

#[test]
fn revenue_table_has_last_year_beside_each_month() {
    // 2016 against 2015: every month of Superstore has both.
    let ws = workspace(&["superstore/Superstore.csv"]);
    let q = Query {
        period: Some(kpi::Period::new(
            engine::parse::date::days_from_ymd(2016, 1, 1).unwrap(),
            engine::parse::date::days_from_ymd(2016, 12, 31).unwrap(),
        )),
        ..Query::default()
    };
    let r = kpi::report(&ws, &q);
    let tb = chart_table(
        &r,
        TableOf::RevenueByMonth,
        ChartId::RevenueByMonth,
        Fr,
        true,
    );
    assert_eq!(
        tb.header(),
        ["Mois", "Chiffre d'affaires", "Année précédente"]
    );
    assert_eq!(tb.rows.len(), 12);
    let last_year = r.breakdown(BreakdownId::RevenueByMonthLastYear);
    assert_eq!(last_year.len(), 12);
    for (row, ly) in tb.rows.iter().zip(last_year) {
        assert_eq!(row.csv_key.as_str().replace("2016", "2015"), ly.key);
        assert_eq!(row.values[1], Some((ly.value * 100.0).round() / 100.0));
    }
    // The chart draws the same two series.
    let v = options(charts::revenue_by_month(&r, Fr), "revenue");
    assert_eq!(v["series"].as_array().map(Vec::len), Some(2));
    assert_readable(&v, "revenue");
}

#[test]
fn new_and_lost_and_cohort_tables_hold_what_the_charts_draw() {
    let r = superstore();
    let tb = chart_table(&r, TableOf::NewVsLost, ChartId::NewVsLost, En, false);
    assert_eq!(tb.header(), ["Month", "New customers", "Lost customers"]);
    let v = options(charts::new_vs_lost(&r, En), "new vs lost");
    let lost: Vec<f64> = tb.rows.iter().map(|r| r.values[1].unwrap()).collect();
    assert!(lost.iter().any(|&l| l > 0.0), "Superstore loses customers");
    // The chart draws them downwards.
    let drawn: Vec<f64> = v["series"][1]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| -x.as_f64().unwrap())
        .collect();
    assert_eq!(drawn, lost);

    // Cohorts: the size, then the heatmap's shares as percents of each month after.
    let tb = chart_table(&r, TableOf::Cohorts, ChartId::Cohorts, Fr, false);
    assert_eq!(tb.header()[..3], ["Cohorte", "Clients", "M+0"]);
    assert_eq!(tb.columns[0].unit, Unit::Count);
    assert!(tb.columns[1..].iter().all(|c| c.unit == Unit::Ratio));
    assert_eq!(tb.rows.len(), r.cohorts.len());
    let heat = options(charts::cohort_heatmap(&r, Fr), "cohorts");
    assert_readable(&heat, "cohorts");
    let cells = heat["series"][0]["data"].as_array().unwrap();
    for cell in cells {
        let (x, y, share) = (
            cell[0].as_f64().unwrap() as usize,
            cell[1].as_f64().unwrap() as usize,
            cell[2].as_f64().unwrap(),
        );
        let in_table = tb.rows[y].values[x + 1].unwrap();
        assert!((in_table - share).abs() <= 0.0005 + 1e-9, "{x},{y}");
    }
    let first = &tb.rows[0];
    assert_eq!(first.values[0], Some(r.cohorts[0].customers as f64));
    assert_eq!(
        first.values[1],
        Some(1.0),
        "everyone is active in their first month"
    );
    // Superstore's 42 cohorts: every third name, 14 lines of labels.
    assert_eq!(r.cohorts.len(), 42);
    assert_eq!(heat["yAxis"]["axisLabel"]["interval"], json!(2.0));
    // The colour scale reads in percent, at the right of the plot.
    assert_eq!(heat["visualMap"][0]["formatter"], json!("cadran:ratio"));
    assert_eq!(heat["visualMap"][0]["orient"], json!("vertical"));
}

#[test]
fn a_breakdown_table_lists_all_its_rows_under_the_series_name() {
    let r = superstore();
    let of = TableOf::Breakdown {
        id: BreakdownId::RevenueByProduct,
        series: Series::Revenue,
        unit: Unit::Currency,
    };
    for lang in [Fr, En] {
        let tb = chart_table(&r, of, ChartId::RevenueByProduct, lang, false);
        assert_eq!(tb.columns.len(), 1);
        assert_eq!(tb.columns[0].name, Series::Revenue.name(lang));
        // Rows named by the dimension they are of, not by the chart's title.
        let product = if lang == Fr { "Produit" } else { "Product" };
        assert_eq!(tb.header(), [product, Series::Revenue.name(lang)]);
        assert_eq!(
            tb.rows.len(),
            r.breakdown(BreakdownId::RevenueByProduct).len()
        );
        assert!(tb.rows.iter().all(|row| row.from_file));
    }
}
