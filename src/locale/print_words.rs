//! The printed dashboard's header: which report this is — the data, the
//! period, the comparison and the filters — since a sheet of paper has no
//! filter bar to read them from.

use super::{compare_label, date_label, field_label, preset_label, Lang};
use crate::engine::kpi::Preset;
use crate::engine::report::Comparison;
use crate::engine::Field;

/// What a line of the header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintLine {
    Data,
    Period,
    Comparison,
    Filters,
}

/// The header's title.
pub fn print_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Cadran — tableau de bord commercial",
        Lang::En => "Cadran — sales dashboard",
    }
}

/// The name of one line of the header.
pub fn print_line(line: PrintLine, lang: Lang) -> &'static str {
    let (fr, en) = match line {
        PrintLine::Data => ("Données", "Data"),
        PrintLine::Period => ("Période", "Period"),
        PrintLine::Comparison => ("Comparé avec", "Compared with"),
        PrintLine::Filters => ("Filtres", "Filters"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The data the figures come from when it is the demo company's (else the
/// files' names, which are the user's words).
pub fn demo_data(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "démo (données de démonstration)",
        Lang::En => "demo (demonstration data)",
    }
}

/// A period as the dashboard shows it: `1er janv. 2024 → 31 déc. 2025`.
pub fn period_range(from: &str, to: &str, lang: Lang) -> String {
    format!("{} → {}", date_label(from, lang), date_label(to, lang))
}

/// The period with the preset it was chosen by, if any:
/// `Cette année (1er janv. 2025 → 30 juin 2025)`.
pub fn period_words(preset: Option<Preset>, from: &str, to: &str, lang: Lang) -> String {
    let range = period_range(from, to, lang);
    match preset {
        Some(p) => format!("{} ({range})", preset_label(p, lang)),
        None => range,
    }
}

/// What the figures are compared with, in words.
pub fn comparison_words(c: Option<Comparison>, lang: Lang) -> &'static str {
    compare_label(c, lang)
}

/// One filter: `Région : Ouest, Est`.
pub fn filter_words(field: Field, values: &[String], lang: Lang) -> String {
    format!(
        "{}{}{}",
        field_label(field, lang),
        super::colon(lang),
        values.join(", ")
    )
}

/// No filter applied.
pub fn no_filter(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "aucun (toutes les données)",
        Lang::En => "none (all the data)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::*;

    #[test]
    fn the_header_says_data_period_comparison_and_filters() {
        assert_eq!(demo_data(En), "demo (demonstration data)");
        assert_eq!(
            period_words(None, "2024-01-01", "2025-12-31", Fr),
            "1er janv. 2024 → 31 déc. 2025"
        );
        assert_eq!(
            period_words(Some(Preset::ThisYear), "2025-01-01", "2025-06-30", En),
            "This year (Jan 1, 2025 → Jun 30, 2025)"
        );
        assert_eq!(
            comparison_words(Some(Comparison::LastYear), Fr),
            "Même période l'an dernier"
        );
        assert_eq!(
            filter_words(Field::Region, &["Ouest".into(), "Est".into()], Fr),
            "Région\u{202f}: Ouest, Est"
        );
        assert_eq!(no_filter(En), "none (all the data)");
        assert_eq!(print_line(PrintLine::Comparison, En), "Compared with");
    }
}
