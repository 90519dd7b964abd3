//! Objectives and alert rules: pace, projection and levels by hand, and the
//! Superstore set-up through `cadran kpis --objectives`.

mod common;

use cadran::engine::kpi::{Query, Workspace};
use cadran::engine::messages::Reason;
use cadran::engine::objectives::{self, Level, Objective, ObjectivePeriod, Scope};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::Field;
use std::process::Command;

fn ws(files: &[(&str, &str)]) -> Workspace {
    common::workspace_of(files)
}

fn objective(id: &str, kpi: &str, period: ObjectivePeriod, target: f64, scope: Scope) -> Objective {
    Objective {
        id: id.into(),
        kpi: kpi.into(),
        scope,
        period,
        target,
        alert_threshold: 0.9,
        note: String::new(),
    }
}

const SALES: &str = "Date,Rep,Amount\n2024-01-02,Ann,60\n2024-01-09,Bob,40\n2023-12-20,Ann,500\n";
const OPPS: &str = "Id,Stage,Created,Closed,Amount,Rep\nO1,Won,2024-01-01,2024-01-31,100,Ann\nO2,Won,2024-01-01,2024-02-20,100,Bob\n";

#[test]
fn additive_kpis_project_their_run_rate() {
    let w = ws(&[("sales.csv", SALES)]);
    // Ten days of January gone: pace 10/31; 100 sold so far runs at 310 for the month.
    let q = Query {
        today: days_from_ymd(2024, 1, 10),
        ..Query::default()
    };
    let jan = || ObjectivePeriod::Month("2024-01".into());
    let res = objectives::evaluate(
        &w,
        &q,
        &[
            objective("on-target", "revenue", jan(), 310.0, Scope::team()),
            objective("short", "revenue", jan(), 400.0, Scope::team()),
            objective("close", "revenue", jan(), 330.0, Scope::team()),
            objective("ann", "revenue", jan(), 60.0, Scope::of(Field::Rep, "Ann")),
            objective(
                "nobody",
                "revenue",
                jan(),
                50.0,
                Scope::of(Field::Rep, "Nobody"),
            ),
        ],
    );
    let r = &res[0];
    assert_eq!(r.actual, Some(100.0));
    assert!((r.pace - 10.0 / 31.0).abs() < 1e-12);
    assert!((r.expected_to_date.unwrap() - 100.0).abs() < 1e-9);
    assert!((r.projected_value.unwrap() - 310.0).abs() < 1e-9);
    assert_eq!(r.level, Some(Level::Ahead));
    // 310 projected of 400: 77.5 %, under the 90 % threshold.
    assert_eq!(res[1].level, Some(Level::Alert));
    // 310 of 330: 93.9 %, between the threshold and the target.
    assert_eq!(res[2].level, Some(Level::Balance));
    // Ann alone: 60 so far, already the whole target; projected 186.
    assert_eq!((res[3].actual, res[3].attainment), (Some(60.0), Some(1.0)));
    assert_eq!(res[3].scope, "rep: Ann");
    // January so far: 100 sold, against the 10/31 of the target due on today (the curve stops there).
    assert_eq!(r.cumulative.len(), 1);
    assert_eq!(
        (
            r.cumulative[0].month.as_str(),
            r.cumulative[0].actual,
            r.cumulative[0].target
        ),
        ("2024-01", 100.0, 100.0)
    );
    // A scope with no row sold nothing: an alert, not an error.
    assert_eq!(
        (res[4].actual, res[4].level),
        (Some(0.0), Some(Level::Alert))
    );
}

#[test]
fn lower_is_better_kpis_and_ratios() {
    let w = ws(&[("opps.csv", OPPS)]);
    let q = Query {
        today: days_from_ymd(2024, 2, 29),
        ..Query::default()
    };
    let p = || ObjectivePeriod::Custom {
        from: "2024-01-01".into(),
        to: "2024-02-29".into(),
    };
    // Cycles: 30 and 50 days, mean 40. A ratio projects as it stands.
    let res = objectives::evaluate(
        &w,
        &q,
        &[
            objective("slow", "avg_sales_cycle_days", p(), 30.0, Scope::team()),
            objective("fast", "avg_sales_cycle_days", p(), 60.0, Scope::team()),
            objective(
                "no-deal",
                "win_rate",
                p(),
                0.5,
                Scope::of(Field::Rep, "Nobody"),
            ),
            objective("bogus", "no_such_kpi", p(), 1.0, Scope::team()),
        ],
    );
    assert_eq!(res[0].actual, Some(40.0));
    assert_eq!(res[0].attainment, Some(0.75));
    assert_eq!(res[0].projected_value, Some(40.0));
    assert_eq!(res[0].level, Some(Level::Alert));
    assert_eq!(
        (res[1].attainment, res[1].level),
        (Some(1.5), Some(Level::Ahead))
    );
    // No closed deal for Nobody: no rate to judge, said why.
    assert_eq!((res[2].actual, res[2].level), (None, None));
    assert!(res[2].unavailable.is_some());
    assert_eq!(
        res[3].unavailable,
        Some(Reason::UnknownObjective {
            id: res[3].id.clone()
        })
    );
}

