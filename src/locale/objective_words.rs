//! The words of the objectives page and of a card's objective line that
//! are not in `text.rs`: kept apart so that this page's changes stay here.
//! Also an objective's level and scope, and what to type in its fields.

use super::{field_label, t, Lang, Text};
use crate::engine::objectives::Level;
use crate::engine::report::Unit;
use crate::engine::Field;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectiveText {
    /// Where the actual should be by now, as a share of the target.
    Pace,
    RangeFrom,
    RangeTo,
    PreviewTitle,
    UnreadCells,
    /// The above/below choice of an alert rule, for screen readers.
    Comparison,
    /// An objective's progress bar, for screen readers.
    Progress,
    /// Beside an objective while the dashboard is filtered: it is measured
    /// on the whole team and its whole period, not on the filtered data.
    WithoutFilters,
}

pub fn objective_text(lang: Lang, key: ObjectiveText) -> &'static str {
    use ObjectiveText::*;
    let (fr, en) = match key {
        Pace => ("rythme", "pace"),
        RangeFrom => ("ou du", "or from"),
        RangeTo => ("au", "to"),
        PreviewTitle => (
            "Configuration reçue\u{202f}: vérifiez-la avant de l'appliquer",
            "Set-up received: check it before applying it",
        ),
        UnreadCells => ("Valeurs illisibles pour", "Unreadable values for"),
        Comparison => ("Comparaison", "Comparison"),
        Progress => ("Avancement", "Progress"),
        WithoutFilters => ("(sans les filtres)", "(without the filters)"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The name of a rep's cell in the per-rep grid: "Objectif de Karim Martin".
pub fn rep_target_label(rep: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("Objectif de {rep}"),
        Lang::En => format!("Target for {rep}"),
    }
}

/// The name of a column's "Correspond à" choice in the import preview:
/// "Correspond à : colonne Montant".
pub fn column_field_label(column: &str, lang: Lang) -> String {
    let word = match lang {
        Lang::Fr => "colonne",
        Lang::En => "column",
    };
    format!(
        "{}{}{word} {column}",
        t(lang, Text::Field),
        super::colon(lang)
    )
}

/// An objective's level in words; `None`: the KPI could not be measured.
pub fn level_label(level: Option<Level>, lang: Lang) -> &'static str {
    let (fr, en) = match level {
        Some(Level::Ahead) => ("anticipation", "ahead"),
        Some(Level::Balance) => ("équilibre", "balance"),
        Some(Level::Alert) => ("alerte", "alert"),
        None => ("non mesurable", "not measurable"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// `team` → "Toute l'équipe", `rep: Ann` → "Commercial : Ann" (an unknown
/// field is shown as written).
pub fn scope_text(scope: &str, lang: Lang) -> String {
    match scope.split_once(": ") {
        Some((field, value)) => {
            let f: Option<Field> =
                serde_json::from_value(serde_json::Value::String(field.into())).ok();
            let label = f
                .map(|f| field_label(f, lang))
                .unwrap_or_else(|| field.to_string());
            let text = format!("{label} : {value}");
            match lang {
                Lang::Fr => text,
                Lang::En => text.replace(" : ", ": "),
            }
        }
        None => t(lang, Text::Team).to_string(),
    }
}

/// What to type in a target field for a KPI of this unit: `45 %`, `12 M€`, `2 000`.
pub fn target_placeholder(unit: Unit, lang: Lang) -> &'static str {
    let (fr, en) = match unit {
        Unit::Ratio => ("45\u{202f}%", "45%"),
        Unit::Currency => ("12\u{a0}M€", "€12M"),
        _ => ("2\u{a0}000", "2,000"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// `2025-10-01` → `01/10/2025` in French, as typed in a range; English
/// keeps the ISO day.
pub fn typed_day(iso: &str, lang: Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Fr, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang::*;

    #[test]
    fn levels_and_scopes_in_words() {
        assert_eq!(level_label(Some(Level::Balance), Fr), "équilibre");
        assert_eq!(level_label(None, En), "not measurable");
        assert_eq!(scope_text("team", Fr), "Toute l'équipe");
        assert_eq!(scope_text("rep: Ann", Fr), "Commercial : Ann");
        assert_eq!(scope_text("rep: Ann", En), "Rep: Ann");
        assert_eq!(scope_text("shoe size: 42", En), "shoe size: 42");
    }

    #[test]
    fn targets_and_days_as_typed() {
        assert_eq!(target_placeholder(Unit::Ratio, Fr), "45\u{202f}%");
        assert_eq!(target_placeholder(Unit::Currency, En), "€12M");
        assert_eq!(target_placeholder(Unit::Days, Fr), "2\u{a0}000");
        assert_eq!(typed_day("2025-10-01", Fr), "01/10/2025");
        assert_eq!(typed_day("2025-10-01", En), "2025-10-01");
    }

    #[test]
    fn names_for_screen_readers() {
        assert_eq!(
            rep_target_label("Karim Martin", Fr),
            "Objectif de Karim Martin"
        );
        assert_eq!(rep_target_label("Ann", En), "Target for Ann");
        assert_eq!(
            column_field_label("Montant", Fr),
            "Correspond à\u{202f}: colonne Montant"
        );
        assert_eq!(column_field_label("Sales", En), "Means: column Sales");
    }
}
