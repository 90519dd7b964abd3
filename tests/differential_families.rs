//! The engine's report against the plain reference
//! (`tests/reference/families.rs`) for the prospecting, activity,
//! marketing, satisfaction and receivables families, on random tables:
//! leads created to the minute or to the second, contacted later, at once,
//! never or (a slip) before; activities in French or English with durations
//! or not; spend per channel and campaign; carts; survey answers and
//! complaints; invoices paid in part, in full, on a date or not at all. Each
//! is read alone or beside a small sales table where a ratio needs orders
//! or new customers, over random periods (single days, calendar months and
//! quarters, ranges, spans outside the data) and filters on rep or channel.
//!
//! `cargo test --test differential_families` runs 96 cases per family; set
//! `PROPTEST_CASES` (for example `PROPTEST_CASES=5000`) for a longer search.

mod common;
mod reference;

use cadran::engine::kpi::{self, Query};
use cadran::engine::schema::Field;
use cadran::engine::Report;
use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};
use proptest::prelude::*;
use reference::families::{
    self, Act, Activity, Cart, Feedback, Figures, Filter, Invoice, Lead, Row, Sale, Spend,
};
use reference::gen::{cases, day, kpi_differences, origin, period, pick, same, span};
use reference::{Line, Span};

const REPS: [&str; 4] = ["Anne", "Bruno", "Chloé", "David"];
const CHANNELS: [&str; 3] = ["Web", "Salon", "Partenaires"];
const CAMPAIGNS: [&str; 3] = ["Printemps", "Rentrée", "Noël"];
const CUSTOMERS: [&str; 12] = [
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet",
    "Kilo", "Lima",
];
/// Words of the files and what they mean.
const TEMPERATURES: [(&str, bool); 7] = [
    ("hot", true),
    ("Chaud", true),
    ("warm", false),
    ("Tiède", false),
    ("cold", false),
    ("Froid", false),
    ("", false),
];
const YES_NO: [(&str, bool); 5] = [
    ("yes", true),
    ("oui", true),
    ("no", false),
    ("non", false),
    ("", false),
];
const ACTIVITY_TYPES: [(&str, Act); 10] = [
    ("Call", Act::Call),
    ("Appel", Act::Call),
    ("Visit", Act::Visit),
    ("Visite", Act::Visit),
    ("Meeting", Act::Meeting),
    ("Rendez-vous", Act::Meeting),
    ("Email", Act::Email),
    ("E-mail", Act::Email),
    ("Courriel", Act::Email),
    ("Admin", Act::Other),
];
const CART_STATUSES: [(&str, bool); 6] = [
    ("abandoned", true),
    ("Abandonné", true),
    ("perdu", true),
    ("ordered", false),
    ("Commandé", false),
    ("paid", false),
];
const FEEDBACK_TYPES: [(&str, bool); 6] = [
    ("survey", false),
    ("Enquête", false),
    ("NPS", false),
    ("complaint", true),
    ("Réclamation", true),
    ("Plainte", true),
];

fn name(list: &[&str], i: Option<usize>) -> Option<String> {
    i.map(|i| list[i].to_string())
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn cents_text(c: Option<i64>, comma: bool) -> String {
    c.map(|c| {
        let sign = if c < 0 { "-" } else { "" };
        let sep = if comma { "," } else { "." };
        format!("{sign}{}{sep}{:02}", c.abs() / 100, c.abs() % 100)
    })
    .unwrap_or_default()
}

// ---------------------------------------------------------------- tables

/// How a leads table writes its times.
#[derive(Debug, Clone, Copy)]
enum Clock {
    /// To the minute, every response under 91 days (the engine counts per minute).
    Minutes,
    /// Some times to the second.
    Seconds,
    /// To the minute, with a few responses of months.
    LongWaits,
}

#[derive(Debug, Clone)]
struct LeadSpec {
    day: i64,
    minute: i64,
    second: i64,
    /// Minutes to first contact; `None`: never contacted.
    wait: Option<i64>,
    wait_seconds: i64,
    long: bool,
    before: bool,
    no_created: bool,
    temperature: usize,
    rep: Option<usize>,
    qualified: usize,
    customer: usize,
}

fn lead_spec() -> impl Strategy<Value = LeadSpec> {
    (
        (
            0i64..1100,
            0i64..1440,
            0i64..60,
            prop::option::weighted(
                0.8,
                prop_oneof![2 => 0i64..300, 2 => 0i64..6000, 1 => Just(0i64)],
            ),
            0i64..60,
        ),
        (
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.05),
            prop::bool::weighted(0.04),
        ),
        (
            0..TEMPERATURES.len(),
            prop::option::weighted(0.8, 0..REPS.len()),
            0..YES_NO.len(),
            0..YES_NO.len(),
        ),
    )
        .prop_map(
            |(
                (day, minute, second, wait, wait_seconds),
                (long, before, no_created),
                (temperature, rep, qualified, customer),
            )| LeadSpec {
                day,
                minute,
                second,
                wait,
                wait_seconds,
                long,
                before,
                no_created,
                temperature,
                rep,
                qualified,
                customer,
            },
        )
}

fn leads_of(specs: &[LeadSpec], clock: Clock) -> Vec<Lead> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let seconds = matches!(clock, Clock::Seconds);
            let created = day(s.day).and_hms_opt(0, 0, 0).expect("a time")
                + Duration::minutes(s.minute)
                + Duration::seconds(if seconds { s.second } else { 0 });
            let wait = s.wait.map(|m| {
                let mut secs = m * 60;
                if seconds {
                    secs += s.wait_seconds;
                }
                if s.long && matches!(clock, Clock::LongWaits) {
                    secs += 120 * 86_400;
                }
                if s.before {
                    secs = -secs - 60;
                }
                secs
            });
            Lead {
                // The first lead keeps its date, so the column is one of dates.
                created: (i == 0 || !s.no_created).then_some(created),
                first_contact: wait.map(|w| created + Duration::seconds(w)),
                qualified: YES_NO[s.qualified].1,
                customer: YES_NO[s.customer].1,
                hot: TEMPERATURES[s.temperature].1,
                rep: name(&REPS, s.rep),
            }
        })
        .collect()
}

