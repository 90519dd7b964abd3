//! Filter words: a filter the data cannot take, a
//! chosen value no row has, and the engine's reason for a figure that a
//! filter cannot apply to, in the user's language.

use super::messages::{de, field_word};
use super::{field_label, Lang};
use crate::engine::Field;

/// A filter of the view (a link, a view kept on this device) on a field
/// none of the tables has: shown, and said not to be applied.
pub fn filter_not_applied(field: Field, value: &str, lang: Lang) -> String {
    let label = field_label(field, lang);
    let word = field_word(field, lang);
    match lang {
        Lang::Fr => format!(
            "{label} « {value} »\u{202f}: aucune de vos tables n'a {}, ce filtre n'est pas appliqué.",
            de(&word)
        ),
        Lang::En => format!(
            "{label} \"{value}\": none of your tables has a {word}, so this filter is not applied."
        ),
    }
}

/// An objective's scope or a rule's "for each" on a field the data lacks.
pub fn field_not_in_data(field: Field, lang: Lang) -> String {
    let word = field_word(field, lang);
    match lang {
        Lang::Fr => format!("sans objet\u{202f}: aucune de vos tables n'a {}", de(&word)),
        Lang::En => format!("not applicable: none of your tables has a {word}"),
    }
}

/// A chosen value that no row has, as the filter list shows it.
pub fn value_without_rows(value: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{value} (aucune ligne)"),
        Lang::En => format!("{value} (no row)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_the_data_cannot_take() {
        assert_eq!(
            filter_not_applied(Field::Manager, "Melvin", Lang::Fr),
            "Manager « Melvin »\u{202f}: aucune de vos tables n'a de manager, ce filtre n'est pas appliqué."
        );
        assert_eq!(
            filter_not_applied(Field::Manager, "Melvin", Lang::En),
            "Manager \"Melvin\": none of your tables has a manager, so this filter is not applied."
        );
        assert_eq!(
            field_not_in_data(Field::Region, Lang::Fr),
            "sans objet\u{202f}: aucune de vos tables n'a de région"
        );
        assert_eq!(value_without_rows("Wset", Lang::En), "Wset (no row)");
    }
}
