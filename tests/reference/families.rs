//! The reference for the prospecting, activity, marketing, satisfaction and
//! receivables families of docs/KPIS.md: each KPI computed row by row from
//! rows held as Rust values, with its previous-period and last-year values,
//! and the families' breakdowns. No prepared column, no code space, no
//! counting per minute: amounts are whole cents and durations whole
//! seconds, summed as integers.
//!
//! What a label means (is "Chaud" hot, is "Réclamation" a complaint) is
//! decided by the generator, which knows it; the rows here hold the meaning,
//! the CSV files the words.

use super::{month, Dim, Line, Span};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};

/// A breakdown row: key, value, share of its total (`None`: no share).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub value: f64,
    pub share: Option<f64>,
}

/// A family's figures: each KPI over the period, the previous period and
/// last year (`[None; 3]`: unavailable); medians; breakdowns, rows in the
/// order the report gives them.
#[derive(Debug, Default)]
pub struct Figures {
    pub kpis: BTreeMap<&'static str, [Option<f64>; 3]>,
    pub medians: BTreeMap<&'static str, Option<f64>>,
    pub breakdowns: BTreeMap<&'static str, Vec<Row>>,
}

/// Filter values asked for; `None`: no filter on that field. A table
/// without a filtered field gives no figure (KPIS.md, Filters): see [`takes`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub reps: Option<Vec<String>>,
    pub channels: Option<Vec<String>>,
}

/// Whether a table can take the filter: it has every filtered field (its
/// own columns; these tables have no joins). One that cannot gives no
/// figure, rather than its unfiltered ones.
fn takes(f: &Filter, rep: bool, channel: bool) -> bool {
    (f.reps.is_none() || rep) && (f.channels.is_none() || channel)
}

/// The figures of a table that cannot take the filter: each KPI unavailable,
/// no breakdown.
fn left_out(kpis: &[&'static str]) -> Figures {
    let mut r = Figures::default();
    for id in kpis {
        r.kpis.insert(id, [None; 3]);
    }
    r
}

/// Whether a row with value `v` passes a filter on that field.
fn keeps(asked: &Option<Vec<String>>, v: &Option<String>) -> bool {
    match asked {
        None => true,
        Some(values) => v.as_ref().is_some_and(|v| values.contains(v)),
    }
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn spans(p: Span) -> [Span; 3] {
    [p, p.previous(), p.last_year()]
}

fn in_span(d: Option<NaiveDate>, s: Span) -> bool {
    d.is_some_and(|d| s.contains(d))
}

/// Rows per key, largest value first, ties by key (how the report lists
/// values per rep, channel, customer); shares of `total`.
fn by_value(sums: BTreeMap<String, i64>, scale: f64, total: f64) -> Vec<Row> {
    let mut v: Vec<(String, i64)> = sums.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter()
        .map(|(key, x)| Row {
            key,
            value: x as f64 / scale,
            share: ratio(x as f64 / scale, total),
        })
        .collect()
}

fn key(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "(none)".into())
}

/// Months of a span, each counted for the share of its days inside it
/// (KPIS.md: a full quarter is 3.0, 15 days of April 0.5).
fn months_of(s: Span) -> f64 {
    let mut total = 0.0;
    let mut d = s.from;
    while d <= s.to {
        let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("a day");
        let next = if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
        }
        .expect("a day");
        let inside = (next.min(s.to.succ_opt().expect("a day")) - d).num_days();
        total += inside as f64 / (next - first).num_days() as f64;
        d = next;
    }
    total
}

// ---------------------------------------------------------------- leads

#[derive(Debug, Clone)]
pub struct Lead {
    pub created: Option<NaiveDateTime>,
    pub first_contact: Option<NaiveDateTime>,
    pub qualified: bool,
    pub customer: bool,
    pub hot: bool,
    pub rep: Option<String>,
}

/// Bins of the response histogram: upper bounds in seconds (< 1 h, 1–4 h,
/// 4–24 h, 1–3 days, more).
const RESPONSE_BINS: [(i64, &str); 5] = [
    (3_600, "< 1 h"),
    (4 * 3_600, "1-4 h"),
    (24 * 3_600, "4-24 h"),
    (72 * 3_600, "1-3 d"),
    (i64::MAX, "> 3 d"),
];