fn leads_csv(specs: &[LeadSpec], leads: &[Lead]) -> String {
    let time = |t: Option<NaiveDateTime>| {
        t.map(|t| {
            if t.second() == 0 {
                t.format("%Y-%m-%d %H:%M").to_string()
            } else {
                t.format("%Y-%m-%d %H:%M:%S").to_string()
            }
        })
        .unwrap_or_default()
    };
    let mut s =
        String::from("Id,Created,First contact,Converted,Converted to customer,Temperature,Rep\n");
    for (i, (spec, l)) in specs.iter().zip(leads).enumerate() {
        s.push_str(&format!(
            "L{i},{},{},{},{},{},{}\n",
            time(l.created),
            time(l.first_contact),
            YES_NO[spec.qualified].0,
            YES_NO[spec.customer].0,
            TEMPERATURES[spec.temperature].0,
            l.rep.clone().unwrap_or_default()
        ));
    }
    s
}

fn activity_spec() -> impl Strategy<Value = (Activity, usize)> {
    (
        prop::option::weighted(0.97, 0i64..1100),
        prop::option::weighted(0.9, 0..REPS.len()),
        0..ACTIVITY_TYPES.len(),
        prop::option::weighted(0.8, 5i64..240),
    )
        .prop_map(|(d, rep, t, minutes)| {
            (
                Activity {
                    day: d.map(day),
                    rep: name(&REPS, rep),
                    act: ACTIVITY_TYPES[t].1,
                    minutes,
                },
                t,
            )
        })
}

fn activities_csv(acts: &[(Activity, usize)]) -> String {
    let mut s = String::from("Date,Commercial,Type,Durée (min)\n");
    for (a, t) in acts {
        s.push_str(&format!(
            "{},{},{},{}\n",
            date_text(a.day),
            a.rep.clone().unwrap_or_default(),
            ACTIVITY_TYPES[*t].0,
            a.minutes.map(|m| m.to_string()).unwrap_or_default()
        ));
    }
    s
}

/// Sales orders: one to three lines on one day, with a customer, a rep
/// and a campaign (or not).
fn sales_spec() -> impl Strategy<Value = Vec<Sale>> {
    prop::collection::vec(
        (
            0i64..1100,
            prop::option::weighted(0.95, 0..CUSTOMERS.len()),
            prop::option::weighted(0.9, 0..REPS.len()),
            prop::option::weighted(0.6, 0..CAMPAIGNS.len()),
            prop::collection::vec(prop_oneof![6 => 100i64..200_000, 1 => -50_000i64..0], 1..4),
        ),
        1..40,
    )
    .prop_map(|orders| {
        let mut out = Vec::new();
        for (i, (d, customer, rep, campaign, lines)) in orders.into_iter().enumerate() {
            for cents in lines {
                out.push(Sale {
                    line: Line {
                        day: Some(day(d)),
                        cents: Some(cents),
                        order: Some(format!("C{i:03}")),
                        customer: name(&CUSTOMERS, customer),
                        rep: name(&REPS, rep),
                        region: Some("Nord".into()),
                        product: Some("Atlas".into()),
                        sector: None,
                        channel: None,
                        cost: 0,
                        qty: 1,
                        orders: None,
                    },
                    campaign: name(&CAMPAIGNS, campaign),
                });
            }
        }
        out
    })
}

fn sales_csv(sales: &[Sale]) -> String {
    let mut s = String::from("Date;N° commande;Client;Commercial;Campagne;Montant HT\n");
    for x in sales {
        let l = &x.line;
        s.push_str(&format!(
            "{};{};{};{};{};{}\n",
            date_text(l.day),
            l.order.clone().unwrap_or_default(),
            l.customer.clone().unwrap_or_default(),
            l.rep.clone().unwrap_or_default(),
            x.campaign.clone().unwrap_or_default(),
            cents_text(l.cents, true)
        ));
    }
    s
}

fn spend_spec() -> impl Strategy<Value = Spend> {
    (
        0i64..1100,
        prop::option::weighted(0.9, 0..CHANNELS.len()),
        prop::option::weighted(0.8, 0..CAMPAIGNS.len()),
        prop_oneof![10 => 100i64..500_000, 1 => Just(0i64)],
        prop::bool::weighted(0.03),
        prop::bool::weighted(0.03),
    )
        .prop_map(|(d, channel, campaign, cents, no_day, no_amount)| Spend {
            day: (!no_day).then(|| day(d)),
            channel: name(&CHANNELS, channel),
            campaign: name(&CAMPAIGNS, campaign),
            cents: (!no_amount).then_some(cents),
        })
}

fn spend_csv(spend: &[Spend]) -> String {
    let mut s = String::from("Date,Canal,Campagne,Dépense\n");
    for x in spend {
        s.push_str(&format!(
            "{},{},{},{}\n",
            date_text(x.day),
            x.channel.clone().unwrap_or_default(),
            x.campaign.clone().unwrap_or_default(),
            cents_text(x.cents, false)
        ));
    }
    s
}

fn cart_spec() -> impl Strategy<Value = (Cart, usize)> {
    (
        prop::option::weighted(0.97, 0i64..1100),
        prop::option::weighted(0.9, 0..CHANNELS.len()),
        0..CART_STATUSES.len(),
    )
        .prop_map(|(d, channel, status)| {
            (
                Cart {
                    day: d.map(day),
                    channel: name(&CHANNELS, channel),
                    abandoned: CART_STATUSES[status].1,
                },
                status,
            )
        })
}

