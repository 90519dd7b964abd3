//! The KPI engine on the real exports, against values computed independently
//! by `tests/expected/compute.py` (Python standard library only), through the
//! library and through `cadran kpis`.

mod common;

use cadran::engine::kpi::{self, Period, Query, Workspace};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::{self, Options};
use cadran::locale::said_report;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;
use std::sync::OnceLock;

/// Reports with their reasons and notes in English, as `cadran kpis` prints them.
type Report = cadran::engine::Report<cadran::engine::messages::Said>;

fn expected() -> &'static Value {
    static E: OnceLock<Value> = OnceLock::new();
    E.get_or_init(|| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/expected/compute.py");
        let out = Command::new("python3")
            .arg(script)
            .arg(common::data(""))
            .output()
            .expect("python3 runs the expected-values script");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("the script prints JSON")
    })
}

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

fn value(r: &Report, id: &str) -> f64 {
    r.kpis[id]
        .value
        .unwrap_or_else(|| panic!("{id}: {:?}", r.kpis[id]))
}

fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 0.005 + b.abs() * 1e-12,
        "{what}: engine {a} vs expected {b}"
    );
}

fn breakdown(r: &Report, id: &str) -> BTreeMap<String, f64> {
    r.breakdown(id)
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect()
}

fn same_map(got: &BTreeMap<String, f64>, want: &Value, what: &str) {
    let want = want.as_object().expect("object");
    let non_zero: Vec<&String> = got
        .iter()
        .filter(|(_, v)| **v != 0.0)
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        non_zero.len(),
        want.len(),
        "{what}: keys {non_zero:?} vs {:?}",
        want.keys().collect::<Vec<_>>()
    );
    for (k, v) in want {
        close(
            got.get(k).copied().unwrap_or(f64::NAN),
            v.as_f64().unwrap(),
            &format!("{what}[{k}]"),
        );
    }
}

const SUPERSTORE: &str = "superstore/Superstore.csv";
const CRM: [&str; 4] = [
    "crm_sales_opportunities/sales_pipeline.csv",
    "crm_sales_opportunities/sales_teams.csv",
    "crm_sales_opportunities/accounts.csv",
    "crm_sales_opportunities/products.csv",
];

fn check_superstore(r: &Report) {
    let e = &expected()["superstore"];
    for id in [
        "revenue",
        "gross_margin",
        "margin_rate",
        "order_count",
        "avg_order_value",
    ] {
        close(value(r, id), e[id].as_f64().unwrap(), id);
    }
    same_map(
        &breakdown(r, "revenue_by_region"),
        &e["revenue_by_region"],
        "revenue_by_region",
    );
    same_map(
        &breakdown(r, "revenue_by_year"),
        &e["revenue_by_year"],
        "revenue_by_year",
    );
    let top = r.breakdown("top_customers");
    let want = e["top_customers"].as_array().unwrap();
    assert_eq!(top.len(), 10);
    for (got, want) in top.iter().zip(want) {
        assert_eq!(got.key, want[0].as_str().unwrap());
        close(got.value, want[1].as_f64().unwrap(), &got.key);
    }
    assert_eq!(top[0].key, "Sean Miller");
}

#[test]
fn superstore_through_the_library() {
    let ws = workspace(&[SUPERSTORE]);
    let r = said_report(kpi::report(&ws, &Query::default()));
    check_superstore(&r);
    // New customers per calendar year: first purchase in the whole data set in that year.
    for (year, n) in expected()["superstore"]["new_customers_by_year"]
        .as_object()
        .unwrap()
    {
        let y: i32 = year.parse().unwrap();
        let q = Query {
            period: Some(Period::new(
                days_from_ymd(y, 1, 1).unwrap(),
                days_from_ymd(y, 12, 31).unwrap(),
            )),
            ..Query::default()
        };
        assert_eq!(
            value(&said_report(kpi::report(&ws, &q)), "new_customers"),
            n.as_f64().unwrap(),
            "{year}"
        );
    }
}

fn path(rel: &str) -> String {
    common::data(rel).display().to_string()
}

