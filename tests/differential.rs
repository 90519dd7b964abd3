//! The engine's report against the plain reference (`tests/reference`) on
//! random sales tables: multi-line orders, returns and cancellations, lines
//! of one order on different days, lines without an order id, a customer, a
//! day or an amount, orders whose lines are interleaved; random periods
//! (single days, calendar months and quarters, ranges across month edges,
//! spans before and after the data) and random filters. About a third of
//! the workspaces add a customers table (a sector and segment per customer,
//! sometimes a region; some customers missing, names in another case or
//! with accents) and leave the sales table without the columns it gives, so
//! breakdowns and filters on them go through the join. Every figure of the
//! revenue and customer families, their comparisons, breakdowns, cohorts and
//! the rep view must agree.
//!
//! `cargo test --test differential` runs 96 cases; set `PROPTEST_CASES`
//! (for example `PROPTEST_CASES=5000`) for a longer search.

mod common;
mod reference;

use cadran::engine::kpi::{self, Query};
use cadran::engine::schema::Field;
use cadran::engine::Report;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use reference::gen::{cases, kpi_differences, origin, period, pick, same, span};
use reference::{Account, Accounts, Dim, Line, Span};
use std::collections::BTreeMap;

const CUSTOMERS: [&str; 8] = [
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
];
const REPS: [&str; 4] = ["Anne", "Bruno", "Chloé", "David"];
const REGIONS: [&str; 3] = ["Nord", "Sud", "Ouest"];
const PRODUCTS: [&str; 5] = ["Atlas", "Boreal", "Cime", "Dune", "Escale"];
const SECTORS: [&str; 3] = ["Industrie", "Santé", "Services"];
const CHANNELS: [&str; 2] = ["Terrain", "Web"];
const SEGMENTS: [&str; 3] = ["PME", "ETI", "Grand compte"];

/// A customers table as generated: per customer of `CUSTOMERS`, its row
/// (absent: `None`) as a spelling of its name, a sector, region and segment.
#[derive(Debug, Clone)]
struct AccountsSpec {
    rows: Vec<Option<AccountSpec>>,
    /// The table has a region column (and the sales table then none).
    with_region: bool,
    /// Rows written last customer first.
    reversed: bool,
}

#[derive(Debug, Clone)]
struct AccountSpec {
    spelling: u8,
    sector: Option<usize>,
    region: Option<usize>,
    segment: Option<usize>,
}

fn accounts_spec() -> impl Strategy<Value = AccountsSpec> {
    let row = (
        0u8..4,
        prop::option::weighted(0.9, 0usize..SECTORS.len()),
        prop::option::weighted(0.9, 0usize..REGIONS.len()),
        prop::option::weighted(0.9, 0usize..SEGMENTS.len()),
    )
        .prop_map(|(spelling, sector, region, segment)| AccountSpec {
            spelling,
            sector,
            region,
            segment,
        });
    (
        prop::collection::vec(prop::option::weighted(0.8, row), CUSTOMERS.len()),
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(rows, with_region, reversed)| AccountsSpec {
            rows,
            with_region,
            reversed,
        })
}

/// A customer's name as the customers table writes it: as in the sales,
/// in capitals, in lower case, or with an accent and a trailing space.
fn spelled(name: &str, spelling: u8) -> String {
    match spelling {
        0 => name.to_string(),
        1 => name.to_uppercase(),
        2 => name.to_lowercase(),
        _ => {
            let mut cs = name.chars();
            let first = match cs.next() {
                Some('A') => 'À',
                Some('E') => 'É',
                Some('C') => 'Ç',
                Some(c) => c,
                None => ' ',
            };
            format!("{first}{} ", cs.as_str())
        }
    }
}

fn accounts_of(spec: &AccountsSpec) -> Accounts {
    let mut rows: Vec<Account> = spec
        .rows
        .iter()
        .zip(CUSTOMERS)
        .filter_map(|(row, name)| {
            let row = row.as_ref()?;
            Some(Account {
                name: spelled(name, row.spelling),
                sector: row.sector.map(|x| SECTORS[x].to_string()),
                region: row
                    .region
                    .filter(|_| spec.with_region)
                    .map(|x| REGIONS[x].to_string()),
                segment: row.segment.map(|x| SEGMENTS[x].to_string()),
            })
        })
        .collect();
    if spec.reversed {
        rows.reverse();
    }
    let mut joined = vec![Dim::Sector, Dim::Segment];
    if spec.with_region {
        joined.push(Dim::Region);
    }
    Accounts { rows, joined }
}