fn carts_csv(carts: &[(Cart, usize)]) -> String {
    let mut s = String::from("Cart id,Date,Statut,Montant,Canal\n");
    for (i, (c, status)) in carts.iter().enumerate() {
        s.push_str(&format!(
            "P{i},{},{},{}.00,{}\n",
            date_text(c.day),
            CART_STATUSES[*status].0,
            10 + i,
            c.channel.clone().unwrap_or_default()
        ));
    }
    s
}

fn feedback_spec() -> impl Strategy<Value = (Feedback, usize)> {
    (
        prop::option::weighted(0.97, 0i64..1100),
        0..FEEDBACK_TYPES.len(),
        prop::option::weighted(0.9, 0i64..=10),
    )
        .prop_map(|(d, t, score)| {
            let complaint = FEEDBACK_TYPES[t].1;
            (
                Feedback {
                    day: d.map(day),
                    // Complaints mostly come without a score.
                    score: if complaint {
                        score.filter(|s| s % 3 == 0)
                    } else {
                        score
                    },
                    complaint,
                },
                t,
            )
        })
}

fn feedback_csv(fb: &[(Feedback, usize)]) -> String {
    let mut s = String::from("Date,Type,Note,Client\n");
    for (i, (x, t)) in fb.iter().enumerate() {
        s.push_str(&format!(
            "{},{},{},{}\n",
            date_text(x.day),
            FEEDBACK_TYPES[*t].0,
            x.score.map(|s| s.to_string()).unwrap_or_default(),
            CUSTOMERS[i % CUSTOMERS.len()]
        ));
    }
    s
}

/// How an invoice was paid.
#[derive(Debug, Clone)]
enum Paid {
    No,
    /// A paid amount (a share of the invoice, in hundredths), no date.
    Amount(i64),
    /// A paid date (days after issue), no amount.
    On(i64),
    Both(i64, i64),
}

fn invoice_spec() -> impl Strategy<Value = Invoice> {
    (
        0i64..1100,
        // Credit notes and empty invoices now and then.
        prop_oneof![10 => 100i64..1_000_000, 1 => Just(0i64), 1 => -100_000i64..0],
        prop::option::weighted(0.85, 0i64..90),
        // Paid shares in hundredths, overpaid at times.
        prop_oneof![
            Just(Paid::No),
            (0i64..=120).prop_map(Paid::Amount),
            (0i64..200).prop_map(Paid::On),
            ((0i64..=120), (0i64..200)).prop_map(|(a, d)| Paid::Both(a, d)),
        ],
        prop::option::weighted(0.9, 0..CUSTOMERS.len()),
        prop::option::weighted(0.9, 0..REPS.len()),
        prop::bool::weighted(0.03),
        prop::bool::weighted(0.03),
    )
        .prop_map(|(d, cents, due, paid, customer, rep, no_day, no_amount)| {
            let issued = day(d);
            let part = |share: i64| cents * share / 100;
            let (paid_cents, paid_on) = match paid {
                Paid::No => (None, None),
                Paid::Amount(s) => (Some(part(s)), None),
                Paid::On(n) => (None, Some(issued + Duration::days(n))),
                Paid::Both(s, n) => (Some(part(s)), Some(issued + Duration::days(n))),
            };
            Invoice {
                issued: (!no_day).then_some(issued),
                cents: (!no_amount).then_some(cents),
                due: due.map(|n| issued + Duration::days(n)),
                paid_cents,
                paid_on,
                customer: name(&CUSTOMERS, customer),
                rep: name(&REPS, rep),
            }
        })
}

fn invoices_csv(inv: &[Invoice]) -> String {
    let mut s = String::from(
        "N° facture;Date facture;Échéance;Montant;Montant réglé;Date de règlement;Client;Commercial\n",
    );
    for (i, x) in inv.iter().enumerate() {
        s.push_str(&format!(
            "F{i};{};{};{};{};{};{};{}\n",
            date_text(x.issued),
            date_text(x.due),
            cents_text(x.cents, true),
            cents_text(x.paid_cents, true),
            date_text(x.paid_on),
            x.customer.clone().unwrap_or_default(),
            x.rep.clone().unwrap_or_default()
        ));
    }
    s
}

// ------------------------------------------------- periods and filters

fn filter() -> impl Strategy<Value = Filter> {
    prop_oneof![
        3 => Just(Filter::default()),
        1 => pick(&REPS).prop_map(|v| Filter { reps: Some(v), channels: None }),
        1 => pick(&CHANNELS).prop_map(|v| Filter { reps: None, channels: Some(v) }),
        1 => (pick(&REPS), pick(&CHANNELS))
            .prop_map(|(r, c)| Filter { reps: Some(r), channels: Some(c) }),
    ]
}

/// The period moved so that one edge falls on `day` (edges are where
/// off-by-one slips hide): its end when `end`, else its start.
fn snapped(p: Span, day: Option<NaiveDate>, end: bool) -> Span {
    match day {
        None => p,
        Some(d) if end => Span {
            from: p.from.min(d),
            to: d,
        },
        Some(d) => Span {
            from: d,
            to: p.to.max(d),
        },
    }
}

/// Which row's day an edge of the period snaps to (`None`: it does not).
fn snap() -> impl Strategy<Value = Option<(usize, usize, bool)>> {
    prop::option::weighted(0.4, (0usize..100, 0usize..4, any::<bool>()))
}

// ------------------------------------------------------------ comparing

fn engine_report(files: &[(&str, &str)], p: Span, f: &Filter) -> Report {
    let ws = common::workspace_of(files);
    let mut filters = kpi::Filters::new();
    if let Some(r) = &f.reps {
        filters.insert(Field::Rep, r.clone());
    }
    if let Some(c) = &f.channels {
        filters.insert(Field::Channel, c.clone());
    }
    let q = Query {
        period: Some(period(p)),
        filters,
        ..Query::default()
    };
    kpi::report(&ws, &q)
}