#[test]
fn superstore_through_the_command_line() {
    check_superstore(&common::cli(&["kpis".into(), path(SUPERSTORE)]));
}

fn check_crm(r: &Report) {
    let e = &expected()["crm"];
    for id in [
        "win_rate",
        "won_deals",
        "won_revenue",
        "avg_deal_value",
        "avg_sales_cycle_days",
    ] {
        close(value(r, id), e[id].as_f64().unwrap(), id);
    }
    let stages: BTreeMap<String, f64> = r
        .funnel
        .iter()
        .map(|s| (s.stage.clone(), s.count as f64))
        .collect();
    same_map(&stages, &e["deals_by_stage"], "deals by stage");
    same_map(
        &breakdown(r, "won_revenue_by_rep"),
        &e["won_revenue_by_agent"],
        "by agent",
    );
    same_map(
        &breakdown(r, "won_revenue_by_manager"),
        &e["won_revenue_by_manager"],
        "by manager",
    );
    same_map(
        &breakdown(r, "won_revenue_by_region"),
        &e["won_revenue_by_office"],
        "by office",
    );
    same_map(
        &breakdown(r, "won_revenue_by_month"),
        &e["won_revenue_by_month"],
        "by month",
    );
    close(
        value(r, "open_opportunities"),
        e["open_deals"].as_f64().unwrap(),
        "open deals",
    );
    close(
        value(r, "pipeline_value"),
        e["open_pipeline_list_price"].as_f64().unwrap(),
        "open pipeline at list price",
    );
    assert!(
        r.relations.iter().all(|rel| rel.unmatched_rows == 0),
        "{:?}",
        r.relations
    );
}

#[test]
fn crm_tables_through_the_library() {
    let r = said_report(kpi::report(&workspace(&CRM), &Query::default()));
    check_crm(&r);
    assert!(
        r.notes.iter().any(|n| n.contains("2089 opportunities")),
        "{:?}",
        r.notes
    );
}

#[test]
fn crm_tables_through_the_command_line() {
    let mut args = vec!["kpis".to_string()];
    args.extend(CRM.iter().map(|f| path(f)));
    check_crm(&common::cli(&args));
}

#[test]
fn filters_go_through_joins() {
    // A manager is not a column of the pipeline: it comes from sales_teams.csv.
    let ws = workspace(&CRM);
    let mut q = Query::default();
    q.filters
        .insert(engine::Field::Manager, vec!["Melvin Marxen".into()]);
    let r = said_report(kpi::report(&ws, &q));
    let want = expected()["crm"]["won_revenue_by_manager"]["Melvin Marxen"]
        .as_f64()
        .unwrap();
    close(
        value(&r, "won_revenue"),
        want,
        "won revenue of Melvin Marxen's team",
    );
    // The same through the command line.
    let mut args = vec![
        "kpis".to_string(),
        "--where".into(),
        "manager=Melvin Marxen".into(),
    ];
    args.extend(CRM.iter().map(|f| path(f)));
    close(
        value(&common::cli(&args), "won_revenue"),
        want,
        "cli --where manager",
    );
}