/// The customers table as a French export (`;`).
fn accounts_csv(a: &Accounts) -> String {
    let region = a.joined.contains(&Dim::Region);
    let mut s = String::from("Client;Secteur;Type de client");
    s.push_str(if region { ";Région\n" } else { "\n" });
    for row in &a.rows {
        let opt = |x: &Option<String>| x.clone().unwrap_or_default();
        s.push_str(&format!(
            "{};{};{}",
            row.name,
            opt(&row.sector),
            opt(&row.segment)
        ));
        if region {
            s.push_str(&format!(";{}", opt(&row.region)));
        }
        s.push('\n');
    }
    s
}

/// One order as generated: its lines share its id, customer, rep, region,
/// sector and channel; each line may move a few days off, or lose a cell.
#[derive(Debug, Clone)]
struct OrderSpec {
    id: Option<u32>,
    day: i64,
    customer: Option<usize>,
    rep: Option<usize>,
    region: usize,
    sector: Option<usize>,
    channel: usize,
    lines: Vec<LineSpec>,
}

#[derive(Debug, Clone)]
struct LineSpec {
    shift: i64,
    product: usize,
    cents: i64,
    qty: i64,
    cost_share: u8,
    no_day: bool,
    no_amount: bool,
    /// In a messy table, a line naming another customer than its order.
    other_customer: Option<usize>,
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    (
        prop_oneof![8 => Just(0i64), 1 => 1i64..40],
        0usize..PRODUCTS.len(),
        prop_oneof![6 => 100i64..80_000, 2 => -30_000i64..0, 1 => Just(0i64)],
        1i64..6,
        0u8..100,
        prop::bool::weighted(0.03),
        prop::bool::weighted(0.03),
        prop::option::weighted(0.08, 0usize..CUSTOMERS.len()),
    )
        .prop_map(
            |(shift, product, cents, qty, cost_share, no_day, no_amount, other_customer)| {
                LineSpec {
                    shift,
                    product,
                    cents,
                    qty,
                    cost_share,
                    no_day,
                    no_amount,
                    other_customer,
                }
            },
        )
}

fn order_spec() -> impl Strategy<Value = OrderSpec> {
    (
        prop::option::weighted(0.9, 0u32..60),
        0i64..1100,
        prop::option::weighted(0.9, 0usize..CUSTOMERS.len()),
        prop::option::weighted(0.95, 0usize..REPS.len()),
        0usize..REGIONS.len(),
        prop::collection::vec(line_spec(), 1..5),
        prop::bool::weighted(0.1),
        (
            prop::option::weighted(0.9, 0usize..SECTORS.len()),
            0usize..CHANNELS.len(),
        ),
    )
        .prop_map(
            |(id, day, customer, rep, region, mut lines, cancel, (sector, channel))| {
                // A cancellation: the order's first line returned whole.
                if cancel {
                    let mut back = lines[0].clone();
                    back.cents = -back.cents;
                    back.qty = -back.qty;
                    lines.push(back);
                }
                OrderSpec {
                    id,
                    day,
                    customer,
                    rep,
                    region,
                    sector,
                    channel,
                    lines,
                }
            },
        )
}

/// How orders are written.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// As most exports: each order its own id, all its lines on one day
    /// (the engine then reads whole orders at a time).
    Tidy,
    /// The same, with some lines without an order id.
    TidyWithLoneLines,
    /// Ids shared by unrelated orders, lines of one order on several days.
    Messy,
}