/// The engine adds hours in millionths (its exact sums are made for
/// money), so a mean response may be off by half a millionth of an hour.
fn near_hours(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6,
        _ => a == b,
    }
}

/// Every difference between the engine's report and the reference's
/// figures; `breakdowns` lists the family's breakdowns, which the engine
/// must leave out when the reference has none.
fn differences(got: &Report, want: &Figures, breakdowns: &[&str]) -> Vec<String> {
    let mut out = kpi_differences(got, &want.kpis, |id, a, b| {
        if id == "lead_response_hours" {
            near_hours(a, b)
        } else {
            same(a, b)
        }
    });
    for (id, w) in &want.medians {
        let g = got.kpi(id).and_then(|k| k.median);
        if !same(g, *w) {
            out.push(format!("{id} median: engine {g:?}, reference {w:?}"));
        }
    }
    for id in breakdowns {
        let g: Vec<Row> = got
            .breakdown(id)
            .iter()
            .map(|b| Row {
                key: b.key.clone(),
                value: b.value,
                share: b.share,
            })
            .collect();
        let matches = match want.breakdowns.get(id) {
            None => !got.breakdowns.contains_key(*id),
            Some(w) => {
                let sorted = |rows: &[Row]| {
                    let mut v = rows.to_vec();
                    // ROIs are sorted by float ratios: compare as sets.
                    if *id == "campaign_roi" {
                        v.sort_by(|a, b| a.key.cmp(&b.key));
                    }
                    v
                };
                let (g, w) = (sorted(&g), sorted(w));
                g.len() == w.len()
                    && g.iter().zip(&w).all(|(a, b)| {
                        a.key == b.key
                            && same(Some(a.value), Some(b.value))
                            && same(a.share, b.share)
                    })
            }
        };
        if !matches {
            out.push(format!(
                "{id}: engine {g:?}, reference {:?}",
                want.breakdowns.get(id)
            ));
        }
    }
    out
}

// ------------------------------------------------------ the five families

fn prospecting(specs: &[LeadSpec], clock: Clock, p: Span, f: &Filter) -> Vec<String> {
    let leads = leads_of(specs, clock);
    let csv = leads_csv(specs, &leads);
    let got = engine_report(&[("leads.csv", &csv)], p, f);
    let want = families::prospecting(&leads, p, f);
    let mut d = differences(&got, &want, &["lead_response_distribution"]);
    if !d.is_empty() {
        d.push(csv);
    }
    d
}

fn activity(
    acts: &[(Activity, usize)],
    sales: Option<&[Sale]>,
    p: Span,
    f: &Filter,
) -> Vec<String> {
    let csv = activities_csv(acts);
    let sales_text = sales.map(sales_csv);
    let mut files = vec![("activites.csv", csv.as_str())];
    if let Some(s) = &sales_text {
        files.push(("ventes.csv", s));
    }
    let got = engine_report(&files, p, f);
    let rows: Vec<Activity> = acts.iter().map(|a| a.0.clone()).collect();
    let want = families::activity(&rows, sales, p, f);
    let mut d = differences(&got, &want, &["activities_by_rep"]);
    if !d.is_empty() {
        d.push(csv);
        d.extend(sales_text);
    }
    d
}

fn marketing(
    spend: &[Spend],
    carts: &[(Cart, usize)],
    sales: Option<&[Sale]>,
    p: Span,
    f: &Filter,
) -> Vec<String> {
    let (spend_text, carts_text) = (spend_csv(spend), carts_csv(carts));
    let sales_text = sales.map(sales_csv);
    let mut files = vec![
        ("depenses.csv", spend_text.as_str()),
        ("paniers.csv", carts_text.as_str()),
    ];
    if let Some(s) = &sales_text {
        files.push(("ventes.csv", s));
    }
    let got = engine_report(&files, p, f);
    let cart_rows: Vec<Cart> = carts.iter().map(|c| c.0.clone()).collect();
    let want = families::marketing(spend, &cart_rows, sales, p, f);
    let mut d = differences(
        &got,
        &want,
        &[
            "spend_by_channel",
            "acquisition_cost_by_month",
            "campaign_roi",
        ],
    );
    if !d.is_empty() {
        d.extend([spend_text, carts_text]);
        d.extend(sales_text);
    }
    d
}

fn satisfaction(fb: &[(Feedback, usize)], p: Span, f: &Filter) -> Vec<String> {
    let csv = feedback_csv(fb);
    let got = engine_report(&[("avis.csv", &csv)], p, f);
    let rows: Vec<Feedback> = fb.iter().map(|x| x.0.clone()).collect();
    let want = families::satisfaction(&rows, p, f);
    let mut d = differences(&got, &want, &["nps_breakdown"]);
    if !d.is_empty() {
        d.push(csv);
    }
    d
}

