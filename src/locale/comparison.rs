//! Comparison words: the filter bar's chooser and a chart's month without
//! data (why a comparison is unavailable is in `reasons.rs`).

use super::Lang;
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

#[cfg(test)]
mod tests {
    use super::*;

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