/// The lines of the orders, in order (or interleaved); `dense` puts them
/// all in four months, so that orders share days.
fn lines_of(orders: &[OrderSpec], interleave: bool, shape: Shape, dense: bool) -> Vec<Line> {
    let mut out: Vec<(usize, Line)> = Vec::new();
    for (i, o) in orders.iter().enumerate() {
        for (j, l) in o.lines.iter().enumerate() {
            let cents = l.cents;
            let (id, shift, customer) = match shape {
                Shape::Tidy => (Some(i as u32), 0, o.customer),
                Shape::TidyWithLoneLines => (o.id.map(|_| i as u32), 0, o.customer),
                Shape::Messy => (o.id, l.shift, l.other_customer.or(o.customer)),
            };
            let day = if dense { o.day % 120 } else { o.day };
            let line = Line {
                day: (!l.no_day).then(|| origin() + Duration::days(day + shift)),
                cents: (!l.no_amount).then_some(cents),
                order: id.map(|id| format!("C{id:03}")),
                customer: customer.map(|c| CUSTOMERS[c].to_string()),
                rep: o.rep.map(|r| REPS[r].to_string()),
                region: Some(REGIONS[o.region].to_string()),
                sector: o.sector.map(|x| SECTORS[x].to_string()),
                channel: Some(CHANNELS[o.channel].to_string()),
                product: Some(PRODUCTS[l.product].to_string()),
                cost: if l.no_amount {
                    0
                } else {
                    cents.abs() * i64::from(l.cost_share) / 100 * cents.signum()
                },
                qty: l.qty,
                orders: None,
            };
            // Interleaved: the second line of every order after all first lines.
            let rank = if interleave {
                j * 1000 + i
            } else {
                i * 1000 + j
            };
            out.push((rank, line));
        }
    }
    out.sort_by_key(|(rank, _)| *rank);
    out.into_iter().map(|(_, l)| l).collect()
}

fn cents_text(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", c.abs() / 100, c.abs() % 100)
}

/// The lines as a French Excel export: `;`, decimal commas, ISO dates;
/// without the columns of the dimensions in `omit` (a customers table
/// gives them).
/// An aggregated extract's rows write their order count where lines
/// write their order id, and a product only when they have one.
fn csv(lines: &[Line], omit: &[Dim]) -> String {
    let aggregated = reference::aggregated::is_aggregated(lines);
    let has_product = lines.iter().any(|l| l.product.is_some());
    let own = |d: Dim| !omit.contains(&d) && (d != Dim::Product || has_product);
    let mut s = String::from(if aggregated {
        "Date;Nb commandes;Client;Commercial;"
    } else {
        "Date;N° commande;Client;Commercial;"
    });
    for (d, name) in [(Dim::Region, "Région;"), (Dim::Sector, "Secteur;")] {
        if own(d) {
            s.push_str(name);
        }
    }
    s.push_str("Canal;");
    if own(Dim::Product) {
        s.push_str("Produit;");
    }
    s.push_str("Quantité;Montant HT;Coût\n");
    for l in lines {
        let opt = |x: &Option<String>| x.clone().unwrap_or_default();
        let cell = |d: Dim, x: &Option<String>| {
            if own(d) {
                format!("{};", opt(x))
            } else {
                String::new()
            }
        };
        s.push_str(&format!(
            "{};{};{};{};{}{}{};{}{};{};{}\n",
            l.day
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            match l.orders {
                Some(n) => n.to_string(),
                None => opt(&l.order),
            },
            opt(&l.customer),
            opt(&l.rep),
            cell(Dim::Region, &l.region),
            cell(Dim::Sector, &l.sector),
            opt(&l.channel),
            cell(Dim::Product, &l.product),
            l.qty,
            l.cents.map(cents_text).unwrap_or_default(),
            if l.cents.is_some() {
                cents_text(l.cost)
            } else {
                String::new()
            },
        ));
    }
    s
}

fn filters() -> impl Strategy<Value = BTreeMap<Dim, Vec<String>>> {
    prop_oneof![
        3 => Just(BTreeMap::new()),
        1 => pick(&REPS).prop_map(|v| BTreeMap::from([(Dim::Rep, v)])),
        1 => pick(&REGIONS).prop_map(|v| BTreeMap::from([(Dim::Region, v)])),
        1 => pick(&PRODUCTS).prop_map(|v| BTreeMap::from([(Dim::Product, v)])),
        1 => pick(&CUSTOMERS).prop_map(|v| BTreeMap::from([(Dim::Customer, v)])),
        1 => pick(&SECTORS).prop_map(|v| BTreeMap::from([(Dim::Sector, v)])),
        1 => pick(&CHANNELS).prop_map(|v| BTreeMap::from([(Dim::Channel, v)])),
    ]
}

fn field(d: Dim) -> Field {
    match d {
        Dim::Rep => Field::Rep,
        Dim::Region => Field::Region,
        Dim::Product => Field::Product,
        Dim::Customer => Field::Customer,
        Dim::Sector => Field::Sector,
        Dim::Channel => Field::Channel,
        Dim::Segment => Field::Segment,
    }
}

