//! Comparisons that compare like with like (docs/KPIS.md, "Comparisons"),
//! on a small file whose figures are worked out by hand below: a calendar
//! unit compares with the previous unit, and a comparison period the data
//! does not cover gives no figure and no growth, with the reason.

mod common;

use cadran::engine::kpi::{self, Period, Query};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::report::Comparison;
use cadran::locale::said_report;

/// Reports with their reasons and notes in English, as `cadran kpis` prints them.
type Report = cadran::engine::Report<cadran::engine::messages::Said>;

/// Two years of sales, 1 January 2024 – 28 December 2025.
/// 2024: 100 + 300 + 200 = 600, margin 150 (25 %), three orders.
/// 2025: 250 + 150 + 100 = 500, margin 105 (21 %), three orders.
/// Q3 2024: nothing; Q4 2024: 200; Q1 2024: 400; Q1 2025: 250.
const SALES: &str = "\
Date;N° commande;Client;Montant HT;Marge
2024-01-01;A1;Alpha;100;20
2024-03-10;A2;Beta;300;30
2024-11-20;A3;Alpha;200;100
2025-02-14;B1;Gamma;250;50
2025-06-30;B2;Alpha;150;15
2025-12-28;B3;Beta;100;40
";

fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_ymd(y, m, d).expect("a day")
}

fn report(period: Option<Period>) -> Report {
    let ws = common::workspace_of(&[("ventes.csv", SALES)]);
    said_report(kpi::report(
        &ws,
        &Query {
            period,
            ..Query::default()
        },
    ))
}

fn between(a: (i32, u32, u32), b: (i32, u32, u32)) -> Option<Period> {
    Some(Period::new(day(a.0, a.1, a.2), day(b.0, b.1, b.2)))
}

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn a_year_compares_with_the_whole_previous_year() {
    let r = report(between((2025, 1, 1), (2025, 12, 31)));
    let revenue = r.kpi("revenue").unwrap();
    assert_eq!(revenue.value, Some(500.0));
    // The whole of 2024, 1 January included (the 365 days before 2025
    // would leave it out and say 500, a growth of 0).
    assert_eq!(revenue.previous, Some(600.0));
    assert_eq!(revenue.last_year, Some(600.0));
    let label = r.previous_period.as_ref().unwrap();
    assert_eq!(
        (label.from.as_str(), label.to.as_str()),
        ("2024-01-01", "2024-12-31")
    );
    // Growth is the change of revenue against that period.
    let growth = r.kpi("revenue_growth").unwrap();
    assert!(near(growth.value, -100.0 / 600.0));
    let vs = revenue.vs(Comparison::Previous).unwrap();
    assert_eq!(vs.absolute, Some(-100.0));
    assert!(near(vs.relative, -100.0 / 600.0));
    assert_eq!(vs.unavailable, None);
    // A rate changes in points: 21 % against 25 %, no relative change.
    let margin = r.kpi("margin_rate").unwrap();
    assert!(near(margin.value, 0.21));
    let vs = margin.vs(Comparison::Previous).unwrap();
    assert!(near(vs.absolute, -0.04));
    assert_eq!(vs.relative, None);
    // A count: three orders each year.
    let vs = r
        .kpi("order_count")
        .unwrap()
        .vs(Comparison::LastYear)
        .unwrap();
    assert_eq!((vs.absolute, vs.relative), (Some(0.0), Some(0.0)));
}

#[test]
fn a_quarter_compares_with_the_previous_quarter() {
    let r = report(between((2025, 1, 1), (2025, 3, 31)));
    let revenue = r.kpi("revenue").unwrap();
    assert_eq!(revenue.value, Some(250.0));
    assert_eq!(revenue.previous, Some(200.0)); // Q4 2024
    assert_eq!(revenue.last_year, Some(400.0)); // Q1 2024
    let vs = revenue.vs(Comparison::LastYear).unwrap();
    assert!(near(vs.relative, -150.0 / 400.0));
    let growth = r.kpi("revenue_growth").unwrap();
    assert!(near(growth.value, 0.25));
    // Q4 against Q3 2024, which sold nothing: no growth figure, though Q3 is covered.
    assert_eq!(growth.previous, None);
    let vs = growth.vs(Comparison::Previous).unwrap();
    assert_eq!(vs.absolute, None);
    assert!(vs.unavailable.is_some());
}

