//! Shares over the right totals, and monthly figures that cover only the
//! period's days, on a small file whose figures are worked out by hand below.

mod common;

use cadran::engine::kpi::{self, Period, Query};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::Report;

/// Period: 15 March – 14 June 2024, partial first and last months.
/// In it: A3 Gamma 300 (its first purchase), A4 Alpha 50, A5 Delta 400 (first),
/// A6 Beta 150, A7 Epsilon 120 (first, on 1 June), A10 no customer 70.
/// Revenue 1 090, margin 225. Outside it: Alpha's first purchase (2023, the
/// last-year period: 250), Beta's first (5 March), Zeta's first (15 June),
/// a line without customer on 20 June. The data starts on 10 March 2023
/// (a zero line), so that last year's period is covered.
const SALES: &str = "\
Date;N° commande;Client;Montant HT;Marge
2023-03-10;L0;;0;0
2023-04-01;L1;Alpha;250;50
2024-03-05;A2;Beta;200;50
2024-03-20;A3;Gamma;300;60
2024-03-25;A4;Alpha;50;10
2024-04-10;A5;Delta;400;100
2024-04-11;A10;;70;5
2024-05-02;A6;Beta;150;30
2024-06-01;A7;Epsilon;120;20
2024-06-15;A8;Zeta;500;100
2024-06-20;A9;;80;10
";

fn report() -> Report {
    let ws = common::workspace_of(&[("ventes.csv", SALES)]);
    let day = |m, d| days_from_ymd(2024, m, d).expect("a day");
    let q = Query {
        period: Some(Period::new(day(3, 15), day(6, 14))),
        ..Query::default()
    };
    kpi::report(&ws, &q)
}

/// (key, value, share) of a breakdown.
fn rows(r: &Report, id: &str) -> Vec<(String, f64, Option<f64>)> {
    r.breakdown(id)
        .iter()
        .map(|b| (b.key.clone(), b.value, b.share))
        .collect()
}

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn the_hand_computed_totals() {
    let r = report();
    assert_eq!(r.kpi("revenue").and_then(|k| k.value), Some(1090.0));
    assert_eq!(r.kpi("gross_margin").and_then(|k| k.value), Some(225.0));
    assert_eq!(r.kpi("new_customers").and_then(|k| k.value), Some(3.0));
}

#[test]
fn margin_shares_are_of_the_margin() {
    let r = report();
    let m = rows(&r, "margin_by_month");
    let want = [
        ("2024-03", 70.0),
        ("2024-04", 105.0),
        ("2024-05", 30.0),
        ("2024-06", 20.0),
    ];
    assert_eq!(m.len(), want.len(), "{m:?}");
    for ((key, value, share), (k, v)) in m.iter().zip(want) {
        assert_eq!((key.as_str(), *value), (k, v));
        assert!(near(*share, v / 225.0), "{key}: {share:?}");
    }
}

#[test]
fn last_years_shares_are_of_last_years_revenue() {
    let r = report();
    let ly: Vec<_> = rows(&r, "revenue_by_month_last_year")
        .into_iter()
        .filter(|(_, v, _)| *v != 0.0)
        .collect();
    assert_eq!(ly.len(), 1, "{ly:?}");
    assert_eq!((ly[0].0.as_str(), ly[0].1), ("2023-04", 250.0));
    assert!(near(ly[0].2, 1.0), "{:?}", ly[0].2);
    // This year's months still share this year's revenue.
    let cur = rows(&r, "revenue_by_month");
    assert_eq!(cur[1].0, "2024-04");
    assert!(near(cur[1].2, 470.0 / 1090.0));
}

#[test]
fn top_customers_share_the_whole_revenue_and_the_rest_is_said() {
    let r = report();
    let top = rows(&r, "top_customers");
    let keys: Vec<&str> = top.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(keys, ["Delta", "Gamma", "Beta", "Epsilon", "Alpha"]);
    assert!(near(top[0].2, 400.0 / 1090.0), "{:?}", top[0].2);
    let unknown = rows(&r, "revenue_without_customer");
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].1, 70.0);
    assert!(near(unknown[0].2, 70.0 / 1090.0));
    let shares: f64 = top.iter().chain(&unknown).filter_map(|t| t.2).sum();
    assert!((shares - 1.0).abs() < 1e-12, "{shares}");
}

#[test]
fn monthly_new_customers_add_up_to_the_period() {
    let r = report();
    let new: Vec<(String, f64)> = rows(&r, "new_customers_by_month")
        .into_iter()
        .map(|(k, v, _)| (k, v))
        .collect();
    let want = [
        ("2024-03", 1.0),
        ("2024-04", 1.0),
        ("2024-05", 0.0),
        ("2024-06", 1.0),
    ];
    assert_eq!(
        new,
        want.map(|(k, v)| (k.to_string(), v)).to_vec(),
        "Beta (5 March) and Zeta (15 June) first bought outside the period"
    );
}

#[test]
fn cohorts_hold_only_customers_first_seen_in_the_period() {
    let r = report();
    let cohorts: Vec<(&str, usize)> = r
        .cohorts
        .iter()
        .map(|c| (c.cohort.as_str(), c.customers))
        .collect();
    assert_eq!(cohorts, [("2024-03", 1), ("2024-04", 1), ("2024-06", 1)]);
}
