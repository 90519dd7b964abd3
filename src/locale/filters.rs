//! Filter words: a filter the data cannot take, a
//! chosen value no row has, and the engine's reason for a figure that a
//! filter cannot apply to, in the user's language.

use super::notes::note;
use super::{field_label, format_number, Lang};
use crate::engine::messages::{FilterError, Note};
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

/// The label of a long list's search box.
pub fn filter_search_label(field: Field, lang: Lang) -> String {
    let label = field_label(field, lang);
    match lang {
        Lang::Fr => format!("Rechercher\u{202f}: {label}"),
        Lang::En => format!("Search: {label}"),
    }
}

/// Under a list cut short: how many other values match.
pub fn more_matches(n: usize, lang: Lang) -> String {
    let n = format_number(n as f64, 0, lang);
    match lang {
        Lang::Fr => format!("… et {n} autres\u{202f}: précisez la recherche."),
        Lang::En => format!("… and {n} more: narrow the search."),
    }
}

/// A search that matches no value.
pub fn no_match(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Aucune valeur ne correspond.",
        Lang::En => "No value matches.",
    }
}

/// The name of a filter chip's remove button (its face is a cross).
pub fn remove_filter_value(field: Field, value: &str, lang: Lang) -> String {
    let label = field_label(field, lang);
    match lang {
        Lang::Fr => format!("Retirer le filtre {label}\u{202f}: {value}"),
        Lang::En => format!("Remove the filter {label}: {value}"),
    }
}

/// The name of the list of chosen filters.
pub fn active_filters(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Filtres appliqués",
        Lang::En => "Filters applied",
    }
}

/// Why filters cannot be applied at all.
pub fn filter_error(e: &FilterError, lang: Lang) -> String {
    match (e, lang) {
        (FilterError::NoTableHas { field, fields }, _) => note(
            &Note::NoTableHas {
                field: *field,
                fields: fields.clone(),
            },
            lang,
        ),
        (FilterError::NotAFilter { field, fields }, Lang::En) => format!(
            "{} is not a field to filter on: {}",
            field.name(),
            can_filter_on_en(fields)
        ),
        (FilterError::NotAFilter { field, fields }, Lang::Fr) => format!(
            "{} n'est pas un champ de filtre\u{202f}: {}",
            field_label(*field, lang),
            can_filter_on_fr(fields)
        ),
    }
}

/// "no table has a region", "no table has an order id".
pub(super) fn no_table_has_en(field: Field) -> String {
    let name = field.name();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("no table has {article} {name}")
}

/// "the fields you can filter on here are rep, region, product"
pub(super) fn can_filter_on_en(fields: &[Field]) -> String {
    let names: Vec<String> = fields.iter().map(|f| f.name()).collect();
    match &names[..] {
        [] => "no table here has a field to filter on".into(),
        [one] => format!("the field you can filter on here is {one}"),
        _ => format!("the fields you can filter on here are {}", names.join(", ")),
    }
}

pub(super) fn can_filter_on_fr(fields: &[Field]) -> String {
    let words: Vec<String> = fields.iter().map(|f| field_word(*f, Lang::Fr)).collect();
    match &words[..] {
        [] => "aucune table ici n'a de champ à filtrer".into(),
        [one] => format!("le seul champ à filtrer ici est {one}"),
        _ => format!("les champs à filtrer ici sont {}", words.join(", ")),
    }
}

/// A dimension's name inside a sentence: "région", "region".
pub(super) fn field_word(f: Field, lang: Lang) -> String {
    field_label(f, lang).to_lowercase()
}

/// French "de région", "d'équipe".
pub(super) fn de(word: &str) -> String {
    let elided = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouyéèêàâîôûh".contains(c));
    if elided {
        format!("d'{word}")
    } else {
        format!("de {word}")
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

    #[test]
    fn filters_that_cannot_apply_at_all() {
        let e = FilterError::NotAFilter {
            field: Field::Amount,
            fields: vec![],
        };
        assert_eq!(
            filter_error(&e, Lang::En),
            "amount is not a field to filter on: no table here has a field to filter on"
        );
    }
}
