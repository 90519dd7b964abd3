//! Why a figure or a comparison is unavailable, in French and English: the
//! data a KPI needs, and each `engine::messages::Reason` with its
//! parameters. [`reason`] says it on screen (dates the user's way);
//! [`reason_json`] as the JSON report of `cadran kpis` does.

use super::filters::{de, field_word};
use super::{date_label, Lang};
use crate::engine::messages::{AggregateGap, DealState, Need, Reason, Span};
use crate::engine::report::Comparison;

/// The data a KPI needs.
pub fn need(n: Need, lang: Lang) -> &'static str {
    let (fr, en) = match n {
        Need::Sales => (
            "nécessite une table de ventes avec une date et un montant",
            "needs a sales table with a date and an amount",
        ),
        Need::SalesCustomer => (
            "nécessite une table de ventes avec une colonne client",
            "needs a sales table with a customer column",
        ),
        Need::SalesMargin => (
            "nécessite une marge ou un coût dans les ventes, ou une table produits avec les coûts unitaires",
            "needs a sales table with a margin, or a cost, or a products table with unit costs",
        ),
        Need::SalesRep => (
            "nécessite une table de ventes avec une colonne commercial",
            "needs a sales table with a rep column",
        ),
        Need::SalesQuantity => (
            "nécessite une table de ventes avec une colonne quantité",
            "needs a sales table with a quantity column",
        ),
        Need::Opportunities => (
            "nécessite une table d'opportunités avec une date de création et une étape ou un statut",
            "needs an opportunities table with a created date and a stage or status",
        ),
        Need::OpportunitiesClose => (
            "nécessite une table d'opportunités avec une date de clôture",
            "needs an opportunities table with a close date",
        ),
        Need::Leads => (
            "nécessite une table de prospects avec une date de création",
            "needs a leads table with a created date",
        ),
        Need::LeadsContact => (
            "nécessite une table de prospects avec une date de premier contact",
            "needs a leads table with a first contact date",
        ),
        Need::LeadsTemperature => (
            "nécessite une table de prospects avec une température et un commercial",
            "needs a leads table with a temperature and a rep",
        ),
        Need::Activities => (
            "nécessite une table d'activités avec une date, un commercial et un type",
            "needs an activities table with a date, a rep and a type",
        ),
        Need::ActivitiesDuration => (
            "nécessite une table d'activités avec des durées",
            "needs an activities table with durations",
        ),
        Need::Spend => (
            "nécessite une table de dépenses et une table de ventes avec les clients",
            "needs a spend table and a sales table with customers",
        ),
        Need::Carts => (
            "nécessite une table de paniers avec une date et un statut",
            "needs a carts table with a date and a status",
        ),
        Need::Feedback => (
            "nécessite une table d'avis avec une note",
            "needs a feedback table with a score",
        ),
        Need::Complaints => (
            "nécessite une table d'avis avec un type (enquête, réclamation)",
            "needs a feedback table with a type",
        ),
        Need::Invoices => (
            "nécessite une table de factures avec une date et un montant",
            "needs an invoices table with an issue date and an amount",
        ),
        Need::InvoicesDue => (
            "nécessite une table de factures avec les échéances",
            "needs an invoices table with due dates",
        ),
        Need::TeamHire => (
            "nécessite une table équipe avec les dates d'embauche, et des ventes ou affaires signées",
            "needs a team table with hire dates, and sales or won deals",
        ),
        Need::Reps => (
            "nécessite des ventes, opportunités ou activités avec un commercial",
            "needs sales, opportunities or activities with a rep",
        ),
    };
    lang.pick(fr, en)
}

