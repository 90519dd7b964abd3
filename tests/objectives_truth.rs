//! Objectives and alert rules measured up to today: the days of an export
//! after today never count (KPIS.md, "Objectives and levels"). A hand-made
//! quarter with sales after today, and Superstore 2017 seen on 30 September.

mod common;

use cadran::engine::kpi::{self, Period, Query};
use cadran::engine::objectives::{
    self, AlertRule, Comparison, Level, Objective, ObjectivePeriod, Scope,
};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::Field;
use cadran::locale::reason_json;

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

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() <= 1e-9 * want.abs().max(1.0))
}

/// Q1 2024 (91 days) seen on 15 February (day 46): four sales up to today,
/// two large ones after it, one before the quarter.
const SALES: &str = "\
Date,Rep,Amount,Cost
2023-12-28,Ann,999,0
2024-01-05,Ann,100,60
2024-01-20,Bob,140,70
2024-02-10,Ann,120,60
2024-02-15,Bob,100,40
2024-02-16,Ann,5000,4900
2024-03-10,Bob,3000,2900
";

fn on_15_february() -> Query {
    Query {
        today: days_from_ymd(2024, 2, 15),
        ..Query::default()
    }
}

fn q1() -> ObjectivePeriod {
    ObjectivePeriod::Quarter("2024-Q1".into())
}

#[test]
fn an_objective_counts_the_sales_up_to_today_only() {
    let w = common::workspace_of(&[("sales.csv", SALES)]);
    let res = objectives::evaluate(
        &w,
        &on_15_february(),
        &[
            objective("team", "revenue", q1(), 1000.0, Scope::team()),
            objective("ann", "revenue", q1(), 400.0, Scope::of(Field::Rep, "Ann")),
            objective("margin", "gross_margin", q1(), 400.0, Scope::team()),
        ],
    );
    let r = &res[0];
    // 100 + 140 + 120 + 100 up to 15 February (today included); 5 000 and 3 000 come later.
    assert_eq!(r.actual, Some(460.0));
    assert_eq!(r.measured_to.as_deref(), Some("2024-02-15"));
    // 31 days of January + 15 of February = 46 of the quarter's 91.
    assert!(close(Some(r.pace), 46.0 / 91.0));
    assert!(close(r.expected_to_date, 1000.0 * 46.0 / 91.0));
    // Run rate: 460 / (46/91) = 910, 91 % of 1 000: over the 90 % threshold, under the target.
    assert!(close(r.projected_value, 910.0));
    assert!(close(r.projection, 0.91));
    assert!(close(r.attainment, 0.46));
    assert_eq!(r.level, Some(Level::Balance));
    // The curve stops at today: January's end (31/91 due), then 15 February (46/91 due).
    let points: Vec<(&str, f64)> = r
        .cumulative
        .iter()
        .map(|c| (c.month.as_str(), c.actual))
        .collect();
    assert_eq!(points, [("2024-01", 240.0), ("2024-02", 460.0)]);
    assert!(close(Some(r.cumulative[0].target), 1000.0 * 31.0 / 91.0));
    assert!(close(Some(r.cumulative[1].target), 1000.0 * 46.0 / 91.0));
    // Ann: 100 + 120 to date (her 5 000 of 16 February is tomorrow's); 220 × 91/46 = 435.2… of 400.
    assert_eq!(res[1].actual, Some(220.0));
    assert!(close(res[1].projected_value, 220.0 * 91.0 / 46.0));
    assert_eq!(res[1].level, Some(Level::Ahead));
    // Margin: (100−60) + (140−70) + (120−60) + (100−40) = 230, run rate 455 of 400.
    assert_eq!(res[2].actual, Some(230.0));
    assert!(close(res[2].projected_value, 455.0));
    assert_eq!(res[2].level, Some(Level::Ahead));
}

#[test]
fn a_ratio_is_measured_to_date_and_not_run_at_a_pace() {
    let w = common::workspace_of(&[("sales.csv", SALES)]);
    let res = objectives::evaluate(
        &w,
        &on_15_february(),
        &[objective("rate", "margin_rate", q1(), 0.4, Scope::team())],
    );
    let r = &res[0];
    // 230 / 460 to date (the whole quarter's 430 / 8 460 = 5 % would be an alert).
    assert_eq!(r.actual, Some(0.5));
    assert_eq!(r.projected_value, Some(0.5));
    assert_eq!(r.expected_to_date, None);
    assert!(close(r.projection, 1.25));
    assert_eq!(r.level, Some(Level::Ahead));
}

#[test]
fn before_its_period_an_objective_has_no_actual_and_after_it_the_whole_period() {
    let w = common::workspace_of(&[("sales.csv", SALES)]);
    let res = objectives::evaluate(
        &w,
        &on_15_february(),
        &[
            objective(
                "march",
                "revenue",
                ObjectivePeriod::Month("2024-03".into()),
                3000.0,
                Scope::team(),
            ),
            objective(
                "january",
                "revenue",
                ObjectivePeriod::Month("2024-01".into()),
                300.0,
                Scope::team(),
            ),
        ],
    );
    // March has not started: its 3 000 of sales are not an actual yet, and no level is given.
    let m = &res[0];
    assert_eq!((m.actual, m.level, m.pace), (None, None, 0.0));
    assert_eq!((m.projection, m.measured_to.as_deref()), (None, None));
    assert!(m.cumulative.is_empty());
    assert_eq!(
        m.unavailable.as_ref().map(reason_json).as_deref(),
        Some("the period starts on 2024-03-01, after today (2024-02-15): nothing to measure yet")
    );
    // January is over: 100 + 140, all of it; 240 of 300 is 80 %, an alert.
    let j = &res[1];
    assert_eq!((j.actual, j.pace), (Some(240.0), 1.0));
    assert_eq!(j.measured_to.as_deref(), Some("2024-01-31"));
    assert_eq!((j.projected_value, j.projection), (Some(240.0), Some(0.8)));
    assert_eq!(j.level, Some(Level::Alert));
    // The JSON of a result measured to date carries the day; one not started leaves it out.
    let json = serde_json::to_value(&res).unwrap_or_default();
    assert_eq!(json[1]["measured_to"], "2024-01-31");
    assert!(json[0].get("measured_to").is_none());
}

