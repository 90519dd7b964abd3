//! The reference report: the revenue and customer families of docs/KPIS.md
//! computed the plain way, from order lines held as Rust values, row by row,
//! with no prepared table, no code space, no integer sums and no fast path.
//! It is meant to be read against docs/KPIS.md in one sitting; the
//! differential tests (`tests/differential.rs`) compare the engine's report
//! with it on random workspaces.
//!
//! Amounts are whole cents, so its sums are exact integers; a figure's
//! float is the cents over 100, which is the float the engine's exact sums
//! give too.

#![allow(dead_code)]

pub mod aggregated;
pub mod comparisons;
pub mod customers;
pub mod families;
pub mod gen;
pub mod pipeline;
pub mod team;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// One order line, as the generator wrote it in the CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub day: Option<NaiveDate>,
    /// Cents; `None` when the cell is empty.
    pub cents: Option<i64>,
    pub order: Option<String>,
    pub customer: Option<String>,
    pub rep: Option<String>,
    pub region: Option<String>,
    pub product: Option<String>,
    pub sector: Option<String>,
    pub channel: Option<String>,
    /// Cost in cents (the margin is amount − cost).
    pub cost: i64,
    pub qty: i64,
    /// On a row of an aggregated extract (no order id): the orders it
    /// holds, each order counted on the row of its first line.
    pub orders: Option<u32>,
}

/// Which dimension a filter or a breakdown reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dim {
    Rep,
    Region,
    Product,
    Customer,
    Sector,
    Channel,
    /// A customer's segment: only ever read from a customers table.
    Segment,
}

impl Dim {
    pub fn of(self, l: &Line) -> Option<&str> {
        match self {
            Dim::Rep => l.rep.as_deref(),
            Dim::Region => l.region.as_deref(),
            Dim::Product => l.product.as_deref(),
            Dim::Customer => l.customer.as_deref(),
            Dim::Sector => l.sector.as_deref(),
            Dim::Channel => l.channel.as_deref(),
            Dim::Segment => None,
        }
    }
}

/// A row of a customers table: a customer's sector, region and segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub name: String,
    pub sector: Option<String>,
    pub region: Option<String>,
    pub segment: Option<String>,
}

/// A customers table joined to the sales by customer, and the dimensions
/// the sales read from it: those the sales table has no column for (the
/// generator never writes a field in both tables).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Accounts {
    pub rows: Vec<Account>,
    pub joined: Vec<Dim>,
}

/// A name as join keys and filter values are compared: lower case, without
/// accents, spaces or punctuation (`Écho ` = `echo`).
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

impl Accounts {
    /// The row of a line's customer (the table names each customer once).
    fn of(&self, l: &Line) -> Option<&Account> {
        let c = fold(l.customer.as_deref()?);
        self.rows.iter().find(|a| fold(&a.name) == c)
    }
}

/// What a line holds for `dim`: its own cell, or its customer's in the
/// customers table when the dimension is joined (`None` when the customer
/// is missing or not in the table).
pub fn value<'a>(l: &'a Line, dim: Dim, accounts: Option<&'a Accounts>) -> Option<&'a str> {
    match accounts {
        Some(a) if a.joined.contains(&dim) => {
            let row = a.of(l)?;
            match dim {
                Dim::Sector => row.sector.as_deref(),
                Dim::Region => row.region.as_deref(),
                Dim::Segment => row.segment.as_deref(),
                _ => dim.of(l),
            }
        }
        _ => dim.of(l),
    }
}

/// A period, both days included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
    /// The previous calendar month, quarter or year when the span is
    /// exactly one; the same days of it when the span runs from its first
    /// day to a day before its last; else the same number of days, ending
    /// the day before `from`.
    pub fn previous(&self) -> Span {
        let after = self.to + Duration::days(1);
        let months = (after.year() - self.from.year()) * 12 + after.month() as i32
            - self.from.month() as i32;
        let unit = match months {
            1 => Some(1),
            3 if self.from.month() % 3 == 1 => Some(3),
            12 if self.from.month() == 1 => Some(12),
            _ => None,
        };
        if let (1, 1, Some(m)) = (self.from.day(), after.day(), unit) {
            return Span {
                from: self.from - chrono::Months::new(m),
                to: self.from - Duration::days(1),
            };
        }
        // Year, quarter or month to date: the same days of the unit before
        // (chrono's month arithmetic ends on a shorter month's last day).
        if self.from.day() == 1 {
            for m in [12u32, 3, 1] {
                let unit_start = (self.from.month() - 1).is_multiple_of(m);
                let unit_end = self.from + chrono::Months::new(m);
                if unit_start && self.to < unit_end - Duration::days(1) {
                    return Span {
                        from: self.from - chrono::Months::new(m),
                        to: self.to - chrono::Months::new(m),
                    };
                }
            }
        }
        let days = (self.to - self.from).num_days() + 1;
        Span {
            from: self.from - Duration::days(days),
            to: self.from - Duration::days(1),
        }
    }
    /// One calendar year back; 29 February becomes the 28th.
    pub fn last_year(&self) -> Span {
        let back = |d: NaiveDate| {
            NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day())
                .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28))
                .expect("a day")
        };
        Span {
            from: back(self.from),
            to: back(self.to),
        }
    }
}

