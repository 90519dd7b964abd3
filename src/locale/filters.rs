//! Filter words: a filter the data cannot take, a
//! chosen value no row has, and the engine's reason for a figure that a
//! filter cannot apply to, in the user's language.

use super::{field_label, Lang};
use crate::engine::kpi::FILTERABLE;
use crate::engine::Field;

/// A dimension's name inside a sentence: "région", "region".
fn field_word(f: Field, lang: Lang) -> String {
    field_label(f, lang).to_lowercase()
}

/// French "de région", "d'équipe".
fn de(word: &str) -> String {
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

/// The engine's "leads.csv has no region: this figure cannot be filtered
/// by region" in the user's language; `None` for another sentence.
pub fn unfiltered_reason(en: &str, lang: Lang) -> Option<String> {
    let (head, name) = en.rsplit_once(": this figure cannot be filtered by ")?;
    let file = head.strip_suffix(&format!(" has no {name}"))?;
    if lang == Lang::En {
        return Some(en.to_string());
    }
    let word = FILTERABLE
        .into_iter()
        .find(|f| f.name() == name)
        .map_or_else(|| name.replace('_', " "), |f| field_word(f, lang));
    Some(format!(
        "{file} n'a pas {}\u{202f}: ce chiffre ne peut pas être filtré par {word}",
        de(&word)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kpi::{self, Query, Workspace};

    #[test]
    fn the_engines_reason_in_french() {
        // The sentence as the engine writes it: a leads table without a region
        // beside sales that have one, filtered by region.
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
        q.filters.insert(Field::Region, vec!["West".into()]);
        let r = kpi::report(&ws, &q);
        let en = r.kpis["lead_count"].unavailable.clone().expect("a reason");
        assert_eq!(
            en,
            "leads.csv has no region: this figure cannot be filtered by region"
        );
        assert_eq!(
            unfiltered_reason(&en, Lang::Fr).as_deref(),
            Some("leads.csv n'a pas de région\u{202f}: ce chiffre ne peut pas être filtré par région")
        );
        assert_eq!(unfiltered_reason(&en, Lang::En), Some(en));
        assert_eq!(unfiltered_reason("needs a leads table", Lang::Fr), None);
    }

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
