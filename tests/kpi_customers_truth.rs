//! The customer definitions of docs/KPIS.md on small files whose figures
//! are worked out by hand in the comments: returns are not customers, new
//! customers under a filter add up to the company's, lost customers and
//! churn by dormancy, and the lists of who they are.

mod common;

use cadran::engine::kpi::{self, Period, Query};
use cadran::engine::parse::date::days_from_ymd;
use cadran::engine::{Field, Report};

fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_ymd(y, m, d).expect("a day")
}

fn report(csv: &str, from: i32, to: i32, region: Option<&str>, dormancy: Option<u32>) -> Report {
    let ws = common::workspace_of(&[("sales.csv", csv)]);
    let mut q = Query {
        period: Some(Period::new(from, to)),
        dormancy_days: dormancy,
        ..Query::default()
    };
    if let Some(r) = region {
        q.filters.insert(Field::Region, vec![r.to_string()]);
    }
    kpi::report(&ws, &q)
}

fn value<W: cadran::engine::messages::Wording>(r: &Report<W>, id: &str) -> Option<f64> {
    r.kpi(id).and_then(|k| k.value)
}

/// (key, value) of a breakdown, in its order.
fn rows(r: &Report, id: &str) -> Vec<(String, f64)> {
    r.breakdown(id)
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect()
}