fn engine_report(
    lines: &[Line],
    accounts: Option<&Accounts>,
    p: Span,
    f: &BTreeMap<Dim, Vec<String>>,
    dormancy: Option<u32>,
) -> Report {
    let ws = match accounts {
        Some(a) => common::workspace_of(&[
            ("ventes.csv", &csv(lines, &a.joined)),
            ("clients.csv", &accounts_csv(a)),
        ]),
        None => common::workspace_of(&[("ventes.csv", &csv(lines, &[]))]),
    };
    let q = Query {
        period: Some(period(p)),
        filters: f.iter().map(|(d, v)| (field(*d), v.clone())).collect(),
        dormancy_days: dormancy,
        ..Query::default()
    };
    kpi::report(&ws, &q)
}

fn non_zero(m: BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    m.into_iter().filter(|(_, v)| *v != 0.0).collect()
}

/// Every difference between the engine's report and the reference's, with
/// a dormancy window of `dormancy` days (`None`: the default, 365).
fn differences(
    lines: &[Line],
    accounts: Option<&Accounts>,
    p: Span,
    f: &BTreeMap<Dim, Vec<String>>,
    dormancy: Option<u32>,
) -> Vec<String> {
    let got = engine_report(lines, accounts, p, f, dormancy);
    let w = dormancy.unwrap_or(365);
    let want = reference::report_dormant(lines, accounts, p, f, i64::from(w));
    let mut out = kpi_differences(&got, &want.kpis, |_, a, b| same(a, b));
    if got.dormancy_days != w {
        out.push(format!("dormancy_days {}, asked {w}", got.dormancy_days));
    }
    // The customers table is read as one and joined to the sales.
    if accounts.is_some()
        && !got
            .relations
            .iter()
            .any(|r| r.to_file == "clients.csv" && r.field == "customer")
    {
        out.push(format!("no join to clients.csv: {:?}", got.relations));
    }
    // Each computed KPI names the rows it read.
    for (id, k) in want.kpis.keys().filter_map(|id| Some((id, got.kpi(id)?))) {
        let rows = k.inputs.as_ref().map(|i| i.rows);
        if k.value.is_some() && rows != Some(want.inputs) {
            out.push(format!("{id}: inputs {rows:?}, reference {}", want.inputs));
        }
    }
    let totals = |id: &str| match id {
        "margin_by_month" => want.kpis["gross_margin"][0],
        "revenue_by_month_last_year" => want.kpis["revenue"][2],
        _ => want.kpis["revenue"][0],
    };
    for (id, w) in &want.breakdowns {
        let rows = got.breakdown(id);
        let g: BTreeMap<String, f64> = rows.iter().map(|b| (b.key.clone(), b.value)).collect();
        let listed = match *id {
            "top_customers" => 10,
            "new_customers_list" | "lost_customers_list" => 50,
            _ => 0,
        };
        let matches = match *id {
            "top_customers" | "new_customers_list" | "lost_customers_list" => {
                let mut sorted: Vec<(&String, &f64)> = w.iter().collect();
                sorted.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
                sorted.truncate(listed);
                let g: Vec<(&String, &f64)> = rows.iter().map(|b| (&b.key, &b.value)).collect();
                g == sorted
            }
            "new_customers_by_month" | "lost_customers_by_month" => g == *w,
            _ => non_zero(g.clone()) == non_zero(w.clone()),
        };
        if !matches {
            out.push(format!("{id}: engine {g:?}, reference {w:?}"));
        }
        if id.starts_with("revenue_by") || *id == "margin_by_month" || *id == "top_customers" {
            let total = totals(id);
            for b in rows {
                let want_share = total.and_then(|t| (t != 0.0).then(|| b.value / t));
                if !same(b.share, want_share) {
                    out.push(format!(
                        "{id}[{}] share {:?}, want {want_share:?}",
                        b.key, b.share
                    ));
                }
            }
        }
    }
    for id in ["revenue_without_customer"] {
        if got.breakdowns.contains_key(id) != want.breakdowns.contains_key(id) {
            out.push(format!("{id}: engine {:?}", got.breakdown(id)));
        }
    }
    let cohorts: BTreeMap<String, (usize, Vec<f64>)> = got
        .cohorts
        .iter()
        .map(|c| (c.cohort.clone(), (c.customers, c.retention.clone())))
        .collect();
    let cohorts_match = cohorts.len() == want.cohorts.len()
        && cohorts
            .iter()
            .zip(&want.cohorts)
            .all(|((k, (n, r)), (wk, (wn, wr)))| {
                k == wk
                    && n == wn
                    && r.len() == wr.len()
                    && r.iter().zip(wr).all(|(a, b)| same(Some(*a), Some(*b)))
            });
    if !cohorts_match {
        out.push(format!(
            "cohorts: engine {cohorts:?}, reference {:?}",
            want.cohorts
        ));
    }
    let reps: BTreeMap<String, [Option<f64>; 4]> = got
        .reps
        .iter()
        .filter(|r| r.revenue.is_some())
        .map(|r| {
            (
                r.rep.clone(),
                [r.revenue, r.margin, r.orders, r.avg_order_value],
            )
        })
        .collect();
    let reps_match = reps.len() == want.reps.len()
        && reps
            .iter()
            .zip(&want.reps)
            .all(|((k, g), (wk, w))| k == wk && g.iter().zip(w).all(|(a, b)| same(*a, *b)));
    if !reps_match {
        out.push(format!("reps: engine {reps:?}, reference {:?}", want.reps));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_report_agrees_with_the_reference(
        orders in prop::collection::vec(order_spec(), 1..40),
        interleave in prop::bool::weighted(0.2),
        shape in prop_oneof![Just(Shape::Tidy), Just(Shape::TidyWithLoneLines), Just(Shape::Messy)],
        dense in prop::bool::weighted(0.3),
        p in span(),
        f in filters(),
        accounts in prop::option::weighted(0.33, accounts_spec()),
        segment in prop::option::weighted(0.3, pick(&SEGMENTS)),
        dormancy in prop::option::weighted(0.5, prop_oneof![1u32..60, 60u32..500]),
    ) {
        let lines = lines_of(&orders, interleave, shape, dense);
        // A column with no value at all is not read as dates or amounts:
        // then there is no sales table to compare.
        prop_assume!(lines.iter().any(|l| l.day.is_some()) && lines.iter().any(|l| l.cents.is_some()));
        let accounts = accounts.as_ref().map(accounts_of);
        let mut f = f;
        // Only a customers table gives the sales a segment.
        if let (Some(_), Some(v)) = (&accounts, segment) {
            f.insert(Dim::Segment, v);
        }
        let diffs = differences(&lines, accounts.as_ref(), p, &f, dormancy);
        let omit = accounts.as_ref().map_or(&[][..], |a| &a.joined[..]);
        prop_assert!(
            diffs.is_empty(),
            "period {:?}, filters {:?}, dormancy {:?}:\n{}\n{}\n{}",
            p,
            f,
            dormancy,
            diffs.join("\n"),
            csv(&lines, omit),
            accounts.as_ref().map(accounts_csv).unwrap_or_default()
        );
    }
}

/// The lines of random orders as a tidy export (each order its id, or
/// some lines without one), and the extract the recipe makes of them.
fn lines_and_extract(
    orders: &[OrderSpec],
    interleave: bool,
    lone: bool,
    dense: bool,
    by_product: bool,
) -> (Vec<Line>, Vec<Line>) {
    let shape = if lone {
        Shape::TidyWithLoneLines
    } else {
        Shape::Tidy
    };
    let lines = lines_of(orders, interleave, shape, dense);
    let rows = reference::aggregated::aggregate(&lines, by_product);
    (lines, rows)
}

/// Every figure of `lines`' report that `extract`'s report gives
/// otherwise: a KPI, comparison or median, a breakdown (but the products'
/// when the extract has none), the cohorts, the rep view. Unavailable in
/// the extract's report and not its lines': only the
/// first purchase value and, under a product filter, the figures that
/// count orders, each with an aggregated extract's reason.
fn extract_differences(
    lines: &Report,
    extract: &Report,
    by_product: bool,
    product_filter: bool,
) -> Vec<String> {
    use cadran::engine::messages::Reason;
    let mut out = Vec::new();
    let gaps: &[&str] = if product_filter {
        &[
            "first_purchase_value",
            "order_count",
            "avg_order_value",
            "repeat_rate",
        ]
    } else {
        &["first_purchase_value"]
    };
    for (id, a) in &lines.kpis {
        let b = extract.kpi(id).cloned().unwrap_or_default();
        // Missing data, or a filter the table cannot take, says so first.
        let lacking = matches!(
            a.unavailable,
            Some(Reason::Needs(_) | Reason::Unfilterable { .. })
        );
        if gaps.contains(&id.as_str()) && !lacking {
            if !matches!(b.unavailable, Some(Reason::Aggregated { .. })) {
                out.push(format!("{id}: not said unavailable on the extract: {b:?}"));
            }
            continue;
        }
        let (fa, fb) = (
            [a.value, a.previous, a.last_year, a.median],
            [b.value, b.previous, b.last_year, b.median],
        );
        if !fa.iter().zip(&fb).all(|(x, y)| same(*x, *y)) {
            out.push(format!("{id}: lines {fa:?}, extract {fb:?}"));
        }
    }
    for (id, rows) in &lines.breakdowns {
        if id == "revenue_by_product" && !by_product {
            continue;
        }
        let key = |r: &[cadran::engine::report::BreakdownRow]| {
            r.iter()
                .map(|b| (b.key.clone(), b.value, b.share))
                .collect::<Vec<_>>()
        };
        let (a, b) = (key(rows), key(extract.breakdown(id)));
        let agree = a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, y)| x.0 == y.0 && same(Some(x.1), Some(y.1)) && same(x.2, y.2));
        if !agree {
            out.push(format!("{id}: lines {a:?}, extract {b:?}"));
        }
    }
    if lines.cohorts != extract.cohorts {
        out.push(format!(
            "cohorts: lines {:?}, extract {:?}",
            lines.cohorts, extract.cohorts
        ));
    }
    let reps = |r: &Report| -> Vec<_> {
        r.reps
            .iter()
            .map(|x| {
                let orders = if product_filter {
                    [None, None]
                } else {
                    [x.orders, x.avg_order_value]
                };
                (x.rep.clone(), [x.revenue, x.margin, orders[0], orders[1]])
            })
            .collect()
    };
    let (ra, rb) = (reps(lines), reps(extract));
    let agree = ra.len() == rb.len()
        && ra
            .iter()
            .zip(&rb)
            .all(|(x, y)| x.0 == y.0 && x.1.iter().zip(&y.1).all(|(a, b)| same(*a, *b)));
    if !agree {
        out.push(format!("reps: lines {ra:?}, extract {rb:?}"));
    }
    if product_filter && extract.reps.iter().any(|x| x.orders.is_some()) {
        out.push("reps: orders under a product filter on the extract".into());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// An aggregated extract (as the warehouse recipe writes it) against
    /// the reference, which reads the same table kind; and the engine reads
    /// the same figures from it as from its lines, but what an extract
    /// cannot tell, which it says.
    #[test]
    fn an_aggregated_extract_agrees_with_the_reference_and_its_lines(
        orders in prop::collection::vec(order_spec(), 1..40),
        interleave in prop::bool::weighted(0.2),
        lone in prop::bool::weighted(0.3),
        dense in prop::bool::weighted(0.5),
        by_product in any::<bool>(),
        p in span(),
        f in filters(),
        accounts in prop::option::weighted(0.33, accounts_spec()),
        dormancy in prop::option::weighted(0.5, prop_oneof![1u32..60, 60u32..500]),
    ) {
        let (lines, rows) = lines_and_extract(&orders, interleave, lone, dense, by_product);
        // As for lines: a column with no value is no date or amount column.
        prop_assume!(rows.iter().any(|l| l.day.is_some()) && rows.iter().any(|l| l.cents.is_some()));
        let mut f = f;
        if !by_product {
            f.remove(&Dim::Product);
        }
        let accounts = accounts.as_ref().map(accounts_of);
        let mut diffs = differences(&rows, accounts.as_ref(), p, &f, dormancy);
        let a = engine_report(&lines, accounts.as_ref(), p, &f, dormancy);
        let b = engine_report(&rows, accounts.as_ref(), p, &f, dormancy);
        diffs.extend(
            extract_differences(&a, &b, by_product, f.contains_key(&Dim::Product))
                .into_iter()
                .map(|d| format!("lines and extract: {d}")),
        );
        let omit = accounts.as_ref().map_or(&[][..], |a| &a.joined[..]);
        prop_assert!(
            diffs.is_empty(),
            "period {:?}, filters {:?}, dormancy {:?}:\n{}\n{}\n{}",
            p,
            f,
            dormancy,
            diffs.join("\n"),
            csv(&lines, omit),
            csv(&rows, omit),
        );
    }
}

