//! The reference report of the pipeline family (docs/KPIS.md): every
//! pipeline KPI with its comparisons, the pipeline breakdowns, the funnel
//! and the rep view's deal columns, computed the plain way from deals held
//! as Rust values, one deal at a time. Amounts are whole cents, so counts
//! and sums of amounts are exact; weighted amounts are floats. The team
//! table gives a deal its manager and region, the accounts table its
//! sector, the products table its list price. The open pipeline of a day is
//! rebuilt from the deals' dates (`as_of.rs`).

mod as_of;
mod funnel;
mod notes;

pub use notes::Notes;

use super::{month, Span};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// One opportunity, as the generator wrote it in the CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub rep: Option<String>,
    pub product: Option<String>,
    pub stage: Option<String>,
    pub created: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    /// Cents; `None` when the cell is empty.
    pub cents: Option<i64>,
    /// The row's own probability as a fraction, when the file has one.
    pub probability: Option<f64>,
}

/// A row of the team table: a rep's manager and region.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub rep: String,
    pub manager: Option<String>,
    pub region: Option<String>,
}

/// The tables of a CRM workspace. An empty `team`, `accounts` or `products`
/// means the workspace has no such table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Crm {
    pub deals: Vec<Deal>,
    pub team: Vec<Member>,
    /// The account of each deal, by the deal's index (the file's column).
    pub deal_accounts: Vec<Option<String>>,
    /// The accounts table: account → sector.
    pub accounts: Vec<(String, Option<String>)>,
    /// Product → list price in cents.
    pub products: Vec<(String, i64)>,
    /// The settings' probability per stage name, over the built-in words.
    pub stage_probabilities: BTreeMap<String, f64>,
    /// A status column's cell per deal, by the deal's index; empty: the
    /// file has no status column (the stage's name gives the status).
    pub statuses: Vec<Option<String>>,
}

impl Crm {
    /// KPIS.md, "Deal status": the status column's, else the stage's.
    pub fn status(&self, i: usize) -> Status {
        if self.statuses.is_empty() {
            status(self.deals[i].stage.as_deref())
        } else {
            status(self.statuses.get(i).and_then(|s| s.as_deref()))
        }
    }
}

/// What a filter or a breakdown reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum By {
    Rep,
    Manager,
    Region,
    Product,
    Sector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Open,
    Won,
    Lost,
}

/// A name folded as KPIS.md compares names: without case, accents, spaces
/// or punctuation.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// KPIS.md, "Deal status": from the stage's whole name.
pub fn status(stage: Option<&str>) -> Status {
    match fold(stage.unwrap_or("")).as_str() {
        "won" | "closedwon" | "gagne" | "gagnee" | "signe" | "signee" | "yes" | "oui" | "true" => {
            Status::Won
        }
        "lost" | "closedlost" | "perdu" | "perdue" | "no" | "non" | "false" => Status::Lost,
        _ => Status::Open,
    }
}

/// KPIS.md, "Stage probabilities": the settings' value for the stage, else
/// the first group (in the order listed) with a word in the stage's name.
pub fn stage_probability(stage: Option<&str>, settings: &BTreeMap<String, f64>) -> f64 {
    let name = fold(stage.unwrap_or(""));
    if let Some((_, &p)) = settings.iter().find(|(k, _)| fold(k) == name) {
        return p;
    }
    let groups: [(&[&str], f64); 6] = [
        (&["prospect", "lead", "new", "nouveau"], 0.1),
        (&["qualif"], 0.2),
        (
            &[
                "engag",
                "discover",
                "decouverte",
                "contact",
                "meeting",
                "rdv",
                "demo",
            ],
            0.3,
        ),
        (&["propos", "quote", "devis", "offre"], 0.5),
        (&["negoti", "negoc"], 0.7),
        (&["commit", "closing", "verbal", "accord"], 0.9),
    ];
    groups
        .iter()
        .find(|(words, _)| words.iter().any(|w| name.contains(w)))
        .map_or(0.25, |g| g.1)
}

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub name: String,
    pub status: Status,
    pub count: usize,
    /// `None` when none of its deals has an amount.
    pub amount: Option<f64>,
    pub weighted: Option<f64>,
    /// Open stages: the mean probability of their deals.
    pub probability: Option<f64>,
}

