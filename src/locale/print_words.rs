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

/// The data the figures come from: the demo company, or the files' names.
pub fn data_words(files: &[String], demo: bool, lang: Lang) -> String {
    if demo {
        return match lang {
            Lang::Fr => "démo (données de démonstration)",
            Lang::En => "demo (demonstration data)",
        }
        .to_string();
    }
    files.join(", ")
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

/// Every filter, `Région : Ouest, Est ; Commercial : Ann`, or that there is none.
pub fn filters_words(filters: &[(Field, Vec<String>)], lang: Lang) -> String {
    let said: Vec<String> = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(f, v)| filter_words(*f, v, lang))
        .collect();
    if said.is_empty() {
        return match lang {
            Lang::Fr => "aucun (toutes les données)",
            Lang::En => "none (all the data)",
        }
        .to_string();
    }
    said.join(super::semicolon(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::*;

    #[test]
    fn the_header_says_data_period_comparison_and_filters() {
        assert_eq!(
            data_words(&["ventes.csv".into(), "équipe.csv".into()], false, Fr),
            "ventes.csv, équipe.csv"
        );
        assert_eq!(
            data_words(&["x.csv".into()], true, En),
            "demo (demonstration data)"
        );
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
        let filters = vec![
            (Field::Region, vec!["Ouest".to_string(), "Est".to_string()]),
            (Field::Rep, vec![]),
            (Field::Channel, vec!["Web".to_string()]),
        ];
        assert_eq!(
            filters_words(&filters, Fr),
            "Région\u{202f}: Ouest, Est\u{202f}; Canal\u{202f}: Web"
        );
        assert_eq!(filters_words(&[], En), "none (all the data)");
        assert_eq!(print_line(PrintLine::Comparison, En), "Compared with");
    }
}
