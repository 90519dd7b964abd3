//! What a deal is, from the tables alone: won, lost or open (from a status
//! or stage name in French or English), its amount (a product's list price
//! when it has none) and its probability (a stage's default when it has
//! none). Kept by [`super::Prepared`] ([`DealColumns`]), else computed per
//! report; each report reads the deals through [`Opps`].

use crate::kpi::core::period::Period;
use crate::kpi::core::view::Attr;
use crate::kpi::model::join::through_numbers;
use crate::kpi::model::{Fact, Model};
use crate::parse::date::Days;
use crate::schema::{normalize, Field, Kind};
use crate::table::{ColumnData, MISSING_DAY};
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Open,
    Won,
    Lost,
}

/// Won, lost or open from a status or stage name, in French or English.
pub fn status_of(name: &str) -> Status {
    match normalize(name).as_str() {
        "won" | "closedwon" | "gagne" | "gagnee" | "signe" | "signee" | "win" | "true" | "oui"
        | "yes" => Status::Won,
        "lost" | "closedlost" | "perdu" | "perdue" | "lose" | "false" | "non" | "no" => {
            Status::Lost
        }
        _ => Status::Open,
    }
}

/// A default probability for an open stage, from words sales teams use.
pub fn default_probability(stage: &str) -> f64 {
    let s = normalize(stage);
    const STEPS: [(&[&str], f64); 6] = [
        (&["prospect", "lead", "nouveau", "new"], 0.1),
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
        (&["propos", "quote", "devis", "offre", "offer"], 0.5),
        (&["negoti", "negoc"], 0.7),
        (&["commit", "closing", "verbal", "accord"], 0.9),
    ];
    STEPS
        .iter()
        .find(|(words, _)| words.iter().any(|w| s.contains(w)))
        .map_or(0.25, |&(_, p)| p)
}

/// A deal's status and amount depend on the tables alone: kept by
/// [`super::Prepared`], else computed per report.
pub struct DealColumns {
    pub(super) status: Vec<Status>,
    pub(super) amount: Vec<f64>,
    /// A deal's amount while it was open, when it differs from `amount`
    /// for some deal ([`open_amounts`]).
    pub(super) open_amount: Option<Vec<f64>>,
    pub(super) estimated: usize,
    pub(super) probability: Vec<f64>,
    /// The stage probabilities `probability` was computed with.
    pub(super) probabilities_with: BTreeMap<String, f64>,
    /// The last day the table records something happening: a deal created,
    /// won or lost (an open deal's close date is only expected). Statuses
    /// are known as of that day; the pipeline before it is rebuilt from dates.
    pub(super) end: Option<Days>,
    /// Whether a products table gives list prices (so that a deal without
    /// an amount could have had one).
    pub(super) list_prices: bool,
}

/// Per stage code, its probability: the settings' for its name, else the
/// built-in default.
fn stage_defaults(stage: Option<&Attr>, stage_probabilities: &BTreeMap<String, f64>) -> Vec<f64> {
    stage.map_or(Vec::new(), |s| {
        (0..s.distinct() as u32)
            .map(|c| {
                let name = s.name(c);
                stage_probabilities
                    .iter()
                    .find(|(k, _)| normalize(k) == normalize(name))
                    .map_or_else(|| default_probability(name), |(_, &p)| p)
            })
            .collect()
    })
}

/// The probability of a deal won or lost today, in an open pipeline of a
/// day before it closed: its stage then is unknown, and its own probability
/// is today's (100 % once won). Per stage code: the stage's probability
/// when its name is an open stage (a status column beside the stage keeps
/// the last open stage); for any other stage, and for deals without one,
/// the second value: the mean probability of the table's open stages, each
/// name counted once (25 % when it names none).
fn probabilities_before_close(
    stage: Option<&Attr>,
    stage_probabilities: &BTreeMap<String, f64>,
) -> (Vec<f64>, f64) {
    let defaults = stage_defaults(stage, stage_probabilities);
    let mut open: BTreeMap<String, f64> = BTreeMap::new();
    let is_open: Vec<bool> = stage.map_or(Vec::new(), |s| {
        (0..s.distinct() as u32)
            .map(|c| status_of(s.name(c)) == Status::Open)
            .collect()
    });
    if let Some(s) = stage {
        for c in (0..s.distinct()).filter(|&c| is_open[c]) {
            open.insert(normalize(s.name(c as u32)), defaults[c]);
        }
    }
    let unknown = if open.is_empty() {
        0.25
    } else {
        open.values().sum::<f64>() / open.len() as f64
    };
    let per_code = defaults
        .iter()
        .zip(&is_open)
        .map(|(&p, &open)| if open { p } else { unknown })
        .collect();
    (per_code, unknown)
}

