//! The pipeline as it was on a past day, and no figure from missing
//! amounts (docs/KPIS.md, "Open opportunities", "A deal's probability while
//! it was open", "Amounts"), on small files whose figures are worked out by
//! hand in the comments.

mod common;

use cadran::engine::kpi::{self, Period, Query};
use cadran::engine::parse::date::days_from_ymd;
use cadran::locale::said_report;

/// Reports with their reasons and notes in English, as `cadran kpis` prints them.
type Report = cadran::engine::Report<cadran::engine::messages::Said>;

fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_ymd(y, m, d).expect("a day")
}

fn report(files: &[(&str, &str)], from: (u32, u32), to: (u32, u32)) -> Report {
    let q = Query {
        period: Some(Period::new(
            day(2024, from.0, from.1),
            day(2024, to.0, to.1),
        )),
        ..Query::default()
    };
    said_report(kpi::report(&common::workspace_of(files), &q))
}

/// The value and the previous period's value of a KPI.
fn now_and_before(r: &Report, id: &str) -> (Option<f64>, Option<f64>) {
    let k = r.kpi(id).expect("in the report");
    (k.value, k.previous)
}

#[track_caller]
fn near(got: Option<f64>, want: f64) {
    let g = got.unwrap_or_else(|| panic!("no figure, want {want}"));
    assert!((g - want).abs() < 1e-9, "got {g}, want {want}");
}

fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[track_caller]
fn unavailable_for(r: &Report, id: &str, reason: &str) {
    let k = r.kpi(id).expect("in the report");
    assert_eq!(
        (k.value, k.unavailable.as_deref()),
        (None, Some(reason)),
        "{id}"
    );
}

/// Statuses from the stage's name. The data's end is 20 March 2024 (D8's
/// creation; D1's expected close in June is not an event). Default
/// probabilities: Negotiation 70 %, Proposal 50 %, Qualification 20 %,
/// Prospecting 10 %; their mean, for deals won or lost since, 37.5 %.
const OPPS: &str = "\
Id,Rep,Stage,Created,Closed,Amount
D1,Ann,Negotiation,2024-01-10,2024-06-30,1000
D2,Ann,Won,2024-01-15,2024-03-05,2000
D3,Bob,Lost,2024-02-01,2024-03-12,600
D4,Bob,Prospecting,,,300
D5,Bob,Won,2024-02-05,2024-02-25,500
D6,Ann,Lost,2024-01-20,,700
D7,Ann,Proposal,2024-02-10,2024-02-15,400
D8,Bob,Qualification,2024-03-20,,100
";

#[test]
fn the_previous_periods_pipeline_is_the_one_of_its_last_day() {
    // March 2024; its previous period, whatever its first day, ends on 29
    // February.
    let r = report(&[("opps.csv", OPPS)], (3, 1), (3, 31));
    // 31 March (after the data's end): open today D1, D7 (its close date is
    // only expected), D8, and the undated D4: 1 000 + 400 + 100 + 300.
    // 29 February: D1 and D7, D2 (won on 5 March) and D3 (lost on 12 March);
    // not D5 (won on 25 February), not the undated D4, not D6 (lost on an
    // unknown day): 1 000 + 400 + 2 000 + 600. Today's statuses gave D1, D4
    // and D7: 3 deals, 1 700.
    let (open, before) = now_and_before(&r, "open_opportunities");
    assert_eq!((open, before), (Some(4.0), Some(4.0)));
    let (value, before) = now_and_before(&r, "pipeline_value");
    assert_eq!((value, before), (Some(1800.0), Some(4000.0)));
    // 700 + 200 + 20 + 30; before: 700 + 200 + (2 000 + 600) × 37.5 %.
    let (weighted, before) = now_and_before(&r, "weighted_pipeline");
    near(weighted, 950.0);
    near(before, 1875.0);
    let said = |words: &str| r.notes.iter().find(|n| n.contains(words)).cloned();
    assert_eq!(
        said("no created date"),
        Some(
            "1 opportunities have no created date: the open pipeline counts them as of the \
             data's last day (2024-03-20) and later only, and leaves them out before."
                .into()
        )
    );
    assert!(
        said("no close date").is_some_and(|n| n.starts_with("1 won or lost")),
        "{:?}",
        r.notes
    );
}