fn receivables(inv: &[Invoice], p: Span, f: &Filter) -> Vec<String> {
    let csv = invoices_csv(inv);
    let got = engine_report(&[("factures.csv", &csv)], p, f);
    let want = families::receivables(inv, p, f);
    let mut d = differences(
        &got,
        &want,
        &["receivables_aging", "receivables_by_customer"],
    );
    if !d.is_empty() {
        d.push(csv);
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn prospecting_agrees_with_the_reference(
        specs in prop::collection::vec(lead_spec(), 1..40),
        clock in prop_oneof![2 => Just(Clock::Minutes), 1 => Just(Clock::Seconds), 1 => Just(Clock::LongWaits)],
        p in span(),
        f in filter(),
        edge in snap(),
    ) {
        let p = match edge {
            Some((i, _, end)) => snapped(p, Some(day(specs[i % specs.len()].day)), end),
            None => p,
        };
        let d = prospecting(&specs, clock, p, &f);
        prop_assert!(d.is_empty(), "period {:?}, filter {:?}, {:?}:\n{}", p, f, clock, d.join("\n"));
    }

    #[test]
    fn activity_agrees_with_the_reference(
        acts in prop::collection::vec(activity_spec(), 1..40),
        sales in prop::option::weighted(0.6, sales_spec()),
        p in span(),
        f in filter(),
        edge in snap(),
    ) {
        let p = match edge {
            Some((i, _, end)) => snapped(p, acts[i % acts.len()].0.day, end),
            None => p,
        };
        let d = activity(&acts, sales.as_deref(), p, &f);
        prop_assert!(d.is_empty(), "period {:?}, filter {:?}:\n{}", p, f, d.join("\n"));
    }

    #[test]
    fn marketing_agrees_with_the_reference(
        spend in prop::collection::vec(spend_spec(), 1..30),
        carts in prop::collection::vec(cart_spec(), 1..30),
        sales in prop::option::weighted(0.7, sales_spec()),
        p in span(),
        f in filter(),
        edge in snap(),
    ) {
        let p = match edge {
            Some((i, 0, end)) => snapped(p, carts[i % carts.len()].0.day, end),
            Some((i, _, end)) => snapped(p, spend[i % spend.len()].day, end),
            None => p,
        };
        let mut spend = spend;
        spend[0].day = spend[0].day.or(Some(origin()));
        spend[0].cents = spend[0].cents.or(Some(100));
        let d = marketing(&spend, &carts, sales.as_deref(), p, &f);
        prop_assert!(d.is_empty(), "period {:?}, filter {:?}:\n{}", p, f, d.join("\n"));
    }

    #[test]
    fn satisfaction_agrees_with_the_reference(
        fb in prop::collection::vec(feedback_spec(), 1..40),
        p in span(),
        f in filter(),
        edge in snap(),
    ) {
        let p = match edge {
            Some((i, _, end)) => snapped(p, fb[i % fb.len()].0.day, end),
            None => p,
        };
        // Scores of 0 and 1 alone are read as yes/no, not as scores (an
        // open question, not this family's): give such a table a 5.
        let mut fb = fb;
        if fb.iter().all(|x| x.0.score.is_none_or(|s| s <= 1)) {
            if let Some(x) = fb.iter_mut().find(|x| x.0.score.is_some()) {
                x.0.score = Some(5);
            }
        }
        let d = satisfaction(&fb, p, &f);
        prop_assert!(d.is_empty(), "period {:?}, filter {:?}:\n{}", p, f, d.join("\n"));
    }

    #[test]
    fn receivables_agree_with_the_reference(
        inv in prop::collection::vec(invoice_spec(), 1..30),
        p in span(),
        f in filter(),
        edge in snap(),
    ) {
        // The period's end on an issue, due or paid day, or 90 days after
        // an issue (the edge of the DSO's window).
        let p = match edge {
            Some((i, what, _)) => {
                let x = &inv[i % inv.len()];
                let on = match what {
                    0 => x.issued.map(|d| d + Duration::days(90)),
                    1 => x.due,
                    2 => x.paid_on,
                    _ => x.issued,
                };
                snapped(p, on, true)
            }
            None => p,
        };
        // The first invoice keeps its dates, so the columns are of dates.
        let mut inv = inv;
        inv[0].issued = inv[0].issued.or(Some(origin()));
        inv[0].cents = inv[0].cents.or(Some(100));
        let d = receivables(&inv, p, &f);
        prop_assert!(d.is_empty(), "period {:?}, filter {:?}:\n{}", p, f, d.join("\n"));
    }
}

// ------------------------------------------------- hand-checked cases
//
// The reference on files small enough to check by hand, so that it cannot
// agree with the engine by sharing its mistakes; then the engine on them.

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a day")
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, s).expect("a time")
}

fn values(rows: &[Row]) -> Vec<(&str, f64)> {
    rows.iter().map(|r| (r.key.as_str(), r.value)).collect()
}

fn no_filter() -> Filter {
    Filter::default()
}

