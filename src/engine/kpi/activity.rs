//! Activity and productivity (table `activities`): calls, visits, meetings,
//! and what they yield in orders or won deals.

use super::model::{Fact, Model};
use super::period::Period;
use super::stats::ratio;
use super::view::Attr;
use super::{put, triple};
use crate::engine::parse::date::Days;
use crate::engine::report::Report;
use crate::engine::schema::{normalize, Field, Kind};
use crate::engine::table::MISSING_DAY;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityType {
    Call,
    Visit,
    Meeting,
    Email,
    Other,
}

/// The type of an activity from the words CRMs use, in French and English.
pub fn activity_type(name: &str) -> ActivityType {
    let n = normalize(name);
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["call", "appel", "phone", "telephone", "tel"]) {
        ActivityType::Call
    } else if has(&["visit", "visite", "terrain", "field"]) {
        ActivityType::Visit
    } else if has(&[
        "meeting",
        "rendezvous",
        "rdv",
        "reunion",
        "demo",
        "rencontre",
    ]) {
        ActivityType::Meeting
    } else if has(&["mail", "courriel"]) {
        ActivityType::Email
    } else {
        ActivityType::Other
    }
}

#[derive(Default)]
struct S {
    calls: f64,
    visits: f64,
    meetings: f64,
    reps: f64,
    selling_minutes: f64,
    all_minutes: f64,
}

/// The activities table's columns, resolved once.
struct Acts<'m> {
    fact: &'m Fact<'m>,
    days: std::borrow::Cow<'m, [i32]>,
    types: Attr<'m>,
    rep: Attr<'m>,
    /// The activity type of each code of `types`.
    kind: Vec<ActivityType>,
}

impl<'m> Acts<'m> {
    fn new(model: &'m Model<'m>) -> Option<Self> {
        let fact = model.fact(Kind::Activities)?;
        let types = fact.view.attr(Field::Type)?;
        let kind = (0..types.distinct() as u32)
            .map(|c| activity_type(types.name(c)))
            .collect();
        Some(Acts {
            fact,
            days: fact.view.days(Field::Date)?,
            rep: model.attr(fact, Field::Rep)?,
            types,
            kind,
        })
    }
}

impl Acts<'_> {
    /// Calls `f(row, type)` for each activity kept by the filters and dated in `p`.
    fn each_in(&self, p: Period, mut f: impl FnMut(usize, ActivityType)) {
        self.each(|row, d, t| {
            if p.contains(d) {
                f(row, t)
            }
        });
    }

    /// Calls `f(row, day, type)` for each dated activity kept by the filters.
    fn each(&self, mut f: impl FnMut(usize, Days, ActivityType)) {
        for row in 0..self.fact.view.rows() {
            let d = self.days.get(row).copied().unwrap_or(MISSING_DAY);
            if d != MISSING_DAY && self.fact.keep(row) {
                let t = self
                    .kind
                    .get(self.types.code(row) as usize)
                    .copied()
                    .unwrap_or(ActivityType::Other);
                f(row, d, t);
            }
        }
    }
}

/// Per rep code: visits in the period (for the rep view).
pub fn visits_by_rep(model: &Model, p: Period) -> Vec<(String, f64)> {
    let Some(a) = Acts::new(model) else {
        return Vec::new();
    };
    let mut visits = vec![0.0; a.rep.distinct()];
    a.each_in(p, |row, t| {
        if t == ActivityType::Visit {
            if let Some(x) = visits.get_mut(a.rep.code(row) as usize) {
                *x += 1.0;
            }
        }
    });
    visits
        .iter()
        .enumerate()
        .map(|(c, &n)| (a.rep.name(c as u32).to_string(), n))
        .collect()
}

/// The reps (normalised names) with at least one visit in each period, in
/// one walk over the activities.
pub fn visiting_reps<const N: usize>(
    model: &Model,
    periods: [Period; N],
) -> [std::collections::BTreeSet<String>; N] {
    let mut out = std::array::from_fn(|_| std::collections::BTreeSet::new());
    let Some(a) = Acts::new(model) else {
        return out;
    };
    let mut seen = vec![[false; N]; a.rep.distinct()];
    a.each(|row, d, t| {
        if t != ActivityType::Visit {
            return;
        }
        if let Some(s) = seen.get_mut(a.rep.code(row) as usize) {
            for (k, p) in periods.iter().enumerate() {
                s[k] |= p.contains(d);
            }
        }
    });
    for (c, s) in seen.iter().enumerate() {
        for k in 0..N {
            if s[k] {
                out[k].insert(normalize(a.rep.name(c as u32)));
            }
        }
    }
    out
}

