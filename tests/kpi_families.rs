//! One small hand-made fixture per KPI family, with the expected values
//! worked out by hand in the comments: returns, missing dates, customers
//! first seen before the period, open deals without a created date, and zero
//! denominators (unavailable, never 0).

mod common;

use cadran::engine::kpi::{self, Period, Query, Workspace};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::{self, Field};
use cadran::locale::said_report;

/// Reports with their reasons and notes in English, as `cadran kpis` prints them.
type Report = cadran::engine::Report<cadran::engine::messages::Said>;

fn ws(files: &[(&str, &str)]) -> Workspace {
    common::workspace_of(files)
}

fn period(from: (i32, u32, u32), to: (i32, u32, u32)) -> Query {
    Query {
        period: Some(Period::new(
            days_from_ymd(from.0, from.1, from.2).unwrap(),
            days_from_ymd(to.0, to.1, to.2).unwrap(),
        )),
        ..Query::default()
    }
}

#[track_caller]
fn is(r: &Report, id: &str, want: f64) {
    let got = r.kpis[id]
        .value
        .unwrap_or_else(|| panic!("{id} unavailable: {:?}", r.kpis[id]));
    assert!((got - want).abs() < 1e-9, "{id}: got {got}, want {want}");
}

#[track_caller]
fn unavailable(r: &Report, id: &str) {
    assert!(
        r.kpis[id].value.is_none() && r.kpis[id].unavailable.is_some(),
        "{id}: {:?}",
        r.kpis[id]
    );
}

const SALES: &str = "\
Date,Order,Customer,Rep,Amount,Cost,Quantity,Campaign
2024-01-05,A1,Acme,Ann,100,60,1,
2024-01-05,A1,Acme,Ann,50,20,2,
2024-01-20,A2,Beta,Bob,200,150,4,Promo
2024-02-03,A3,Acme,Ann,-30,-18,-1,
2024-02-10,A4,Gamma,Bob,80,40,1,
,A5,Beta,Ann,999,0,1,
2023-12-15,A0,Acme,Ann,70,30,1,
";

const JAN_FEB: ((i32, u32, u32), (i32, u32, u32)) = ((2024, 1, 1), (2024, 2, 29));

#[test]
fn revenue_and_orders() {
    let r = said_report(kpi::report(
        &ws(&[("sales.csv", SALES)]),
        &period(JAN_FEB.0, JAN_FEB.1),
    ));
    // 100 + 50 + 200 − 30 (a return) + 80; the undated A5 is left out.
    is(&r, "revenue", 400.0);
    // The previous 60 days (2023-11-02 … 2023-12-31) start six weeks before
    // the data (2023-12-15), last year a year before: no comparison, no growth.
    assert_eq!(r.kpis["revenue"].previous, None);
    assert_eq!(r.kpis["revenue"].last_year, None);
    unavailable(&r, "revenue_growth");
    // Orders with a positive net total: A1 (150), A2 (200), A4 (80); the return A3 is not an order.
    is(&r, "order_count", 3.0);
    is(&r, "avg_order_value", 400.0 / 3.0);
    // Margin = amount − cost: 40 + 30 + 50 − 12 + 40 = 148.
    is(&r, "gross_margin", 148.0);
    is(&r, "margin_rate", 148.0 / 400.0);
    // Two reps sold: Ann and Bob.
    is(&r, "revenue_per_rep", 200.0);
    is(&r, "units_sold", 1.0 + 2.0 + 4.0 - 1.0 + 1.0);
    let months: Vec<(String, f64)> = r
        .breakdown("revenue_by_month")
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    assert_eq!(
        months,
        [
            ("2024-01".to_string(), 350.0),
            ("2024-02".to_string(), 50.0)
        ]
    );
    let reps: Vec<(String, f64)> = r
        .breakdown("revenue_by_rep")
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    assert_eq!(
        reps,
        [("Bob".to_string(), 280.0), ("Ann".to_string(), 120.0)]
    );
    // Rep view: Bob 2 orders (A2, A4), Ann 1 (A1; A3 is a return).
    let bob = r.reps.iter().find(|x| x.rep == "Bob").unwrap();
    assert_eq!(
        (bob.revenue, bob.orders, bob.avg_order_value),
        (Some(280.0), Some(2.0), Some(140.0))
    );
}

