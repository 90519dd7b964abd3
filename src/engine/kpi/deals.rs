//! What a deal is, from the tables alone: won, lost or open (from a status
//! or stage name in French or English), its amount (a product's list price
//! when it has none) and its probability (a stage's default when it has
//! none). Kept by [`super::Prepared`], else computed per report.

use super::join::through_numbers;
use super::model::{Fact, Model};
use super::view::Attr;
use crate::engine::schema::{normalize, Field};
use crate::engine::table::ColumnData;
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
    pub(super) estimated: usize,
    pub(super) probability: Vec<f64>,
    /// The stage probabilities `probability` was computed with.
    pub(super) probabilities_with: BTreeMap<String, f64>,
}

/// Each deal's probability: its own, else its stage's (the settings' over
/// the built-in defaults).
pub(super) fn probabilities(
    fact: &Fact,
    stage: Option<&Attr>,
    stage_probabilities: &BTreeMap<String, f64>,
) -> Vec<f64> {
    let v = fact.view;
    let stage_default: Vec<f64> = stage.map_or(Vec::new(), |s| {
        (0..s.distinct() as u32)
            .map(|c| {
                let name = s.name(c);
                stage_probabilities
                    .iter()
                    .find(|(k, _)| normalize(k) == normalize(name))
                    .map_or_else(|| default_probability(name), |(_, &p)| p)
            })
            .collect()
    });
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

pub(super) fn derive(model: &Model, fact: &Fact) -> Option<DealColumns> {
    let v = fact.view;
    let rows = v.rows();
    let stage = v.attr(Field::Stage);
    let status = match v.col(Field::Status).map(|c| &c.data) {
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
    let list_price = match (
        fact.product_link(),
        model.products.and_then(|p| p.numbers(Field::UnitPrice)),
    ) {
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
    Some(DealColumns {
        probability: probabilities(fact, stage.as_ref(), &probabilities_with),
        probabilities_with,
        status,
        amount,
        estimated,
    })
}