/// A report with the tables prepared once is the report computed afresh,
/// for any period, filter or stage probabilities; tables that are not the
/// ones prepared (another file, a remapped one) are prepared again.
#[test]
fn prepared_tables_give_the_same_reports() {
    use cadran::engine::kpi::Prepared;
    use cadran::engine::Field;
    let json = |r: &Report| serde_json::to_string(r).expect("a report serialises");
    let crm = workspace(&CRM);
    let demo = common::demo_workspace(7, 3_000);
    let mut queries = vec![Query::default()];
    let mut q = Query {
        period: Some(Period::new(
            days_from_ymd(2017, 4, 1).unwrap(),
            days_from_ymd(2017, 6, 30).unwrap(),
        )),
        ..Query::default()
    };
    q.filters
        .insert(Field::Manager, vec!["Dustin Brinkmann".into()]);
    queries.push(q);
    let mut q = Query::default();
    q.filters.insert(Field::Sector, vec!["retail".into()]);
    q.stage_probabilities.insert("Engaging".into(), 0.6);
    queries.push(q);
    let mut q = Query {
        preset: Some(kpi::Preset::LastQuarter),
        ..Query::default()
    };
    q.filters.insert(Field::Region, vec!["Occitanie".into()]);
    queries.push(q);
    // The settings' stage probability moves the weighted pipeline: the
    // prepared probabilities (built-in ones) must not be used for it.
    let weighted = |q: &Query| value(&said_report(kpi::report(&crm, q)), "weighted_pipeline");
    let mut sector_only = queries[2].clone();
    sector_only.stage_probabilities.clear();
    assert_ne!(weighted(&queries[2]), weighted(&sector_only));
    for ws in [&crm, &demo] {
        let prepared = Prepared::new(ws);
        assert!(prepared.fits(ws));
        for q in &queries {
            assert_eq!(
                json(&said_report(kpi::report_prepared(ws, &prepared, q))),
                json(&said_report(kpi::report(ws, q))),
                "{q:?}"
            );
        }
    }
    // Prepared from other tables: not used.
    let other = Prepared::new(&demo);
    assert!(!other.fits(&crm));
    let q = &queries[1];
    assert_eq!(
        json(&said_report(kpi::report_prepared(&crm, &other, q))),
        json(&said_report(kpi::report(&crm, q)))
    );
    // The same tables with a column mapped otherwise: prepared again.
    let mut remapped = crm.clone();
    let pipeline = remapped
        .tables
        .iter_mut()
        .find(|t| t.mapping.kind == cadran::engine::Kind::Opportunities)
        .expect("the pipeline table");
    let before = pipeline.mapping.clone();
    pipeline.mapping.fields.remove(&Field::Amount);
    assert_ne!(pipeline.mapping, before);
    let prepared = Prepared::new(&crm);
    assert!(!prepared.fits(&remapped));
    assert_eq!(
        json(&said_report(kpi::report_prepared(
            &remapped,
            &prepared,
            &queries[0]
        ))),
        json(&said_report(kpi::report(&remapped, &queries[0])))
    );
}

/// A filter that keeps every row gives the report without a filter, for
/// any period: what is prepared for reports without one (customers' first
/// purchases, orders summed) and what a filter makes per report (the same
/// from its rows, orders kept whole) agree. (The engine's own tests
/// compare orders walked whole with rows walked one by one.)
#[test]
fn a_filter_keeping_every_row_gives_the_report_without_one() {
    use cadran::engine::{demo, Field};
    let json = |r: &Report| serde_json::to_value(r).expect("a report serialises");
    let superstore = workspace(&[SUPERSTORE]);
    // The sales table alone: the other tables have rows of no region.
    let mut demo_ws = common::demo_workspace(11, 4_000);
    demo_ws
        .tables
        .retain(|t| t.mapping.kind == cadran::engine::Kind::Sales);
    let cases = [
        (
            &superstore,
            vec!["Central", "East", "South", "West"],
            (2016, 4, 1),
        ),
        (&demo_ws, demo::REGIONS.to_vec(), (2025, 1, 1)),
    ];
    for (ws, regions, quarter_from) in cases {
        let quarter = Period::new(
            days_from_ymd(quarter_from.0, quarter_from.1, quarter_from.2).unwrap(),
            days_from_ymd(quarter_from.0, quarter_from.1 + 2, 30).unwrap(),
        );
        for period in [None, Some(quarter)] {
            let whole = Query {
                period,
                ..Query::default()
            };
            let mut every_region = whole.clone();
            every_region.filters.insert(
                Field::Region,
                regions.iter().map(|r| r.to_string()).collect(),
            );
            let (a, b) = (
                said_report(kpi::report(ws, &whole)),
                said_report(kpi::report(ws, &every_region)),
            );
            assert!(value(&a, "revenue") > 0.0);
            assert_eq!(json(&a)["kpis"], json(&b)["kpis"], "{period:?}");
            for part in ["breakdowns", "cohorts", "reps"] {
                assert_eq!(json(&a)[part], json(&b)[part], "{part} {period:?}");
            }
        }
    }
}