#[test]
fn customers() {
    let r = said_report(kpi::report(
        &ws(&[("sales.csv", SALES)]),
        &period(JAN_FEB.0, JAN_FEB.1),
    ));
    // Active in the period: Acme, Beta, Gamma.
    is(&r, "active_customers", 3.0);
    // Acme first bought in Dec 2023 (before the period): not new. Beta and Gamma are.
    is(&r, "new_customers", 2.0);
    // Live at the start (a purchase within 365 days before it): Acme, not
    // lost (his next loss would fall after the data's end): retention 1/1.
    is(&r, "lost_customers", 0.0);
    is(&r, "retention_rate", 1.0);
    is(&r, "churn_rate", 0.0);
    // Nobody has two orders with a positive total in the period (Acme: A1, and the return A3).
    is(&r, "repeat_rate", 0.0);
    // First orders of the new customers: Beta's A2 (200), Gamma's A4 (80).
    is(&r, "first_purchase_value", 140.0);
    let top: Vec<(String, f64)> = r
        .breakdown("top_customers")
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    assert_eq!(
        top,
        [
            ("Beta".into(), 200.0),
            ("Acme".into(), 120.0),
            ("Gamma".into(), 80.0)
        ]
    );
    // Cohorts: Beta (January) is active in January only; Gamma (February) in February.
    assert_eq!(r.cohorts.len(), 2);
    assert_eq!(
        (r.cohorts[0].cohort.as_str(), r.cohorts[0].customers),
        ("2024-01", 1)
    );
    assert_eq!(r.cohorts[0].retention, vec![1.0, 0.0]);
}

#[test]
fn zero_denominators_are_unavailable() {
    // 2022 has no sale: no order to divide by, nobody active before.
    let r = said_report(kpi::report(
        &ws(&[("sales.csv", SALES)]),
        &period((2022, 1, 1), (2022, 12, 31)),
    ));
    is(&r, "revenue", 0.0);
    is(&r, "order_count", 0.0);
    unavailable(&r, "avg_order_value");
    unavailable(&r, "margin_rate");
    unavailable(&r, "retention_rate");
    unavailable(&r, "repeat_rate");
    unavailable(&r, "revenue_growth");
    // Without the tables they need, KPIs say what would unlock them.
    assert!(r.kpis["win_rate"]
        .unavailable
        .as_deref()
        .unwrap()
        .contains("opportunities"));
}

const OPPS: &str = "\
Id,Stage,Created,Closed,Amount,Rep,Probability
O1,Won,2024-01-01,2024-01-31,1000,Ann,
O2,Lost,2024-01-10,2024-02-09,500,Ann,
O3,Won,2024-02-01,2024-02-11,300,Bob,
O4,Negotiation,2024-02-15,,800,Bob,
O5,Prospecting,,,200,Ann,
O6,Proposal,2024-03-05,,400,Bob,50%
O7,Won,2023-11-01,2024-01-15,600,Bob,
";