pub fn prospecting(leads: &[Lead], p: Span, f: &Filter) -> Figures {
    let mut r = prospecting_uncompared(leads, p, f);
    let created = leads.iter().filter_map(|x| x.created.map(|c| c.date()));
    super::comparisons::keep_covered(&mut r.kpis, created, p);
    r
}

pub fn prospecting_uncompared(leads: &[Lead], p: Span, f: &Filter) -> Figures {
    // Leads have a rep, no channel.
    if !takes(f, true, false) {
        return left_out(&[
            "lead_count",
            "lead_qualification_rate",
            "lead_conversion_rate",
            "hot_leads_assigned",
            "lead_response_hours",
        ]);
    }
    let kept: Vec<&Lead> = leads.iter().filter(|l| keeps(&f.reps, &l.rep)).collect();
    let of = |s: Span| -> Vec<&Lead> {
        kept.iter()
            .copied()
            .filter(|l| in_span(l.created.map(|c| c.date()), s))
            .collect()
    };
    let sets = spans(p).map(of);
    let each = |g: &dyn Fn(&[&Lead]) -> Option<f64>| [0, 1, 2].map(|i| g(&sets[i]));
    let mut r = Figures::default();
    let count = |ls: &[&Lead], pred: &dyn Fn(&Lead) -> bool| ls.iter().filter(|l| pred(l)).count();
    r.kpis
        .insert("lead_count", each(&|ls| Some(ls.len() as f64)));
    r.kpis.insert(
        "lead_qualification_rate",
        each(&|ls| ratio(count(ls, &|l| l.qualified) as f64, ls.len() as f64)),
    );
    r.kpis.insert(
        "lead_conversion_rate",
        each(&|ls| ratio(count(ls, &|l| l.customer) as f64, ls.len() as f64)),
    );
    // Hot leads given to a rep.
    r.kpis.insert(
        "hot_leads_assigned",
        each(&|ls| Some(count(ls, &|l| l.hot && l.rep.is_some()) as f64)),
    );
    // Seconds from creation to first contact; a contact dated before the
    // creation is no response (the engine's reading; KPIS.md is silent).
    let responses = |ls: &[&Lead]| -> Vec<i64> {
        let mut v: Vec<i64> = ls
            .iter()
            .filter_map(|l| Some((l.first_contact? - l.created?).num_seconds()))
            .filter(|&s| s >= 0)
            .collect();
        v.sort_unstable();
        v
    };
    // A first-contact column with no value is no column: no response time.
    if leads.iter().all(|l| l.first_contact.is_none()) {
        r.kpis.insert("lead_response_hours", [None; 3]);
        return r;
    }
    let hours = |s: i64| s as f64 / 3600.0;
    let mean = |v: &[i64]| ratio(hours(v.iter().sum()), v.len() as f64);
    r.kpis
        .insert("lead_response_hours", each(&|ls| mean(&responses(ls))));
    let cur = responses(&sets[0]);
    let median = match cur.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours(cur[n / 2])),
        n => Some((hours(cur[n / 2 - 1]) + hours(cur[n / 2])) / 2.0),
    };
    r.medians.insert("lead_response_hours", median);
    let mut counts = [0usize; 5];
    for &s in &cur {
        counts[RESPONSE_BINS
            .iter()
            .position(|&(hi, _)| s < hi)
            .expect("a bin")] += 1;
    }
    r.breakdowns.insert(
        "lead_response_distribution",
        RESPONSE_BINS
            .iter()
            .zip(counts)
            .map(|(&(_, k), n)| Row {
                key: k.into(),
                value: n as f64,
                share: ratio(n as f64, cur.len() as f64),
            })
            .collect(),
    );
    r
}

// ----------------------------------------------------------- activities

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Call,
    Visit,
    Meeting,
    Email,
    Other,
}

impl Act {
    /// Calls, visits and meetings are selling time; e-mails and the rest not.
    fn selling(self) -> bool {
        matches!(self, Act::Call | Act::Visit | Act::Meeting)
    }
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub day: Option<NaiveDate>,
    pub rep: Option<String>,
    pub act: Act,
    pub minutes: Option<i64>,
}