/// Calls, visits and meetings: the activities that are selling.
fn selling(t: ActivityType) -> bool {
    matches!(
        t,
        ActivityType::Call | ActivityType::Visit | ActivityType::Meeting
    )
}

pub fn add(model: &Model, p: Period, r: &mut Report) {
    let Some(a) = Acts::new(model) else {
        return;
    };
    let minutes = a.fact.view.numbers(Field::DurationMinutes);
    let scalars = |p: Period| {
        let mut s = S::default();
        let mut reps = vec![false; a.rep.distinct()];
        a.each_in(p, |row, t| {
            match t {
                ActivityType::Call => s.calls += 1.0,
                ActivityType::Visit => s.visits += 1.0,
                ActivityType::Meeting => s.meetings += 1.0,
                _ => {}
            }
            if let Some(x) = reps.get_mut(a.rep.code(row) as usize) {
                *x = true;
            }
            if let Some(m) = minutes.and_then(|m| m.get(row)).filter(|m| !m.is_nan()) {
                s.all_minutes += m;
                if selling(t) {
                    s.selling_minutes += m;
                }
            }
        });
        s.reps = reps.iter().filter(|&&x| x).count() as f64;
        s
    };
    let periods = [p, p.previous(), p.last_year()];
    let s: Vec<S> = periods.iter().map(|&q| scalars(q)).collect();
    // Calls, visits and meetings per rep over the period.
    let mut per_rep = super::breakdown::Grouped::new(a.rep.distinct());
    let mut contacts = 0.0;
    a.each_in(p, |row, t| {
        if selling(t) {
            per_rep.add(a.rep.code(row), 1.0);
            contacts += 1.0;
        }
    });
    r.breakdowns
        .insert("activities_by_rep".into(), per_rep.rows(&a.rep, contacts));
    let each = |f: &dyn Fn(&S, usize) -> Option<f64>| (f(&s[0], 0), f(&s[1], 1), f(&s[2], 2));
    let mut set = |id: &str, f: &dyn Fn(&S, usize) -> Option<f64>| {
        let (a, b, c) = each(f);
        put(r, id, a, b, c);
    };
    set("calls", &|s, _| Some(s.calls));
    set("visits", &|s, _| Some(s.visits));
    set("meetings", &|s, _| Some(s.meetings));
    set("visits_per_rep_month", &|s, i| {
        ratio(s.visits, s.reps * periods[i].months())
    });
    if minutes.is_some() {
        set("selling_time_share", &|s, _| {
            ratio(s.selling_minutes, s.all_minutes)
        });
    }
    // Sales per call and per contact: orders when there is a sales table, else won deals.
    let orders = triple(r, "order_count");
    let won = triple(r, "won_deals");
    let sales = if orders.0.is_some() { orders } else { won };
    let at = |t: (Option<f64>, Option<f64>, Option<f64>), i: usize| [t.0, t.1, t.2][i];
    if sales.0.is_some() {
        let mut set = |id: &str, f: &dyn Fn(&S, f64) -> Option<f64>| {
            let v: Vec<Option<f64>> = (0..3)
                .map(|i| at(sales, i).and_then(|n| f(&s[i], n)))
                .collect();
            put(r, id, v[0], v[1], v[2]);
        };
        set("call_efficiency", &|s, n| ratio(n, s.calls));
        set("contacts_per_sale", &|s, n| {
            ratio(s.calls + s.visits + s.meetings, n)
        });
    }
    if orders.0.is_some() {
        let v: Vec<Option<f64>> = (0..3)
            .map(|i| at(orders, i).and_then(|n| ratio(s[i].visits, n)))
            .collect();
        put(r, "visits_per_order", v[0], v[1], v[2]);
    }
}
