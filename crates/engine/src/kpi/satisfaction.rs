//! Satisfaction (table `feedback`): Net Promoter Score and complaints.

use crate::kpi::core::breakdown::row;
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::Period;
use crate::kpi::core::record::put;
use crate::kpi::core::record::set;
use crate::kpi::core::stats::ratio;
use crate::kpi::model::Model;
use crate::report::Report;
use crate::schema::{normalize, Field, Kind};

fn is_complaint(name: &str) -> bool {
    let n = normalize(name);
    [
        "complain",
        "reclamation",
        "plainte",
        "claim",
        "litige",
        "incident",
    ]
    .iter()
    .any(|w| n.contains(w))
}

pub fn add(model: &Model, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Feedback) else {
        return;
    };
    let v = fact.view;
    let Some(days) = v.days(Field::Date) else {
        return;
    };
    let score = v.numbers(Field::Score);
    let types = v.attr(Field::Type);
    let complaint: Vec<bool> = types.as_ref().map_or(Vec::new(), |t| {
        (0..t.distinct() as u32)
            .map(|c| is_complaint(t.name(c)))
            .collect()
    });
    let is_complaint_row = |row: usize| {
        types.as_ref().is_some_and(|t| {
            complaint
                .get(t.code(row) as usize)
                .copied()
                .unwrap_or(false)
        })
    };
    // One walk for the three periods: answers counted by the periods their
    // day is in × what they are (promoter, passive, detractor, complaint,
    // neither), and every figure read off the counts.
    const PROMOTER: usize = 0;
    const PASSIVE: usize = 1;
    const DETRACTOR: usize = 2;
    const COMPLAINT: usize = 3;
    const OTHER: usize = 4;
    let table = DayTable::indexed(&[p, p.previous(), p.last_year()]);
    let mut cells = [[0u32; 5]; 8];
    for row in 0..v.rows() {
        let in_periods = fact.periods_of(&table, &days, row);
        if in_periods == 0 {
            continue;
        }
        let score = score
            .and_then(|s| s.get(row))
            .copied()
            .filter(|s| !s.is_nan());
        let what = match score {
            // Complaints are not survey answers.
            _ if is_complaint_row(row) => COMPLAINT,
            None => OTHER,
            Some(s) if s >= 9.0 => PROMOTER,
            Some(s) if s >= 7.0 => PASSIVE,
            Some(_) => DETRACTOR,
        };
        cells[in_periods as usize & 7][what] += 1;
    }
    let count = |k: usize, what: usize| {
        cells
            .iter()
            .enumerate()
            .filter(|(in_periods, _)| in_periods & (1 << k) != 0)
            .map(|(_, c)| c[what] as f64)
            .sum::<f64>()
    };
    // (promoters, passives, detractors) among survey answers.
    let split = |k: usize| [count(k, PROMOTER), count(k, PASSIVE), count(k, DETRACTOR)];
    if score.is_some() {
        let nps = |n: [f64; 3]| ratio(100.0 * (n[0] - n[2]), n[0] + n[1] + n[2]);
        let cur = split(0);
        put(r, KpiId::Nps, nps(cur), nps(split(1)), nps(split(2)));
        let total = cur.iter().sum();
        set(
            r,
            BreakdownId::NpsBreakdown,
            ["promoters", "passives", "detractors"]
                .iter()
                .zip(cur)
                .map(|(k, n)| row((*k).into(), n, total))
                .collect(),
        );
    }
    if types.is_some() {
        let c = |k: usize| Some(count(k, COMPLAINT));
        put(r, KpiId::Complaints, c(0), c(1), c(2));
    }
}