/// A sales line beside its campaign (for the campaign ROI).
#[derive(Debug, Clone)]
pub struct Sale {
    pub line: Line,
    pub campaign: Option<String>,
}

/// The sales figures a ratio needs, from the revenue reference, with the
/// rep filter (sales have no channel: under a channel filter the callers
/// leave them out).
fn sales_report(sales: &[Sale], p: Span, f: &Filter) -> super::Reference {
    let lines: Vec<Line> = sales.iter().map(|s| s.line.clone()).collect();
    let mut filters = BTreeMap::new();
    if let Some(reps) = &f.reps {
        filters.insert(Dim::Rep, reps.clone());
    }
    super::report_uncompared(&lines, None, p, &filters, 365)
}

pub fn activity(acts: &[Activity], sales: Option<&[Sale]>, p: Span, f: &Filter) -> Figures {
    let mut r = activity_uncompared(acts, sales, p, f);
    super::comparisons::keep_covered(&mut r.kpis, acts.iter().filter_map(|x| x.day), p);
    r
}

pub fn activity_uncompared(
    acts: &[Activity],
    sales: Option<&[Sale]>,
    p: Span,
    f: &Filter,
) -> Figures {
    // Activities and sales have a rep, no channel.
    if !takes(f, true, false) {
        return left_out(&[
            "calls",
            "visits",
            "meetings",
            "visits_per_rep_month",
            "selling_time_share",
            "call_efficiency",
            "contacts_per_sale",
            "visits_per_order",
        ]);
    }
    let kept: Vec<&Activity> = acts.iter().filter(|a| keeps(&f.reps, &a.rep)).collect();
    let sets = spans(p).map(|s| -> Vec<&Activity> {
        kept.iter().copied().filter(|a| in_span(a.day, s)).collect()
    });
    let n = |i: usize, act: Act| sets[i].iter().filter(|a| a.act == act).count() as f64;
    let mut r = Figures::default();
    let each = |g: &dyn Fn(usize) -> Option<f64>| [g(0), g(1), g(2)];
    r.kpis.insert("calls", each(&|i| Some(n(i, Act::Call))));
    r.kpis.insert("visits", each(&|i| Some(n(i, Act::Visit))));
    r.kpis
        .insert("meetings", each(&|i| Some(n(i, Act::Meeting))));
    // Active reps: those with any activity in the period (of this table).
    let reps = |i: usize| {
        sets[i]
            .iter()
            .filter_map(|a| a.rep.as_ref())
            .collect::<BTreeSet<_>>()
            .len() as f64
    };
    let sp = spans(p);
    r.kpis.insert(
        "visits_per_rep_month",
        each(&|i| ratio(n(i, Act::Visit), reps(i) * months_of(sp[i]))),
    );
    // Minutes of selling activities over minutes of all, among rows with a duration.
    let minutes = |i: usize, selling_only: bool| -> i64 {
        sets[i]
            .iter()
            .filter(|a| !selling_only || a.act.selling())
            .filter_map(|a| a.minutes)
            .sum()
    };
    r.kpis.insert(
        "selling_time_share",
        each(&|i| ratio(minutes(i, true) as f64, minutes(i, false) as f64)),
    );
    let (mut efficiency, mut per_sale, mut per_order) = ([None; 3], [None; 3], [None; 3]);
    if let Some(sales) = sales {
        let orders = sales_report(sales, p, f).kpis["order_count"];
        for i in 0..3 {
            let o = orders[i].expect("orders are counted");
            efficiency[i] = ratio(o, n(i, Act::Call));
            let contacts = n(i, Act::Call) + n(i, Act::Visit) + n(i, Act::Meeting);
            per_sale[i] = ratio(contacts, o);
            per_order[i] = ratio(n(i, Act::Visit), o);
        }
    }
    r.kpis.insert("call_efficiency", efficiency);
    r.kpis.insert("contacts_per_sale", per_sale);
    r.kpis.insert("visits_per_order", per_order);
    // Selling activities (calls, visits, meetings) per rep, over the period.
    let mut per_rep: BTreeMap<String, i64> = BTreeMap::new();
    for a in sets[0].iter().filter(|a| a.act.selling()) {
        *per_rep.entry(key(&a.rep)).or_default() += 1;
    }
    let total = per_rep.values().sum::<i64>() as f64;
    r.breakdowns
        .insert("activities_by_rep", by_value(per_rep, 1.0, total));
    r
}