#[derive(Debug, Default, PartialEq)]
pub struct PipelineReference {
    /// Value over the period, the previous period and last year.
    pub kpis: BTreeMap<&'static str, [Option<f64>; 3]>,
    /// The median sales cycle over the period.
    pub cycle_median: Option<f64>,
    pub breakdowns: BTreeMap<&'static str, BTreeMap<String, f64>>,
    /// Open stages by probability, then won, then lost; ties by name.
    pub funnel: Vec<Stage>,
    /// Per rep: won deals, won revenue, win rate, mean sales cycle.
    pub reps: BTreeMap<String, [Option<f64>; 4]>,
    pub notes: Notes,
    /// Why a KPI is unavailable, when it is for want of amounts.
    pub reasons: BTreeMap<&'static str, String>,
    /// The `inputs` rows of every computed pipeline KPI: deals kept by the
    /// filters with a created or a close date (whatever their status) in P.
    pub inputs: usize,
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn mean(v: &[f64]) -> Option<f64> {
    ratio(v.iter().sum(), v.len() as f64)
}

fn median(v: &[f64]) -> Option<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (n > 0).then(|| {
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    })
}

/// A deal as the KPIs see it: status, amount (own, else the product's list
/// price), probability (own, else the stage's), the same while it was open,
/// manager and region.
struct Seen<'a> {
    d: &'a Deal,
    status: Status,
    cents: Option<i64>,
    probability: f64,
    open_cents: Option<i64>,
    open_probability: f64,
    /// The data's end ([`as_of::data_end`]).
    end: Option<NaiveDate>,
    manager: Option<&'a str>,
    region: Option<&'a str>,
    sector: Option<&'a str>,
}

impl Seen<'_> {
    fn of(&self, by: By) -> Option<&str> {
        match by {
            By::Rep => self.d.rep.as_deref(),
            By::Manager => self.manager,
            By::Region => self.region,
            By::Product => self.d.product.as_deref(),
            By::Sector => self.sector,
        }
    }
    fn created_in(&self, s: Span) -> bool {
        self.d.created.is_some_and(|d| s.contains(d))
    }
    /// Open at the end of the period.
    fn open_at(&self, s: Span) -> bool {
        self.open_on(s.to) == Some(true)
    }
    fn open_on(&self, d: NaiveDate) -> Option<bool> {
        as_of::open_on(self.d, self.status, d, self.end)
    }
    /// Won or lost, closed in the period.
    fn closed_in(&self, s: Span) -> bool {
        self.status != Status::Open && self.d.closed.is_some_and(|d| s.contains(d))
    }
    fn cycle(&self) -> Option<f64> {
        Some((self.d.closed? - self.d.created?).num_days() as f64)
    }
    fn weighted(&self) -> f64 {
        self.open_cents
            .map_or(0.0, |c| money(c) * self.open_probability)
    }
}