/// Why a figure or a comparison is unavailable, as the screen says it:
/// dates the user's way.
pub fn reason(r: &Reason, lang: Lang) -> String {
    match (r, lang) {
        (
            Reason::Uncovered {
                file,
                over,
                span,
                data,
            },
            _,
        ) => {
            let d = |iso: &str| date_label(iso, lang);
            let (from, to) = (d(&span.from), d(&span.to));
            let (a, b) = (d(&data.from), d(&data.to));
            match (lang, file) {
                (Lang::En, _) => format!(
                    "{} has no data over {} ({from} to {to}): its dates run from {a} to {b}.",
                    file.as_deref().unwrap_or("the data"),
                    span_en(*over)
                ),
                (Lang::Fr, Some(file)) => format!(
                    "{file} n'a pas de données sur {} (du {from} au {to})\u{202f}: ses dates vont du {a} au {b}.",
                    span_fr(*over)
                ),
                (Lang::Fr, None) => format!(
                    "aucune donnée sur {} (du {from} au {to})\u{202f}: les données vont du {a} au {b}.",
                    span_fr(*over)
                ),
            }
        }
        (Reason::NotStarted { from, today }, Lang::En) => format!(
            "the period starts on {}, after today ({}): nothing to measure yet",
            date_label(from, lang),
            date_label(today, lang)
        ),
        (_, Lang::En) => reason_json(r),
        (Reason::Needs(n), Lang::Fr) => need(*n, lang).to_string(),
        (Reason::ZeroDenominator, Lang::Fr) => {
            "pas de données pour le calculer sur cette période (division par zéro)".into()
        }
        (Reason::NoAmount { deals, list_prices }, Lang::Fr) => {
            let which = match deals {
                DealState::Open => "en cours",
                DealState::Won => "signée",
            };
            if *list_prices {
                format!("aucune affaire {which} n'a de montant, ni de prix catalogue dans la table de produits")
            } else {
                format!("aucune affaire {which} n'a de montant\u{202f}: une table de produits avec les prix catalogue les donnerait")
            }
        }
        (Reason::Unfilterable { file, field }, Lang::Fr) => {
            let word = field_word(*field, lang);
            format!(
                "{file} n'a pas {}\u{202f}: ce chiffre ne peut pas être filtré par {word}",
                de(&word)
            )
        }
        (Reason::Aggregated { file, gap }, Lang::Fr) => match gap {
            AggregateGap::FirstPurchaseValue => format!(
                "{file} est un extrait agrégé\u{202f}: une ligne peut réunir plusieurs commandes, le montant du premier achat n'y est pas"
            ),
            AggregateGap::OrdersByProduct => format!(
                "{file} est un extrait agrégé\u{202f}: chaque commande y est comptée sur un seul produit, les commandes ne peuvent pas être filtrées par produit"
            ),
        },
        (Reason::NoComparisonData, Lang::Fr) => {
            "pas de données pour le calculer sur la période de comparaison".into()
        }
        (Reason::UnknownObjective { id }, Lang::Fr) => {
            format!("indicateur ou période inconnus dans l'objectif {id}")
        }
        (Reason::NotStarted { from, today }, Lang::Fr) => format!(
            "la période commence le {}, après aujourd'hui ({})\u{202f}: rien à mesurer encore",
            date_label(from, lang),
            date_label(today, lang)
        ),
    }
}

/// Why a figure or a comparison is unavailable, as the JSON report says it.
pub fn reason_json(r: &Reason) -> String {
    match r {
        Reason::Needs(n) => need(*n, Lang::En).to_string(),
        Reason::ZeroDenominator => {
            "no data to compute it over this period (zero denominator)".into()
        }
        Reason::NoAmount { deals, list_prices } => {
            let which = match deals {
                DealState::Open => "open",
                DealState::Won => "won",
            };
            if *list_prices {
                format!("no {which} deal has an amount, nor a list price in the products table")
            } else {
                format!("no {which} deal has an amount: a products table with list prices would give them")
            }
        }
        Reason::Unfilterable { file, field } => {
            let name = field.name();
            format!("{file} has no {name}: this figure cannot be filtered by {name}")
        }
        Reason::Aggregated { file, gap } => match gap {
            AggregateGap::FirstPurchaseValue => format!(
                "{file} is an aggregated extract: a row may hold several orders, so a first purchase's own total is not in it"
            ),
            AggregateGap::OrdersByProduct => format!(
                "{file} is an aggregated extract: each order counts on one product only, so orders cannot be filtered by product"
            ),
        },
        Reason::Uncovered {
            file,
            over,
            span,
            data,
        } => format!(
            "{} has no data over {} ({} to {}): its dates run from {} to {}",
            file.as_deref().unwrap_or("the data"),
            span_en(*over),
            span.from,
            span.to,
            data.from,
            data.to
        ),
        Reason::NoComparisonData => "no data to compute it over the comparison period".into(),
        Reason::UnknownObjective { id } => format!("unknown KPI or period in objective {id}"),
        Reason::NotStarted { from, today } => {
            format!("the period starts on {from}, after today ({today}): nothing to measure yet")
        }
    }
}

fn comparison_en(c: Comparison) -> &'static str {
    match c {
        Comparison::Previous => "the previous period",
        Comparison::LastYear => "the same period last year",
    }
}

fn comparison_fr(c: Comparison) -> &'static str {
    match c {
        Comparison::Previous => "la période précédente",
        Comparison::LastYear => "la même période l'an dernier",
    }
}

fn span_en(s: Span) -> String {
    match s {
        Span::Compared(c) => comparison_en(c).to_string(),
        Span::PeriodBeforeIt => "the period before it".into(),
        Span::DaysBefore { days, of } => format!("the {days} days before {}", comparison_en(of)),
    }
}

