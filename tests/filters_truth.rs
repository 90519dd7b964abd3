//! Filters are never silently ignored (KPIS.md, Filters), on small files
//! whose figures are worked out by hand below: a field no table has is an
//! error for the command line, a value no row has is a note with the
//! nearest values, a table that cannot take a filter gives no figure, and a
//! filter that applies still gives the filtered figures.

mod common;

use cadran::engine::kpi::{self, Period, Query};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::Field;
use cadran::locale::said_report;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Reports with their reasons and notes in English, as `cadran kpis` prints them.
type Report = cadran::engine::Report<cadran::engine::messages::Said>;

/// Five orders in the first quarter of 2024, each with its rep and region.
/// West: O1 100 + O3 50 + O4 300 = 450, three orders, customers Alpha and
/// Charlie. East: O2 200 + O5 400 = 600. All: 1 050, four customers.
const SALES: &str = "\
Date;Order;Customer;Rep;Region;Amount
2024-01-05;O1;Alpha;Anne;West;100
2024-01-10;O2;Bravo;Bruno;East;200
2024-02-03;O3;Alpha;Anne;West;50
2024-02-20;O4;Charlie;Chloé;West;300
2024-03-15;O5;Delta;Bruno;East;400
";

/// Three leads, with neither rep nor region.
const LEADS: &str = "\
Created date;Source;Temperature
2024-01-02;Web;hot
2024-01-15;Salon;cold
2024-02-10;Web;warm
";

/// The same leads, each given to a rep: the team table gives their region.
const LEADS_WITH_REPS: &str = "\
Created date;Rep;Temperature
2024-01-02;Anne;hot
2024-01-15;Bruno;cold
2024-02-10;Chloé;warm
";

/// Spend by channel, no region: 90 + 60 = 150.
const SPEND: &str = "\
Date;Channel;Spend
2024-01-01;Web;90
2024-02-01;Salon;60
";

/// Two deals without a rep: one won for 1 000 on 1 February, one open.
const DEALS: &str = "\
Created;Close date;Stage;Amount
2024-01-03;2024-02-01;Won;1000
2024-01-20;;Proposal;500
";

/// Visits by Anne and Chloé (West), a call by Bruno (East).
const ACTIVITIES: &str = "\
Date;Rep;Type
2024-01-08;Anne;Visit
2024-02-12;Bruno;Call
2024-02-14;Chloé;Visit
";

const TEAM: &str = "\
Rep;Region;Manager
Anne;West;Marie
Bruno;East;Paul
Chloé;West;Marie
";

const FILES: [(&str, &str); 7] = [
    ("sales.csv", SALES),
    ("leads.csv", LEADS),
    ("leads_with_reps.csv", LEADS_WITH_REPS),
    ("spend.csv", SPEND),
    ("deals.csv", DEALS),
    ("activities.csv", ACTIVITIES),
    ("team.csv", TEAM),
];

fn text(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("a file of this test")
}

/// The report of these files over the first quarter of 2024, with filters.
fn report(files: &[&str], filters: &[(Field, &str)]) -> Report {
    let named: Vec<(&str, &str)> = files.iter().map(|&f| (f, text(f))).collect();
    let ws = common::workspace_of(&named);
    let day = |m, d| days_from_ymd(2024, m, d).expect("a day");
    let mut q = Query {
        period: Some(Period::new(day(1, 1), day(3, 31))),
        ..Query::default()
    };
    for (field, value) in filters {
        q.filters.entry(*field).or_default().push(value.to_string());
    }
    said_report(kpi::report(&ws, &q))
}

fn value(r: &Report, id: &str) -> Option<f64> {
    r.kpi(id).and_then(|k| k.value)
}

fn reason(r: &Report, id: &str) -> Option<String> {
    r.kpi(id).and_then(|k| k.unavailable.clone())
}

fn month(r: &Report, id: &str, key: &str) -> Option<f64> {
    r.breakdown(id)
        .iter()
        .find(|b| b.key == key)
        .map(|b| b.value)
}