#[test]
fn pipeline() {
    let r = said_report(kpi::report(
        &ws(&[("opps.csv", OPPS)]),
        &period(JAN_FEB.0, JAN_FEB.1),
    ));
    // Created in the period: O1, O2, O3, O4.
    is(&r, "new_opportunities", 4.0);
    // Open at the period's end: O4; O6 is created after it, and O5, which
    // has no created date, counts only from the data's end (O6's creation).
    is(&r, "open_opportunities", 1.0);
    is(&r, "pipeline_value", 800.0);
    // Default probability: negotiation 70 %.
    is(&r, "weighted_pipeline", 560.0);
    // Closed in the period: won O1, O3, O7 (created before it); lost O2.
    is(&r, "won_deals", 3.0);
    is(&r, "won_revenue", 1900.0);
    is(&r, "win_rate", 0.75);
    is(&r, "avg_deal_value", 1900.0 / 3.0);
    // Cycles: O1 30 days, O3 10, O7 30 + 31 + 14 = 75: mean 38.33, median 30.
    is(&r, "avg_sales_cycle_days", 115.0 / 3.0);
    assert_eq!(r.kpis["avg_sales_cycle_days"].median, Some(30.0));
    // Of the 4 created in the period, O1 and O3 are won.
    is(&r, "opportunity_conversion_rate", 0.5);
    let stages: Vec<(&str, usize)> = r
        .funnel
        .iter()
        .map(|s| (s.stage.as_str(), s.count))
        .collect();
    assert_eq!(stages, [("Negotiation", 1), ("Won", 3), ("Lost", 1)]);
    let ann = r.reps.iter().find(|x| x.rep == "Ann").unwrap();
    assert_eq!((ann.won_deals, ann.win_rate), (Some(1.0), Some(0.5)));
}

#[test]
fn stage_probabilities_can_be_edited() {
    let mut q = period(JAN_FEB.0, JAN_FEB.1);
    q.stage_probabilities.insert("negotiation".into(), 0.5);
    let r = said_report(kpi::report(&ws(&[("opps.csv", OPPS)]), &q));
    is(&r, "weighted_pipeline", 400.0);
}

#[test]
fn prospecting() {
    let leads = "\
Id,Created,First contact,Converted,Converted to customer,Temperature,Rep
L1,2024-01-02 09:00,2024-01-02 11:30,yes,no,hot,Ann
L2,2024-01-05 10:00,2024-01-06 10:00,no,no,cold,Bob
L3,2024-01-10 08:00,,yes,yes,hot,
L4,2023-12-20 08:00,2023-12-20 09:00,no,no,hot,Ann
";
    let r = said_report(kpi::report(
        &ws(&[("leads.csv", leads)]),
        &period((2024, 1, 1), (2024, 1, 31)),
    ));
    is(&r, "lead_count", 3.0);
    is(&r, "lead_qualification_rate", 2.0 / 3.0);
    is(&r, "lead_conversion_rate", 1.0 / 3.0);
    // L1 answered in 2.5 h, L2 in 24 h; L3 never contacted.
    is(&r, "lead_response_hours", 13.25);
    assert_eq!(r.kpis["lead_response_hours"].median, Some(13.25));
    // Hot with a rep: L1 only (L3 has no rep, L4 is before the period).
    is(&r, "hot_leads_assigned", 1.0);
    // 2.5 h falls in 1-4 h, 24 h in 1-3 days.
    let bins: Vec<f64> = r
        .breakdown("lead_response_distribution")
        .iter()
        .map(|b| b.value)
        .collect();
    assert_eq!(bins, [0.0, 1.0, 0.0, 1.0, 0.0]);
}

#[test]
fn activity() {
    let acts = "\
Date,Rep,Type,Duration
2024-01-03,Ann,Call,10
2024-01-04,Ann,Visit,60
2024-01-05,Bob,Visite,90
2024-01-06,Bob,Appel,20
2024-01-07,Bob,Rendez-vous,30
2024-01-08,Ann,Admin,40
";
    let r = said_report(kpi::report(
        &ws(&[("sales.csv", SALES), ("acts.csv", acts)]),
        &period((2024, 1, 1), (2024, 1, 31)),
    ));
    is(&r, "calls", 2.0);
    is(&r, "visits", 2.0);
    is(&r, "meetings", 1.0);
    // 2 visits / (2 reps × 1 month).
    is(&r, "visits_per_rep_month", 1.0);
    // January orders: A1 and A2.
    is(&r, "visits_per_order", 1.0);
    is(&r, "call_efficiency", 1.0);
    is(&r, "contacts_per_sale", 2.5);
    // Calls, visits and meetings: 210 of 250 minutes.
    is(&r, "selling_time_share", 0.84);
    // Per rep: Bob 3 (visit, call, meeting), Ann 2 (call, visit; admin does not count).
    let per_rep: Vec<(String, f64)> = r
        .breakdown("activities_by_rep")
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    assert_eq!(
        per_rep,
        [("Bob".to_string(), 3.0), ("Ann".to_string(), 2.0)]
    );
}

