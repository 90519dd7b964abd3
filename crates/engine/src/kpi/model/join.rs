//! Dimension tables joined to fact tables by key: an opportunity's rep finds
//! its region and manager in `team`, its customer its sector in `customers`,
//! its product its list price in `products`. Keys match after folding case,
//! accents, spaces and punctuation (`GTX Pro` = `GTXPro`).

use crate::kpi::core::view::Attr;
use crate::schema::normalize;
use crate::table::MISSING_CODE;
use hashbrown::HashMap;
use serde::Serialize;
use std::borrow::Cow;

/// For each distinct fact key, the dimension row it matches.
#[derive(Debug, Clone)]
pub struct Link {
    /// Indexed by fact key code: the dimension row, or [`MISSING_CODE`].
    pub to_row: Vec<u32>,
    pub matched_rows: u64,
    pub unmatched_rows: u64,
    /// A few keys that found no match, most frequent first.
    pub unmatched_keys: Vec<String>,
}

/// Matches the keys of `fact` to the rows of `dim` (first row wins for duplicates).
pub fn link(fact: &Attr, dim: &Attr) -> Link {
    let mut index: HashMap<String, u32> = HashMap::with_capacity(dim.codes.len());
    for (row, &c) in dim.codes.iter().enumerate() {
        if c != MISSING_CODE {
            index.entry(normalize(dim.name(c))).or_insert(row as u32);
        }
    }
    let to_row: Vec<u32> = (0..fact.distinct() as u32)
        .map(|c| {
            index
                .get(&normalize(fact.name(c)))
                .copied()
                .unwrap_or(MISSING_CODE)
        })
        .collect();
    let per_code = count_codes(&fact.codes, to_row.len());
    let (mut matched_rows, mut unmatched_rows) = (0, 0);
    let mut unmatched: Vec<(u64, u32)> = Vec::new();
    for (c, &n) in per_code.iter().enumerate() {
        if to_row[c] == MISSING_CODE {
            unmatched_rows += n;
            unmatched.push((n, c as u32));
        } else {
            matched_rows += n;
        }
    }
    unmatched.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Link {
        to_row,
        matched_rows,
        unmatched_rows,
        unmatched_keys: unmatched
            .iter()
            .take(5)
            .map(|&(_, c)| fact.name(c).to_string())
            .collect(),
    }
}

/// How many rows hold each code (`MISSING_CODE` and unknown codes are not counted).
fn count_codes(codes: &[u32], distinct: usize) -> Vec<u64> {
    // Four tallies filled in turn: runs of one key (a rep's rows, an order's
    // lines) then update four counters instead of waiting on one.
    let mut tallies = vec![[0u64; 4]; distinct];
    let mut chunks = codes.chunks_exact(4);
    for chunk in &mut chunks {
        for (lane, &c) in chunk.iter().enumerate() {
            if let Some(t) = tallies.get_mut(c as usize) {
                t[lane] += 1;
            }
        }
    }
    for &c in chunks.remainder() {
        if let Some(t) = tallies.get_mut(c as usize) {
            t[0] += 1;
        }
    }
    tallies.iter().map(|t| t.iter().sum()).collect()
}

/// A dimension attribute seen from each fact row.
pub fn through<'a>(fact: &Attr, link: &Link, dim_attr: &Attr<'a>) -> Attr<'a> {
    let codes = fact
        .codes
        .iter()
        .map(|&c| match link.to_row.get(c as usize) {
            Some(&row) if row != MISSING_CODE => dim_attr.code(row as usize),
            _ => MISSING_CODE,
        })
        .collect();
    Attr {
        codes: Cow::Owned(codes),
        pool: dim_attr.pool.clone(),
    }
}

/// A dimension number (a list price) seen from each fact row; NaN when unmatched.
pub fn through_numbers(fact: &Attr, link: &Link, dim_numbers: &[f64]) -> Vec<f64> {
    fact.codes
        .iter()
        .map(|&c| match link.to_row.get(c as usize) {
            Some(&row) if row != MISSING_CODE => {
                dim_numbers.get(row as usize).copied().unwrap_or(f64::NAN)
            }
            _ => f64::NAN,
        })
        .collect()
}

/// A join as the import summary shows it ("8 800 opportunities → 35 reps in sales_teams.csv, 0 unmatched").
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Relation {
    pub from_file: String,
    pub field: String,
    pub to_file: String,
    pub matched_rows: u64,
    pub unmatched_rows: u64,
    pub keys: usize,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unmatched_keys: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::StringPool;

    fn attr(values: &[&str]) -> Attr<'static> {
        let mut pool = StringPool::default();
        let mut codes = Vec::new();
        for v in values {
            if v.is_empty() {
                codes.push(MISSING_CODE);
                continue;
            }
            let found = pool.iter().position(|p| p == *v);
            let c = match found {
                Some(p) => p as u32,
                None => pool.push(v),
            };
            codes.push(c);
        }
        Attr {
            codes: Cow::Owned(codes),
            pool: Cow::Owned(pool),
        }
    }

    #[test]
    fn keys_match_after_normalisation_and_unmatched_are_counted() {
        let fact = attr(&["GTXPro", "GTX Pro", "MG Special", "Nope", "Nope", ""]);
        let dim = attr(&["GTX Pro", "mg special", "GTX Basic"]);
        let l = link(&fact, &dim);
        assert_eq!((l.matched_rows, l.unmatched_rows), (3, 2));
        assert_eq!(l.unmatched_keys, vec!["Nope".to_string()]);
        let family = attr(&["GTX", "MG", "GTX"]);
        let seen = through(&fact, &l, &family);
        let names: Vec<&str> = (0..6).map(|r| seen.name(seen.code(r))).collect();
        assert_eq!(names, ["GTX", "GTX", "MG", "", "", ""]);
        let prices = through_numbers(&fact, &l, &[4821.0, 55.0, 550.0]);
        assert_eq!(&prices[..3], &[4821.0, 4821.0, 55.0]);
        assert!(prices[3].is_nan());
    }
}
