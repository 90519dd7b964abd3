//! The workspace prepared for one query: a view per table kind, the joins
//! from fact tables to the dimension tables, and the filter as a row mask
//! per fact table. Built once per report; no allocation per row beyond the masks.

pub mod filters;
pub mod join;
pub mod scans;
pub mod span;
pub mod workspace;

pub use filters::Filters;
pub use scans::Scans;
pub use workspace::Workspace;

use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::period::Period;
use crate::kpi::core::view::{Attr, View};
use crate::parse::date::Days;
use crate::schema::{normalize, Field, Kind};
use crate::table::{MISSING_CODE, MISSING_DAY};
use join::{link, through, Link, Relation};
use span::span_of;

/// A fact table (sales, opportunities…) with its joins and filter mask.
pub struct Fact<'a> {
    pub view: View<'a>,
    /// Rows kept by the filters; `None` keeps every row.
    pub mask: Option<Vec<bool>>,
    to_team: Option<(Attr<'a>, Link)>,
    to_customers: Option<(Attr<'a>, Link)>,
    to_products: Option<(Attr<'a>, Link)>,
}

impl<'a> Fact<'a> {
    /// Its joins to `team`, `customers` and `products` (per key code: small).
    pub fn links(&self) -> [Option<Link>; 3] {
        [&self.to_team, &self.to_customers, &self.to_products]
            .map(|j| j.as_ref().map(|(_, l)| l.clone()))
    }

    #[inline(always)]
    pub fn keep(&self, row: usize) -> bool {
        self.mask
            .as_ref()
            .is_none_or(|m| m.get(row).copied().unwrap_or(false))
    }
    /// The periods of `table` a row's day is in: none when the day is
    /// missing or the filters leave the row out.
    #[inline(always)]
    pub fn periods_of(&self, table: &DayTable, days: &[Days], row: usize) -> u8 {
        let d = days.get(row).copied().unwrap_or(MISSING_DAY);
        if d == MISSING_DAY || !self.keep(row) {
            0
        } else {
            table.info(d).0
        }
    }

    pub fn product_link(&self) -> Option<&(Attr<'a>, Link)> {
        self.to_products.as_ref()
    }
}

/// See [`Model::keyed`].
pub struct Keyed<'a> {
    /// Per row, a code (own or of the join key).
    pub rows: Attr<'a>,
    /// Per code of `rows`: the code of its name in `names` ([`MISSING_CODE`]: none).
    pub to_name: Vec<u32>,
    pub names: Attr<'a>,
}

pub struct Model<'a> {
    /// What was scanned of the tables once, when the model was made with it.
    pub scans: Option<&'a Scans>,
    pub facts: Vec<Fact<'a>>,
    pub team: Option<View<'a>>,
    pub customers: Option<View<'a>>,
    pub products: Option<View<'a>>,
    pub relations: Vec<Relation>,
}

const DIMENSIONS: [(Kind, Field); 3] = [
    (Kind::Team, Field::Rep),
    (Kind::Customers, Field::Customer),
    (Kind::Products, Field::Product),
];

/// The tables of a workspace that are facts (sales, opportunities…): of a
/// known kind other than a dimension, with a complete mapping.
pub fn fact_views(ws: &Workspace) -> impl Iterator<Item = View<'_>> {
    ws.tables
        .iter()
        .map(|imported| View { imported })
        .filter(|v| {
            !DIMENSIONS.iter().any(|(k, _)| *k == v.kind())
                && v.kind() != Kind::Unknown
                && v.imported.mapping.complete()
        })
}

impl<'a> Model<'a> {
    pub fn new(ws: &'a Workspace, filters: &Filters) -> Self {
        Self::build(ws, None, filters)
    }

    /// The model of the tables `scans` were made from: their joins are
    /// taken from them rather than made again. Scans of other tables
    /// (see [`Scans::fits`]) are not used.
    pub fn scanned(ws: &'a Workspace, scans: Option<&'a Scans>, filters: &Filters) -> Self {
        Self::build(ws, scans.filter(|s| s.fits(ws)), filters)
    }

