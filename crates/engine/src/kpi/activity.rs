//! Activity and productivity (table `activities`): calls, visits, meetings,
//! and what they yield in orders or won deals.

use crate::kpi::core::breakdown::Grouped;
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::Period;
use crate::kpi::core::record::put;
use crate::kpi::core::record::set;
use crate::kpi::core::record::triple;
use crate::kpi::core::stats::ratio;
use crate::kpi::core::sum::Sum;
use crate::kpi::core::view::Attr;
use crate::kpi::model::Model;
use crate::parse::date::Days;
use crate::report::Report;
use crate::schema::{normalize, Field, Kind};
use crate::table::MISSING_CODE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityType {
    Call,
    Visit,
    Meeting,
    Email,
    Other,
}

impl ActivityType {
    pub const ALL: [ActivityType; 5] = [
        ActivityType::Call,
        ActivityType::Visit,
        ActivityType::Meeting,
        ActivityType::Email,
        ActivityType::Other,
    ];
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

/// The activities of the period, the previous period and last year, in one
/// walk over the table: counts, minutes, reps, visits per rep.
pub struct Activities<'m> {
    pub rep: Attr<'m>,
    pub periods: [Period; 3],
    s: [S; 3],
    /// Per rep code: visits in each of the three periods.
    visits: Vec<[f64; 3]>,
    /// Per rep code: the periods (bits) it had any activity in.
    rep_periods: Vec<u8>,
    /// Calls, visits and meetings per rep over the period.
    selling_by_rep: Grouped,
    contacts: f64,
    has_minutes: bool,
}

impl<'m> Activities<'m> {
    pub fn new(model: &'m Model<'m>, p: Period) -> Option<Self> {
        let fact = model.fact(Kind::Activities)?;
        let v = fact.view;
        let types = v.attr(Field::Type)?;
        let days = v.days(Field::Date)?;
        let rep = model.attr(fact, Field::Rep)?;
        let kind: Vec<ActivityType> = (0..types.distinct() as u32)
            .map(|c| activity_type(types.name(c)))
            .collect();
        let minutes = v.numbers(Field::DurationMinutes);
        let periods = [p, p.previous(), p.last_year()];
        let table = DayTable::indexed(&periods);
        let n = rep.distinct();
        // Rows are counted into cells (which periods hold the day × type)
        // and per rep (the periods of their activities, visits by periods,
        // selling contacts), and every figure is read off those: a few
        // updates per row instead of a dozen for each period. Memory stays
        // proportional to the reps, however many there are.
        let types_n = ActivityType::ALL.len();
        let cell_of = |periods: usize, t: ActivityType| periods * types_n + t as usize;
        let mut count = [0u32; 8 * 5];
        let mut spent = [Sum::default(); 8 * 5];
        let mut rep_periods = vec![0u8; n];
        let mut rep_visits = vec![[0u32; 8]; n];
        let mut selling_by_rep = vec![0u32; n];
        let mut selling_unassigned = 0u32;
        // Plain slices: the loop reads them without going through `Cow`.
        let (day_of, type_of, rep_of): (&[Days], &[u32], &[u32]) =
            (&days, &types.codes, &rep.codes);
        for row in 0..v.rows() {
            let in_periods = fact.periods_of(&table, day_of, row);
            if in_periods == 0 {
                continue;
            }
            let code = |codes: &[u32]| codes.get(row).copied().unwrap_or(MISSING_CODE);
            let t = kind
                .get(code(type_of) as usize)
                .copied()
                .unwrap_or(ActivityType::Other);
            let cell = cell_of(in_periods as usize, t);
            count[cell] += 1;
            if let Some(&m) = minutes.and_then(|m| m.get(row)).filter(|m| !m.is_nan()) {
                spent[cell].add(m);
            }
            // Branch-free: types come in no order a predictor could follow.
            let contact = (in_periods & 1 != 0 && selling(t)) as u32;
            let c = code(rep_of) as usize;
            match (
                rep_periods.get_mut(c),
                rep_visits.get_mut(c),
                selling_by_rep.get_mut(c),
            ) {
                (Some(p), Some(v), Some(s)) => {
                    *p |= in_periods;
                    v[in_periods as usize] += (t == ActivityType::Visit) as u32;
                    *s += contact;
                }
                _ => selling_unassigned += contact,
            }
        }
        let mut s: [S; 3] = Default::default();
        for (k, sk) in s.iter_mut().enumerate() {
            let bit = 1 << k;
            let (mut all, mut selling_minutes) = (Sum::default(), Sum::default());
            for in_periods in (1..8).filter(|b| b & bit != 0) {
                for t in ActivityType::ALL {
                    let cell = cell_of(in_periods, t);
                    all.merge(&spent[cell]);
                    if selling(t) {
                        selling_minutes.merge(&spent[cell]);
                    }
                    let counted = count[cell] as f64;
                    match t {
                        ActivityType::Call => sk.calls += counted,
                        ActivityType::Visit => sk.visits += counted,
                        ActivityType::Meeting => sk.meetings += counted,
                        _ => {}
                    }
                }
            }
            sk.all_minutes = all.value();
            sk.selling_minutes = selling_minutes.value();
            sk.reps = rep_periods
                .iter()
                .filter(|&&p| p as usize & bit != 0)
                .count() as f64;
        }
        let visits: Vec<[f64; 3]> = rep_visits
            .iter()
            .map(|by| {
                [0, 1, 2].map(|k| {
                    (1..8usize)
                        .filter(|b| b & (1 << k) != 0)
                        .map(|b| by[b] as f64)
                        .sum()
                })
            })
            .collect();
        let mut by_rep = Grouped::new(n);
        for (c, &k) in selling_by_rep.iter().enumerate().filter(|(_, &k)| k > 0) {
            by_rep.add(c as u32, k as f64);
        }
        if selling_unassigned > 0 {
            by_rep.add(MISSING_CODE, selling_unassigned as f64);
        }
        let contacts = selling_by_rep.iter().sum::<u32>() as f64 + selling_unassigned as f64;
        Some(Activities {
            rep,
            periods,
            s,
            visits,
            rep_periods,
            selling_by_rep: by_rep,
            contacts,
            has_minutes: minutes.is_some(),
        })
    }

