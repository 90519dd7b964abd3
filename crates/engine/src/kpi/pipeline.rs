//! Pipeline (table `opportunities`): won, lost or open deals, amounts (a
//! product's list price when a deal has none), probabilities (a stage's
//! default when a deal has none), and the KPIs of KPIS.md over them. The
//! open pipeline of a day is rebuilt from the deals' dates: open then means
//! created by then and not won or lost by then, whatever the status today.

use super::day_table::DayTable;
use super::deals::{derive, probabilities, probabilities_before_close};
pub use super::deals::{status_of, DealColumns, Status};
use super::model::{Fact, Model};
use super::period::{label, Period};
use super::stats::{mean_median, ratio};
use super::view::Attr;
use super::{put, put_with_median, Sum};
use crate::messages::{DealState, Note, Reason};
use crate::parse::date::Days;
use crate::report::Report;
use crate::schema::{Field, Kind};
use crate::table::MISSING_DAY;
use std::borrow::Cow;
use std::collections::BTreeMap;

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
    pub fn new(model: &'m Model<'m>, stage_probabilities: &BTreeMap<String, f64>) -> Option<Self> {
        let fact = model.fact(Kind::Opportunities)?;
        let v = fact.view;
        let rows = v.rows();
        let created = v
            .days(Field::CreatedDate)
            .unwrap_or_else(|| Cow::Owned(vec![MISSING_DAY; rows]));
        let closed = v.days(Field::CloseDate);
        let stage = v.attr(Field::Stage);
        let prepared = model.prepared.and_then(|p| p.deals.as_ref());
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

    #[inline(always)]
    fn created(&self, r: usize) -> Option<Days> {
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
        let created = self.created(r);
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
        Some((self.closed_day(r)? - self.created(r)?) as f64)
    }
}

#[derive(Default)]
struct Scalars {
    new: f64,
    open: f64,
    /// Open deals with an amount.
    open_priced: f64,
    pipeline: Sum,
    weighted: Sum,
    won: f64,
    /// Won deals with an amount.
    won_priced: f64,
    lost: f64,
    won_revenue: Sum,
    cycles: Vec<f64>,
    created: f64,
    created_won: f64,
}

/// Deals kept by the filters that the open pipeline of at least one of the
/// report's days leaves out, since whether they were open then is unknown,
/// or counts at another amount than today's.
#[derive(Default)]
struct LeftOut {
    /// Without a created date.
    no_created: usize,
    /// Won or lost, without a close date.
    no_close: usize,
    /// Lost with an amount of 0, counted in an open pipeline at a list price
    /// or with an unknown amount.
    unsigned: usize,
}

/// The scalars of each period, in one walk over the deals: each deal is
/// counted into a cell (status × the periods it was created in × those it
/// closed in × those it was open at the end of) and the figures of every
/// period are read off the cells.
fn scalars(o: &Opps, periods: [Period; 3]) -> ([Scalars; 3], LeftOut) {
    let table = DayTable::indexed(&periods);
    let cell_of = |status: Status, created: u8, closed: u8, open: u8| {
        ((status as usize * 8 + created as usize) * 8 + closed as usize) * 8 + open as usize
    };
    let cells = 3 * 8 * 8 * 8;
    // Per cell: deals; deals with an amount, and their amounts, as closed
    // and as open (a lost deal's amount may differ while it was open).
    let (mut count, mut priced, mut amount) = (
        vec![0u32; cells],
        vec![0u32; cells],
        vec![Sum::default(); cells],
    );
    let (mut open_priced, mut open_amount, mut weighted) = (
        vec![0u32; cells],
        vec![Sum::default(); cells],
        vec![Sum::default(); cells],
    );
    let mut out: [Scalars; 3] = Default::default();
    let mut left_out = LeftOut::default();
    let bits = |d: Option<Days>| d.map_or(0, |d| table.info(d).0);
    for r in 0..o.rows() {
        if !o.fact.keep(r) {
            continue;
        }
        let status = o.status[r];
        let created_in = bits(o.created(r));
        let closed_in = if status == Status::Open {
            0
        } else {
            bits(o.closed_day(r))
        };
        let (mut open_at, mut unknown) = (0u8, 0u8);
        for (k, p) in periods.iter().enumerate() {
            match o.open_on(r, p.to) {
                Some(true) => open_at |= 1 << k,
                Some(false) => {}
                None => unknown |= 1 << k,
            }
        }
        if unknown != 0 {
            match o.created(r) {
                None => left_out.no_created += 1,
                Some(_) => left_out.no_close += 1,
            }
        }
        if created_in | closed_in | open_at == 0 {
            continue;
        }
        let cell = cell_of(status, created_in, closed_in, open_at);
        count[cell] += 1;
        let a = o.amount[r];
        if !a.is_nan() {
            priced[cell] += 1;
            amount[cell].add(a);
        }
        let a = o.amount_open(r);
        if open_at != 0 && !a.is_nan() {
            open_priced[cell] += 1;
            open_amount[cell].add(a);
            weighted[cell].add(a * o.probability_open(r));
        }
        if open_at != 0 && status == Status::Lost && o.amount[r] == 0.0 {
            left_out.unsigned += 1;
        }
        if status == Status::Won && closed_in != 0 {
            if let Some(c) = o.cycle_days(r) {
                for (k, s) in out.iter_mut().enumerate() {
                    if closed_in & (1 << k) != 0 {
                        s.cycles.push(c);
                    }
                }
            }
        }
    }
    for (k, s) in out.iter_mut().enumerate() {
        let bit = 1u8 << k;
        for status in [Status::Open, Status::Won, Status::Lost] {
            for created_in in 0..8u8 {
                for closed_in in 0..8u8 {
                    for open_at in 0..8u8 {
                        let cell = cell_of(status, created_in, closed_in, open_at);
                        let n = count[cell] as f64;
                        if n == 0.0 {
                            continue;
                        }
                        if created_in & bit != 0 {
                            s.new += n;
                            s.created += n;
                            if status == Status::Won {
                                s.created_won += n;
                            }
                        }
                        if open_at & bit != 0 {
                            s.open += n;
                            s.open_priced += open_priced[cell] as f64;
                            s.pipeline.merge(&open_amount[cell]);
                            s.weighted.merge(&weighted[cell]);
                        }
                        if closed_in & bit != 0 {
                            if status == Status::Won {
                                s.won += n;
                                s.won_priced += priced[cell] as f64;
                                s.won_revenue.merge(&amount[cell]);
                            } else {
                                s.lost += n;
                            }
                        }
                    }
                }
            }
        }
    }
    (out, left_out)
}