/// The reference itself, on a file small enough to check by hand: it must
/// not agree with the engine by sharing its mistakes.
#[test]
fn the_reference_on_a_hand_checked_case() {
    let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).expect("a day");
    let line = |day, cents, order: &str, customer: &str| Line {
        day: Some(day),
        cents: Some(cents),
        order: Some(order.to_string()),
        customer: Some(customer.to_string()),
        rep: Some("Anne".into()),
        region: Some("Nord".into()),
        product: Some("Atlas".into()),
        sector: None,
        channel: None,
        cost: 0,
        qty: 1,
        orders: None,
    };
    let lines = [
        line(d(1, 10), 10_000, "C1", "Alpha"),
        line(d(2, 5), 20_000, "C2", "Bravo"),
        line(d(2, 5), -20_000, "C2", "Bravo"), // C2 cancelled: not an order
        line(d(2, 20), 5_000, "C3", "Alpha"),
        line(d(2, 21), 7_000, "C3", "Alpha"), // C3 spans two days
    ];
    let p = Span {
        from: d(2, 1),
        to: d(2, 29),
    };
    let r = reference::report(&lines, p, &BTreeMap::new());
    assert_eq!(r.kpis["revenue"][0], Some(120.0));
    assert_eq!(r.kpis["order_count"][0], Some(1.0));
    assert_eq!(r.kpis["avg_order_value"][0], Some(120.0));
    // Bravo's lines net to 0: Alpha alone is active, and nobody is new
    // (Alpha first bought in January, Bravo never did).
    assert_eq!(r.kpis["active_customers"][0], Some(1.0));
    assert_eq!(r.kpis["new_customers"][0], Some(0.0));
    assert_eq!(r.kpis["first_purchase_value"][0], None);
    // Alpha, live since 10 January, bought again: none lost.
    assert_eq!(r.kpis["retention_rate"][0], Some(1.0));
    assert_eq!(r.kpis["lost_customers"][0], Some(0.0));
    // The previous period is January, which starts more than seven days
    // before the data (10 January): no comparison.
    assert_eq!(r.kpis["revenue"][1], None);
    assert!(differences(&lines, None, p, &BTreeMap::new(), None).is_empty());
}