/// Each deal's probability: its own, else its stage's (the settings' over
/// the built-in defaults).
fn probabilities(
    fact: &Fact,
    stage: Option<&Attr>,
    stage_probabilities: &BTreeMap<String, f64>,
) -> Vec<f64> {
    let v = fact.view;
    let stage_default = stage_defaults(stage, stage_probabilities);
    let own_p = v.numbers(Field::Probability);
    (0..v.rows())
        .map(|r| {
            let from_row = own_p
                .and_then(|p| p.get(r))
                .copied()
                .filter(|p| !p.is_nan());
            match from_row {
                Some(p) if p > 1.0 => p / 100.0, // `40` means 40 %
                Some(p) => p,
                None => stage
                    .and_then(|s| stage_default.get(s.code(r) as usize))
                    .copied()
                    .unwrap_or(0.25),
            }
        })
        .collect()
}

fn derive(model: &Model, fact: &Fact) -> Option<DealColumns> {
    let v = fact.view;
    let rows = v.rows();
    let stage = v.attr(Field::Stage);
    let status: Vec<Status> = match v.col(Field::Status).map(|c| &c.data) {
        Some(ColumnData::Bool(b)) => b
            .iter()
            .map(|x| match x {
                Some(true) => Status::Won,
                Some(false) => Status::Lost,
                None => Status::Open,
            })
            .collect(),
        _ => {
            let names = v.attr(Field::Status).or_else(|| stage.clone())?;
            let per_code: Vec<Status> = (0..names.distinct() as u32)
                .map(|c| status_of(names.name(c)))
                .collect();
            (0..rows)
                .map(|r| {
                    per_code
                        .get(names.code(r) as usize)
                        .copied()
                        .unwrap_or(Status::Open)
                })
                .collect()
        }
    };
    let prices = model.products.and_then(|p| p.numbers(Field::UnitPrice));
    let list_price = match (fact.product_link(), prices) {
        (Some((key, link)), Some(prices)) => Some(through_numbers(key, link, prices)),
        _ => None,
    };
    let own = v.numbers(Field::Amount);
    let mut estimated = 0;
    let amount: Vec<f64> = (0..rows)
        .map(
            |r| match own.and_then(|a| a.get(r)).copied().filter(|a| !a.is_nan()) {
                Some(a) => a,
                None => match list_price
                    .as_ref()
                    .and_then(|p| p.get(r))
                    .copied()
                    .filter(|p| !p.is_nan())
                {
                    Some(p) => {
                        estimated += 1;
                        p
                    }
                    None => f64::NAN,
                },
            },
        )
        .collect();
    // With the built-in stage probabilities: the settings usually keep them.
    let probabilities_with = BTreeMap::new();
    let open_amount = open_amounts(&status, &amount, list_price.as_deref());
    Some(DealColumns {
        open_amount,
        probability: probabilities(fact, stage.as_ref(), &probabilities_with),
        probabilities_with,
        end: last_event(fact, &status),
        list_prices: prices.is_some(),
        status,
        amount,
        estimated,
    })
}

/// A lost deal's amount of 0 tells what was signed, not what was at stake:
/// in a pipeline of a day it was open, it counts at its product's list
/// price, or with an unknown amount. `None` when no deal is such.
fn open_amounts(status: &[Status], amount: &[f64], list_price: Option<&[f64]>) -> Option<Vec<f64>> {
    let unsigned = |r: usize| status[r] == Status::Lost && amount[r] == 0.0;
    (0..amount.len()).any(unsigned).then(|| {
        (0..amount.len())
            .map(|r| {
                if unsigned(r) {
                    list_price
                        .and_then(|p| p.get(r))
                        .copied()
                        .unwrap_or(f64::NAN)
                } else {
                    amount[r]
                }
            })
            .collect()
    })
}

