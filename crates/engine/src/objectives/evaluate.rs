//! Measuring objectives and checking alert rules against the workspace.

use super::to_date::{measured, not_started, today};
use super::{
    AlertHit, AlertResult, AlertRule, Comparison, CumulativePoint, Level, Objective,
    ObjectiveResult, Scope,
};
use crate::kpi::{self, def, Better, BreakdownId, KpiId, Period, Prepared, Query, Workspace};
use crate::messages::Reason;
use crate::parse::date::{parse_iso_day, Days};
use crate::report::{PeriodLabel, Report};

/// actual / target when higher is better, target / actual when lower is better.
fn attainment(value: f64, target: f64, better: Better) -> Option<f64> {
    let r = match better {
        Better::Lower => target / value,
        _ => value / target,
    };
    r.is_finite().then_some(r)
}

fn level(projected_attainment: f64, threshold: f64) -> Level {
    if projected_attainment >= 1.0 {
        Level::Ahead
    } else if projected_attainment >= threshold {
        Level::Balance
    } else {
        Level::Alert
    }
}

/// The query of an objective: its period, and its scope over the base filters.
fn scoped(base: &Query, period: Period, scope: &Scope) -> Query {
    let mut q = base.clone();
    q.period = Some(period);
    q.preset = None;
    if let (Some(f), Some(v)) = (scope.field, &scope.value) {
        q.filters.insert(f, vec![v.clone()]);
    }
    q
}

/// Reports computed once per (period, scope), over tables prepared once.
struct Reports<'w> {
    ws: &'w Workspace,
    prepared: &'w Prepared,
    done: Vec<(Query, Report)>,
}

impl<'w> Reports<'w> {
    fn new(ws: &'w Workspace, prepared: &'w Prepared) -> Self {
        Reports {
            ws,
            prepared,
            done: Vec::new(),
        }
    }

    fn get(&mut self, q: Query) -> &Report {
        if let Some(i) = self.done.iter().position(|(k, _)| *k == q) {
            return &self.done[i].1;
        }
        let r = kpi::report_prepared(self.ws, self.prepared, &q);
        self.done.push((q, r));
        &self.done[self.done.len() - 1].1
    }
}

/// Measures each objective: actual, attainment, pace, expected to date,
/// projection at the period's end and level. "Today" is the query's, or the
/// last day in the data; the actual counts the data up to today only.
pub fn evaluate(ws: &Workspace, base: &Query, objectives: &[Objective]) -> Vec<ObjectiveResult> {
    evaluate_prepared(ws, &Prepared::new(ws), base, objectives)
}

/// [`evaluate`] over tables already prepared (see [`kpi::report_prepared`]).
pub fn evaluate_prepared(
    ws: &Workspace,
    prepared: &Prepared,
    base: &Query,
    objectives: &[Objective],
) -> Vec<ObjectiveResult> {
    let today = today(ws, base);
    let mut reports = Reports::new(ws, prepared);
    objectives
        .iter()
        .map(|o| {
            let period = o.period.period();
            let d = def(&o.kpi);
            let mut out = ObjectiveResult {
                id: o.id.clone(),
                kpi: o.kpi.clone(),
                scope: o.scope.label(),
                period: PeriodLabel {
                    from: period.map(|p| p.from_label()).unwrap_or_default(),
                    to: period.map(|p| p.to_label()).unwrap_or_default(),
                },
                target: o.target,
                actual: None,
                measured_to: None,
                attainment: None,
                pace: 0.0,
                expected_to_date: None,
                projected_value: None,
                projection: None,
                level: None,
                unavailable: None,
                note: o.note.clone(),
                cumulative: Vec::new(),
            };
            let (Some(p), Some(d)) = (period, d) else {
                out.unavailable = Some(Reason::UnknownObjective { id: o.id.clone() });
                return out;
            };
            let pace = today.map_or(1.0, |t| p.pace(t));
            out.pace = pace;
            // Data dated after today is not part of the actual, even when the export has it.
            let Some(m) = measured(p, today) else {
                out.unavailable = Some(not_started(p, today));
                return out;
            };
            out.measured_to = Some(m.to_label());
            let r = reports.get(scoped(base, m, &o.scope));
            let kpi = r.kpi(&o.kpi).cloned().unwrap_or_default();
            let Some(actual) = kpi.value else {
                out.unavailable = kpi.unavailable;
                return out;
            };
            out.actual = Some(actual);
            out.attainment = attainment(actual, o.target, d.better);
            // Sums and counts run at their pace; rates and averages project as they stand.
            let projected = if d.additive {
                out.expected_to_date = Some(o.target * pace);
                (pace > 0.0).then(|| actual / pace)
            } else {
                Some(actual)
            };
            out.projected_value = projected;
            out.cumulative = cumulative(r, &o.kpi, o.target, p, m.to);
            out.projection = projected.and_then(|v| attainment(v, o.target, d.better));
            out.level = out
                .projection
                .or(out.attainment)
                .map(|a| level(a, o.alert_threshold));
            out
        })
        .collect()
}

