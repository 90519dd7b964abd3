//! Comparison words: the filter bar's chooser, a chart's month without
//! data, and why a comparison is unavailable (the engine says it in
//! English, with the periods; the screen says it in the user's language).

use super::{date_label, Lang};
use crate::engine::report::Comparison;

/// What the cards and charts compare the period with; `None`: nothing.
pub fn compare_label(c: Option<Comparison>, lang: Lang) -> &'static str {
    let (fr, en) = match c {
        Some(Comparison::Previous) => ("Période précédente", "Previous period"),
        Some(Comparison::LastYear) => ("Même période l'an dernier", "Same period last year"),
        None => ("Aucune comparaison", "No comparison"),
    };
    pick(lang, fr, en)
}

/// The chooser's label.
pub fn compare_with(lang: Lang) -> &'static str {
    pick(lang, "Comparer avec", "Compare with")
}

/// A point of a chart's comparison series where the comparison period has no data.
pub fn no_data(lang: Lang) -> &'static str {
    pick(lang, "pas de données", "no data")
}

fn pick(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// Why a comparison is unavailable, from the engine's sentence
/// (`{file} has no data over {what} ({from} to {to}): its dates run from
/// {a} to {b}`), with dates written the user's way; `None` when the
/// sentence is not one of the comparisons'.
pub fn comparison_reason(en: &str, lang: Lang) -> Option<String> {
    if en == "no data to compute it over the comparison period" {
        return Some(
            pick(
                lang,
                "pas de données pour la calculer sur la période de comparaison",
                "no data to compute it over the comparison period",
            )
            .to_string(),
        );
    }
    let (file, rest) = en.split_once(" has no data over ")?;
    let (what, rest) = rest.split_once(" (")?;
    let (from, rest) = rest.split_once(" to ")?;
    let (to, rest) = rest.split_once("): its dates run from ")?;
    let (a, b) = rest.split_once(" to ")?;
    let d = |iso: &str| date_label(iso, lang);
    Some(match lang {
        Lang::En => format!(
            "{file} has no data over {what} ({} to {}): its dates run from {} to {}.",
            d(from),
            d(to),
            d(a),
            d(b)
        ),
        Lang::Fr => format!(
            "{file} n'a pas de données sur {} (du {} au {})\u{202f}: ses dates vont du {} au {}.",
            what_fr(what)?,
            d(from),
            d(to),
            d(a),
            d(b)
        ),
    })
}

/// The comparison period the engine names, in French.
fn what_fr(what: &str) -> Option<String> {
    let period = |p: &str| match p {
        "the previous period" => Some("la période précédente"),
        "the same period last year" => Some("la même période l'an dernier"),
        "the period before it" => Some("la période qui la précède"),
        _ => None,
    };
    if let Some(p) = period(what) {
        return Some(p.to_string());
    }
    // "the 365 days before the previous period": a customer's dormancy window.
    let rest = what.strip_prefix("the ")?;
    let (days, p) = rest.split_once(" days before ")?;
    let days: u32 = days.parse().ok()?;
    Some(format!("les {days} jours avant {}", period(p)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncovered_comparison_said_in_french_with_french_dates() {
        let en = "Superstore.csv has no data over the same period last year (2013-01-03 to 2016-12-30): its dates run from 2014-01-03 to 2017-12-30";
        assert_eq!(
            comparison_reason(en, Lang::Fr).unwrap(),
            "Superstore.csv n'a pas de données sur la même période l'an dernier (du 3 janv. 2013 au 30 déc. 2016)\u{202f}: ses dates vont du 3 janv. 2014 au 30 déc. 2017."
        );
        assert_eq!(
            comparison_reason(en, Lang::En).unwrap(),
            "Superstore.csv has no data over the same period last year (Jan 3, 2013 to Dec 30, 2016): its dates run from Jan 3, 2014 to Dec 30, 2017."
        );
        let window = "ventes.csv has no data over the 90 days before the same period last year (2023-10-03 to 2023-12-31): its dates run from 2024-01-01 to 2025-12-28";
        assert_eq!(
            comparison_reason(window, Lang::Fr).unwrap(),
            "ventes.csv n'a pas de données sur les 90 jours avant la même période l'an dernier (du 3 oct. 2023 au 31 déc. 2023)\u{202f}: ses dates vont du 1 janv. 2024 au 28 déc. 2025."
        );
        assert_eq!(
            comparison_reason("needs a feedback table with a score", Lang::Fr),
            None
        );
    }

    #[test]
    fn the_chooser_speaks_both_languages() {
        assert_eq!(
            compare_label(Some(Comparison::LastYear), Lang::Fr),
            "Même période l'an dernier"
        );
        assert_eq!(compare_label(None, Lang::En), "No comparison");
        assert_eq!(no_data(Lang::Fr), "pas de données");
    }
}
