//! The engine worker's state and what it does with each request, free of any
//! browser API so that it is tested natively like the rest of the engine.

use super::protocol::{ComputeRequest, Computed, Phase, Rehearsal, Reply, Request, TableInfo};
use crate::engine::kpi::Period;
use crate::engine::kpi::{self, Query, Workspace};
use crate::engine::objectives;
use crate::engine::objectives::{Objective, ObjectiveResult};
use crate::engine::Field;
use crate::engine::{self, demo, Imported, Mapping};
use crate::view::ViewState;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;

/// The tables read so far: pending ones wait for the user's confirmation,
/// the others make the workspace every report is computed over.
#[derive(Default)]
pub struct Session {
    pending: BTreeMap<u32, Imported>,
    /// The ids of `workspace.tables`, in the same order.
    in_use: Vec<u32>,
    workspace: Workspace,
    /// What depends on the workspace alone, computed on the first report
    /// after each change of its tables or mappings rather than on every one.
    about: OnceCell<About>,
    /// The tables' joins and derived columns, kept across reports likewise.
    prepared: OnceCell<kpi::Prepared>,
    /// Whether the page has the filter fields' values of these tables
    /// ([`Reply::FilterOptions`], sent after their first report).
    options_sent: bool,
    /// The objectives' results and what they were measured with: they do not
    /// depend on the view, so a change of filter or period keeps them.
    measured: RefCell<Option<(Measured, Vec<ObjectiveResult>)>>,
    /// What `about` and `prepared` would be for tables the page may
    /// confirm ([`Request::Prepare`]): made while the user looks at the
    /// import step, taken by a `Use` of the same tables.
    ahead: Option<Ahead>,
}

/// Tables prepared ahead of their confirmation: their ids, in order, and
/// what was computed of them.
struct Ahead {
    ids: Vec<u32>,
    about: About,
    prepared: kpi::Prepared,
}

/// What objectives are measured with, beside the tables.
#[derive(PartialEq)]
struct Measured {
    objectives: Vec<Objective>,
    currency: String,
    stage_probabilities: BTreeMap<String, f64>,
    dormancy_days: Option<u32>,
}

/// The fields to filter on and the span of the data, for the page's
/// controls. The fields' values go to the page once, after the first report
/// of the tables ([`Reply::FilterOptions`]): they are not kept here.
struct About {
    filter_fields: Vec<Field>,
    data_span: Option<Period>,
}

pub fn info(im: &Imported) -> TableInfo {
    TableInfo {
        summary: im.summary.clone(),
        mapping: im.mapping.clone(),
        signature: im.header_signature(),
    }
}

/// What the page rehearses its views with ([`Reply::Rehearsal`]): the
/// first table of `ws` as a file just read, and its report for the
/// default view, in euros (a new user's currency).
pub fn rehearsal(ws: &Workspace) -> Option<Reply> {
    let table = info(ws.tables.first()?);
    let query = ViewState::default().query("EUR", &BTreeMap::new());
    let computed = Computed {
        seq: 0,
        report: kpi::report(ws, &query),
        filter_fields: kpi::filter_fields(ws),
        objectives: Vec::new(),
        alerts: Vec::new(),
        data_span: kpi::data_span(ws),
        engine_memory: 0,
    };
    let options = kpi::filter_options(ws);
    Some(Reply::Rehearsal(Box::new(Rehearsal {
        table,
        computed,
        options,
    })))
}

/// How the worker reads a file: five preview rows, French by the page's choice.
pub fn options(french: bool) -> engine::Options {
    engine::Options {
        french,
        preview_rows: 5,
        ..engine::Options::default()
    }
}

/// A file's progress as the page shows it; `done` 1 means every row is
/// split (typing the columns comes next).
pub fn progress(id: u32, name: &str, bytes: u64, phase: Phase, done: f64, rows: usize) -> Reply {
    Reply::Progress {
        id,
        name: name.to_string(),
        phase: if phase == Phase::Parsing && done >= 1.0 {
            Phase::Typing
        } else {
            phase
        },
        done,
        rows,
        bytes,
    }
}