/// `YYYY-MM` of a day.
pub fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

pub(crate) fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

pub(crate) fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// What the reference computes: each KPI's value over the period, the
/// previous period and last year; breakdowns as key → value; the rep view.
#[derive(Debug, Default, PartialEq)]
pub struct Reference {
    pub kpis: BTreeMap<&'static str, [Option<f64>; 3]>,
    pub breakdowns: BTreeMap<&'static str, BTreeMap<String, f64>>,
    /// Per rep: revenue, margin, orders, average order value.
    pub reps: BTreeMap<String, [Option<f64>; 4]>,
    /// Per cohort month: its customers and the share active each month after.
    pub cohorts: BTreeMap<String, (usize, Vec<f64>)>,
    /// The sales rows a computed KPI read: dated in the period and kept by
    /// the filters (with an amount or not).
    pub inputs: u64,
}

/// One period's plain totals.
struct Totals {
    revenue: i64,
    margin: i64,
    units: i64,
    orders: usize,
    reps: usize,
    /// Customers whose lines in the period net to more than zero.
    active: usize,
    repeat: usize,
}

/// The lines of `span`, in file order.
pub(crate) fn within<'a>(lines: &'a [&'a Line], span: Span) -> impl Iterator<Item = &'a Line> + 'a {
    lines
        .iter()
        .copied()
        .filter(move |l| l.day.is_some_and(|d| span.contains(d)))
}