#[test]
fn all_the_data_compares_with_nothing() {
    let r = report(None);
    let revenue = r.kpi("revenue").unwrap();
    assert_eq!(revenue.value, Some(1100.0));
    // Never 0 and never a growth: null, with the reason.
    assert_eq!((revenue.previous, revenue.last_year), (None, None));
    for c in [Comparison::Previous, Comparison::LastYear] {
        let vs = revenue.vs(c).unwrap();
        assert_eq!((vs.absolute, vs.relative), (None, None));
        let reason = vs.unavailable.as_deref().unwrap();
        assert!(reason.contains("ventes.csv has no data over"), "{reason}");
        assert!(reason.contains("2024-01-01 to 2025-12-28"), "{reason}");
    }
    let growth = r.kpi("revenue_growth").unwrap();
    assert_eq!(growth.value, None);
    assert!(growth
        .unavailable
        .as_deref()
        .unwrap()
        .contains("previous period"));
    // Last year (1 January 2023 – 28 December 2024) has data in 2024 only:
    // its months are those of 2024, no line of zeros over 2023; their shares
    // would be of a last year the data only half has: none.
    let ly: Vec<(&str, f64, Option<f64>)> = r
        .breakdown("revenue_by_month_last_year")
        .iter()
        .map(|b| (b.key.as_str(), b.value, b.share))
        .collect();
    let want = [
        ("2024-01", 100.0, None),
        ("2024-02", 0.0, None),
        ("2024-03", 300.0, None),
        ("2024-04", 0.0, None),
        ("2024-05", 0.0, None),
        ("2024-06", 0.0, None),
        ("2024-07", 0.0, None),
        ("2024-08", 0.0, None),
        ("2024-09", 0.0, None),
        ("2024-10", 0.0, None),
        ("2024-11", 200.0, None),
        ("2024-12", 0.0, None),
    ];
    assert_eq!(ly, want);
    // In the JSON: null figures and a reason.
    let json = serde_json::to_value(revenue).unwrap();
    assert_eq!(json["vs_previous"]["absolute"], serde_json::Value::Null);
    assert_eq!(json["vs_previous"]["relative"], serde_json::Value::Null);
    assert!(json["vs_previous"]["unavailable"].is_string());
}

#[test]
fn a_period_before_the_data_has_no_previous_figure() {
    // 2024: 2023 is before the first sale.
    let r = report(between((2024, 1, 1), (2024, 12, 31)));
    let revenue = r.kpi("revenue").unwrap();
    assert_eq!(revenue.value, Some(600.0));
    assert_eq!(revenue.previous, None);
    assert!(revenue.vs_previous.as_ref().unwrap().unavailable.is_some());
    assert_eq!(r.kpi("revenue_growth").unwrap().value, None);
}

#[test]
fn a_week_past_the_data_still_compares() {
    // January 2026: the data ends on 28 December 2025, three days before
    // December's end; December 2025 (100) and January 2025 (0) are covered.
    let r = report(between((2026, 1, 1), (2026, 1, 31)));
    let revenue = r.kpi("revenue").unwrap();
    assert_eq!(revenue.value, Some(0.0));
    assert_eq!(revenue.previous, Some(100.0));
    assert_eq!(revenue.last_year, Some(0.0));
    assert!(near(r.kpi("revenue_growth").unwrap().value, -1.0));
    // January 2024's previous month, December 2023, starts 31 days before the data.
    let r = report(between((2024, 1, 1), (2024, 1, 31)));
    assert_eq!(r.kpi("revenue").unwrap().previous, None);
}

#[test]
fn a_year_to_date_compares_with_the_same_dates_a_year_before() {
    // 1 January – 30 June 2025: 250 + 150 = 400. The same dates of 2024:
    // 100 + 300 = 400, a growth of 0 — not the 181 days before (4 July –
    // 31 December 2024: 200, which would say +100 %).
    let r = report(between((2025, 1, 1), (2025, 6, 30)));
    let label = r.previous_period.as_ref().unwrap();
    assert_eq!(
        (label.from.as_str(), label.to.as_str()),
        ("2024-01-01", "2024-06-30")
    );
    let revenue = r.kpi("revenue").unwrap();
    assert_eq!(
        (revenue.value, revenue.previous, revenue.last_year),
        (Some(400.0), Some(400.0), Some(400.0))
    );
    assert!(near(r.kpi("revenue_growth").unwrap().value, 0.0));
}

#[test]
fn lost_customers_compare_only_where_their_window_is_covered() {
    // With 90 days of dormancy: Alpha (1 Jan 2024, next purchase 20 Nov)
    // is lost on 31 March 2024, again on 18 February 2025 (after 20 Nov
    // 2024) and on 28 September 2025; Beta on 8 June 2024; Gamma on 15 May
    // 2025.
    let ws = common::workspace_of(&[("ventes.csv", SALES)]);
    let r = said_report(kpi::report(
        &ws,
        &Query {
            period: between((2025, 1, 1), (2025, 3, 31)),
            dormancy_days: Some(90),
            ..Query::default()
        },
    ));
    let lost = r.kpi("lost_customers").unwrap();
    assert_eq!(lost.value, Some(1.0)); // Alpha, 18 February
                                       // Q4 2024 and the 90 days before it are in the data: nobody lost then.
    assert_eq!(lost.previous, Some(0.0));
    assert_eq!(lost.vs(Comparison::Previous).unwrap().absolute, Some(1.0));
    // Q1 2024 lost Alpha too, but who was a customer in the 90 days before
    // 1 January 2024 the file cannot say: no figure, not "+0".
    assert_eq!(lost.last_year, None);
    let vs = lost.vs(Comparison::LastYear).unwrap();
    assert_eq!(vs.absolute, None);
    let reason = vs.unavailable.as_deref().unwrap();
    assert!(
        reason.contains("the 90 days before the same period last year (2023-10-03 to 2023-12-31)"),
        "{reason}"
    );
}