fn span_fr(s: Span) -> String {
    match s {
        Span::Compared(c) => comparison_fr(c).to_string(),
        Span::PeriodBeforeIt => "la période qui la précède".into(),
        Span::DaysBefore { days, of } => format!("les {days} jours avant {}", comparison_fr(of)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kpi::{self, Query, Workspace};
    use crate::engine::report::PeriodLabel;
    use crate::engine::Field;
    use crate::locale::said_report;

    fn label(from: &str, to: &str) -> PeriodLabel {
        PeriodLabel {
            from: from.into(),
            to: to.into(),
        }
    }

    fn uncovered(file: Option<&str>, over: Span) -> Reason {
        Reason::Uncovered {
            file: file.map(str::to_string),
            over,
            span: label("2013-01-03", "2016-12-30"),
            data: label("2014-01-03", "2017-12-30"),
        }
    }

    #[test]
    fn an_uncovered_comparison_in_json_and_on_screen() {
        let r = uncovered(Some("Superstore.csv"), Span::Compared(Comparison::LastYear));
        assert_eq!(
            reason_json(&r),
            "Superstore.csv has no data over the same period last year (2013-01-03 to 2016-12-30): its dates run from 2014-01-03 to 2017-12-30"
        );
        assert_eq!(
            reason(&r, Lang::Fr),
            "Superstore.csv n'a pas de données sur la même période l'an dernier (du 3 janv. 2013 au 30 déc. 2016)\u{202f}: ses dates vont du 3 janv. 2014 au 30 déc. 2017."
        );
        assert_eq!(
            reason(&r, Lang::En),
            "Superstore.csv has no data over the same period last year (Jan 3, 2013 to Dec 30, 2016): its dates run from Jan 3, 2014 to Dec 30, 2017."
        );
        let whole = uncovered(None, Span::Compared(Comparison::Previous));
        assert!(reason_json(&whole).starts_with("the data has no data over the previous period ("));
        assert!(reason(&whole, Lang::Fr)
            .starts_with("aucune donnée sur la période précédente (du 3 janv. 2013"));
        let window = uncovered(
            Some("ventes.csv"),
            Span::DaysBefore {
                days: 90,
                of: Comparison::LastYear,
            },
        );
        assert!(reason_json(&window).starts_with(
            "ventes.csv has no data over the 90 days before the same period last year (2013"
        ));
        assert!(reason(&window, Lang::Fr).starts_with(
            "ventes.csv n'a pas de données sur les 90 jours avant la même période l'an dernier (du"
        ));
        assert!(reason_json(&uncovered(None, Span::PeriodBeforeIt))
            .contains(" over the period before it ("));
    }

    #[test]
    fn every_need_has_its_french_words() {
        let all = [
            Need::Sales,
            Need::SalesCustomer,
            Need::SalesMargin,
            Need::SalesRep,
            Need::SalesQuantity,
            Need::Opportunities,
            Need::OpportunitiesClose,
            Need::Leads,
            Need::LeadsContact,
            Need::LeadsTemperature,
            Need::Activities,
            Need::ActivitiesDuration,
            Need::Spend,
            Need::Carts,
            Need::Feedback,
            Need::Complaints,
            Need::Invoices,
            Need::InvoicesDue,
            Need::TeamHire,
            Need::Reps,
        ];
        for n in all {
            let (fr, en) = (need(n, Lang::Fr), need(n, Lang::En));
            assert!(
                fr.starts_with("nécessite ") && en.starts_with("needs "),
                "{n:?}"
            );
            assert_eq!(reason(&Reason::Needs(n), Lang::Fr), fr);
            assert_eq!(reason_json(&Reason::Needs(n)), en);
        }
    }

    #[test]
    fn a_missing_amount_in_both_languages() {
        let r = Reason::NoAmount {
            deals: DealState::Won,
            list_prices: false,
        };
        assert_eq!(
            reason_json(&r),
            "no won deal has an amount: a products table with list prices would give them"
        );
        assert_eq!(
            reason(&r, Lang::Fr),
            "aucune affaire signée n'a de montant\u{202f}: une table de produits avec les prix catalogue les donnerait"
        );
        let r = Reason::NoAmount {
            deals: DealState::Open,
            list_prices: true,
        };
        assert_eq!(
            reason(&r, Lang::En),
            "no open deal has an amount, nor a list price in the products table"
        );
    }

    #[test]
    fn a_figure_a_filter_cannot_reach_in_both_languages() {
        // A leads table without a region beside sales that have one, filtered by region.
        let read = |name: &str, text: &str| {
            crate::engine::read(name, text.as_bytes(), &crate::engine::Options::default())
                .expect(name)
        };
        let ws = Workspace {
            tables: vec![
                read("ventes.csv", "Date;Region;Amount\n2024-01-05;West;100\n"),
                read("leads.csv", "Created date;Source\n2024-01-02;Web\n"),
            ],
        };
        let mut q = Query::default();
        q.filters
            .insert(Field::Region, vec!["West".into(), "Wset".into()]);
        let r = kpi::report(&ws, &q);
        let why = r.kpis["lead_count"].unavailable.clone().expect("a reason");
        assert_eq!(
            reason_json(&why),
            "leads.csv has no region: this figure cannot be filtered by region"
        );
        assert_eq!(
            reason(&why, Lang::Fr),
            "leads.csv n'a pas de région\u{202f}: ce chiffre ne peut pas être filtré par région"
        );
        let said = said_report(r);
        assert!(
            said.notes
                .contains(&r#"no row has region "Wset"; closest: West"#.to_string()),
            "{:?}",
            said.notes
        );
        assert!(said.notes.contains(
            &"leads.csv has no region: its figures cannot be filtered by region and are left out"
                .to_string()
        ));
    }
}
