//! Satisfaction (table `feedback`): Net Promoter Score and complaints.

use super::breakdown::row;
use super::model::Model;
use super::period::Period;
use super::put;
use super::stats::ratio;
use crate::engine::report::Report;
use crate::engine::schema::{normalize, Field, Kind};
use crate::engine::table::MISSING_DAY;

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
    let in_p = |row: usize, p: Period| {
        let d = days.get(row).copied().unwrap_or(MISSING_DAY);
        d != MISSING_DAY && p.contains(d) && fact.keep(row)
    };
    let is_complaint_row = |row: usize| {
        types.as_ref().is_some_and(|t| {
            complaint
                .get(t.code(row) as usize)
                .copied()
                .unwrap_or(false)
        })
    };
    // (promoters, passives, detractors) among survey answers.
    let split = |p: Period| {
        let mut n = [0.0f64; 3];
        for row in 0..v.rows() {
            let Some(s) = score
                .and_then(|s| s.get(row))
                .copied()
                .filter(|s| !s.is_nan())
            else {
                continue;
            };
            if !in_p(row, p) || is_complaint_row(row) {
                continue;
            }
            n[if s >= 9.0 {
                0
            } else if s >= 7.0 {
                1
            } else {
                2
            }] += 1.0;
        }
        n
    };
    if score.is_some() {
        let nps = |n: [f64; 3]| ratio(100.0 * (n[0] - n[2]), n[0] + n[1] + n[2]);
        let cur = split(p);
        put(
            r,
            "nps",
            nps(cur),
            nps(split(p.previous())),
            nps(split(p.last_year())),
        );
        let total = cur.iter().sum();
        r.breakdowns.insert(
            "nps_breakdown".into(),
            ["promoters", "passives", "detractors"]
                .iter()
                .zip(cur)
                .map(|(k, n)| row((*k).into(), n, total))
                .collect(),
        );
    }
    if types.is_some() {
        let count = |p: Period| {
            Some(
                (0..v.rows())
                    .filter(|&row| in_p(row, p) && is_complaint_row(row))
                    .count() as f64,
            )
        };
        put(
            r,
            "complaints",
            count(p),
            count(p.previous()),
            count(p.last_year()),
        );
    }
}