#[test]
fn prospecting_by_hand() {
    let lead = |created, contact, qualified, customer, hot, rep: Option<&str>| Lead {
        created: Some(created),
        first_contact: contact,
        qualified,
        customer,
        hot,
        rep: rep.map(String::from),
    };
    let leads = [
        lead(
            at(2024, 1, 2, 9, 0, 0),
            Some(at(2024, 1, 2, 11, 30, 0)),
            true,
            false,
            true,
            Some("Anne"),
        ),
        lead(
            at(2024, 1, 5, 10, 0, 30),
            Some(at(2024, 1, 6, 10, 0, 30)),
            false,
            false,
            false,
            None,
        ),
        lead(
            at(2024, 1, 10, 8, 0, 0),
            None,
            true,
            true,
            true,
            Some("Bruno"),
        ),
        // Contacted "before" its creation: no response time.
        lead(
            at(2024, 1, 20, 8, 0, 0),
            Some(at(2024, 1, 20, 7, 0, 0)),
            false,
            false,
            true,
            None,
        ),
        lead(
            at(2023, 12, 20, 8, 0, 0),
            Some(at(2023, 12, 20, 8, 30, 0)),
            true,
            false,
            true,
            Some("Anne"),
        ),
    ];
    let csv = "\
Id,Created,First contact,Converted,Converted to customer,Temperature,Rep
L1,2024-01-02 09:00,2024-01-02 11:30,yes,no,hot,Anne
L2,2024-01-05 10:00:30,2024-01-06 10:00:30,non,,Froid,
L3,2024-01-10 08:00,,oui,yes,Chaud,Bruno
L4,2024-01-20 08:00,2024-01-20 07:00,no,no,hot,
L5,2023-12-20 08:00,2023-12-20 08:30,yes,no,hot,Anne
";
    let p = Span {
        from: d(2024, 1, 1),
        to: d(2024, 1, 31),
    };
    // December starts 19 days before the first lead: no comparison…
    let compared = families::prospecting(&leads, p, &no_filter());
    assert_eq!(compared.kpis["lead_count"], [Some(4.0), None, None]);
    // …though its arithmetic stands: one lead in December, none last January.
    let r = families::prospecting_uncompared(&leads, p, &no_filter());
    assert_eq!(r.kpis["lead_count"], [Some(4.0), Some(1.0), Some(0.0)]);
    assert_eq!(r.kpis["lead_qualification_rate"][0], Some(0.5));
    assert_eq!(r.kpis["lead_conversion_rate"][0], Some(0.25));
    // Hot with a rep: L1 and L3 (L4 has no rep, L5 is in December).
    assert_eq!(r.kpis["hot_leads_assigned"][0], Some(2.0));
    // L1 answered in 2.5 h, L2 in 24 h; December: L5 in half an hour.
    assert_eq!(
        r.kpis["lead_response_hours"],
        [Some(13.25), Some(0.5), None]
    );
    assert_eq!(r.medians["lead_response_hours"], Some(13.25));
    let bins = &r.breakdowns["lead_response_distribution"];
    assert_eq!(
        values(bins),
        [
            ("< 1 h", 0.0),
            ("1-4 h", 1.0),
            ("4-24 h", 0.0),
            ("1-3 d", 1.0),
            ("> 3 d", 0.0)
        ]
    );
    let got = engine_report(&[("leads.csv", csv)], p, &no_filter());
    assert_eq!(
        differences(&got, &compared, &["lead_response_distribution"]),
        Vec::<String>::new()
    );
    // Anne's leads only: L1 (and L5 before).
    let anne = Filter {
        reps: Some(vec!["Anne".into()]),
        channels: None,
    };
    let r = families::prospecting(&leads, p, &anne);
    assert_eq!(r.kpis["lead_count"][0], Some(1.0));
    let got = engine_report(&[("leads.csv", csv)], p, &anne);
    assert_eq!(
        differences(&got, &r, &["lead_response_distribution"]),
        Vec::<String>::new()
    );
}

fn sale(
    day: NaiveDate,
    cents: i64,
    order: &str,
    customer: &str,
    rep: &str,
    campaign: Option<&str>,
) -> Sale {
    Sale {
        line: Line {
            day: Some(day),
            cents: Some(cents),
            order: Some(order.into()),
            customer: Some(customer.into()),
            rep: Some(rep.into()),
            region: Some("Nord".into()),
            product: Some("Atlas".into()),
            sector: None,
            channel: None,
            cost: 0,
            qty: 1,
            orders: None,
        },
        campaign: campaign.map(String::from),
    }
}

#[test]
fn activity_by_hand() {
    let act = |day, rep: Option<&str>, label: &str, act, minutes| {
        let t = ACTIVITY_TYPES
            .iter()
            .position(|(l, _)| *l == label)
            .expect("a label");
        (
            Activity {
                day: Some(day),
                rep: rep.map(String::from),
                act,
                minutes,
            },
            t,
        )
    };
    let acts = [
        act(d(2024, 1, 3), Some("Anne"), "Call", Act::Call, Some(10)),
        act(d(2024, 1, 4), Some("Anne"), "Visite", Act::Visit, Some(60)),
        act(d(2024, 1, 5), Some("Bruno"), "Visit", Act::Visit, Some(90)),
        act(d(2024, 1, 6), Some("Bruno"), "Appel", Act::Call, None),
        act(
            d(2024, 1, 7),
            Some("Bruno"),
            "Rendez-vous",
            Act::Meeting,
            Some(30),
        ),
        act(
            d(2024, 1, 8),
            Some("Anne"),
            "Courriel",
            Act::Email,
            Some(20),
        ),
        act(d(2024, 1, 9), None, "Call", Act::Call, Some(10)),
        act(d(2024, 2, 1), Some("Chloé"), "Visit", Act::Visit, Some(30)),
    ];
    let sales = [
        sale(d(2024, 1, 10), 10_000, "C1", "Alpha", "Anne", None),
        sale(d(2024, 1, 15), 5_000, "C2", "Bravo", "Bruno", None),
        sale(d(2024, 1, 15), 2_500, "C2", "Bravo", "Bruno", None),
        // A return alone is not an order.
        sale(d(2024, 1, 12), -3_000, "C3", "Alpha", "Anne", None),
    ];
    // The first half of January: 15 / 31 of a month.
    let p = Span {
        from: d(2024, 1, 1),
        to: d(2024, 1, 15),
    };
    let r = families::activity(
        &acts.iter().map(|a| a.0.clone()).collect::<Vec<_>>(),
        Some(&sales),
        p,
        &no_filter(),
    );
    assert_eq!(r.kpis["calls"][0], Some(3.0));
    assert_eq!(r.kpis["visits"][0], Some(2.0));
    assert_eq!(r.kpis["meetings"][0], Some(1.0));
    // 2 visits / (Anne and Bruno × 15/31 month).
    assert_eq!(
        r.kpis["visits_per_rep_month"][0],
        Some(2.0 / (2.0 * 15.0 / 31.0))
    );
    // 200 minutes of calls, visits and meetings of 220 timed.
    assert_eq!(r.kpis["selling_time_share"][0], Some(200.0 / 220.0));
    // Orders C1 and C2.
    assert_eq!(r.kpis["call_efficiency"][0], Some(2.0 / 3.0));
    assert_eq!(r.kpis["contacts_per_sale"][0], Some(3.0));
    assert_eq!(r.kpis["visits_per_order"][0], Some(1.0));
    assert_eq!(
        values(&r.breakdowns["activities_by_rep"]),
        [("Bruno", 3.0), ("Anne", 2.0), ("(none)", 1.0)]
    );
    assert_eq!(
        activity(&acts, Some(&sales), p, &no_filter()),
        Vec::<String>::new()
    );
}