fn pairs(want: &[(&str, f64)]) -> Vec<(String, f64)> {
    want.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Monthly counts of 2024, from the months that are not zero.
fn months_2024(non_zero: &[(u32, f64)]) -> Vec<(String, f64)> {
    (1..=12)
        .map(|m| {
            let n = non_zero.iter().find(|(k, _)| *k == m).map_or(0.0, |x| x.1);
            (format!("2024-{m:02}"), n)
        })
        .collect()
}

/// February 2024. Alpha's O1 is cancelled in January (nets to 0, not a
/// purchase): its first purchase is O2, 40.30 on 5 February. Bravo only
/// returns goods (a line without an order id, −25) and has an order that
/// nets to 0. Charlie's O4 nets to 0.1 + 0.2 − 0.3, exactly 0 (a float sum
/// gives 5.6e−17). Delta buys 70 (O5) and returns it in another order O6:
/// his February lines net to 0. Echo's first line is a return (O7, −15)
/// and his first purchase O8, 55.
const RETURNS: &str = "\
Date,Order,Customer,Region,Amount
2024-01-10,O1,Alpha,West,100.10
2024-01-10,O1,Alpha,West,-100.10
2024-02-05,O2,Alpha,West,40.30
2024-02-07,,Bravo,East,-25
2024-02-08,O3,Bravo,East,60
2024-02-08,O3,Bravo,East,-60
2024-02-10,O4,Charlie,East,0.1
2024-02-10,O4,Charlie,East,0.2
2024-02-10,O4,Charlie,East,-0.3
2024-02-12,O5,Delta,West,70
2024-02-20,O6,Delta,West,-70
2024-02-25,O7,Echo,West,-15
2024-02-26,O8,Echo,West,55
";

#[test]
fn returns_are_not_customers() {
    let r = report(RETURNS, day(2024, 2, 1), day(2024, 2, 29), None, None);
    // Nets in February: Alpha 40.30, Bravo −25, Charlie 0, Delta 0, Echo 40.
    assert_eq!(value(&r, "active_customers"), Some(2.0));
    // New: Alpha (O2) and Echo (O8); Delta's first purchase O5 is in
    // February but his February lines net to 0; Bravo and Charlie never bought.
    assert_eq!(value(&r, "new_customers"), Some(2.0));
    // (40.30 + 55) / 2
    assert_eq!(value(&r, "first_purchase_value"), Some(47.65));
    assert_eq!(
        rows(&r, "new_customers_list"),
        pairs(&[("Alpha", 40.3), ("Echo", 40.0)])
    );
    // Under a filter too: West keeps Alpha and Echo, not Delta, whose
    // West purchase was returned in February.
    let west = report(
        RETURNS,
        day(2024, 2, 1),
        day(2024, 2, 29),
        Some("West"),
        None,
    );
    assert_eq!(value(&west, "new_customers"), Some(2.0));
    // January: Alpha's only order nets to 0.
    let jan = report(RETURNS, day(2024, 1, 1), day(2024, 1, 31), None, None);
    assert_eq!(value(&jan, "active_customers"), Some(0.0));
    assert_eq!(value(&jan, "new_customers"), Some(0.0));
    assert_eq!(value(&jan, "first_purchase_value"), None);
}

/// The first half of 2024. Alpha first bought in 2023 (P1). Bravo's first
/// purchase is P3 (East); Charlie's P5 (West), P6 (East) the same day
/// coming after it in the file; Delta's first line P7 (Central) is a
/// return, his first purchase P8 (South); Echo's P9 (West), and he returns
/// 20 in East in June.
const SLICES: &str = "\
Date,Order,Customer,Region,Amount
2023-11-03,P1,Alpha,West,80
2024-01-15,P2,Alpha,East,120
2024-02-01,P3,Bravo,East,200
2024-03-10,P4,Bravo,West,90
2024-03-12,P5,Charlie,West,60
2024-03-12,P6,Charlie,East,40
2024-04-02,P7,Delta,Central,-30
2024-04-20,P8,Delta,South,75
2024-05-05,P9,Echo,West,150
2024-06-10,P10,Echo,East,-20
";

#[test]
fn new_customers_of_the_slices_add_up_to_the_company() {
    let (from, to) = (day(2024, 1, 1), day(2024, 6, 30));
    let new = |region| value(&report(SLICES, from, to, region, None), "new_customers");
    // Company: Bravo, Charlie, Delta, Echo (Alpha first bought in 2023).
    assert_eq!(new(None), Some(4.0));
    // By the region of each first purchase: West Charlie and Echo; East
    // Bravo; Central none (Delta's Central line is a return); South Delta.
    // (New to each slice, as before, gave West 3 and East 3.)
    let slices = [
        ("West", 2.0),
        ("East", 1.0),
        ("Central", 0.0),
        ("South", 1.0),
    ];
    for (region, n) in slices {
        assert_eq!(new(Some(region)), Some(n), "{region}");
    }
    let company = report(SLICES, from, to, None, None);
    // (200 + 60 + 75 + 150) / 4
    assert_eq!(value(&company, "first_purchase_value"), Some(121.25));
    let by_month = rows(&company, "new_customers_by_month");
    let want = [
        ("2024-01", 0.0),
        ("2024-02", 1.0),
        ("2024-03", 1.0),
        ("2024-04", 1.0),
        ("2024-05", 1.0),
        ("2024-06", 0.0),
    ];
    assert_eq!(by_month, pairs(&want));
    // Revenue in the half-year: Bravo 290, Echo 150 − 20, Charlie 100, Delta 45.
    assert_eq!(
        rows(&company, "new_customers_list"),
        pairs(&[
            ("Bravo", 290.0),
            ("Echo", 130.0),
            ("Charlie", 100.0),
            ("Delta", 45.0)
        ])
    );
    // West: (60 + 150) / 2, and the revenue West keeps.
    let west = report(SLICES, from, to, Some("West"), None);
    assert_eq!(value(&west, "first_purchase_value"), Some(105.0));
    assert_eq!(
        rows(&west, "new_customers_list"),
        pairs(&[("Echo", 150.0), ("Charlie", 60.0)])
    );
}

/// Purchases of 2022–2024; the data ends on 31 December 2024. Golf's only
/// order is cancelled (no purchase). Regions: see each line.
const DORMANCY: &str = "\
Date,Order,Customer,Region,Amount
2022-12-01,C1,Charlie,East,80
2023-02-10,E1,Echo,West,100
2023-03-01,A1,Alpha,West,100
2023-05-01,G1,Golf,East,150
2023-05-01,G1,Golf,East,-150
2023-06-15,B1,Bravo,East,200
2023-11-15,F1,Foxtrot,East,60
2024-01-01,D1,Delta,East,40
2024-01-20,F2,Foxtrot,West,70
2024-02-10,E2,Echo,West,120
2024-03-03,C2,Charlie,East,90
2024-05-10,B2,Bravo,West,50
2024-12-31,H1,Hotel,West,500
";

/// W = 365 over 2024 (366 days). Live on 1 January (a purchase from
/// 1 January 2023): Alpha (1 March), Bravo (15 June), Echo (10 February),
/// Foxtrot (15 November); not Charlie (December 2022). Losses in 2024:
/// Alpha on 29 February (1 March 2023 + 365, nothing after); Delta on
/// 31 December (1 January + 365, the data's last day). Echo bought again
/// exactly 365 days later (10 February 2024): not lost. Bravo's,
/// Charlie's, Echo's, Foxtrot's and Hotel's next losses fall in 2025,
/// after the data's end.
#[test]
fn lost_customers_and_churn_by_dormancy() {
    let (from, to) = (day(2024, 1, 1), day(2024, 12, 31));
    let r = report(DORMANCY, from, to, None, None);
    assert_eq!(r.dormancy_days, 365);
    assert_eq!(value(&r, "lost_customers"), Some(2.0));
    // Of the 4 live, Alpha is lost.
    assert_eq!(value(&r, "churn_rate"), Some(0.25));
    assert_eq!(value(&r, "retention_rate"), Some(0.75));
    assert_eq!(
        rows(&r, "lost_customers_by_month"),
        months_2024(&[(2, 1.0), (12, 1.0)])
    );
    // New: Delta and Hotel.
    assert_eq!(value(&r, "new_customers"), Some(2.0));
    assert_eq!(value(&r, "active_customers"), Some(6.0));
    // Revenue over the 365 days ending on the purchase the loss follows:
    // Alpha's A1, Delta's D1.
    assert_eq!(
        rows(&r, "lost_customers_list"),
        pairs(&[("Alpha", 100.0), ("Delta", 40.0)])
    );
    assert_eq!(
        rows(&r, "new_customers_list"),
        pairs(&[("Hotel", 500.0), ("Delta", 40.0)])
    );
}

/// Under a filter, a loss counts when the purchase it follows passes, and
/// a live customer when its last purchase before the period does.
#[test]
fn a_filter_keeps_the_lost_by_the_purchase_their_loss_follows() {
    let (from, to) = (day(2024, 1, 1), day(2024, 12, 31));
    // West: live Alpha (A1) and Echo (E1), Bravo's B1 and Foxtrot's F1
    // being East; lost Alpha. East: live Bravo and Foxtrot, lost Delta (D1),
    // neither live one lost.
    let west = report(DORMANCY, from, to, Some("West"), None);
    assert_eq!(value(&west, "lost_customers"), Some(1.0));
    assert_eq!(value(&west, "churn_rate"), Some(0.5));
    assert_eq!(
        rows(&west, "lost_customers_list"),
        pairs(&[("Alpha", 100.0)])
    );
    let east = report(DORMANCY, from, to, Some("East"), None);
    assert_eq!(value(&east, "lost_customers"), Some(1.0));
    assert_eq!(value(&east, "churn_rate"), Some(0.0));
    assert_eq!(value(&east, "retention_rate"), Some(1.0));
    assert_eq!(
        rows(&east, "lost_customers_list"),
        pairs(&[("Delta", 40.0)])
    );
    // Hotel is West's new customer, Delta East's: 1 + 1, the company's 2.
    assert_eq!(value(&west, "new_customers"), Some(1.0));
    assert_eq!(value(&east, "new_customers"), Some(1.0));
}

/// W = 90 over 2024. Losses: Delta 31 March (1 January + 90), Foxtrot
/// 19 April (20 January + 90; his 15 November purchase was followed
/// within 90 days), Echo 10 May, Charlie 1 June, Bravo 8 August. Live on
/// 1 January (a purchase from 3 October 2023): Foxtrot alone, lost.
#[test]
fn the_dormancy_window_is_a_setting() {
    let (from, to) = (day(2024, 1, 1), day(2024, 12, 31));
    let r = report(DORMANCY, from, to, None, Some(90));
    assert_eq!(r.dormancy_days, 90);
    assert_eq!(value(&r, "lost_customers"), Some(5.0));
    assert_eq!(value(&r, "churn_rate"), Some(1.0));
    assert_eq!(value(&r, "retention_rate"), Some(0.0));
    let by_month = months_2024(&[(3, 1.0), (4, 1.0), (5, 1.0), (6, 1.0), (8, 1.0)]);
    assert_eq!(rows(&r, "lost_customers_by_month"), by_month);
    // The 90 days ending on each purchase: Foxtrot F1 + F2, Echo E2,
    // Charlie C2, Bravo B2, Delta D1.
    let want = [
        ("Foxtrot", 130.0),
        ("Echo", 120.0),
        ("Charlie", 90.0),
        ("Bravo", 50.0),
        ("Delta", 40.0),
    ];
    assert_eq!(rows(&r, "lost_customers_list"), pairs(&want));
    // Nobody live: churn and retention are unavailable, not 0.
    let short = report(DORMANCY, from, to, None, Some(30));
    assert_eq!(value(&short, "churn_rate"), None);
    assert_eq!(value(&short, "retention_rate"), None);
}

/// October 2024 – March 2025 with W = 365: Delta's loss on 31 December
/// counts; Foxtrot's (19 January 2025), Echo's (9 February) and
/// Charlie's (3 March) would fall in the period but after the data's end.
#[test]
fn a_loss_is_known_only_up_to_the_data_s_end() {
    let r = report(DORMANCY, day(2024, 10, 1), day(2025, 3, 31), None, None);
    assert_eq!(value(&r, "lost_customers"), Some(1.0));
}

/// `cadran kpis --dormancy-days 90` reads the window and states it.
#[test]
fn the_command_line_sets_the_window() {
    let dir = std::env::temp_dir().join(format!("cadran-dormancy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("sales.csv");
    std::fs::write(&file, DORMANCY).expect("written");
    let mut args: Vec<std::ffi::OsString> = vec!["kpis".into(), file.into_os_string()];
    for a in [
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--dormancy-days",
        "90",
    ] {
        args.push(a.into());
    }
    let r = common::cli(&args);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(r.dormancy_days, 90);
    assert_eq!(value(&r, "lost_customers"), Some(5.0));
}
