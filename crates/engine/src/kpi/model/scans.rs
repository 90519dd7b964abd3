//! What the model finds by scanning the tables whole — the joins from fact
//! tables to `team`, `customers` and `products` and their relations, the
//! data's span, each date column's range — made once per set of tables and
//! kept with the rest of [`crate::kpi::Prepared`]: a change of period or
//! filter then skips it.

use super::join::{Link, Relation};
use super::span::date_ranges;
use super::workspace::Workspace;
use super::Model;
use crate::kpi::core::period::Period;
use crate::schema::{Field, Kind, Mapping};
use std::collections::BTreeMap;

pub struct Scans {
    /// Per fact table (in the order of `model::fact_views`): its joins to
    /// `team`, `customers` and `products`.
    pub(super) joins: Vec<[Option<Link>; 3]>,
    pub(super) relations: Vec<Relation>,
    /// First and last day of the fact tables' main dates.
    pub(super) span: Option<Period>,
    /// First and last day of each date column of each fact kind (what a
    /// comparison is judged against): a scan of every row, made once.
    pub(super) date_ranges: BTreeMap<(Kind, Field), Period>,
    /// Each table it was made from, as its file, rows and mapping: a report
    /// checks it is given the same tables, and scans them again if not.
    tables: Vec<(String, usize, Mapping)>,
}

impl Scans {
    /// The scans of a workspace, read off its unfiltered model.
    pub fn of(ws: &Workspace, model: &Model) -> Scans {
        Scans {
            joins: model.facts.iter().map(|f| f.links()).collect(),
            relations: model.relations.clone(),
            span: model.span(),
            date_ranges: date_ranges(model),
            tables: ws
                .tables
                .iter()
                .map(|t| (t.summary.file.clone(), t.table.rows, t.mapping.clone()))
                .collect(),
        }
    }

    /// Whether they were made from these tables: the same files, rows and mappings.
    pub fn fits(&self, ws: &Workspace) -> bool {
        self.tables.len() == ws.tables.len()
            && self
                .tables
                .iter()
                .zip(&ws.tables)
                .all(|((file, rows, mapping), t)| {
                    *file == t.summary.file && *rows == t.table.rows && *mapping == t.mapping
                })
    }
}