/// The last day a deal was created, won or lost, over the whole table.
fn last_event(fact: &Fact, status: &[Status]) -> Option<Days> {
    let v = fact.view;
    let day = |d: Days| (d != MISSING_DAY).then_some(d);
    let created = v.days(Field::CreatedDate);
    let closed = v.days(Field::CloseDate);
    let last_created = created
        .iter()
        .flat_map(|c| c.iter())
        .filter_map(|&d| day(d))
        .max();
    let last_closed = closed.and_then(|c| {
        c.iter()
            .zip(status)
            .filter(|(_, &s)| s != Status::Open)
            .filter_map(|(&d, _)| day(d))
            .max()
    });
    last_created.max(last_closed)
}

/// What [`Opps`] takes of the deals' columns, borrowed when prepared.
struct Deals<'m> {
    status: Cow<'m, [Status]>,
    amount: Cow<'m, [f64]>,
    open_amount: Option<Cow<'m, [f64]>>,
    estimated: usize,
    end: Option<Days>,
    list_prices: bool,
}

impl<'m> Deals<'m> {
    fn borrowed(d: &'m DealColumns) -> Self {
        Deals {
            status: Cow::Borrowed(&d.status),
            amount: Cow::Borrowed(&d.amount),
            open_amount: d.open_amount.as_deref().map(Cow::Borrowed),
            estimated: d.estimated,
            end: d.end,
            list_prices: d.list_prices,
        }
    }

    /// The columns, and the probabilities computed with them.
    fn owned(d: DealColumns) -> (Self, Vec<f64>) {
        let deals = Deals {
            status: Cow::Owned(d.status),
            amount: Cow::Owned(d.amount),
            open_amount: d.open_amount.map(Cow::Owned),
            estimated: d.estimated,
            end: d.end,
            list_prices: d.list_prices,
        };
        (deals, d.probability)
    }
}

/// The opportunities table, resolved once per report.
pub struct Opps<'m> {
    pub fact: &'m Fact<'m>,
    pub created: Cow<'m, [Days]>,
    pub closed: Option<Cow<'m, [Days]>>,
    pub status: Cow<'m, [Status]>,
    pub amount: Cow<'m, [f64]>,
    pub probability: Cow<'m, [f64]>,
    pub stage: Option<Attr<'m>>,
    pub rep: Option<Attr<'m>>,
    /// A deal's amount while it was open, where it differs from `amount`.
    open_amount: Option<Cow<'m, [f64]>>,
    /// Deals whose amount is a product's list price.
    pub estimated: usize,
    /// The last day a deal was created, won or lost: the statuses are
    /// today's as of then (`None`: the table has no such day).
    pub end: Option<Days>,
    /// Whether a products table gives list prices.
    pub list_prices: bool,
    /// The probability of a deal won or lost today in a pipeline of a day
    /// before it closed: per stage code, and for a deal without a stage.
    before_close: (Vec<f64>, f64),
}

impl<'m> Opps<'m> {
    /// The deals of the model, reading what was `prepared` of them with
    /// the tables when given (the model's tables must be those it was
    /// made from).
    pub fn new(
        model: &'m Model<'m>,
        prepared: Option<&'m DealColumns>,
        stage_probabilities: &BTreeMap<String, f64>,
    ) -> Option<Self> {
        let fact = model.fact(Kind::Opportunities)?;
        let v = fact.view;
        let rows = v.rows();
        let created = v
            .days(Field::CreatedDate)
            .unwrap_or_else(|| Cow::Owned(vec![MISSING_DAY; rows]));
        let closed = v.days(Field::CloseDate);
        let stage = v.attr(Field::Stage);
        let (deals, derived) = match prepared {
            // Prepared with the tables: what was computed is borrowed.
            Some(d) => (Deals::borrowed(d), None),
            None => {
                let d = derive(model, fact)?;
                let probabilities_with = d.probabilities_with.clone();
                let (deals, probability) = Deals::owned(d);
                (deals, Some((probabilities_with, probability)))
            }
        };
        let probability = match (prepared, derived) {
            (Some(d), _) if d.probabilities_with == *stage_probabilities => {
                Cow::Borrowed(&d.probability[..])
            }
            (_, Some((with, p))) if with == *stage_probabilities => Cow::Owned(p),
            _ => Cow::Owned(probabilities(fact, stage.as_ref(), stage_probabilities)),
        };
        Some(Opps {
            fact,
            created,
            closed,
            rep: model.attr(fact, Field::Rep),
            status: deals.status,
            amount: deals.amount,
            open_amount: deals.open_amount,
            probability,
            before_close: probabilities_before_close(stage.as_ref(), stage_probabilities),
            stage,
            estimated: deals.estimated,
            end: deals.end,
            list_prices: deals.list_prices,
        })
    }