/// Why a sum of deals' amounts is unavailable when none of its deals has
/// one (`which`: "open" or "won").
pub fn no_amount(deals: DealState, list_prices: bool) -> Reason {
    Reason::NoAmount { deals, list_prices }
}

/// A sum over `n` deals of which `priced` have an amount: unknown when
/// there are deals and none has one.
fn known(n: f64, priced: f64, sum: &Sum) -> Option<f64> {
    (n == 0.0 || priced > 0.0).then(|| sum.value())
}

pub fn add(model: &Model, o: &Opps, p: Period, r: &mut Report) {
    let periods = [p, p.previous(), p.last_year()];
    let ([mut cur, mut prev, mut ly], left_out) = scalars(o, periods);
    let all = [&cur, &prev, &ly];
    let each = |f: &dyn Fn(&Scalars) -> Option<f64>| (f(all[0]), f(all[1]), f(all[2]));
    let mut set = |id: &str, f: &dyn Fn(&Scalars) -> Option<f64>| {
        let (a, b, c) = each(f);
        put(r, id, a, b, c);
    };
    set("new_opportunities", &|s| Some(s.new));
    set("open_opportunities", &|s| Some(s.open));
    set("pipeline_value", &|s| {
        known(s.open, s.open_priced, &s.pipeline)
    });
    set("weighted_pipeline", &|s| {
        known(s.open, s.open_priced, &s.weighted)
    });
    if o.closed.is_some() {
        set("won_deals", &|s| Some(s.won));
        set("won_revenue", &|s| {
            known(s.won, s.won_priced, &s.won_revenue)
        });
        set("win_rate", &|s| ratio(s.won, s.won + s.lost));
        // Over the won deals with an amount: the others would count as 0.
        set("avg_deal_value", &|s| {
            ratio(s.won_revenue.value(), s.won_priced)
        });
    }
    set("opportunity_conversion_rate", &|s| {
        ratio(s.created_won, s.created)
    });
    if o.closed.is_some() {
        let m = |s: &mut Scalars| mean_median(&mut s.cycles);
        let (c, pv, l) = (m(&mut cur), m(&mut prev), m(&mut ly));
        put_with_median(
            r,
            "avg_sales_cycle_days",
            c,
            pv.map(|x| x.0),
            l.map(|x| x.0),
        );
        super::pipeline_breakdowns::histogram(&cur.cycles, r);
    }
    amounts_known(o, &cur, p, r);
    super::pipeline_breakdowns::funnel(o, p, r);
    super::pipeline_breakdowns::by_dimension(model, o, p, r);
    if o.estimated > 0 {
        r.notes.push(Note::EstimatedAmounts {
            deals: o.estimated as u64,
        });
    }
    let end = o.end.map_or_else(String::new, label);
    if left_out.no_created > 0 {
        r.notes.push(Note::NoCreatedDate {
            deals: left_out.no_created as u64,
            last_day: end.clone(),
        });
    }
    if left_out.unsigned > 0 {
        r.notes.push(Note::LostUnsigned {
            deals: left_out.unsigned as u64,
        });
    }
    if left_out.no_close > 0 {
        r.notes.push(Note::NoCloseDate {
            deals: left_out.no_close as u64,
            last_day: end,
        });
    }
}

/// Sums of amounts over the period: unavailable, with the reason, when
/// none of their deals has an amount; kept, with a note, when some lack one.
fn amounts_known(o: &Opps, s: &Scalars, p: Period, r: &mut Report) {
    let mut reason = |ids: &[&str], deals: DealState| {
        for id in ids {
            if let Some(k) = r.kpis.get_mut(*id) {
                k.unavailable = Some(no_amount(deals, o.list_prices));
            }
        }
    };
    if s.open > 0.0 && s.open_priced == 0.0 {
        reason(&["pipeline_value", "weighted_pipeline"], DealState::Open);
    }
    if o.closed.is_some() && s.won > 0.0 && s.won_priced == 0.0 {
        reason(&["won_revenue", "avg_deal_value"], DealState::Won);
    }
    let missing = s.open - s.open_priced;
    if missing > 0.0 && s.open_priced > 0.0 {
        r.notes.push(Note::OpenUnpriced {
            missing,
            open: s.open,
            on: label(p.to),
        });
    }
    let missing = s.won - s.won_priced;
    if o.closed.is_some() && missing > 0.0 && s.won_priced > 0.0 {
        r.notes.push(Note::WonUnpriced {
            missing,
            won: s.won,
        });
    }
}