/// The join by hand: sectors, segments and regions come from the customers
/// table whatever the case or accents of a name; a customer missing from it
/// has `(none)`, and a filter on a joined field keeps its customers' lines.
#[test]
fn the_reference_joins_a_customers_table() {
    let d = |day| NaiveDate::from_ymd_opt(2024, 3, day).expect("a day");
    let line = |day, cents, order: &str, customer: Option<&str>| Line {
        day: Some(d(day)),
        cents: Some(cents),
        order: Some(order.to_string()),
        customer: customer.map(str::to_string),
        rep: Some("Anne".into()),
        region: Some("Nord".into()),
        product: Some("Atlas".into()),
        sector: None,
        channel: Some("Web".into()),
        cost: 0,
        qty: 1,
        orders: None,
    };
    let lines = [
        line(1, 10_000, "C1", Some("Alpha")),
        line(2, 20_000, "C2", Some("Echo")),
        line(3, 4_000, "C3", Some("Golf")), // not in the table
        line(4, 1_000, "C4", None),
    ];
    let account = |name: &str, sector: &str, segment: &str, region: &str| Account {
        name: name.into(),
        sector: Some(sector.into()),
        region: Some(region.into()),
        segment: Some(segment.into()),
    };
    let accounts = Accounts {
        rows: vec![
            account("ALPHA", "Santé", "PME", "Sud"),
            account("Écho ", "Industrie", "ETI", "Ouest"),
        ],
        joined: vec![Dim::Sector, Dim::Segment, Dim::Region],
    };
    let p = Span {
        from: d(1),
        to: d(31),
    };
    let r = reference::report_joined(&lines, Some(&accounts), p, &BTreeMap::new());
    let by_sector = BTreeMap::from([
        ("Santé".to_string(), 100.0),
        ("Industrie".to_string(), 200.0),
        ("(none)".to_string(), 50.0),
    ]);
    assert_eq!(r.breakdowns["revenue_by_sector"], by_sector);
    assert_eq!(r.breakdowns["revenue_by_region"]["Ouest"], 200.0);
    let f = BTreeMap::from([(Dim::Segment, vec!["ETI".to_string()])]);
    let r = reference::report_joined(&lines, Some(&accounts), p, &f);
    assert_eq!(r.kpis["revenue"][0], Some(200.0));
    assert_eq!(r.inputs, 1);
    let f = BTreeMap::from([(Dim::Region, vec!["Nord".to_string()])]);
    let r = reference::report_joined(&lines, Some(&accounts), p, &f);
    assert_eq!(r.kpis["revenue"][0], Some(0.0)); // the sales' own region is not read
    for f in [
        BTreeMap::new(),
        BTreeMap::from([(Dim::Segment, vec!["ETI".to_string()])]),
        BTreeMap::from([(Dim::Sector, vec!["Santé".to_string()])]),
    ] {
        let diffs = differences(&lines, Some(&accounts), p, &f, None);
        assert!(diffs.is_empty(), "{f:?}: {}", diffs.join("\n"));
    }
}