impl Session {
    /// Reads one file's bytes, reporting progress through `out`.
    pub fn load(
        &mut self,
        id: u32,
        name: &str,
        bytes: &[u8],
        french: bool,
        mapping: Option<Mapping>,
        out: &mut dyn FnMut(Reply),
    ) {
        let size = bytes.len() as u64;
        let read =
            engine::ingest::read_with_progress(name, bytes, &options(french), &mut |done, rows| {
                out(progress(id, name, size, Phase::Parsing, done, rows))
            });
        self.loaded(id, name, read, mapping, out);
    }

    /// Keeps a file just read, pending the user's confirmation, or says why it could not be read.
    pub fn loaded(
        &mut self,
        id: u32,
        name: &str,
        read: engine::Result<Imported>,
        mapping: Option<Mapping>,
        out: &mut dyn FnMut(Reply),
    ) {
        let reply = match read {
            Ok(mut imported) => {
                if let Some(m) = mapping {
                    imported.set_mapping(m);
                }
                let table = Box::new(info(&imported));
                self.forget(id);
                self.pending.insert(id, imported);
                Reply::Loaded { id, table }
            }
            Err(e) => Reply::Failed {
                id,
                name: name.to_string(),
                fr: crate::locale::file_error(crate::locale::Lang::Fr, &e),
                en: crate::locale::file_error(crate::locale::Lang::En, &e),
            },
        };
        out(reply);
    }

    /// Forgets what was computed from the tables as they were.
    fn tables_changed(&mut self) {
        self.about.take();
        self.prepared.take();
        self.measured.take();
        self.options_sent = false;
    }

    /// Whether the tables in use are prepared: their next report then
    /// skips the preparation.
    pub fn is_prepared(&self) -> bool {
        self.prepared.get().is_some()
    }

    /// Drops what was prepared ahead (a file is coming: its memory first).
    pub fn forget_ahead(&mut self) {
        self.ahead = None;
    }

    fn forget(&mut self, id: u32) {
        if self.ahead.as_ref().is_some_and(|a| a.ids.contains(&id)) {
            self.ahead = None;
        }
        self.pending.remove(&id);
        if let Some(i) = self.in_use.iter().position(|&x| x == id) {
            self.tables_changed();
            self.in_use.remove(i);
            self.workspace.tables.remove(i);
        }
    }

    fn table_mut(&mut self, id: u32) -> Option<&mut Imported> {
        if self.ahead.as_ref().is_some_and(|a| a.ids.contains(&id)) {
            self.ahead = None;
        }
        if let Some(i) = self.in_use.iter().position(|&x| x == id) {
            self.tables_changed();
            return self.workspace.tables.get_mut(i);
        }
        self.pending.get_mut(&id)
    }

    /// Every request but a file's bytes (see [`Session::load`]).
    pub fn handle(&mut self, req: Request, out: &mut dyn FnMut(Reply)) {
        match req {
            Request::Load { id, name, .. } => out(Reply::Failed {
                id,
                name,
                fr: "le fichier n'est pas arrivé jusqu'au moteur".into(),
                en: "the file did not reach the engine".into(),
            }),
            Request::Demo { first_id } => {
                for (i, (name, bytes)) in demo::files(demo::DEFAULT_SEED).into_iter().enumerate() {
                    self.load(first_id + i as u32, &name, &bytes, true, None, out);
                }
            }
            Request::Remap {
                id,
                kind,
                overrides,
            } => {
                if let Some(im) = self.table_mut(id) {
                    im.remap(kind, &overrides);
                    let table = Box::new(info(im));
                    out(Reply::Loaded { id, table });
                }
            }
            Request::SetMapping { id, mapping } => {
                if let Some(im) = self.table_mut(id) {
                    im.set_mapping(mapping);
                    let table = Box::new(info(im));
                    out(Reply::Loaded { id, table });
                }
            }
            Request::Use { ids } => self.use_tables(&ids),
            Request::Prepare { ids } => self.prepare_ahead(&ids),
            Request::Drop { ids } => ids.into_iter().for_each(|id| self.forget(id)),
            Request::Compute(c) => {
                out(Reply::Computed(Box::new(self.compute(&c))));
                // After the report, so that the page shows it sooner.
                if !self.options_sent {
                    self.options_sent = true;
                    let options = kpi::filter_options(&self.workspace);
                    out(Reply::FilterOptions { options });
                }
            }
        }
    }

