//! The KPI catalogue written for people: one Markdown table per family, made
//! from the code's catalogue, labels and formulas. `cadran catalogue
//! --markdown` prints it and `docs/KPIS.md` holds it; a test fails when the
//! two disagree, so the document cannot drift from what the engine computes.

use super::{family_label, formula, need, Lang};
use crate::engine::kpi::{Better, Family, KpiDef, CATALOGUE};
use crate::engine::report::Unit;
use serde::Serialize;
use std::fmt::Write;

/// One KPI as `cadran catalogue` prints it in JSON.
#[derive(Debug, Serialize)]
pub struct CatalogueEntry {
    #[serde(flatten)]
    pub def: KpiDef,
    pub needs: &'static str,
    pub formula_fr: &'static str,
    pub formula_en: &'static str,
    pub needs_fr: String,
}

/// Every KPI with its formulas, in catalogue order.
pub fn entries() -> Vec<CatalogueEntry> {
    CATALOGUE
        .iter()
        .map(|d| CatalogueEntry {
            def: *d,
            needs: need(d.needs, Lang::En),
            formula_fr: formula(d.id, Lang::Fr),
            formula_en: formula(d.id, Lang::En),
            needs_fr: need(d.needs, Lang::Fr).to_string(),
        })
        .collect()
}

fn arrow(b: Better) -> &'static str {
    match b {
        Better::Higher => "↑",
        Better::Lower => "↓",
        Better::Neither => "—",
    }
}

/// A table cell: a `|` inside would end it.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The catalogue as Markdown, one section per family in dashboard order.
pub fn markdown() -> String {
    let mut out = String::new();
    for family in Family::ALL {
        let defs: Vec<&KpiDef> = CATALOGUE.iter().filter(|d| d.family == family).collect();
        if defs.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "### {} / {}\n",
            family_label(family, Lang::En),
            family_label(family, Lang::Fr)
        );
        out.push_str("| id | label EN / FR | unit | better | formula | needs |\n");
        out.push_str("|---|---|---|---|---|---|\n");
        for d in defs {
            let _ = writeln!(
                out,
                "| `{}` | {} / {} | {}{} | {} | {} | {} |",
                d.id,
                cell(d.en),
                cell(d.fr),
                Unit::name(d.unit),
                if d.additive { ", additive" } else { "" },
                arrow(d.better),
                cell(formula(d.id, Lang::En)),
                cell(need(d.needs, Lang::En).trim_start_matches("needs ")),
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kpi_has_one_row_under_its_family() {
        let md = markdown();
        for d in CATALOGUE {
            let row = format!("| `{}` |", d.id);
            assert_eq!(md.matches(&row).count(), 1, "{}", d.id);
        }
        assert!(md.contains("### Revenue and orders / Chiffre d'affaires et commandes"));
        assert!(md.contains("| `churn_rate` | Churn rate / Taux d'attrition | ratio | ↓ |"));
        assert!(
            md.contains("| `revenue` | Revenue / Chiffre d'affaires | currency, additive | ↑ |")
        );
    }

    #[test]
    fn entries_carry_both_formulas() {
        let e = entries();
        assert_eq!(e.len(), CATALOGUE.len());
        let win = e.iter().find(|e| e.def.id == "win_rate").expect("win_rate");
        assert!(win.formula_en.starts_with("Won / (won + lost)"));
        assert!(win.needs_fr.starts_with("nécessite"));
    }
}