/// An extract by hand: order A1 (Atlas 100, Boreal 50) and the returned
/// A2 (Atlas −20) of Alpha on 10 January; B1 (80) and B2 (30) of Bravo,
/// both Boreal, on 5 February. Summed per product: Alpha–Atlas 80 with
/// one order (A1's first line), Alpha–Boreal 50 with none, Bravo–Boreal
/// 110 with two.
#[test]
fn an_extract_by_hand() {
    let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).expect("a day");
    let line = |day, cents, order: &str, customer: &str, product: &str| Line {
        day: Some(day),
        cents: Some(cents),
        order: Some(order.to_string()),
        customer: Some(customer.to_string()),
        rep: Some("Anne".into()),
        region: Some("Nord".into()),
        product: Some(product.to_string()),
        sector: None,
        channel: None,
        cost: 0,
        qty: 1,
        orders: None,
    };
    let lines = [
        line(d(1, 10), 10_000, "A1", "Alpha", "Atlas"),
        line(d(1, 10), 5_000, "A1", "Alpha", "Boreal"),
        line(d(1, 10), -2_000, "A2", "Alpha", "Atlas"),
        line(d(2, 5), 8_000, "B1", "Bravo", "Boreal"),
        line(d(2, 5), 3_000, "B2", "Bravo", "Boreal"),
    ];
    let rows = reference::aggregated::aggregate(&lines, true);
    let got: Vec<(&str, &str, Option<i64>, Option<u32>)> = rows
        .iter()
        .map(|r| {
            (
                r.customer.as_deref().unwrap_or(""),
                r.product.as_deref().unwrap_or(""),
                r.cents,
                r.orders,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Alpha", "Atlas", Some(8_000), Some(1)),
            ("Alpha", "Boreal", Some(5_000), Some(0)),
            ("Bravo", "Boreal", Some(11_000), Some(2)),
        ]
    );
    let p = Span {
        from: d(1, 1),
        to: d(3, 31),
    };
    let none = BTreeMap::new();
    let r = engine_report(&rows, None, p, &none, None);
    let value = |id: &str| r.kpi(id).and_then(|k| k.value);
    assert_eq!(value("revenue"), Some(240.0));
    assert_eq!(value("order_count"), Some(3.0));
    assert_eq!(value("avg_order_value"), Some(80.0));
    // Alpha one order, Bravo two.
    assert_eq!(value("repeat_rate"), Some(0.5));
    assert_eq!(value("new_customers"), Some(2.0));
    assert_eq!(value("first_purchase_value"), None);
    assert!(differences(&rows, None, p, &none, None).is_empty());
    // Boreal alone: its revenue, but no order count (A1 counts on Atlas).
    let boreal = BTreeMap::from([(Dim::Product, vec!["Boreal".to_string()])]);
    let r = engine_report(&rows, None, p, &boreal, None);
    assert_eq!(r.kpi("revenue").and_then(|k| k.value), Some(160.0));
    assert_eq!(r.kpi("order_count").and_then(|k| k.value), None);
    assert!(differences(&rows, None, p, &boreal, None).is_empty());
}