/// The files written to a directory of their own, for the command line.
fn on_disk(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadran-filters-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for (name, text) in FILES {
        std::fs::write(dir.join(name), text).expect("a file written");
    }
    dir
}

fn cadran(dir: &Path, files: &[&str], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cadran"));
    cmd.arg("kpis");
    cmd.args(files.iter().map(|f| dir.join(f)));
    cmd.args(["--from", "2024-01-01", "--to", "2024-03-31"]);
    cmd.args(args);
    cmd.output().expect("cadran runs")
}

#[test]
fn a_field_no_table_has_is_an_error_on_the_command_line() {
    let dir = on_disk("field");
    // The sales have a rep, a region and a customer; no table has a manager.
    let out = cadran(&dir, &["sales.csv"], &["--where", "manager=X"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "cadran: no table has a manager: the fields you can filter on here are rep, region, customer\n"
    );
    // With the team table, the sales' reps have a manager: no error.
    let out = cadran(
        &dir,
        &["sales.csv", "team.csv"],
        &["--where", "manager=Marie"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Report = serde_json::from_slice(&out.stdout).expect("the report");
    // Marie's reps are Anne and Chloé: 100 + 50 + 300.
    assert_eq!(value(&r, "revenue"), Some(450.0));
    // A field that is not one to filter on.
    let out = cadran(&dir, &["sales.csv"], &["--where", "amount=100"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "cadran: amount is not a field to filter on: the fields you can filter on here are rep, region, customer\n"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_value_no_row_has_is_said_with_the_closest_ones() {
    let dir = on_disk("typo");
    let out = cadran(&dir, &["sales.csv"], &["--where", "region=Wset"]);
    assert_eq!(out.status.code(), Some(0));
    let note = r#"no row has region "Wset"; closest: West"#;
    // On stderr beside the report, and in it.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("cadran: note: {note}\n")
    );
    let r: Report = serde_json::from_slice(&out.stdout).expect("stdout is the report alone");
    assert_eq!(r.notes, [note]);
    assert_eq!(value(&r, "revenue"), Some(0.0));
    let _ = std::fs::remove_dir_all(dir);

    // Several values: the one that matches is not mentioned; one far from
    // every region gets no suggestion; folded names match ("west ").
    let r = report(
        &["sales.csv"],
        &[
            (Field::Region, "west "),
            (Field::Region, "Esat"),
            (Field::Region, "Nord"),
        ],
    );
    assert_eq!(
        r.notes,
        [
            r#"no row has region "Esat"; closest: East"#,
            r#"no row has region "Nord""#,
        ]
    );
    assert_eq!(value(&r, "revenue"), Some(450.0));
    // A rep through the suggestion list: "Ane" is one edit from Anne.
    let r = report(&["sales.csv"], &[(Field::Rep, "Ane")]);
    assert_eq!(r.notes, [r#"no row has rep "Ane"; closest: Anne"#]);
}

#[test]
fn tables_the_filter_cannot_apply_to_give_no_figure() {
    let all = [
        "sales.csv",
        "leads.csv",
        "spend.csv",
        "deals.csv",
        "activities.csv",
    ];
    // Without a filter every table counts.
    let r = report(&all, &[]);
    assert_eq!(value(&r, "revenue"), Some(1050.0));
    assert_eq!(value(&r, "lead_count"), Some(3.0));
    assert_eq!(value(&r, "marketing_spend"), Some(150.0));
    // 150 spent over four new customers.
    assert_eq!(value(&r, "acquisition_cost"), Some(37.5));
    assert_eq!(value(&r, "won_revenue"), Some(1000.0));
    assert_eq!(value(&r, "visits"), Some(2.0));
    assert_eq!(r.funnel.len(), 2);
    assert!(r.breakdowns.contains_key("pipeline_by_stage"));
    assert!(r.reps.iter().any(|x| x.visits.is_some()));

    // West: the sales have a region; leads, spend, deals and activities
    // have none and no team table gives one.
    let r = report(&all, &[(Field::Region, "West")]);
    assert_eq!(value(&r, "revenue"), Some(450.0));
    assert_eq!(value(&r, "order_count"), Some(3.0));
    assert_eq!(value(&r, "new_customers"), Some(2.0));
    assert_eq!(month(&r, "revenue_by_month", "2024-01"), Some(100.0));
    assert_eq!(month(&r, "revenue_by_month", "2024-02"), Some(350.0));
    for (id, file) in [
        ("lead_count", "leads.csv"),
        ("marketing_spend", "spend.csv"),
        // Spend over new customers: the spend cannot be filtered.
        ("acquisition_cost", "spend.csv"),
        ("won_revenue", "deals.csv"),
        ("open_opportunities", "deals.csv"),
        ("visits", "activities.csv"),
        // Visits over orders: the visits cannot be filtered.
        ("visits_per_order", "activities.csv"),
    ] {
        assert_eq!(value(&r, id), None, "{id}");
        assert_eq!(
            reason(&r, id).as_deref(),
            Some(
                format!("{file} has no region: this figure cannot be filtered by region").as_str()
            ),
            "{id}"
        );
    }
    // The breakdowns of those tables are dropped, the sales' kept.
    for id in [
        "pipeline_by_stage",
        "won_revenue_by_month",
        "activities_by_rep",
        "spend_by_channel",
    ] {
        assert!(!r.breakdowns.contains_key(id), "{id}");
    }
    assert!(r.funnel.is_empty());
    // The rep view keeps the sales' columns: Anne 100 + 50 in two orders,
    // Chloé 300; no visits.
    let reps: Vec<_> = r
        .reps
        .iter()
        .map(|x| (x.rep.as_str(), [x.revenue, x.orders, x.visits]))
        .collect();
    assert_eq!(
        reps,
        [
            ("Chloé", [Some(300.0), Some(1.0), None]),
            ("Anne", [Some(150.0), Some(2.0), None])
        ]
    );
    // The notes name each table left out.
    for file in ["deals.csv", "leads.csv", "activities.csv", "spend.csv"] {
        let note = format!(
            "{file} has no region: its figures cannot be filtered by region and are left out"
        );
        assert!(r.notes.contains(&note), "{note}: {:?}", r.notes);
    }
}

#[test]
fn a_field_no_table_has_leaves_every_figure_out_of_the_report() {
    // What the command line refuses, the engine (objectives, a link) says.
    let r = report(&["sales.csv"], &[(Field::Manager, "Marie")]);
    assert_eq!(value(&r, "revenue"), None);
    assert_eq!(
        reason(&r, "revenue").as_deref(),
        Some("sales.csv has no manager: this figure cannot be filtered by manager")
    );
    assert!(r.breakdowns.is_empty(), "{:?}", r.breakdowns.keys());
    assert_eq!(
        r.notes,
        ["no table has a manager: the fields you can filter on here are rep, region, customer"]
    );
}

#[test]
fn filters_that_apply_give_the_filtered_figures() {
    // West through the team table: the leads' and activities' reps have a
    // region. Leads: Anne and Chloé, 2 of 3; visits: Anne and Chloé.
    let files = [
        "sales.csv",
        "leads_with_reps.csv",
        "activities.csv",
        "team.csv",
    ];
    let r = report(&files, &[(Field::Region, "West")]);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(value(&r, "revenue"), Some(450.0));
    assert_eq!(value(&r, "lead_count"), Some(2.0));
    assert_eq!(value(&r, "visits"), Some(2.0));
    // Two visits over three orders.
    assert_eq!(value(&r, "visits_per_order"), Some(2.0 / 3.0));
    assert_eq!(value(&r, "active_reps"), Some(2.0));
    // Manager Paul: Bruno's orders 200 + 400, his lead, his call, no visit.
    let r = report(&files, &[(Field::Manager, "Paul")]);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(value(&r, "revenue"), Some(600.0));
    assert_eq!(value(&r, "lead_count"), Some(1.0));
    assert_eq!(value(&r, "calls"), Some(1.0));
    assert_eq!(value(&r, "visits"), Some(0.0));
    // A customer filter on the sales' own column: Alpha's 100 + 50.
    let r = report(&["sales.csv"], &[(Field::Customer, "alpha")]);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(value(&r, "revenue"), Some(150.0));
}