#[test]
fn marketing_by_hand() {
    let spend = |day, channel: Option<&str>, campaign: Option<&str>, cents| Spend {
        day: Some(day),
        channel: channel.map(String::from),
        campaign: campaign.map(String::from),
        cents: Some(cents),
    };
    let spend = [
        spend(d(2024, 1, 5), Some("Web"), Some("Printemps"), 30_000),
        spend(d(2024, 1, 20), Some("Salon"), None, 10_000),
        spend(d(2024, 2, 10), Some("Web"), Some("Printemps"), 20_000),
        spend(d(2024, 2, 11), None, Some("Noël"), 5_000),
        spend(d(2023, 12, 15), Some("Web"), Some("Noël"), 8_000),
    ];
    let cart = |day, status: usize, channel: Option<&str>| {
        (
            Cart {
                day: Some(day),
                channel: channel.map(String::from),
                abandoned: CART_STATUSES[status].1,
            },
            status,
        )
    };
    let carts = [
        cart(d(2024, 1, 2), 0, Some("Web")),
        cart(d(2024, 1, 3), 4, Some("Web")),
        cart(d(2024, 1, 4), 2, Some("Salon")),
        cart(d(2024, 2, 5), 1, None),
        cart(d(2023, 12, 1), 3, None),
    ];
    let sales = [
        sale(
            d(2024, 1, 10),
            100_000,
            "C1",
            "Alpha",
            "Anne",
            Some("Printemps"),
        ),
        sale(d(2024, 2, 3), 50_000, "C2", "Bravo", "Bruno", None),
        sale(d(2024, 2, 20), 2_000, "C3", "Alpha", "Anne", Some("Noël")),
        sale(d(2023, 11, 5), 1_000, "C0", "Charlie", "Anne", None),
    ];
    let p = Span {
        from: d(2024, 1, 1),
        to: d(2024, 2, 29),
    };
    let cart_rows: Vec<Cart> = carts.iter().map(|c| c.0.clone()).collect();
    // 1 January – 29 February is a year to date: it compares with the same
    // dates of 2023, before the first spend (15 December 2023): no comparison…
    let compared = families::marketing(&spend, &cart_rows, Some(&sales), p, &no_filter());
    assert_eq!(compared.kpis["marketing_spend"][..2], [Some(650.0), None]);
    // …though its arithmetic stands.
    let r = families::marketing_uncompared(&spend, &cart_rows, Some(&sales), p, &no_filter());
    // 650 spent in January and February 2024; nothing in January and February 2023.
    assert_eq!(r.kpis["marketing_spend"][..2], [Some(650.0), Some(0.0)]);
    // New: Alpha in January, Bravo in February; none in early 2023.
    assert_eq!(r.kpis["acquisition_cost"][..2], [Some(325.0), None]);
    assert_eq!(
        values(&r.breakdowns["acquisition_cost_by_month"]),
        [("2024-01", 400.0), ("2024-02", 250.0)]
    );
    assert_eq!(
        values(&r.breakdowns["spend_by_channel"]),
        [("Web", 500.0), ("Salon", 100.0), ("(none)", 50.0)]
    );
    // Printemps: (1000 − 500) / 500; Noël: (20 − 50) / 50.
    assert_eq!(
        values(&r.breakdowns["campaign_roi"]),
        [("Noël", -0.6), ("Printemps", 1.0)]
    );
    // Abandoned, perdu, Abandonné of four carts.
    assert_eq!(r.kpis["cart_abandonment_rate"][0], Some(0.75));
    assert_eq!(
        marketing(&spend, &carts, Some(&sales), p, &no_filter()),
        Vec::<String>::new()
    );
    // The Web channel: spend and carts filtered; sales have no channel, so
    // what reads them (acquisition cost, its months, campaign ROI) is left out.
    let web = Filter {
        reps: None,
        channels: Some(vec!["Web".into()]),
    };
    let r = families::marketing(&spend, &cart_rows, Some(&sales), p, &web);
    assert_eq!(r.kpis["acquisition_cost"], [None; 3]);
    assert!(!r.breakdowns.contains_key("campaign_roi"));
    assert!(!r.breakdowns.contains_key("acquisition_cost_by_month"));
    assert_eq!(r.kpis["marketing_spend"][0], Some(500.0));
    assert_eq!(r.kpis["cart_abandonment_rate"][0], Some(0.5));
    assert_eq!(
        marketing(&spend, &carts, Some(&sales), p, &web),
        Vec::<String>::new()
    );
    // Anne: neither spend nor carts have a rep, so nothing of theirs is shown.
    let anne = Filter {
        reps: Some(vec!["Anne".into()]),
        channels: None,
    };
    let r = families::marketing(&spend, &cart_rows, Some(&sales), p, &anne);
    for id in [
        "marketing_spend",
        "acquisition_cost",
        "cart_abandonment_rate",
    ] {
        assert_eq!(r.kpis[id], [None; 3], "{id}");
    }
    assert!(r.breakdowns.is_empty());
    assert_eq!(
        marketing(&spend, &carts, Some(&sales), p, &anne),
        Vec::<String>::new()
    );
}