#[test]
fn the_funnel_of_a_past_day_keeps_deals_closed_since_apart() {
    // February 2024: open on the 29th D1 and D7, D2 and D3 (closed since,
    // their stage then unknown: the `(none)` row at 37.5 %); D5 won in it.
    let r = report(&[("opps.csv", OPPS)], (2, 1), (2, 29));
    let rows: Vec<_> = r
        .funnel
        .iter()
        .map(|s| {
            let p = s.probability;
            (
                s.stage.as_str(),
                s.status.as_str(),
                s.count,
                s.amount,
                s.weighted,
                p,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Proposal", "open", 1, Some(400.0), Some(200.0), Some(0.5)),
            (
                "Negotiation",
                "open",
                1,
                Some(1000.0),
                Some(700.0),
                Some(0.7)
            ),
            ("(none)", "open", 2, Some(2600.0), Some(975.0), Some(0.375)),
            ("Won", "won", 1, Some(500.0), Some(500.0), None),
        ]
    );
    // Its figures agree with the funnel's open rows.
    assert_eq!(now_and_before(&r, "open_opportunities").0, Some(4.0));
    near(now_and_before(&r, "weighted_pipeline").0, 1875.0);
}

/// A status column beside the stage: S1 was won at Negotiation, the stage
/// it then had; S3's stage says it was won. Own probabilities are today's:
/// 100 % for both won deals.
const WITH_STATUS: &str = "\
Id,Stage,Status,Created,Closed,Amount,Probability
S1,Negotiation,Won,2024-01-10,2024-03-05,1000,100
S2,Qualification,Open,2024-01-20,,500,
S3,Closed Won,Won,2024-01-05,2024-03-10,2000,100
";

#[test]
fn a_deal_won_since_counts_at_its_open_stage() {
    let r = report(&[("opps.csv", WITH_STATUS)], (2, 1), (2, 29));
    // On 29 February all three were open. S1 at Negotiation's 70 %, S2 at
    // Qualification's 20 %, S3 at the mean of the open stages (70 + 20) / 2:
    // 700 + 100 + 900.
    assert_eq!(now_and_before(&r, "open_opportunities").0, Some(3.0));
    assert_eq!(now_and_before(&r, "pipeline_value").0, Some(3500.0));
    near(now_and_before(&r, "weighted_pipeline").0, 1700.0);
    let rows: Vec<_> = r
        .funnel
        .iter()
        // To the cent: 45 % is no float.
        .map(|s| (s.stage.as_str(), s.count, s.weighted.map(cents)))
        .collect();
    assert_eq!(
        rows,
        [
            ("Qualification", 1, Some(100.0)),
            ("Negotiation", 1, Some(700.0)),
            ("(none)", 1, Some(900.0)),
        ]
    );
}

/// As the CRM export: open deals have no amount, a lost deal 0 (what was
/// signed). The data's end is 12 February (O2's loss).
const CRM: &str = "\
Id,Product,Stage,Created,Closed,Value
O1,GTX,Won,2024-01-05,2024-02-10,1200
O2,GTX,Lost,2024-01-07,2024-02-12,0
O3,MG,Engaging,2024-01-20,,
O4,MG,Prospecting,,,
";

const PRODUCTS: &str = "\
product,series,sales_price
GTX,GTX,500
MG,MG,3000
";

#[test]
fn no_pipeline_value_without_any_amount() {
    // February: open on the 29th O3 and O4 (after the data's end), neither
    // with an amount.
    let r = report(&[("pipeline.csv", CRM)], (2, 1), (2, 29));
    assert_eq!(now_and_before(&r, "open_opportunities").0, Some(2.0));
    let reason = "no open deal has an amount: a products table with list prices would give them";
    unavailable_for(&r, "pipeline_value", reason);
    unavailable_for(&r, "weighted_pipeline", reason);
    // Won: O1 alone, 1 200.
    assert_eq!(now_and_before(&r, "won_revenue").0, Some(1200.0));
    assert_eq!(now_and_before(&r, "avg_deal_value").0, Some(1200.0));
    // The settings read each open stage's probability: not 0 % for want of
    // amounts.
    let open: Vec<_> = r
        .funnel
        .iter()
        .filter(|s| s.status == "open")
        .map(|s| (s.stage.as_str(), s.amount, s.probability))
        .collect();
    assert_eq!(
        open,
        [
            ("Prospecting", None, Some(0.1)),
            ("Engaging", None, Some(0.3))
        ]
    );
}

#[test]
fn a_past_pipeline_with_some_amounts_keeps_them() {
    // January: open on the 31st O1 (won since, 1 200), O2 (lost since at 0,
    // nothing signed: no amount without a list price) and O3 (none); the
    // undated O4 is left out before the data's end.
    let r = report(&[("pipeline.csv", CRM)], (1, 1), (1, 31));
    assert_eq!(now_and_before(&r, "open_opportunities").0, Some(3.0));
    assert_eq!(now_and_before(&r, "pipeline_value").0, Some(1200.0));
    // O1 at the mean of the open stages, (30 + 10) / 2.
    near(now_and_before(&r, "weighted_pipeline").0, 240.0);
    assert!(
        r.notes.iter().any(|n| n.starts_with(
            "2 of the 3 opportunities open on 2024-01-31 have neither an amount nor a list price"
        )),
        "{:?}",
        r.notes
    );
}

#[test]
fn list_prices_give_the_amounts() {
    let files = [("pipeline.csv", CRM), ("products.csv", PRODUCTS)];
    let r = report(&files, (2, 1), (2, 29));
    // O3 and O4 at MG's 3 000: 6 000; weighted at 30 % and 10 %.
    let (value, before) = now_and_before(&r, "pipeline_value");
    assert_eq!(value, Some(6000.0));
    near(now_and_before(&r, "weighted_pipeline").0, 1200.0);
    // 31 January: O1 (1 200), O2 lost at 0 counted at GTX's 500, O3 3 000.
    assert_eq!(before, Some(4700.0));
    // O1 and O2 at the mean of the open stages (30 + 10) / 2: 240 + 100,
    // and O3 900.
    near(now_and_before(&r, "weighted_pipeline").1, 1240.0);
    let said = |words: &str| r.notes.iter().any(|n| n.starts_with(words));
    assert!(said("2 opportunities have no amount"), "{:?}", r.notes);
    assert!(said(
        "1 opportunities in the open pipeline of an earlier day were lost"
    ));
    assert!(said("1 opportunities have no created date"));
}

/// Some deals with an amount, some without; W4 and W5 won without one.
const PARTLY: &str = "\
Id,Rep,Stage,Created,Closed,Amount
P1,Ann,Negotiation,2024-02-01,,1000
P2,Ann,Negotiation,2024-02-02,,
P3,Bob,Won,2024-01-10,2024-02-10,600
P4,Bob,Won,2024-01-11,2024-02-11,
P5,Ann,Won,2024-01-12,2024-02-12,
";

#[test]
fn some_amounts_missing_keep_the_figure_and_say_so() {
    let r = report(&[("opps.csv", PARTLY)], (2, 1), (2, 29));
    // Open on the 29th: P1 (1 000) and P2 (none): 1 000, at 70 %.
    assert_eq!(now_and_before(&r, "pipeline_value").0, Some(1000.0));
    near(now_and_before(&r, "weighted_pipeline").0, 700.0);
    // Won in February: P3 (600), P4 and P5 (none): 600, over 1 deal.
    assert_eq!(now_and_before(&r, "won_deals").0, Some(3.0));
    assert_eq!(now_and_before(&r, "won_revenue").0, Some(600.0));
    assert_eq!(now_and_before(&r, "avg_deal_value").0, Some(600.0));
    let said = |words: &str| r.notes.iter().any(|n| n.starts_with(words));
    assert!(
        said("1 of the 2 opportunities open on 2024-02-29 have neither an amount"),
        "{:?}",
        r.notes
    );
    assert!(said(
        "2 of the 3 deals won in the period have neither an amount"
    ));
    // Ann won P5 only, without an amount: her won revenue is unknown; Bob's
    // is P3's.
    let won = |rep: &str| r.reps.iter().find(|x| x.rep == rep).map(|x| x.won_revenue);
    assert_eq!((won("Ann"), won("Bob")), (Some(None), Some(Some(600.0))));
}

/// No amount column: every won deal's amount is unknown.
const NO_AMOUNTS: &str = "\
Id,Rep,Stage,Created,Closed
W1,Ann,Won,2024-01-05,2024-02-10
W2,Ann,Lost,2024-01-06,2024-02-11
W3,Bob,Negotiation,2024-02-01,
";

#[test]
fn no_won_revenue_without_any_amount() {
    let r = report(&[("opps.csv", NO_AMOUNTS)], (2, 1), (2, 29));
    let reason = "no won deal has an amount: a products table with list prices would give them";
    unavailable_for(&r, "won_revenue", reason);
    unavailable_for(&r, "avg_deal_value", reason);
    // Counts do not need amounts: 1 won of 2 closed.
    assert_eq!(now_and_before(&r, "won_deals").0, Some(1.0));
    assert_eq!(now_and_before(&r, "win_rate").0, Some(0.5));
    // Breakdowns of won revenue are left out rather than all zeros; the
    // win rate by rep stays.
    for id in ["won_revenue_by_rep", "won_revenue_by_month"] {
        assert!(!r.breakdowns.contains_key(id), "{id}");
    }
    assert_eq!(r.breakdown("win_rate_by_rep").len(), 1);
    // With a products table that has no price for them, the reason says so.
    let files = [("opps.csv", NO_AMOUNTS), ("products.csv", PRODUCTS)];
    let r = report(&files, (2, 1), (2, 29));
    unavailable_for(
        &r,
        "won_revenue",
        "no won deal has an amount, nor a list price in the products table",
    );
}

#[test]
fn the_crm_exports_pipeline_on_30_september_2017() {
    // Counted from the file with a plain script: 2 909 deals were open on
    // 30 September 2017 (created by then, not closed by then), 2 409 of
    // them with a created date; the 500 "Prospecting" deals have none.
    let rel = |f: &str| common::data(&format!("crm_sales_opportunities/{f}"));
    let r = common::cli(&[
        "kpis".into(),
        rel("sales_pipeline.csv").into_os_string(),
        rel("products.csv").into_os_string(),
        "--from".into(),
        "2017-10-01".into(),
        "--to".into(),
        "2017-12-31".into(),
    ]);
    let k = r.kpi("open_opportunities").expect("in the report");
    // 31 December is the data's end: the 2 089 deals open today.
    assert_eq!((k.value, k.previous), (Some(2089.0), Some(2409.0)));
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("500 opportunities have no created date")),
        "{:?}",
        r.notes
    );
}