// ------------------------------------------------------ spend and carts

#[derive(Debug, Clone)]
pub struct Spend {
    pub day: Option<NaiveDate>,
    pub channel: Option<String>,
    pub campaign: Option<String>,
    pub cents: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Cart {
    pub day: Option<NaiveDate>,
    pub channel: Option<String>,
    pub abandoned: bool,
}

pub fn marketing(
    spend: &[Spend],
    carts: &[Cart],
    sales: Option<&[Sale]>,
    p: Span,
    f: &Filter,
) -> Figures {
    let mut r = marketing_uncompared(spend, carts, sales, p, f);
    // Carts are judged by the carts table's dates, the rest by the spend's.
    let mut cart = BTreeMap::from([("cart_abandonment_rate", r.kpis["cart_abandonment_rate"])]);
    r.kpis.remove("cart_abandonment_rate");
    super::comparisons::keep_covered(&mut r.kpis, spend.iter().filter_map(|x| x.day), p);
    super::comparisons::keep_covered(&mut cart, carts.iter().filter_map(|x| x.day), p);
    r.kpis.extend(cart);
    r
}

pub fn marketing_uncompared(
    spend: &[Spend],
    carts: &[Cart],
    sales: Option<&[Sale]>,
    p: Span,
    f: &Filter,
) -> Figures {
    // Spend and carts have a channel, no rep; sales a rep, no channel. A
    // figure is left out when a table it reads cannot take the filter.
    let sales = sales.filter(|_| takes(f, true, false));
    if !takes(f, false, true) {
        let mut r = left_out(&["marketing_spend", "acquisition_cost"]);
        r.kpis
            .insert("cart_abandonment_rate", cart_rates(carts, p, f));
        return r;
    }
    let kept: Vec<&Spend> = spend
        .iter()
        .filter(|s| s.cents.is_some() && keeps(&f.channels, &s.channel))
        .collect();
    let within = |s: Span| kept.iter().copied().filter(move |x| in_span(x.day, s));
    let spent = spans(p).map(|s| within(s).map(|x| x.cents.unwrap_or(0)).sum::<i64>());
    let mut r = Figures::default();
    r.kpis
        .insert("marketing_spend", spent.map(|c| Some(money(c))));
    let sales_ref = sales.map(|s| sales_report(s, p, f));
    let cac = match &sales_ref {
        Some(s) => {
            let new = s.kpis["new_customers"];
            [0, 1, 2].map(|i| ratio(money(spent[i]), new[i].expect("a count")))
        }
        None => [None; 3],
    };
    r.kpis.insert("acquisition_cost", cac);
    let mut per_channel: BTreeMap<String, i64> = BTreeMap::new();
    for x in within(p) {
        *per_channel.entry(key(&x.channel)).or_default() += x.cents.unwrap_or(0);
    }
    r.breakdowns.insert(
        "spend_by_channel",
        by_value(per_channel, 100.0, money(spent[0])),
    );
    if let (Some(s), Some(sales)) = (&sales_ref, sales) {
        // Each month of the period: its spend over its new customers.
        let mut rows = Vec::new();
        for (m, &new) in &s.breakdowns["new_customers_by_month"] {
            let cents: i64 = within(p)
                .filter(|x| x.day.is_some_and(|d| month(d) == *m))
                .map(|x| x.cents.unwrap_or(0))
                .sum();
            if let Some(v) = ratio(money(cents), new) {
                rows.push(Row {
                    key: m.clone(),
                    value: v,
                    share: None,
                });
            }
        }
        r.breakdowns.insert("acquisition_cost_by_month", rows);
        // Per campaign with spend in the period: (its sales' revenue in the
        // period − its spend) / its spend.
        let mut cost: BTreeMap<&str, i64> = BTreeMap::new();
        for x in within(p) {
            if let Some(c) = &x.campaign {
                *cost.entry(c).or_default() += x.cents.unwrap_or(0);
            }
        }
        let mut rows = Vec::new();
        for (c, &spent) in &cost {
            let revenue: i64 = sales
                .iter()
                .filter(|s| s.campaign.as_deref() == Some(c) && keeps(&f.reps, &s.line.rep))
                .filter(|s| in_span(s.line.day, p))
                .filter_map(|s| s.line.cents)
                .sum();
            if let Some(v) = ratio(money(revenue) - money(spent), money(spent)) {
                rows.push(Row {
                    key: c.to_string(),
                    value: v,
                    share: None,
                });
            }
        }
        r.breakdowns.insert("campaign_roi", rows);
    }
    r.kpis
        .insert("cart_abandonment_rate", cart_rates(carts, p, f));
    r
}

/// Carts: abandoned over all carts created in each period. Carts have a
/// channel, no rep.
fn cart_rates(carts: &[Cart], p: Span, f: &Filter) -> [Option<f64>; 3] {
    if !takes(f, false, true) {
        return [None; 3];
    }
    let rate = |s: Span| {
        let these: Vec<&Cart> = carts
            .iter()
            .filter(|c| keeps(&f.channels, &c.channel) && in_span(c.day, s))
            .collect();
        let gone = these.iter().filter(|c| c.abandoned).count();
        ratio(gone as f64, these.len() as f64)
    };
    spans(p).map(rate)
}

// ------------------------------------------------------------- feedback

#[derive(Debug, Clone)]
pub struct Feedback {
    pub day: Option<NaiveDate>,
    pub score: Option<i64>,
    pub complaint: bool,
}

pub fn satisfaction(feedback: &[Feedback], p: Span, f: &Filter) -> Figures {
    let mut r = satisfaction_uncompared(feedback, p, f);
    super::comparisons::keep_covered(&mut r.kpis, feedback.iter().filter_map(|x| x.day), p);
    r
}

/// Feedback has neither rep nor channel: under any filter of ours it gives no figure.
pub fn satisfaction_uncompared(feedback: &[Feedback], p: Span, f: &Filter) -> Figures {
    if !takes(f, false, false) {
        return left_out(&["nps", "complaints"]);
    }
    // (promoters, passives, detractors) among survey answers: rows with a
    // score that are not complaints.
    let split = |s: Span| {
        let mut n = [0usize; 3];
        for x in feedback
            .iter()
            .filter(|x| in_span(x.day, s) && !x.complaint)
        {
            match x.score {
                Some(9..) => n[0] += 1,
                Some(7..=8) => n[1] += 1,
                Some(_) => n[2] += 1,
                None => {}
            }
        }
        n
    };
    let nps = |n: [usize; 3]| {
        ratio(
            100.0 * (n[0] as f64 - n[2] as f64),
            (n[0] + n[1] + n[2]) as f64,
        )
    };
    let mut r = Figures::default();
    r.kpis.insert("nps", spans(p).map(|s| nps(split(s))));
    r.kpis.insert(
        "complaints",
        spans(p).map(|s| {
            Some(
                feedback
                    .iter()
                    .filter(|x| x.complaint && in_span(x.day, s))
                    .count() as f64,
            )
        }),
    );
    // A score column with no value is no column: no NPS.
    if feedback.iter().all(|x| x.score.is_none()) {
        r.kpis.insert("nps", [None; 3]);
        return r;
    }
    let cur = split(p);
    let total: usize = cur.iter().sum();
    r.breakdowns.insert(
        "nps_breakdown",
        ["promoters", "passives", "detractors"]
            .iter()
            .zip(cur)
            .map(|(k, n)| Row {
                key: k.to_string(),
                value: n as f64,
                share: ratio(n as f64, total as f64),
            })
            .collect(),
    );
    r
}

// ------------------------------------------------------------- invoices

#[derive(Debug, Clone)]
pub struct Invoice {
    pub issued: Option<NaiveDate>,
    pub cents: Option<i64>,
    pub due: Option<NaiveDate>,
    pub paid_cents: Option<i64>,
    pub paid_on: Option<NaiveDate>,
    pub customer: Option<String>,
    pub rep: Option<String>,
}

impl Invoice {
    /// What is left to pay at the end of day `a` (KPIS.md: a paid amount
    /// counts from its paid date; a paid date alone pays the whole amount
    /// on that date). A paid amount without a date counts from the start:
    /// the engine's reading, which KPIS.md does not spell out.
    fn left(&self, a: NaiveDate) -> i64 {
        let amount = self.cents.unwrap_or(0);
        let paid = match (self.paid_cents, self.paid_on) {
            (Some(x), None) => x,
            (Some(x), Some(d)) if d <= a => x,
            (None, Some(d)) if d <= a => amount,
            _ => 0,
        };
        amount - paid
    }
}

const AGING: [(i64, &str); 5] = [
    (0, "not due"),
    (30, "1-30"),
    (60, "31-60"),
    (90, "61-90"),
    (i64::MAX, ">90"),
];

pub fn receivables(invoices: &[Invoice], p: Span, f: &Filter) -> Figures {
    let mut r = receivables_uncompared(invoices, p, f);
    super::comparisons::keep_covered(&mut r.kpis, invoices.iter().filter_map(|x| x.issued), p);
    r
}

pub fn receivables_uncompared(invoices: &[Invoice], p: Span, f: &Filter) -> Figures {
    // Invoices have a rep, no channel.
    if !takes(f, true, false) {
        return left_out(&["receivables_outstanding", "receivables_overdue", "dso_days"]);
    }
    // An invoice counts from its issue day, with an amount.
    let kept: Vec<&Invoice> = invoices
        .iter()
        .filter(|x| x.issued.is_some() && x.cents.is_some() && keeps(&f.reps, &x.rep))
        .collect();
    let issued_by = |a: NaiveDate| kept.iter().copied().filter(move |x| x.issued <= Some(a));
    let as_of = spans(p).map(|s| s.to);
    let outstanding = as_of.map(|a| issued_by(a).map(|x| x.left(a)).sum::<i64>());
    // Overdue: due strictly before the day (due on it is not late yet).
    let overdue = as_of.map(|a| {
        issued_by(a)
            .filter(|x| x.due.is_some_and(|d| d < a))
            .map(|x| x.left(a))
            .sum::<i64>()
    });
    // DSO: outstanding / amounts issued in the 90 days ending that day × 90.
    let billed = as_of.map(|a| {
        issued_by(a)
            .filter(|x| (a - x.issued.expect("kept")).num_days() < 90)
            .map(|x| x.cents.unwrap_or(0))
            .sum::<i64>()
    });
    let mut r = Figures::default();
    r.kpis.insert(
        "receivables_outstanding",
        outstanding.map(|c| Some(money(c))),
    );
    r.kpis
        .insert("receivables_overdue", overdue.map(|c| Some(money(c))));
    r.kpis.insert(
        "dso_days",
        [0, 1, 2].map(|i| ratio(money(outstanding[i]) * 90.0, money(billed[i]))),
    );
    // As of the period's last day: what is left, by days past due (no due
    // date: not due), and by customer.
    let a = p.to;
    let total = money(outstanding[0]);
    let mut aging = [0i64; 5];
    let mut per_customer: BTreeMap<String, i64> = BTreeMap::new();
    for x in issued_by(a).filter(|x| x.left(a) != 0) {
        let late = x.due.map_or(0, |d| (a - d).num_days());
        let bin = AGING.iter().position(|&(hi, _)| late <= hi).expect("a bin");
        aging[bin] += x.left(a);
        *per_customer.entry(key(&x.customer)).or_default() += x.left(a);
    }
    r.breakdowns.insert(
        "receivables_aging",
        AGING
            .iter()
            .zip(aging)
            .map(|(&(_, k), c)| Row {
                key: k.into(),
                value: money(c),
                share: ratio(money(c), total),
            })
            .collect(),
    );
    let mut top = by_value(per_customer, 100.0, total);
    top.truncate(10);
    r.breakdowns.insert("receivables_by_customer", top);
    r
}