    fn build(ws: &'a Workspace, scans: Option<&'a Scans>, filters: &Filters) -> Self {
        let view = |k: Kind| ws.table(k).map(|imported| View { imported });
        let (team, customers, products) = (
            view(Kind::Team),
            view(Kind::Customers),
            view(Kind::Products),
        );
        let mut relations = Vec::new();
        let mut facts = Vec::new();
        for (i, v) in fact_views(ws).enumerate() {
            let known = scans.and_then(|s| s.joins.get(i));
            let mut join =
                |dim: Option<View<'a>>, key: Field, j: usize| -> Option<(Attr<'a>, Link)> {
                    let dim = dim?;
                    let fact_key = v.attr(key)?;
                    if let Some(k) = known {
                        // Scanned: the relation is listed with the others below.
                        return Some((fact_key, k[j].clone()?));
                    }
                    let dim_key = dim.attr(key)?;
                    let l = link(&fact_key, &dim_key);
                    relations.push(Relation {
                        from_file: v.file().to_string(),
                        field: key.name(),
                        to_file: dim.file().to_string(),
                        matched_rows: l.matched_rows,
                        unmatched_rows: l.unmatched_rows,
                        keys: dim_key.distinct(),
                        unmatched_keys: l.unmatched_keys.clone(),
                    });
                    Some((fact_key, l))
                };
            let fact = Fact {
                view: v,
                mask: None,
                to_team: join(team, Field::Rep, 0),
                to_customers: join(customers, Field::Customer, 1),
                to_products: join(products, Field::Product, 2),
            };
            facts.push(fact);
        }
        if let Some(s) = scans {
            relations = s.relations.clone();
        }
        let mut model = Model {
            scans,
            facts,
            team,
            customers,
            products,
            relations,
        };
        if !filters.is_empty() {
            let masks: Vec<Option<Vec<bool>>> =
                model.facts.iter().map(|f| model.mask(f, filters)).collect();
            for (f, m) in model.facts.iter_mut().zip(masks) {
                f.mask = m;
            }
        }
        model
    }

    /// First and last day of the fact tables' main dates: the default period.
    pub fn span(&self) -> Option<Period> {
        match self.scans {
            Some(s) => s.span,
            None => span_of(self.facts.iter().map(|f| f.view)),
        }
    }

    /// The first fact table of a kind.
    pub fn fact(&self, kind: Kind) -> Option<&Fact<'a>> {
        self.facts.iter().find(|f| f.view.kind() == kind)
    }

    /// A text attribute of a fact table's rows: its own column, or one found
    /// through a dimension table (a rep's region and manager, a customer's
    /// sector and segment, a product's family).
    pub fn attr(&self, fact: &Fact<'a>, field: Field) -> Option<Attr<'a>> {
        if let Some(a) = fact.view.attr(field) {
            return Some(a);
        }
        let ((key, l), dim) = self.join_for(fact, field)?;
        Some(through(key, l, &dim))
    }

    /// The join and dimension attribute through which a fact table's rows
    /// find `field`, when it is not a column of their own.
    fn join_for<'f>(
        &self,
        fact: &'f Fact<'a>,
        field: Field,
    ) -> Option<(&'f (Attr<'a>, Link), Attr<'a>)> {
        let via = |j: &'f Option<(Attr<'a>, Link)>, dim: Option<View<'a>>| {
            Some((j.as_ref()?, dim?.attr(field)?))
        };
        match field {
            Field::Region => {
                via(&fact.to_team, self.team).or_else(|| via(&fact.to_customers, self.customers))
            }
            Field::Manager | Field::Team => via(&fact.to_team, self.team),
            Field::Sector | Field::Segment => via(&fact.to_customers, self.customers),
            Field::Family => via(&fact.to_products, self.products),
            _ => None,
        }
    }

    /// A field of a fact table's rows as codes per row and, per code, the
    /// name it stands for: its own column (each code its own name), or the
    /// key of a join (each key code the name of the dimension row it
    /// matches). Reading a joined field this way costs nothing per row.
    pub fn keyed(&self, fact: &Fact<'a>, field: Field) -> Option<Keyed<'a>> {
        if let Some(own) = fact.view.attr(field) {
            return Some(Keyed {
                to_name: (0..own.distinct() as u32).collect(),
                names: own.clone(),
                rows: own,
            });
        }
        let ((key, l), dim) = self.join_for(fact, field)?;
        let to_name = l
            .to_row
            .iter()
            .map(|&row| {
                if row == MISSING_CODE {
                    MISSING_CODE
                } else {
                    dim.code(row as usize)
                }
            })
            .collect();
        Some(Keyed {
            rows: key.clone(),
            to_name,
            names: dim,
        })
    }

    /// The names of `field` that a fact table's rows hold, each once: those
    /// of the codes in use (own, or join keys mapped to their names).
    pub fn used_names(&self, fact: &Fact<'a>, field: Field) -> Vec<String> {
        let Some(k) = self.keyed(fact, field) else {
            return Vec::new();
        };
        let mut used = vec![false; k.rows.distinct()];
        for &c in k.rows.codes.iter() {
            if let Some(u) = used.get_mut(c as usize) {
                *u = true;
            }
        }
        let mut named = vec![false; k.names.distinct()];
        for (&name, _) in k.to_name.iter().zip(used).filter(|(_, u)| *u) {
            if let Some(n) = named.get_mut(name as usize) {
                *n = true;
            }
        }
        (0..k.names.distinct())
            .filter(|&c| named[c])
            .map(|c| k.names.name(c as u32).to_string())
            .collect()
    }

    /// Whether [`Model::used_names`] would name anything: the first row
    /// with a named code answers, without gathering the names.
    pub fn uses_a_name(&self, fact: &Fact<'a>, field: Field) -> bool {
        let Some(k) = self.keyed(fact, field) else {
            return false;
        };
        let names = k.names.distinct();
        let named: Vec<bool> = (0..k.rows.distinct())
            .map(|c| k.to_name.get(c).is_some_and(|&n| (n as usize) < names))
            .collect();
        k.rows
            .codes
            .iter()
            .any(|&c| named.get(c as usize).copied().unwrap_or(false))
    }

    fn mask(&self, fact: &Fact<'a>, filters: &Filters) -> Option<Vec<bool>> {
        let mut mask: Option<Vec<bool>> = None;
        for (&field, values) in filters {
            if values.is_empty() {
                continue;
            }
            let Some(k) = self.keyed(fact, field) else {
                continue;
            };
            let wanted: Vec<String> = values.iter().map(|v| normalize(v)).collect();
            let name_matches: Vec<bool> = (0..k.names.distinct() as u32)
                .map(|c| wanted.contains(&normalize(k.names.name(c))))
                .collect();
            // Per row code (a join key's: each rep, not each row).
            let matches: Vec<bool> = k
                .to_name
                .iter()
                .map(|&c| name_matches.get(c as usize).copied().unwrap_or(false))
                .collect();
            let m = mask.get_or_insert_with(|| vec![true; fact.view.rows()]);
            for (row, keep) in m.iter_mut().enumerate() {
                *keep &= matches
                    .get(k.rows.code(row) as usize)
                    .copied()
                    .unwrap_or(false);
            }
        }
        mask
    }
}