    fn use_tables(&mut self, ids: &[u32]) {
        self.tables_changed();
        let mut current: BTreeMap<u32, Imported> = self
            .in_use
            .drain(..)
            .zip(self.workspace.tables.drain(..))
            .collect();
        for &id in ids {
            let table = current.remove(&id).or_else(|| self.pending.remove(&id));
            if let Some(t) = table {
                self.in_use.push(id);
                self.workspace.tables.push(t);
            }
        }
        // Tables taken out of the dashboard are forgotten, not kept pending.
        drop(current);
        if let Some(a) = self.ahead.take() {
            if a.ids == self.in_use && a.prepared.fits(&self.workspace) {
                self.about = OnceCell::from(a.about);
                self.prepared = OnceCell::from(a.prepared);
            }
        }
    }

    /// Prepares the tables of `ids` (in use or pending) as a `Use` of them
    /// would, keeping the dashboard's tables as they are meanwhile.
    fn prepare_ahead(&mut self, ids: &[u32]) {
        // The tables are lent to a workspace of their own, then given back.
        let in_use = std::mem::take(&mut self.workspace.tables);
        let mut current: BTreeMap<u32, Imported> =
            self.in_use.iter().copied().zip(in_use).collect();
        let mut taken = Vec::with_capacity(ids.len());
        let mut ws = Workspace::default();
        for &id in ids {
            let table = current.remove(&id).or_else(|| self.pending.remove(&id));
            if let Some(t) = table {
                taken.push(id);
                ws.tables.push(t);
            }
        }
        let done = self
            .ahead
            .as_ref()
            .is_some_and(|a| a.ids == taken && a.prepared.fits(&ws));
        if !done && !taken.is_empty() {
            self.ahead = Some(Ahead {
                about: About {
                    filter_fields: kpi::filter_fields(&ws),
                    data_span: kpi::data_span(&ws),
                },
                prepared: kpi::Prepared::new(&ws),
                ids: taken.clone(),
            });
        }
        for (id, t) in taken.into_iter().zip(ws.tables) {
            if self.in_use.contains(&id) {
                current.insert(id, t);
            } else {
                self.pending.insert(id, t);
            }
        }
        self.workspace.tables = self
            .in_use
            .iter()
            .filter_map(|id| current.remove(id))
            .collect();
    }

    pub fn compute(&self, c: &ComputeRequest) -> Computed {
        let ws = &self.workspace;
        let about = self.about.get_or_init(|| About {
            filter_fields: kpi::filter_fields(ws),
            data_span: kpi::data_span(ws),
        });
        let mut q = c.view.query(&c.currency, &c.stage_probabilities);
        q.dormancy_days = c.dormancy_days;
        // A filter on a field none of the tables has (from a link, or a view
        // kept from other data) is left out here and shown as not applied by
        // the filter bar, which reads the same fields.
        q.filters.retain(|f, _| about.filter_fields.contains(f));
        let prepared = self.prepared.get_or_init(|| kpi::Prepared::new(ws));
        let report = kpi::report_prepared(ws, prepared, &q);
        let objectives = if c.setup.objectives.is_empty() {
            Vec::new()
        } else {
            let with = Measured {
                objectives: c.setup.objectives.clone(),
                currency: c.currency.clone(),
                stage_probabilities: c.stage_probabilities.clone(),
                dormancy_days: c.dormancy_days,
            };
            let mut measured = self.measured.borrow_mut();
            match &*measured {
                Some((m, results)) if *m == with => results.clone(),
                _ => {
                    let base = Query {
                        // Objectives' "today": the last day in the data, as known.
                        today: about.data_span.map(|p| p.to),
                        currency: Some(c.currency.clone()),
                        stage_probabilities: c.stage_probabilities.clone(),
                        dormancy_days: c.dormancy_days,
                        ..Query::default()
                    };
                    let results =
                        objectives::evaluate_prepared(ws, prepared, &base, &c.setup.objectives);
                    *measured = Some((with, results.clone()));
                    results
                }
            }
        };
        let alerts = if c.setup.alert_rules.is_empty() {
            Vec::new()
        } else {
            objectives::evaluate_rules_prepared(ws, prepared, &q, &report, &c.setup.alert_rules)
        };
        Computed {
            seq: c.seq,
            filter_fields: about.filter_fields.clone(),
            data_span: about.data_span,
            report,
            objectives,
            alerts,
            engine_memory: 0,
        }
    }
}