/// Orders of a period: each order id's lines in it, in file order; a line
/// without an order id is an order of its own.
fn orders<'a>(lines: &'a [&'a Line], span: Span) -> Vec<Vec<&'a Line>> {
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out: Vec<Vec<&Line>> = Vec::new();
    for l in within(lines, span) {
        match l.order.as_deref() {
            Some(id) => match by_id.get(id) {
                Some(&i) => out[i].push(l),
                None => {
                    by_id.insert(id, out.len());
                    out.push(vec![l]);
                }
            },
            None => out.push(vec![l]),
        }
    }
    out
}

fn net(order: &[&Line]) -> i64 {
    order.iter().map(|l| l.cents.unwrap_or(0)).sum()
}

/// How many orders an order of `orders` counts for: one when its net is
/// positive; a row of an aggregated extract, the orders it holds.
fn counted(order: &[&Line]) -> usize {
    match order {
        [row] if row.orders.is_some() => row.orders.unwrap_or(0) as usize,
        _ => usize::from(net(order) > 0),
    }
}

fn totals(lines: &[&Line], span: Span) -> Totals {
    let mut t = Totals {
        revenue: 0,
        margin: 0,
        units: 0,
        orders: 0,
        reps: 0,
        active: 0,
        repeat: 0,
    };
    let mut reps = BTreeSet::new();
    let mut per_customer_net: BTreeMap<&str, i64> = BTreeMap::new();
    for l in within(lines, span) {
        let cents = l.cents.unwrap_or(0);
        t.revenue += cents;
        t.margin += cents - l.cost;
        t.units += l.qty;
        if let Some(r) = &l.rep {
            reps.insert(r.clone());
        }
        if let Some(c) = &l.customer {
            *per_customer_net.entry(c).or_default() += cents;
        }
    }
    t.reps = reps.len();
    t.active = per_customer_net.values().filter(|&&n| n > 0).count();
    // An order counts when its net total in the period is positive, for the
    // customer of its first line that names one.
    let mut per_customer: BTreeMap<&str, usize> = BTreeMap::new();
    for o in orders(lines, span) {
        let n = counted(&o);
        if n > 0 {
            t.orders += n;
            if let Some(c) = o.iter().find_map(|l| l.customer.as_deref()) {
                *per_customer.entry(c).or_default() += n;
            }
        }
    }
    t.repeat = per_customer.values().filter(|&&n| n >= 2).count();
    t
}

/// The report of the order lines kept by the filters (a line is kept when,
/// for each filtered dimension, its value is one of those asked for), with
/// a day and an amount.
pub fn report(all: &[Line], p: Span, filters: &BTreeMap<Dim, Vec<String>>) -> Reference {
    report_joined(all, None, p, filters)
}

/// The same, with a customers table: a joined dimension's value is the
/// line's customer's, and a filter on it keeps the lines whose customer has
/// one of the values asked for.
pub fn report_joined(
    all: &[Line],
    accounts: Option<&Accounts>,
    p: Span,
    filters: &BTreeMap<Dim, Vec<String>>,
) -> Reference {
    report_dormant(all, accounts, p, filters, 365)
}

/// The same, with a dormancy window of `w` days for lost customers and churn.
pub fn report_dormant(
    all: &[Line],
    accounts: Option<&Accounts>,
    p: Span,
    filters: &BTreeMap<Dim, Vec<String>>,
    w: i64,
) -> Reference {
    let mut r = report_uncompared(all, accounts, p, filters, w);
    let days = || all.iter().filter_map(|l| l.day);
    comparisons::keep_covered(&mut r.kpis, days(), p);
    comparisons::keep_history(&mut r.kpis, days(), p, w);
    // Last year's months beside this year's: those the data covers.
    if let Some(months) = r.breakdowns.get_mut("revenue_by_month_last_year") {
        comparisons::covered_months(months, days(), p.last_year());
        if months.is_empty() {
            r.breakdowns.remove("revenue_by_month_last_year");
        }
    }
    r
}

/// The report with every comparison, covered by the data or not (what
/// another family's KPI reads, as the engine does before its comparisons
/// are judged).
pub fn report_uncompared(
    all: &[Line],
    accounts: Option<&Accounts>,
    p: Span,
    filters: &BTreeMap<Dim, Vec<String>>,
    w: i64,
) -> Reference {
    let kept = |l: &&Line| {
        filters.iter().all(|(dim, values)| {
            value(l, *dim, accounts).is_some_and(|v| values.iter().any(|x| x == v))
        })
    };
    let lines: Vec<&Line> = all
        .iter()
        .filter(|l| l.day.is_some() && l.cents.is_some())
        .filter(kept)
        .collect();
    let mut r = Reference {
        inputs: all
            .iter()
            .filter(kept)
            .filter(|l| l.day.is_some_and(|d| p.contains(d)))
            .count() as u64,
        ..Reference::default()
    };
    let spans = [p, p.previous(), p.last_year()];
    // Each period's own previous period, for growth.
    let befores = spans.map(|s| s.previous());
    let t = spans.map(|s| totals(&lines, s));
    let tb = befores.map(|s| totals(&lines, s));
    let each = |f: &dyn Fn(usize) -> Option<f64>| [f(0), f(1), f(2)];

    r.kpis
        .insert("revenue", each(&|i| Some(money(t[i].revenue))));
    r.kpis.insert(
        "revenue_growth",
        each(&|i| {
            ratio(
                money(t[i].revenue) - money(tb[i].revenue),
                money(tb[i].revenue).abs(),
            )
        }),
    );
    r.kpis
        .insert("order_count", each(&|i| Some(t[i].orders as f64)));
    r.kpis.insert(
        "avg_order_value",
        each(&|i| ratio(money(t[i].revenue), t[i].orders as f64)),
    );
    r.kpis
        .insert("gross_margin", each(&|i| Some(money(t[i].margin))));
    r.kpis.insert(
        "margin_rate",
        each(&|i| ratio(money(t[i].margin), money(t[i].revenue))),
    );
    r.kpis.insert(
        "revenue_per_rep",
        each(&|i| ratio(money(t[i].revenue), t[i].reps as f64)),
    );
    r.kpis
        .insert("units_sold", each(&|i| Some(t[i].units as f64)));

    // Customers: active and repeat from the period's kept lines; new, lost
    // and live from the purchases over every line (customers.rs).
    customers::add(
        &mut r,
        all,
        &lines,
        &kept,
        p,
        w,
        t.each_ref().map(|t| (t.active, t.repeat)),
    );

    // Breakdowns over the period's lines.
    let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
    let mut margin_by_month: BTreeMap<String, i64> = BTreeMap::new();
    for l in within(&lines, p) {
        let m = month(l.day.expect("kept lines have a day"));
        *by_month.entry(m.clone()).or_default() += l.cents.unwrap_or(0);
        *margin_by_month.entry(m).or_default() += l.cents.unwrap_or(0) - l.cost;
    }
    let mut ly_by_month: BTreeMap<String, i64> = BTreeMap::new();
    for l in within(&lines, p.last_year()) {
        *ly_by_month.entry(month(l.day.expect("a day"))).or_default() += l.cents.unwrap_or(0);
    }
    let to_money = |m: BTreeMap<String, i64>| -> BTreeMap<String, f64> {
        m.into_iter().map(|(k, v)| (k, money(v))).collect()
    };
    let rollup = |m: &BTreeMap<String, i64>, key: &dyn Fn(&str) -> String| {
        let mut out: BTreeMap<String, i64> = BTreeMap::new();
        for (k, v) in m {
            *out.entry(key(k)).or_default() += v;
        }
        out
    };
    let quarter = |k: &str| {
        let (y, m) = k.split_once('-').expect("YYYY-MM");
        let m: u32 = m.parse().expect("a month");
        format!("{y}-Q{}", (m - 1) / 3 + 1)
    };
    r.breakdowns
        .insert("revenue_by_quarter", to_money(rollup(&by_month, &quarter)));
    r.breakdowns.insert(
        "revenue_by_year",
        to_money(rollup(&by_month, &|k: &str| k[..4].to_string())),
    );
    r.breakdowns.insert("revenue_by_month", to_money(by_month));
    r.breakdowns
        .insert("margin_by_month", to_money(margin_by_month));
    r.breakdowns
        .insert("revenue_by_month_last_year", to_money(ly_by_month));
    for (id, dim) in [
        ("revenue_by_rep", Dim::Rep),
        ("revenue_by_region", Dim::Region),
        ("revenue_by_product", Dim::Product),
        ("revenue_by_sector", Dim::Sector),
        ("revenue_by_channel", Dim::Channel),
    ] {
        // An extract summed without its products has no product column.
        if dim == Dim::Product && !all.iter().any(|l| l.product.is_some()) {
            continue;
        }
        let mut sums: BTreeMap<String, i64> = BTreeMap::new();
        for l in within(&lines, p) {
            let key = value(l, dim, accounts).unwrap_or("(none)").to_string();
            *sums.entry(key).or_default() += l.cents.unwrap_or(0);
        }
        r.breakdowns.insert(id, to_money(sums));
    }
    let mut per_customer: BTreeMap<String, i64> = BTreeMap::new();
    let mut unknown = 0i64;
    let mut any_unknown = false;
    for l in within(&lines, p) {
        match &l.customer {
            Some(c) => *per_customer.entry(c.clone()).or_default() += l.cents.unwrap_or(0),
            None => {
                unknown += l.cents.unwrap_or(0);
                any_unknown = true;
            }
        }
    }
    r.breakdowns.insert("top_customers", to_money(per_customer));
    if any_unknown && unknown != 0 {
        r.breakdowns.insert(
            "revenue_without_customer",
            BTreeMap::from([("(none)".to_string(), money(unknown))]),
        );
    }

    // The rep view: each rep's revenue, margin and orders (an order counts
    // for the rep of its first line in the period that names one, when its
    // net is positive).
    let mut reps: BTreeMap<String, (i64, i64, usize)> = BTreeMap::new();
    for l in within(&lines, p) {
        if let Some(rep) = &l.rep {
            let e = reps.entry(rep.clone()).or_default();
            e.0 += l.cents.unwrap_or(0);
            e.1 += l.cents.unwrap_or(0) - l.cost;
        }
    }
    for o in orders(&lines, p) {
        if let (n @ 1.., Some(rep)) = (counted(&o), o.iter().find_map(|l| l.rep.as_ref())) {
            reps.entry(rep.clone()).or_default().2 += n;
        }
    }
    r.reps = reps
        .into_iter()
        .map(|(rep, (rev, margin, n))| {
            let (rev, margin) = (money(rev), money(margin));
            (
                rep,
                [
                    Some(rev),
                    Some(margin),
                    Some(n as f64),
                    ratio(rev, n as f64),
                ],
            )
        })
        .collect();
    aggregated::hide_gaps(&mut r, all, filters);
    r
}
