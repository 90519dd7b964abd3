//! Pipeline (table `opportunities`): won, lost or open deals, amounts (a
//! product's list price when a deal has none), probabilities (a stage's
//! default when a deal has none), and the KPIs of KPIS.md over them.

use super::day_table::DayTable;
use super::deals::{derive, probabilities};
pub use super::deals::{status_of, DealColumns, Status};
use super::model::{Fact, Model};
use super::period::Period;
use super::stats::{mean_median, ratio};
use super::view::Attr;
use super::{put, put_with_median, Sum};
use crate::engine::parse::date::Days;
use crate::engine::report::Report;
use crate::engine::schema::{Field, Kind};
use crate::engine::table::MISSING_DAY;
use std::borrow::Cow;
use std::collections::BTreeMap;

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
    /// Deals whose amount is a product's list price.
    pub estimated: usize,
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
        let (status, amount, estimated): (Cow<[Status]>, Cow<[f64]>, usize) =
            match model.prepared.and_then(|p| p.deals.as_ref()) {
                // Prepared with the tables: what was computed is borrowed.
                Some(d) => (
                    Cow::Borrowed(&d.status[..]),
                    Cow::Borrowed(&d.amount[..]),
                    d.estimated,
                ),
                None => {
                    let d = derive(model, fact)?;
                    (Cow::Owned(d.status), Cow::Owned(d.amount), d.estimated)
                }
            };
        let prepared = model
            .prepared
            .and_then(|p| p.deals.as_ref())
            .filter(|d| d.probabilities_with == *stage_probabilities);
        let probability = match prepared {
            Some(d) => Cow::Borrowed(&d.probability[..]),
            None => Cow::Owned(probabilities(fact, stage.as_ref(), stage_probabilities)),
        };
        Some(Opps {
            fact,
            created,
            closed,
            rep: model.attr(fact, Field::Rep),
            status,
            amount,
            probability,
            stage,
            estimated,
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

    /// Open deals as of the end of the period (created by then, or undated).
    #[inline(always)]
    pub fn open_at(&self, r: usize, p: Period) -> bool {
        self.fact.keep(r)
            && self.status[r] == Status::Open
            && self.created(r).is_none_or(|d| d <= p.to)
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
    pipeline: Sum,
    weighted: Sum,
    won: f64,
    lost: f64,
    won_revenue: Sum,
    cycles: Vec<f64>,
    created: f64,
    created_won: f64,
}

/// The scalars of each period, in one walk over the deals: each deal is
/// counted into a cell (status × the periods it was created in × those it
/// closed in × those it was open at the end of) and the figures of every
/// period are read off the cells.
fn scalars(o: &Opps, periods: [Period; 3]) -> [Scalars; 3] {
    let table = DayTable::indexed(&periods);
    let cell_of = |status: Status, created: u8, closed: u8, open: u8| {
        ((status as usize * 8 + created as usize) * 8 + closed as usize) * 8 + open as usize
    };
    let cells = 3 * 8 * 8 * 8;
    let (mut count, mut amount, mut weighted) = (
        vec![0u32; cells],
        vec![Sum::default(); cells],
        vec![Sum::default(); cells],
    );
    let mut out: [Scalars; 3] = Default::default();
    let bits = |d: Option<Days>| d.map_or(0, |d| table.info(d).0);
    for r in 0..o.rows() {
        if !o.fact.keep(r) {
            continue;
        }
        let status = o.status[r];
        let created = o.created(r);
        let created_in = bits(created);
        let (closed_in, open_at) = if status == Status::Open {
            // Open as of the end of a period: created by then, or undated.
            let open = periods.iter().enumerate().fold(0u8, |acc, (k, p)| {
                acc | ((created.is_none_or(|d| d <= p.to) as u8) << k)
            });
            (0, open)
        } else {
            (bits(o.closed_day(r)), 0)
        };
        if created_in | closed_in | open_at == 0 {
            continue;
        }
        let cell = cell_of(status, created_in, closed_in, open_at);
        count[cell] += 1;
        let a = o.amount[r];
        if !a.is_nan() {
            amount[cell].add(a);
            if open_at != 0 {
                weighted[cell].add(a * o.probability[r]);
            }
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
                            s.pipeline.merge(&amount[cell]);
                            s.weighted.merge(&weighted[cell]);
                        }
                        if closed_in & bit != 0 {
                            if status == Status::Won {
                                s.won += n;
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
    out
}

pub fn add(model: &Model, o: &Opps, p: Period, r: &mut Report) {
    let [mut cur, mut prev, mut ly] = scalars(o, [p, p.previous(), p.last_year()]);
    let all = [&cur, &prev, &ly];
    let each = |f: &dyn Fn(&Scalars) -> Option<f64>| (f(all[0]), f(all[1]), f(all[2]));
    let mut set = |id: &str, f: &dyn Fn(&Scalars) -> Option<f64>| {
        let (a, b, c) = each(f);
        put(r, id, a, b, c);
    };
    set("new_opportunities", &|s| Some(s.new));
    set("open_opportunities", &|s| Some(s.open));
    set("pipeline_value", &|s| Some(s.pipeline.value()));
    set("weighted_pipeline", &|s| Some(s.weighted.value()));
    if o.closed.is_some() {
        set("won_deals", &|s| Some(s.won));
        set("won_revenue", &|s| Some(s.won_revenue.value()));
        set("win_rate", &|s| ratio(s.won, s.won + s.lost));
        set("avg_deal_value", &|s| ratio(s.won_revenue.value(), s.won));
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
    super::pipeline_breakdowns::funnel(o, p, r);
    super::pipeline_breakdowns::by_dimension(model, o, p, r);
    if o.estimated > 0 {
        r.notes.push(format!(
            "{} opportunities have no amount: their product's list price is used (estimated).",
            o.estimated
        ));
    }
}