    /// What a report would compute of the deals from the tables alone.
    pub fn columns(model: &Model) -> Option<DealColumns> {
        derive(model, model.fact(Kind::Opportunities)?)
    }

    pub fn rows(&self) -> usize {
        self.status.len()
    }

    /// The created day, when known.
    #[inline(always)]
    pub fn created_day(&self, r: usize) -> Option<Days> {
        self.created.get(r).copied().filter(|&d| d != MISSING_DAY)
    }

    /// The close day, when known.
    #[inline(always)]
    pub fn closed_day(&self, r: usize) -> Option<Days> {
        self.closed
            .as_ref()
            .and_then(|c| c.get(r))
            .copied()
            .filter(|&d| d != MISSING_DAY)
    }

    /// The close day of a won or lost deal kept by the filters.
    #[inline(always)]
    pub fn closed_kept(&self, r: usize) -> Option<Days> {
        if self.fact.keep(r) && self.status[r] != Status::Open {
            self.closed_day(r)
        } else {
            None
        }
    }

    /// Whether a won or lost deal kept by the filters closed in `p`.
    #[inline(always)]
    pub fn closed_in(&self, r: usize, p: Period) -> bool {
        self.closed_kept(r).is_some_and(|d| p.contains(d))
    }

    /// Deals kept by the filters open at the end of the period.
    #[inline(always)]
    pub fn open_at(&self, r: usize, p: Period) -> bool {
        self.fact.keep(r) && self.open_on(r, p.to) == Some(true)
    }

    /// Whether a deal was open at the end of day `d`: created by then and
    /// not won or lost by then, whatever its status today. `None` when the
    /// table cannot tell: before the data's end, a deal without a created
    /// date that had not closed yet, or a deal won or lost without a close
    /// date (from the data's end on, statuses are today's).
    #[inline(always)]
    pub fn open_on(&self, r: usize, d: Days) -> Option<bool> {
        let created = self.created_day(r);
        let today = self.end.is_none_or(|end| d >= end);
        if self.status[r] == Status::Open {
            // Still open: its close date, if any, is only expected.
            return match created {
                Some(c) => Some(c <= d),
                None => today.then_some(true),
            };
        }
        match self.closed_day(r) {
            Some(x) if x <= d => Some(false),
            _ if today => Some(false),
            Some(_) => created.map(|c| c <= d),
            None => match created {
                Some(c) if c > d => Some(false),
                _ => None,
            },
        }
    }

    /// A deal's amount in an open pipeline (NaN when unknown).
    #[inline(always)]
    pub fn amount_open(&self, r: usize) -> f64 {
        self.open_amount.as_ref().map_or(self.amount[r], |a| a[r])
    }

    /// The probability a deal counts at in an open pipeline: its own, else
    /// its stage's, while it is open today; once won or lost, that of a
    /// deal whose stage then is unknown ([`probabilities_before_close`]).
    #[inline(always)]
    pub fn probability_open(&self, r: usize) -> f64 {
        if self.status[r] == Status::Open {
            return self.probability[r];
        }
        let (per_code, unknown) = &self.before_close;
        self.stage
            .as_ref()
            .and_then(|s| per_code.get(s.code(r) as usize))
            .copied()
            .unwrap_or(*unknown)
    }

    /// Days from creation to close, when both are known.
    pub fn cycle_days(&self, r: usize) -> Option<f64> {
        Some((self.closed_day(r)? - self.created_day(r)?) as f64)
    }
}