#[test]
fn marketing() {
    let spend = "Month,Channel,Campaign,Spend\n2024-01,Web,Promo,300\n2024-02,Web,Promo,100\n";
    let carts = "Date,Status,Amount\n2024-01-02,ordered,10\n2024-01-03,abandoned,20\n2024-01-04,abandoned,30\n2024-02-05,Abandonné,5\n";
    let w = ws(&[
        ("sales.csv", SALES),
        ("spend.csv", spend),
        ("carts.csv", carts),
    ]);
    assert_eq!(w.tables[1].summary.kind, engine::Kind::Spend);
    let r = said_report(kpi::report(&w, &period(JAN_FEB.0, JAN_FEB.1)));
    is(&r, "marketing_spend", 400.0);
    // 400 spent, 2 new customers.
    is(&r, "acquisition_cost", 200.0);
    // January: 300 spent, Beta new; February: 100 spent, Gamma new.
    let cac: Vec<(String, f64)> = r
        .breakdown("acquisition_cost_by_month")
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    assert_eq!(
        cac,
        [
            ("2024-01".to_string(), 300.0),
            ("2024-02".to_string(), 100.0)
        ]
    );
    // Promo brought A2 (200) for 400 spent: (200 − 400) / 400.
    assert_eq!(r.breakdown("campaign_roi")[0].value, -0.5);
    is(&r, "cart_abandonment_rate", 0.75);
}

#[test]
fn satisfaction() {
    let fb = "Date,Type,Score\n2024-01-02,survey,10\n2024-01-03,survey,9\n2024-01-04,survey,8\n2024-01-05,survey,3\n2024-01-06,complaint,\n2024-01-07,Réclamation,\n";
    let r = said_report(kpi::report(
        &ws(&[("fb.csv", fb)]),
        &period((2024, 1, 1), (2024, 1, 31)),
    ));
    // 2 promoters, 1 passive, 1 detractor of 4: 100 × (2 − 1) / 4.
    is(&r, "nps", 25.0);
    is(&r, "complaints", 2.0);
}

#[test]
fn receivables() {
    let inv = "\
Invoice,Issue date,Due date,Amount,Paid,Paid date,Customer
F1,2024-01-10,2024-02-09,1000,1000,2024-02-05,Acme
F2,2024-02-01,2024-03-02,500,200,2024-03-10,Beta
F3,2024-03-15,2024-04-14,800,,,Acme
F4,2024-01-05,2024-02-04,400,400,2024-04-20,Gamma
F5,2024-04-02,2024-05-02,999,,,Beta
";
    let r = said_report(kpi::report(
        &ws(&[("inv.csv", inv)]),
        &period((2024, 1, 1), (2024, 3, 31)),
    ));
    // As of 31 March: F1 paid; F2 owes 300; F3 800; F4 is paid only in April: 400; F5 not issued yet.
    is(&r, "receivables_outstanding", 1500.0);
    // Due before 31 March: F2 and F4.
    is(&r, "receivables_overdue", 700.0);
    // Billed in the 90 days ending 31 March: F1 + F2 + F3 + F4 = 2700; 1500 / 2700 × 90.
    is(&r, "dso_days", 50.0);
    let aging: Vec<(String, f64)> = r
        .breakdown("receivables_aging")
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    assert_eq!(
        &aging[..3],
        &[
            ("not due".into(), 800.0),
            ("1-30".into(), 300.0),
            ("31-60".into(), 400.0)
        ]
    );
}