/// The monthly series of the additive KPIs that have one.
fn monthly_series(kpi: &str) -> Option<BreakdownId> {
    Some(match kpi.parse().ok()? {
        KpiId::Revenue => BreakdownId::RevenueByMonth,
        KpiId::GrossMargin => BreakdownId::MarginByMonth,
        KpiId::WonRevenue => BreakdownId::WonRevenueByMonth,
        KpiId::NewCustomers => BreakdownId::NewCustomersByMonth,
        _ => return None,
    })
}

/// Months of the report measured up to `last` (today, or the period's end).
fn cumulative(r: &Report, kpi: &str, target: f64, p: Period, last: Days) -> Vec<CumulativePoint> {
    let Some(id) = monthly_series(kpi) else {
        return Vec::new();
    };
    let mut total = 0.0;
    r.breakdown(id)
        .iter()
        .filter_map(|row| {
            total += row.value;
            // The month's last day, clipped to the measured days, tells how much of the target is due.
            let (y, m) = row.key.split_once('-')?;
            let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let end = crate::parse::date::days_from_ymd(ny, nm, 1)? - 1;
            Some(CumulativePoint {
                month: row.key.clone(),
                actual: total,
                target: target * p.pace(end.min(last)),
            })
        })
        .collect()
}

fn fires(value: f64, rule: &AlertRule) -> bool {
    match rule.when {
        Comparison::Above => value > rule.threshold,
        Comparison::Below => value < rule.threshold,
    }
}

/// Checks each rule over the report's period up to today (the whole period
/// once it is over): on the team's value, or on the value of each rep,
/// region… for "for any" rules. A period that starts after today is not checked.
pub fn evaluate_rules(
    ws: &Workspace,
    base: &Query,
    team: &Report,
    rules: &[AlertRule],
) -> Vec<AlertResult> {
    evaluate_rules_prepared(ws, &Prepared::new(ws), base, team, rules)
}

/// [`evaluate_rules`] over tables already prepared (see [`kpi::report_prepared`]).
pub fn evaluate_rules_prepared(
    ws: &Workspace,
    prepared: &Prepared,
    base: &Query,
    team: &Report,
    rules: &[AlertRule],
) -> Vec<AlertResult> {
    let options = if rules.iter().any(|r| r.for_each.is_some()) {
        kpi::filter_options(ws)
    } else {
        Default::default()
    };
    let mut reports = Reports::new(ws, prepared);
    let period = team
        .period
        .as_ref()
        .and_then(|p| Some(Period::new(parse_iso_day(&p.from)?, parse_iso_day(&p.to)?)));
    let today = today(ws, base);
    let to_date = period.map(|p| (p, measured(p, today)));
    // The team's values: the report's own, unless today cuts its period short.
    let cut_short = match to_date {
        Some((p, Some(m))) if m != p => Some(kpi::report_prepared(
            ws,
            prepared,
            &scoped(base, m, &Scope::team()),
        )),
        _ => None,
    };
    let team = cut_short.as_ref().unwrap_or(team);
    rules
        .iter()
        .map(|rule| {
            let mut hits = Vec::new();
            let mut out = AlertResult {
                id: rule.id.clone(),
                kpi: rule.kpi.clone(),
                when: rule.when,
                threshold: rule.threshold,
                triggered: false,
                hits: Vec::new(),
                measured_to: None,
                unavailable: None,
                note: rule.note.clone(),
            };
            let measured = match to_date {
                Some((p, None)) => {
                    out.unavailable = Some(not_started(p, today));
                    return out;
                }
                Some((_, Some(m))) => {
                    out.measured_to = Some(m.to_label());
                    Some(m)
                }
                None => None,
            };
            match rule.for_each {
                None => {
                    if let Some(v) = team
                        .kpi(&rule.kpi)
                        .and_then(|k| k.value)
                        .filter(|&v| fires(v, rule))
                    {
                        hits.push(AlertHit {
                            key: "team".into(),
                            value: v,
                        });
                    }
                }
                Some(field) => {
                    // In the order of the filter lists (sorted by name).
                    for value in options.get(&field).into_iter().flatten() {
                        let Some(m) = measured else { continue };
                        let r = reports.get(scoped(base, m, &Scope::of(field, value)));
                        if let Some(v) = r
                            .kpi(&rule.kpi)
                            .and_then(|k| k.value)
                            .filter(|&v| fires(v, rule))
                        {
                            hits.push(AlertHit {
                                key: value.clone(),
                                value: v,
                            });
                        }
                    }
                }
            }
            out.triggered = !hits.is_empty();
            out.hits = hits;
            out
        })
        .collect()
}