pub fn report(crm: &Crm, p: Span, filters: &BTreeMap<By, Vec<String>>) -> PipelineReference {
    // Joins: first row of a key wins; keys compared folded.
    let member = |rep: &str| crm.team.iter().find(|m| fold(&m.rep) == fold(rep));
    let sector = |account: &str| {
        crm.accounts
            .iter()
            .find(|(k, _)| fold(k) == fold(account))
            .and_then(|x| x.1.as_deref())
    };
    let list_price = |product: &str| {
        crm.products
            .iter()
            .find(|(k, _)| fold(k) == fold(product))
            .map(|x| x.1)
    };
    let mut r = PipelineReference::default();
    let end = as_of::data_end(crm);
    let all: Vec<Seen> = crm
        .deals
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let account = crm.deal_accounts.get(i).and_then(|a| a.as_deref());
            let m = d.rep.as_deref().and_then(member);
            let price = d.product.as_deref().and_then(list_price);
            if d.cents.is_none() && price.is_some() {
                r.notes.estimated += 1;
            }
            let st = crm.status(i);
            let probability = d
                .probability
                .unwrap_or_else(|| stage_probability(d.stage.as_deref(), &crm.stage_probabilities));
            Seen {
                d,
                status: st,
                cents: d.cents.or(price),
                probability,
                open_cents: as_of::open_cents(st, d.cents.or(price), price),
                open_probability: match st {
                    Status::Open => probability,
                    _ => as_of::probability_before_close(d, crm),
                },
                end,
                manager: m.and_then(|m| m.manager.as_deref()),
                region: m.and_then(|m| m.region.as_deref()),
                sector: account.and_then(sector),
            }
        })
        .collect();
    // Whether the deals have a field, own or through a joined table; a
    // filter on one they lack leaves all their figures out (see the end).
    let has = |by: By| match by {
        By::Manager | By::Region => !crm.team.is_empty(),
        By::Sector => !crm.accounts.is_empty(),
        By::Rep | By::Product => true,
    };
    let deals: Vec<&Seen> = all
        .iter()
        .filter(|s| {
            filters.iter().filter(|(by, _)| has(**by)).all(|(by, vs)| {
                s.of(*by)
                    .is_some_and(|v| vs.iter().any(|x| fold(x) == fold(v)))
            })
        })
        .collect();

    r.inputs = deals
        .iter()
        .filter(|x| x.created_in(p) || x.d.closed.is_some_and(|d| p.contains(d)))
        .count();

    let spans = [p, p.previous(), p.last_year()];
    let each = |f: &dyn Fn(Span) -> Option<f64>| spans.map(f);
    let count = |f: &dyn Fn(&Seen) -> bool| deals.iter().filter(|s| f(s)).count() as f64;
    let won_in = |s: Span| move |x: &Seen| x.status == Status::Won && x.closed_in(s);
    // A sum of amounts: unknown when there are deals and none has one.
    let sum = |f: &dyn Fn(&Seen) -> bool, amount: &dyn Fn(&Seen) -> Option<f64>| {
        let kept: Vec<&&Seen> = deals.iter().filter(|x| f(x)).collect();
        let known: Vec<f64> = kept.iter().filter_map(|x| amount(x)).collect();
        (kept.is_empty() || !known.is_empty()).then(|| known.iter().sum::<f64>())
    };
    let open_cents = |x: &Seen| x.open_cents.map(money);
    let won_cents = |x: &Seen| x.cents.map(money);
    let cycles = |s: Span| -> Vec<f64> {
        deals
            .iter()
            .filter(|x| won_in(s)(x))
            .filter_map(|x| x.cycle())
            .collect()
    };
    let k = &mut r.kpis;
    k.insert(
        "new_opportunities",
        each(&|s| Some(count(&|x| x.created_in(s)))),
    );
    k.insert(
        "open_opportunities",
        each(&|s| Some(count(&|x| x.open_at(s)))),
    );
    k.insert(
        "pipeline_value",
        each(&|s| sum(&|x| x.open_at(s), &open_cents)),
    );
    k.insert(
        "weighted_pipeline",
        each(&|s| sum(&|x| x.open_at(s), &|x| x.open_cents.map(|_| x.weighted()))),
    );
    k.insert("won_deals", each(&|s| Some(count(&won_in(s)))));
    k.insert("won_revenue", each(&|s| sum(&won_in(s), &won_cents)));
    k.insert(
        "win_rate",
        each(&|s| ratio(count(&won_in(s)), count(&|x| x.closed_in(s)))),
    );
    // Over the won deals with an amount.
    k.insert(
        "avg_deal_value",
        each(&|s| {
            let priced = count(&|x| won_in(s)(x) && x.cents.is_some());
            ratio(sum(&won_in(s), &won_cents).unwrap_or(0.0), priced)
        }),
    );
    k.insert("avg_sales_cycle_days", each(&|s| mean(&cycles(s))));
    k.insert(
        "opportunity_conversion_rate",
        each(&|s| {
            ratio(
                count(&|x| x.created_in(s) && x.status == Status::Won),
                count(&|x| x.created_in(s)),
            )
        }),
    );
    r.cycle_median = median(&cycles(p));
    notes::notes(&mut r, &deals, spans, !crm.products.is_empty());

    r.funnel = funnel::funnel(&deals, crm, p);
    r.breakdowns.insert(
        "pipeline_by_stage",
        r.funnel
            .iter()
            .map(|s| (s.name.clone(), s.count as f64))
            .collect(),
    );

    // Won revenue of the deals closed in P, per dimension and close month;
    // deals without an amount add nothing.
    let won: Vec<&&Seen> = deals.iter().filter(|x| won_in(p)(x)).collect();
    // None of them with an amount: no breakdown of won revenue.
    let unknown = !won.is_empty() && won.iter().all(|x| x.cents.is_none());
    let mut dims = vec![
        ("won_revenue_by_rep", By::Rep),
        ("won_revenue_by_product", By::Product),
    ];
    if !crm.team.is_empty() {
        dims.push(("won_revenue_by_manager", By::Manager));
        dims.push(("won_revenue_by_region", By::Region));
    }
    if !crm.accounts.is_empty() {
        dims.push(("won_revenue_by_sector", By::Sector));
    }
    if unknown {
        dims.clear();
    }
    for (id, by) in dims {
        let mut sums: BTreeMap<String, i64> = BTreeMap::new();
        for x in won.iter().filter(|x| x.cents.is_some()) {
            let key = x.of(by).unwrap_or("(none)").to_string();
            *sums.entry(key).or_default() += x.cents.unwrap_or(0);
        }
        r.breakdowns
            .insert(id, sums.into_iter().map(|(k, v)| (k, money(v))).collect());
    }
    // Every month P touches, empty ones included.
    let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
    let mut d = p.from.with_day(1).expect("a day");
    while d <= p.to {
        by_month.insert(month(d), 0);
        d = d.checked_add_months(chrono::Months::new(1)).expect("a day");
    }
    for x in &won {
        if let (Some(c), Some(day)) = (x.cents, x.d.closed) {
            *by_month.entry(month(day)).or_default() += c;
        }
    }
    if !unknown {
        r.breakdowns.insert(
            "won_revenue_by_month",
            by_month.into_iter().map(|(k, v)| (k, money(v))).collect(),
        );
    }

    // Win rate, and the rep view, per rep with a deal closed in P.
    // Per rep: won, closed, won cents (None while no won deal has an
    // amount), cycles.
    type RepDeals = (f64, f64, Option<i64>, Vec<f64>);
    let mut reps: BTreeMap<String, RepDeals> = BTreeMap::new();
    for x in deals.iter().filter(|x| x.closed_in(p)) {
        let Some(rep) = &x.d.rep else { continue };
        let e = reps.entry(rep.clone()).or_default();
        e.1 += 1.0;
        if x.status == Status::Won {
            e.0 += 1.0;
            if let Some(c) = x.cents {
                e.2 = Some(e.2.unwrap_or(0) + c);
            }
            e.3.extend(x.cycle());
        }
    }
    r.breakdowns.insert(
        "win_rate_by_rep",
        reps.iter().map(|(k, e)| (k.clone(), e.0 / e.1)).collect(),
    );
    r.reps = reps
        .into_iter()
        .map(|(k, (w, n, c, cy))| {
            // No won deal: 0 won; won deals, none with an amount: unknown.
            let revenue = c.map(money).or((w == 0.0).then_some(0.0));
            (k, [Some(w), revenue, ratio(w, n), mean(&cy)])
        })
        .collect();

    // Sales cycles of the deals won in P, in bins of days.
    let bins: [(f64, &str); 7] = [
        (7.0, "0-7"),
        (14.0, "8-14"),
        (30.0, "15-30"),
        (60.0, "31-60"),
        (90.0, "61-90"),
        (180.0, "91-180"),
        (f64::INFINITY, ">180"),
    ];
    let mut hist: BTreeMap<String, f64> = bins.iter().map(|b| (b.1.to_string(), 0.0)).collect();
    for c in cycles(p) {
        let bin = bins
            .iter()
            .find(|b| c <= b.0)
            .expect("the last bin is open");
        *hist.get_mut(bin.1).expect("a bin") += 1.0;
    }
    r.breakdowns.insert("sales_cycle_distribution", hist);
    let dates = crm
        .deals
        .iter()
        .flat_map(|d| [d.created, d.closed])
        .flatten();
    super::comparisons::keep_covered(&mut r.kpis, dates, p);
    // KPIS.md, Filters: a table that cannot take a filter gives no figure,
    // and that is the reason given, before any want of amounts.
    if filters.keys().any(|by| !has(*by)) {
        r.kpis.values_mut().for_each(|v| *v = [None; 3]);
        r.reasons.clear();
        r.breakdowns.clear();
        r.funnel.clear();
        r.reps.clear();
        r.cycle_median = None;
    }
    r
}