#[test]
fn satisfaction_by_hand() {
    let fb = |day, label: &str, score| {
        let t = FEEDBACK_TYPES
            .iter()
            .position(|(l, _)| *l == label)
            .expect("a label");
        (
            Feedback {
                day: Some(day),
                score,
                complaint: FEEDBACK_TYPES[t].1,
            },
            t,
        )
    };
    let fb = [
        fb(d(2024, 1, 2), "survey", Some(10)),
        fb(d(2024, 1, 3), "Enquête", Some(9)),
        fb(d(2024, 1, 4), "NPS", Some(8)),
        fb(d(2024, 1, 5), "survey", Some(3)),
        fb(d(2024, 1, 6), "complaint", None),
        // A complaint with a score is no survey answer.
        fb(d(2024, 1, 7), "Réclamation", Some(0)),
        fb(d(2024, 1, 8), "survey", None),
        fb(d(2023, 12, 20), "survey", Some(2)),
    ];
    let p = Span {
        from: d(2024, 1, 1),
        to: d(2024, 1, 31),
    };
    let rows: Vec<Feedback> = fb.iter().map(|x| x.0.clone()).collect();
    // December starts 19 days before the first answer: no comparison…
    assert_eq!(
        families::satisfaction(&rows, p, &no_filter()).kpis["nps"],
        [Some(25.0), None, None]
    );
    // …though its arithmetic stands.
    let r = families::satisfaction_uncompared(&rows, p, &no_filter());
    // 2 promoters, 1 passive, 1 detractor: 100 × (2 − 1) / 4; December: one detractor.
    assert_eq!(r.kpis["nps"], [Some(25.0), Some(-100.0), None]);
    assert_eq!(r.kpis["complaints"], [Some(2.0), Some(0.0), Some(0.0)]);
    assert_eq!(
        r.breakdowns["nps_breakdown"],
        [
            ("promoters", 2.0, 0.5),
            ("passives", 1.0, 0.25),
            ("detractors", 1.0, 0.25)
        ]
        .map(|(k, v, s)| Row {
            key: k.into(),
            value: v,
            share: Some(s)
        })
    );
    assert_eq!(satisfaction(&fb, p, &no_filter()), Vec::<String>::new());
    // Feedback has no rep: under a rep filter it gives no figure.
    let anne = Filter {
        reps: Some(vec!["Anne".into()]),
        channels: None,
    };
    let r = families::satisfaction(&rows, p, &anne);
    assert_eq!(r.kpis["nps"], [None; 3]);
    assert_eq!(r.kpis["complaints"], [None; 3]);
    assert!(r.breakdowns.is_empty());
    assert_eq!(satisfaction(&fb, p, &anne), Vec::<String>::new());
}

#[test]
fn receivables_by_hand() {
    let inv = |issued, due, cents, paid_cents, paid_on, customer: &str, rep: &str| Invoice {
        issued: Some(issued),
        cents: Some(cents),
        due,
        paid_cents,
        paid_on,
        customer: Some(customer.into()),
        rep: Some(rep.into()),
    };
    let invoices = [
        inv(
            d(2024, 1, 10),
            Some(d(2024, 2, 9)),
            100_000,
            Some(100_000),
            Some(d(2024, 2, 5)),
            "Acme",
            "Anne",
        ),
        inv(
            d(2024, 2, 1),
            Some(d(2024, 3, 2)),
            50_000,
            Some(20_000),
            Some(d(2024, 3, 10)),
            "Beta",
            "Bruno",
        ),
        inv(
            d(2024, 3, 15),
            Some(d(2024, 4, 14)),
            80_000,
            None,
            None,
            "Acme",
            "Anne",
        ),
        // Paid in full, but only in April.
        inv(
            d(2024, 1, 5),
            Some(d(2024, 2, 4)),
            40_000,
            None,
            Some(d(2024, 4, 20)),
            "Gamma",
            "Anne",
        ),
        inv(
            d(2024, 4, 2),
            Some(d(2024, 5, 2)),
            99_900,
            None,
            None,
            "Beta",
            "Bruno",
        ),
        // 100 paid, no date.
        inv(
            d(2023, 11, 1),
            Some(d(2023, 12, 1)),
            30_000,
            Some(10_000),
            None,
            "Delta",
            "Bruno",
        ),
    ];
    let p = Span {
        from: d(2024, 1, 1),
        to: d(2024, 3, 31),
    };
    // The previous quarter starts before the first invoice: no comparison…
    let compared = families::receivables(&invoices, p, &no_filter());
    assert_eq!(compared.kpis["receivables_outstanding"][1], None);
    // …though its arithmetic stands.
    let r = families::receivables_uncompared(&invoices, p, &no_filter());
    // As of 31 March: F2 300, F3 800, F4 400, F6 200. As of 31 December: F6 200.
    assert_eq!(
        r.kpis["receivables_outstanding"][..2],
        [Some(1700.0), Some(200.0)]
    );
    // Due before the day: F2, F4, F6; then F6.
    assert_eq!(
        r.kpis["receivables_overdue"][..2],
        [Some(900.0), Some(200.0)]
    );
    // Issued in the 90 days to 31 March: F1 to F4, 2700; to 31 December: F6, 300.
    assert_eq!(
        r.kpis["dso_days"][..2],
        [Some(1700.0 * 90.0 / 2700.0), Some(60.0)]
    );
    assert_eq!(
        values(&r.breakdowns["receivables_aging"]),
        [
            ("not due", 800.0),
            ("1-30", 300.0),
            ("31-60", 400.0),
            ("61-90", 0.0),
            (">90", 200.0)
        ]
    );
    assert_eq!(
        values(&r.breakdowns["receivables_by_customer"]),
        [
            ("Acme", 800.0),
            ("Gamma", 400.0),
            ("Beta", 300.0),
            ("Delta", 200.0)
        ]
    );
    assert_eq!(
        receivables(&invoices, p, &no_filter()),
        Vec::<String>::new()
    );
    let bruno = Filter {
        reps: Some(vec!["Bruno".into()]),
        channels: None,
    };
    let r = families::receivables(&invoices, p, &bruno);
    assert_eq!(r.kpis["receivables_outstanding"][0], Some(500.0));
    assert_eq!(receivables(&invoices, p, &bruno), Vec::<String>::new());
}