fn rule(id: &str, kpi: &str, when: Comparison, threshold: f64, each: Option<Field>) -> AlertRule {
    AlertRule {
        id: id.into(),
        kpi: kpi.into(),
        when,
        threshold,
        for_each: each,
        note: String::new(),
    }
}

#[test]
fn alert_rules_read_the_period_up_to_today() {
    let w = common::workspace_of(&[("sales.csv", SALES)]);
    let day = |m, d| days_from_ymd(2024, m, d).unwrap_or_default();
    let base = Query {
        period: Some(Period::new(day(1, 1), day(3, 31))),
        ..on_15_february()
    };
    let team = kpi::report(&w, &base);
    // The dashboard's own report covers the quarter: 8 460 with the sales after today.
    assert_eq!(team.kpis["revenue"].value, Some(8460.0));
    let rules = [
        rule("big", "revenue", Comparison::Above, 1000.0, None),
        rule(
            "small-rep",
            "revenue",
            Comparison::Below,
            300.0,
            Some(Field::Rep),
        ),
    ];
    let res = objectives::evaluate_rules(&w, &base, &team, &rules);
    // To date the team sold 460: not above 1 000.
    assert!(!res[0].triggered);
    assert_eq!(res[0].measured_to.as_deref(), Some("2024-02-15"));
    // To date Ann sold 220 and Bob 240 (5 220 and 3 240 over the quarter).
    let hits: Vec<(&str, f64)> = res[1]
        .hits
        .iter()
        .map(|h| (h.key.as_str(), h.value))
        .collect();
    assert_eq!(hits, [("Ann", 220.0), ("Bob", 240.0)]);

    // A period after today is not checked, and says why.
    let april = Query {
        period: Some(Period::new(day(4, 1), day(4, 30))),
        ..on_15_february()
    };
    let later = objectives::evaluate_rules(&w, &april, &kpi::report(&w, &april), &rules);
    assert!(later.iter().all(|a| !a.triggered && a.hits.is_empty()));
    assert!(later[1]
        .unavailable
        .as_ref()
        .is_some_and(|u| reason_json(u).contains("starts on 2024-04-01")));
}

/// Revenue of Superstore's order lines from 1 January to 30 September 2017,
/// summed the plain way over the CSV.
fn superstore_revenue_to_30_september_2017() -> f64 {
    let bytes = common::read_data("superstore/Superstore.csv");
    let mut rdr = csv::ReaderBuilder::new().from_reader(&bytes[..]);
    let header = rdr.byte_headers().cloned().unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name.as_bytes())
            .unwrap_or_else(|| panic!("{name}"))
    };
    let (date, sales) = (col("Order Date"), col("Sales"));
    let mut total = 0.0;
    for row in rdr.byte_records() {
        let row = row.unwrap_or_default();
        let text = |i: usize| String::from_utf8_lossy(row.get(i).unwrap_or_default()).into_owned();
        // m/d/yyyy
        let d: Vec<u32> = text(date)
            .split('/')
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [m, _, 2017] = d[..] {
            if m <= 9 {
                total += text(sales).parse::<f64>().unwrap_or(f64::NAN);
            }
        }
    }
    total
}

#[test]
fn superstore_2017_revenue_seen_on_30_september() {
    let file = common::data("superstore/Superstore.csv")
        .display()
        .to_string();
    let setup = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/superstore-setup.json");
    let year = ["--from", "2017-01-01", "--to", "2017-12-31"];
    let r = common::cli(
        &[
            &[
                "kpis",
                &file,
                "--today",
                "2017-09-30",
                "--objectives",
                setup,
            ][..],
            &year,
        ]
        .concat(),
    );
    let o = |id: &str| {
        r.objectives
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let team = o("team-revenue-2017");
    // The actual is the revenue of 1 January – 30 September, as a report of those days gives it…
    let to_date = common::cli(&["kpis", &file, "--from", "2017-01-01", "--to", "2017-09-30"]);
    assert_eq!(team.actual, to_date.kpis["revenue"].value);
    assert_eq!(team.measured_to.as_deref(), Some("2017-09-30"));
    // …and as a plain sum over the file gives it (453 161.19, not the year's 733 215.26).
    let plain = superstore_revenue_to_30_september_2017();
    assert!(close(team.actual, plain), "{:?} vs {plain}", team.actual);
    assert!(close(Some(plain), 453_161.188_2));
    // 273 days of 365 gone; run rate 453 161.19 × 365/273 = 605 874.85, 86.6 % of 700 000:
    // under the 90 % threshold, an alert (the whole year's data projected 1.40, "ahead").
    assert!(close(Some(team.pace), 273.0 / 365.0));
    let projection = plain / (273.0 / 365.0) / 700_000.0;
    assert!(close(team.projection, projection));
    assert!((projection - 0.8655).abs() < 1e-4);
    assert_eq!(team.level, Some(Level::Alert));
    // Central's Q4 objective starts after today: no actual, no level.
    let q4 = o("central-revenue-q4");
    assert_eq!((q4.actual, q4.level), (None, None));
    assert!(q4.unavailable.is_some());
}