#[test]
fn team_and_filters_through_the_team_table() {
    let sales = "Date,Rep,Amount\n2024-01-25,Cara,100\n2024-02-01,Ann,50\n2023-12-01,Ann,10\n";
    let team = "Rep,Hire date,Region\nAnn,2023-01-01,North\nCara,2024-01-10,South\n";
    let w = ws(&[("sales.csv", sales), ("team.csv", team)]);
    let q = period(JAN_FEB.0, JAN_FEB.1);
    let r = said_report(kpi::report(&w, &q));
    // Cara, hired 10 January, first sold on the 25th; Ann was hired before the period.
    is(&r, "time_to_first_sale_days", 15.0);
    is(&r, "active_reps", 2.0);
    assert_eq!(r.relations[0].matched_rows, 3);
    // Region is not a column of sales: the filter goes through team.csv.
    let mut north = q.clone();
    north.filters.insert(Field::Region, vec!["north".into()]);
    is(&said_report(kpi::report(&w, &north)), "revenue", 50.0);
}

#[test]
fn filter_options_come_through_joins() {
    let sales = "Date,Rep,Amount\n2024-01-25,Cara,100\n2024-02-01,Ann,50\n";
    let team = "Rep,Region\nAnn,North\nCara,South\nDan,East\n";
    let opts = kpi::filter_options(&ws(&[("sales.csv", sales), ("team.csv", team)]));
    assert_eq!(
        opts[&Field::Rep],
        vec!["Ann".to_string(), "Cara".to_string()]
    );
    // Dan sold nothing: his region is not offered.
    assert_eq!(
        opts[&Field::Region],
        vec!["North".to_string(), "South".to_string()]
    );
    assert!(!opts.contains_key(&Field::Sector));
}

#[test]
fn the_fields_found_alone_are_those_the_options_have() {
    // Reps who sold have no region (only Dan, who sold nothing, has one);
    // every customer cell is empty; the channel is a column of its own.
    let sales = "Date,Rep,Customer,Channel,Amount\n2024-01-25,Cara,,Web,100\n2024-02-01,Ann,,,50\n";
    let team = "Rep,Region,Manager\nAnn,,Marie\nCara,,\nDan,East,Paul\n";
    let workspaces = [
        ws(&[("sales.csv", sales), ("team.csv", team)]),
        ws(&[("sales.csv", sales)]),
        ws(&[("team.csv", team)]),
        ws(&[]),
        common::demo_workspace(3, 3_000),
    ];
    for w in &workspaces {
        let slow: Vec<Field> = kpi::filter_options(w).into_keys().collect();
        assert_eq!(kpi::filter_fields(w), slow);
    }
    let joined = kpi::filter_fields(&workspaces[0]);
    assert!(joined.contains(&Field::Manager) && !joined.contains(&Field::Region));
    assert!(!joined.contains(&Field::Customer) && joined.contains(&Field::Channel));
    assert!(kpi::filter_fields(&workspaces[4]).len() >= 6);
}

#[test]
fn customers_are_offered_as_a_filter_and_filter_like_any_dimension() {
    let sales =
        "Date,Customer,Amount\n2024-01-25,Émile SA,100\n2024-02-01,Acme,50\n2024-02-03,acme,20\n";
    let w = ws(&[("sales.csv", sales)]);
    // Written as first seen, once whatever the case.
    assert_eq!(
        kpi::filter_options(&w)[&Field::Customer],
        vec!["Acme".to_string(), "Émile SA".to_string()]
    );
    let mut q = Query::default();
    q.filters
        .insert(Field::Customer, vec!["Acme".into(), "emile sa".into()]);
    is(&said_report(kpi::report(&w, &q)), "revenue", 170.0);
    q.filters.insert(Field::Customer, vec!["ACME".into()]);
    is(&said_report(kpi::report(&w, &q)), "revenue", 70.0);
}

#[test]
fn every_value_says_which_rows_it_read() {
    let r = said_report(kpi::report(
        &ws(&[("sales.csv", SALES)]),
        &period(JAN_FEB.0, JAN_FEB.1),
    ));
    // Five dated lines in January and February; the undated one and December's are not read.
    let inputs = r.kpis["revenue"].inputs.clone().unwrap();
    assert_eq!((inputs.table.as_str(), inputs.rows), ("sales.csv", 5));
    assert!(r.kpis["win_rate"].inputs.is_none());
}