#[test]
fn superstore_set_up_through_the_command_line() {
    let file = common::data("superstore/Superstore.csv")
        .display()
        .to_string();
    let setup = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/superstore-setup.json");
    let r = common::cli(&[
        "kpis",
        &file,
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
        "--objectives",
        setup,
    ]);
    let o = |id: &str| {
        r.objectives
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // Each actual is the KPI of the same period and scope, as `cadran kpis --where` computes it.
    let west = common::cli(&[
        "kpis",
        &file,
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
        "--where",
        "region=West",
    ]);
    assert_eq!(o("west-revenue-2017").actual, west.kpis["revenue"].value);
    assert_eq!(o("team-revenue-2017").actual, r.kpis["revenue"].value);
    // Levels follow the projected attainment (the data ends 30 Dec 2017: pace 364/365).
    for x in &r.objectives {
        let Some(p) = x.projection else { continue };
        let want = if p >= 1.0 {
            Level::Ahead
        } else if p
            >= if x.id == "team-margin-rate-2017" {
                0.95
            } else {
                0.9
            }
        {
            Level::Balance
        } else {
            Level::Alert
        };
        assert_eq!(x.level, Some(want), "{}", x.id);
    }
    assert_eq!(o("team-revenue-2017").level, Some(Level::Ahead));
    assert_eq!(o("south-revenue-2017").level, Some(Level::Alert));
    assert_eq!(o("central-revenue-q4").level, Some(Level::Balance));
    // Churn is better low: 183 of the 638 customers live on 1 January
    // lost in 2017 (28.7 %) against a 25 % ceiling is an alert (87 %).
    assert_eq!(o("team-churn-2017").level, Some(Level::Alert));
    assert_eq!(o("nowhere-revenue-2017").actual, Some(0.0));
    // Rules: the team's margin rate is under 15 %; Central's basket under 440.
    let a = |id: &str| {
        r.alerts
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert!(a("margin-rate-low").triggered);
    let keys: Vec<&str> = a("basket-low-by-region")
        .hits
        .iter()
        .map(|h| h.key.as_str())
        .collect();
    assert_eq!(keys, ["Central"]);
    assert!(!a("revenue-high").triggered);
}

#[test]
fn a_broken_set_up_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("cadran-setup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"objectives\": 3}").unwrap();
    let file = common::data("superstore/Superstore.csv")
        .display()
        .to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_cadran"))
        .args(["kpis", &file, "--objectives", &bad.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Cadran set-up file"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn copying_an_objective_to_the_next_period() {
    let o = objective(
        "q",
        "revenue",
        ObjectivePeriod::Quarter("2024-Q4".into()),
        1.0,
        Scope::team(),
    );
    assert_eq!(
        o.period.next(),
        Some(ObjectivePeriod::Quarter("2025-Q1".into()))
    );
}

/// The team's dormancy window travels in the set-up file's settings; the
/// command line's flag wins over it. Alpha (10 January) and Beta (1 March)
/// never buy again, Gamma buys on the data's last day (30 June 2024).
#[test]
fn the_dormancy_window_comes_from_the_set_up_unless_the_flag_says() {
    let dir = std::env::temp_dir().join(format!("cadran-dormancy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sales = dir.join("ventes.csv");
    std::fs::write(
        &sales,
        "Date;N° commande;Client;Montant HT\n\
         2024-01-10;A1;Alpha;100\n\
         2024-03-01;A2;Beta;100\n\
         2024-06-30;A3;Gamma;50\n",
    )
    .unwrap();
    let setup = dir.join("setup.json");
    std::fs::write(
        &setup,
        r#"{"version": 1, "settings": {"currency": "EUR", "dormancy_days": 30}}"#,
    )
    .unwrap();
    let lost = |extra: &[&str]| {
        let mut args = vec!["kpis", sales.to_str().unwrap()];
        args.extend_from_slice(extra);
        let r = common::cli(&args);
        (
            r.kpi("lost_customers").and_then(|k| k.value),
            r.dormancy_days,
        )
    };
    let setup = setup.to_str().unwrap();
    // 30 days: Alpha lost on 9 February, Beta on 31 March; Gamma's loss
    // would fall after the data's end.
    assert_eq!(lost(&["--objectives", setup]), (Some(2.0), 30));
    // 150 days: Alpha lost on 8 June; Beta's loss (29 July) is after the end.
    assert_eq!(
        lost(&["--objectives", setup, "--dormancy-days", "150"]),
        (Some(1.0), 150)
    );
    // The default year: every loss falls after the data's end.
    assert_eq!(lost(&[]), (Some(0.0), 365));
    std::fs::remove_dir_all(&dir).ok();
}
