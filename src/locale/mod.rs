//! French and English: every UI text and every number, money and date format,
//! in one place and pure, so both the charts and the UI use it and it is tested natively.

pub mod catalogue;
mod chart_words;
mod comparison;
mod csv_words;
pub mod currency;
pub mod device;
mod filters;
mod format;
mod formulas;
pub mod input;
pub mod keyboard;
mod keys;
mod kpi;
mod notes;
mod objective_words;
mod presets;
mod print_words;
mod reading;
mod reasons;
mod schema;
mod setup_changes;
mod setup_errors;
mod text;
mod unlock;

pub use chart_words::{chart_word, format_axis, ChartWord};
pub use comparison::{compare_label, compare_with, no_data};
pub use csv_words::{csv_day, csv_month, csv_number, csv_title, csv_unit};
pub use filters::filter_error;
pub use filters::value_without_rows;
pub use filters::{active_filters, filter_search_label, more_matches};
pub use filters::{field_not_in_data, filter_not_applied, no_match, remove_filter_value};
pub use format::{
    colon, csv_delimiter, date_label, format_compact, format_money, format_number, format_percent,
    format_size, month_label, semicolon,
};
pub use formulas::{formula, kpi_formula};
pub use keys::{breakdown_key, engine_keys, key_text};
pub use kpi::{chart_title, family_label, format_change, format_value, kpi_label, read_from};
pub use notes::{note, said_report};
pub use objective_words::{column_field_label, rep_target_label};
pub use objective_words::{level_label, scope_text, target_placeholder, typed_day};
pub use objective_words::{objective_text, ObjectiveText};
pub use presets::preset_label;
pub use print_words::{comparison_words, demo_data, no_filter, period_words};
pub use print_words::{print_line, print_title, PrintLine};
pub use reading::{
    file_error, formats_unavailable, said_summary, take_sheet, warning, SaidWarning,
};
pub use reasons::{need, reason, reason_json};
pub use schema::{column_type_label, field_label, grain_sentence, kind_label, relation_text};
pub use setup_changes::{setup_changes, SetupChanges};
pub use setup_errors::setup_error;
pub use text::{t, Text};
pub use unlock::needs_column;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
    /// The text of this language out of a (French, English) pair, such as
    /// the notices and file failures carry.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
    /// Whether a file's ambiguous dates and numbers are read the French way
    /// (day before month, decimal comma): the engine's `Options::french`.
    pub fn french_style(self) -> bool {
        self == Lang::Fr
    }
    /// French when the browser prefers it, English otherwise.
    pub fn from_browser(languages: &[String]) -> Lang {
        match languages.first().and_then(|l| Lang::from_code(l)) {
            Some(Lang::Fr) => Lang::Fr,
            _ => Lang::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_preference() {
        assert_eq!(Lang::from_browser(&["fr-FR".into(), "en".into()]), Lang::Fr);
        assert_eq!(Lang::from_browser(&["en-US".into(), "fr".into()]), Lang::En);
        assert_eq!(Lang::from_browser(&["de".into()]), Lang::En);
        assert_eq!(Lang::from_browser(&[]), Lang::En);
    }
}