    /// Per rep: name and visits over the period (for the rep view).
    pub fn visits_by_rep(&self) -> impl Iterator<Item = (&str, f64)> + '_ {
        self.visits
            .iter()
            .enumerate()
            .map(|(c, v)| (self.rep.name(c as u32), v[0]))
    }

    /// Whether the rep of this code had any activity in period `k` (0: the
    /// period, 1: the one before, 2: last year).
    pub fn active(&self, code: usize, k: usize) -> bool {
        self.rep_periods
            .get(code)
            .is_some_and(|&b| b & (1 << k) != 0)
    }
}

/// Calls, visits and meetings: the activities that are selling.
fn selling(t: ActivityType) -> bool {
    matches!(
        t,
        ActivityType::Call | ActivityType::Visit | ActivityType::Meeting
    )
}

pub fn add(a: &Activities, r: &mut Report) {
    let (s, periods) = (&a.s, a.periods);
    set(
        r,
        BreakdownId::ActivitiesByRep,
        a.selling_by_rep.rows(&a.rep, a.contacts),
    );
    let each = |f: &dyn Fn(&S, usize) -> Option<f64>| (f(&s[0], 0), f(&s[1], 1), f(&s[2], 2));
    let mut record = |id: KpiId, f: &dyn Fn(&S, usize) -> Option<f64>| {
        let (a, b, c) = each(f);
        put(r, id, a, b, c);
    };
    record(KpiId::Calls, &|s, _| Some(s.calls));
    record(KpiId::Visits, &|s, _| Some(s.visits));
    record(KpiId::Meetings, &|s, _| Some(s.meetings));
    record(KpiId::VisitsPerRepMonth, &|s, i| {
        ratio(s.visits, s.reps * periods[i].months())
    });
    if a.has_minutes {
        record(KpiId::SellingTimeShare, &|s, _| {
            ratio(s.selling_minutes, s.all_minutes)
        });
    }
    // Sales per call and per contact: orders when there is a sales table, else won deals.
    let orders = triple(r, KpiId::OrderCount);
    let won = triple(r, KpiId::WonDeals);
    let sales = if orders.0.is_some() { orders } else { won };
    let at = |t: (Option<f64>, Option<f64>, Option<f64>), i: usize| [t.0, t.1, t.2][i];
    if sales.0.is_some() {
        let mut record = |id: KpiId, f: &dyn Fn(&S, f64) -> Option<f64>| {
            let v: Vec<Option<f64>> = (0..3)
                .map(|i| at(sales, i).and_then(|n| f(&s[i], n)))
                .collect();
            put(r, id, v[0], v[1], v[2]);
        };
        record(KpiId::CallEfficiency, &|s, n| ratio(n, s.calls));
        record(KpiId::ContactsPerSale, &|s, n| {
            ratio(s.calls + s.visits + s.meetings, n)
        });
    }
    if orders.0.is_some() {
        let v: Vec<Option<f64>> = (0..3)
            .map(|i| at(orders, i).and_then(|n| ratio(s[i].visits, n)))
            .collect();
        put(r, KpiId::VisitsPerOrder, v[0], v[1], v[2]);
    }
}
