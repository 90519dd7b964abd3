//! KPI words: labels from the catalogue, families, what unlocks an
//! unavailable KPI, and values formatted by their unit.

use super::{format_money, format_number, format_percent, Lang};
use crate::engine::kpi::{Family, KpiDef};
use crate::engine::report::{Change, Unit};

pub fn kpi_label(d: &KpiDef, lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => d.fr,
        Lang::En => d.en,
    }
}

pub fn family_label(f: Family, lang: Lang) -> &'static str {
    let (fr, en) = match f {
        Family::Revenue => ("Chiffre d'affaires et commandes", "Revenue and orders"),
        Family::Customers => ("Clients", "Customers"),
        Family::Pipeline => ("Pipe commercial", "Pipeline"),
        Family::Prospecting => ("Prospection", "Prospecting"),
        Family::Activity => ("Activité et productivité", "Activity and productivity"),
        Family::Marketing => ("Acquisition et marketing", "Acquisition and marketing"),
        Family::Satisfaction => ("Satisfaction", "Satisfaction"),
        Family::Receivables => ("Encours clients", "Receivables"),
        Family::Team => ("Équipe", "Team"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// The title of a dashboard chart.
pub fn chart_title(id: &str, lang: Lang) -> &'static str {
    let (fr, en) = match id {
        "revenue-by-month" => (
            "Chiffre d'affaires par mois (et année précédente)",
            "Revenue by month (and last year)",
        ),
        "margin-by-month" => ("Marge brute par mois", "Gross margin by month"),
        "revenue-by-rep" => ("CA par commercial", "Revenue by rep"),
        "revenue-by-region" => ("CA par région", "Revenue by region"),
        "revenue-by-sector" => ("CA par secteur", "Revenue by sector"),
        "revenue-by-channel" => ("CA par canal", "Revenue by channel"),
        "revenue-by-product" => ("CA par produit (top 15)", "Revenue by product (top 15)"),
        "top-customers" => ("Top 10 clients", "Top 10 customers"),
        "new-vs-lost" => (
            "Nouveaux et clients perdus par mois",
            "New vs lost customers by month",
        ),
        "new-customers" => (
            "Nouveaux clients, par CA de la période",
            "New customers, by revenue in the period",
        ),
        "lost-customers" => (
            "Clients perdus, par CA avant leur départ",
            "Lost customers, by revenue before they left",
        ),
        "cohorts" => (
            "Rétention par cohorte (% actifs)",
            "Cohort retention (% active)",
        ),
        "funnel" => ("Pipe par étape", "Pipeline by stage"),
        "won-revenue-by-rep" => ("CA signé par commercial", "Won revenue by rep"),
        "win-rate-by-rep" => ("Taux de signature par commercial", "Win rate by rep"),
        "sales-cycle" => ("Durée du cycle de vente (jours)", "Sales cycle (days)"),
        "spend-by-channel" => ("Dépenses par canal", "Spend by channel"),
        "campaign-roi" => ("ROI des campagnes", "Campaign ROI"),
        "nps" => (
            "Promoteurs, passifs, détracteurs",
            "Promoters, passives, detractors",
        ),
        "lead-response" => (
            "Délai de premier contact des prospects",
            "Lead response time",
        ),
        "activity-by-rep" => (
            "Appels, visites et rendez-vous par commercial",
            "Calls, visits and meetings by rep",
        ),
        "cac-by-month" => (
            "Coût d'acquisition client par mois",
            "Customer acquisition cost by month",
        ),
        "receivables-aging" => ("Encours par retard (jours)", "Receivables by days overdue"),
        _ => ("", ""),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// What a KPI needs (the catalogue's English sentence), in the user's language.
pub fn needs(en: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return en.to_string();
    }
    let fr = match en {
        "needs a sales table with a date and an amount" => "nécessite une table de ventes avec une date et un montant",
        "needs a sales table with a customer column" => "nécessite une table de ventes avec une colonne client",
        "needs a sales table with a margin, or a cost, or a products table with unit costs" => {
            "nécessite une marge ou un coût dans les ventes, ou une table produits avec les coûts unitaires"
        }
        "needs a sales table with a rep column" => "nécessite une table de ventes avec une colonne commercial",
        "needs a sales table with a quantity column" => "nécessite une table de ventes avec une colonne quantité",
        "needs an opportunities table with a created date and a stage or status" => {
            "nécessite une table d'opportunités avec une date de création et une étape ou un statut"
        }
        "needs an opportunities table with a close date" => "nécessite une table d'opportunités avec une date de clôture",
        "needs a leads table with a created date" => "nécessite une table de prospects avec une date de création",
        "needs a leads table with a first contact date" => "nécessite une table de prospects avec une date de premier contact",
        "needs a leads table with a temperature and a rep" => "nécessite une table de prospects avec une température et un commercial",
        "needs an activities table with a date, a rep and a type" => {
            "nécessite une table d'activités avec une date, un commercial et un type"
        }
        "needs an activities table with durations" => "nécessite une table d'activités avec des durées",
        "needs a spend table and a sales table with customers" => {
            "nécessite une table de dépenses et une table de ventes avec les clients"
        }
        "needs a carts table with a date and a status" => "nécessite une table de paniers avec une date et un statut",
        "needs a feedback table with a score" => "nécessite une table d'avis avec une note",
        "needs a feedback table with a type" => "nécessite une table d'avis avec un type (enquête, réclamation)",
        "needs an invoices table with an issue date and an amount" => {
            "nécessite une table de factures avec une date et un montant"
        }
        "needs an invoices table with due dates" => "nécessite une table de factures avec les échéances",
        "needs a team table with hire dates, and sales or won deals" => {
            "nécessite une table équipe avec les dates d'embauche, et des ventes ou affaires signées"
        }
        "needs sales, opportunities or activities with a rep" => {
            "nécessite des ventes, opportunités ou activités avec un commercial"
        }
        "no data to compute it over this period (zero denominator)" => {
            "pas de données pour le calculer sur cette période (division par zéro)"
        }
        "no open deal has an amount: a products table with list prices would give them" => {
            "aucune affaire en cours n'a de montant\u{202f}: une table de produits avec les prix catalogue les donnerait"
        }
        "no open deal has an amount, nor a list price in the products table" => {
            "aucune affaire en cours n'a de montant, ni de prix catalogue dans la table de produits"
        }
        "no won deal has an amount: a products table with list prices would give them" => {
            "aucune affaire signée n'a de montant\u{202f}: une table de produits avec les prix catalogue les donnerait"
        }
        "no won deal has an amount, nor a list price in the products table" => {
            "aucune affaire signée n'a de montant, ni de prix catalogue dans la table de produits"
        }
        "no data to compute it over the comparison period" => {
            "pas de données pour le calculer sur la période de comparaison"
        }
        other => {
            return super::unfiltered_reason(other, lang)
                .or_else(|| uncovered_reason(other, lang))
                .or_else(|| super::comparison_reason(other, lang))
                .unwrap_or_else(|| other.to_string())
        }
    };
    fr.to_string()
}

/// The engine's "ventes.csv has no data over the previous period (2023-01-01
/// to 2023-12-31): its dates run from 2024-01-01 to 2024-12-31" in French;
/// `None` for another sentence.
fn uncovered_reason(en: &str, lang: Lang) -> Option<String> {
    let (head, tail) = en.split_once(": its dates run from ")?;
    let (data_from, data_to) = tail.split_once(" to ")?;
    let (head, span) = head.strip_suffix(')')?.rsplit_once(" (")?;
    let (from, to) = span.split_once(" to ")?;
    let (file, what) = head.split_once(" has no data over ")?;
    let what = match what {
        "the previous period" => "la période précédente",
        "the period before it" => "la période d'avant",
        "the same period last year" => "la même période l'an dernier",
        _ => return None,
    };
    let d = |iso: &str| super::date_label(iso, lang);
    let span = format!("du {} au {}", d(from), d(to));
    let data = format!("du {} au {}", d(data_from), d(data_to));
    Some(if file == "the data" {
        format!("aucune donnée sur {what} ({span})\u{202f}: les données vont {data}.")
    } else {
        format!("{file} n'a pas de données sur {what} ({span})\u{202f}: ses dates vont {data}.")
    })
}

/// Where a KPI was read: "Lu dans ventes.csv : 1 204 lignes de la période."
pub fn read_from(file: &str, rows: u64, lang: Lang) -> String {
    let n = format_number(rows as f64, 0, lang);
    match lang {
        Lang::Fr => format!("Lu dans {file}\u{202f}: {n} lignes de la période."),
        Lang::En => format!("Read from {file}: {n} rows of the period."),
    }
}

/// A KPI value in its unit: `1 234 567 €`, `48,1 %`, `51,8 j`, `13,5 h`.
pub fn format_value(unit: Unit, v: f64, currency: &str, lang: Lang) -> String {
    match unit {
        Unit::Currency => format_money(v, currency, lang),
        Unit::Ratio => format_percent(v, lang),
        Unit::Count if v.fract() == 0.0 || v.abs() >= 100.0 => format_number(v, 0, lang),
        Unit::Count => format_number(v, 2, lang),
        Unit::Days => match lang {
            Lang::Fr => format!("{}\u{a0}j", format_number(v, 1, lang)),
            Lang::En => format!("{} days", format_number(v, 1, lang)),
        },
        Unit::Hours => format!("{}\u{a0}h", format_number(v, 1, lang)),
        Unit::Score => format_number(v, 0, lang),
    }
}

/// A KPI's change against a comparison, signed, as a manager reads it:
/// amounts and counts in percent (their value when the reference is 0),
/// rates and scores in points (`+1,2 pt` / `+1.2 pts`: a change of a
/// percentage or of an NPS is never a percent of it), durations in their unit.
pub fn format_change(unit: Unit, c: &Change, currency: &str, lang: Lang) -> Option<String> {
    let signed = |s: String, x: f64| if x > 0.0 { format!("+{s}") } else { s };
    let absolute = c.absolute?;
    Some(match (unit, c.relative) {
        (Unit::Currency | Unit::Count, Some(rel)) => signed(format_percent(rel, lang), rel),
        (Unit::Ratio, _) => signed(format_points(absolute * 100.0, lang), absolute),
        (Unit::Score, _) => signed(format_points(absolute, lang), absolute),
        _ => signed(format_value(unit, absolute, currency, lang), absolute),
    })
}

/// Points with one decimal: `1,2 pt` in French (the abbreviation is
/// invariable, after a narrow no-break space as before `%`), `1.2 pts` in English.
fn format_points(points: f64, lang: Lang) -> String {
    let n = format_number(points, 1, lang);
    match lang {
        Lang::Fr => format!("{n}\u{202f}pt"),
        Lang::En => format!("{n}\u{a0}pts"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kpi::CATALOGUE;

    #[test]
    fn changes_read_in_percent_for_amounts_and_in_points_for_rates() {
        let c = |a: f64, r: Option<f64>| Change {
            absolute: Some(a),
            relative: r,
            unavailable: None,
        };
        let f = |u, ch: &Change| format_change(u, ch, "EUR", Lang::Fr).unwrap();
        assert_eq!(f(Unit::Currency, &c(500.0, Some(0.125))), "+12,5\u{202f}%");
        assert_eq!(f(Unit::Count, &c(-3.0, Some(-0.25))), "-25,0\u{202f}%");
        assert_eq!(f(Unit::Ratio, &c(0.029, None)), "+2,9\u{202f}pt");
        assert_eq!(f(Unit::Ratio, &c(-0.12, None)), "-12,0\u{202f}pt");
        // A score (NPS) moves in points, never in percent of itself.
        assert_eq!(f(Unit::Score, &c(-5.0, None)), "-5,0\u{202f}pt");
        let en = |u, ch: &Change| format_change(u, ch, "EUR", Lang::En).unwrap();
        assert_eq!(en(Unit::Ratio, &c(0.012, None)), "+1.2\u{a0}pts");
        assert_eq!(en(Unit::Score, &c(27.8, None)), "+27.8\u{a0}pts");
        assert_eq!(en(Unit::Hours, &c(1.5, None)), "+1.5\u{a0}h");
        assert_eq!(f(Unit::Days, &c(-2.5, None)), "-2,5\u{a0}j");
        // A count that was 0: its change in units.
        assert_eq!(f(Unit::Count, &c(4.0, None)), "+4");
        assert_eq!(
            format_change(
                Unit::Currency,
                &Change::unavailable("no data"),
                "EUR",
                Lang::Fr
            ),
            None
        );
    }

    #[test]
    fn an_unavailable_growth_says_why_in_french() {
        let en = "ventes.csv has no data over the previous period (2022-01-01 to 2023-12-31): its dates run from 2024-01-01 to 2025-12-31";
        assert_eq!(
            needs(en, Lang::Fr),
            "ventes.csv n'a pas de données sur la période précédente (du 1 janv. 2022 au 31 déc. 2023)\u{202f}: ses dates vont du 1 janv. 2024 au 31 déc. 2025."
        );
    }

    #[test]
    fn every_need_has_french_words() {
        for d in CATALOGUE {
            assert_ne!(needs(d.needs, Lang::Fr), d.needs, "{}", d.id);
        }
    }

    #[test]
    fn uncovered_comparisons_in_french() {
        assert_eq!(
            needs(
                "ventes.csv has no data over the previous period (2023-01-01 to 2023-12-31): its dates run from 2024-01-01 to 2024-12-31",
                Lang::Fr
            ),
            "ventes.csv n'a pas de données sur la période précédente (du 1 janv. 2023 au 31 déc. 2023)\u{202f}: ses dates vont du 1 janv. 2024 au 31 déc. 2024."
        );
        assert_eq!(
            needs(
                "the data has no data over the same period last year (2023-03-01 to 2023-03-31): its dates run from 2024-01-01 to 2024-06-30",
                Lang::Fr
            ),
            "aucune donnée sur la même période l'an dernier (du 1 mars 2023 au 31 mars 2023)\u{202f}: les données vont du 1 janv. 2024 au 30 juin 2024."
        );
        assert_eq!(
            needs("no data to compute it over the comparison period", Lang::Fr),
            "pas de données pour le calculer sur la période de comparaison"
        );
    }

    #[test]
    fn every_missing_amount_has_french_words() {
        for which in ["open", "won"] {
            for list_prices in [false, true] {
                let reason = crate::engine::kpi::no_amount(which, list_prices);
                assert_ne!(needs(&reason, Lang::Fr), reason);
            }
        }
    }

    #[test]
    fn where_a_figure_was_read() {
        assert_eq!(
            read_from("ventes.csv", 1204, Lang::Fr),
            "Lu dans ventes.csv\u{202f}: 1\u{202f}204 lignes de la période."
        );
        assert_eq!(
            read_from("sales.csv", 1204, Lang::En),
            "Read from sales.csv: 1,204 rows of the period."
        );
    }

    #[test]
    fn values_by_unit() {
        assert_eq!(
            format_value(Unit::Days, 51.78, "EUR", Lang::Fr),
            "51,8\u{a0}j"
        );
        assert_eq!(
            format_value(Unit::Days, 51.78, "EUR", Lang::En),
            "51.8 days"
        );
        assert_eq!(format_value(Unit::Ratio, 0.6316, "EUR", Lang::En), "63.2%");
        assert_eq!(format_value(Unit::Count, 5009.0, "EUR", Lang::En), "5,009");
        assert_eq!(format_value(Unit::Count, 2.5, "EUR", Lang::En), "2.50");
        assert_eq!(
            format_value(Unit::Currency, 458.61, "EUR", Lang::Fr),
            "458,61\u{202f}€"
        );
    }
}
