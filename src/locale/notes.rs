//! What the reader should know about how figures were obtained, in French
//! and English (`engine::messages::Note`), and the report worded for the
//! JSON of `cadran kpis` ([`said_report`]).

use super::filters::{can_filter_on_en, can_filter_on_fr, de, field_word, no_table_has_en};
use super::reasons::reason_json;
use super::{date_label, Lang};
use crate::engine::messages::{Note, Said};
use crate::engine::Report;

/// A note on how figures were obtained.
pub fn note(n: &Note, lang: Lang) -> String {
    match lang {
        Lang::En => note_en(n),
        Lang::Fr => note_fr(n),
    }
}

fn note_en(n: &Note) -> String {
    match n {
        Note::Currencies { files, report } => {
            let mut out = String::new();
            for (i, (name, found)) in files.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { ", " });
                out.push_str(name);
                out.push_str(if i == 0 { " is in " } else { " in " });
                let codes: Vec<&str> = found.iter().map(|c| c.code()).collect();
                out.push_str(&codes.join(" and "));
            }
            format!("{out}: amounts are added as they are, without conversion, in a report in {report}.")
        }
        Note::EstimatedAmounts { deals } => format!(
            "{deals} opportunities have no amount: their product's list price is used (estimated)."
        ),
        Note::NoCreatedDate { deals, last_day } => format!(
            "{deals} opportunities have no created date: the open pipeline counts them as of \
             the data's last day ({last_day}) and later only, and leaves them out before."
        ),
        Note::LostUnsigned { deals } => format!(
            "{deals} opportunities in the open pipeline of an earlier day were lost since with an \
             amount of 0 (nothing signed): they count there at their product's list price, \
             or without an amount when it has none."
        ),
        Note::NoCloseDate { deals, last_day } => format!(
            "{deals} won or lost opportunities have no close date: the open pipeline before \
             the data's last day ({last_day}) leaves them out, as whether they were open is unknown."
        ),
        Note::OpenUnpriced { missing, open, on } => format!(
            "{missing} of the {open} opportunities open on {on} have neither an amount nor a list \
             price: the pipeline value and the weighted pipeline leave them out."
        ),
        Note::WonUnpriced { missing, won } => format!(
            "{missing} of the {won} deals won in the period have neither an amount nor a list \
             price: won revenue, its breakdowns and the average deal value leave them out."
        ),
        Note::NoTableHas { field, fields } => {
            format!("{}: {}", no_table_has_en(*field), can_filter_on_en(fields))
        }
        Note::LeftOut { file, field } => {
            let name = field.name();
            format!("{file} has no {name}: its figures cannot be filtered by {name} and are left out")
        }
        Note::NoRowHas { field, value, closest } => {
            let name = field.name();
            if closest.is_empty() {
                format!("no row has {name} {value:?}")
            } else {
                format!("no row has {name} {value:?}; closest: {}", closest.join(", "))
            }
        }
    }
}

fn note_fr(n: &Note) -> String {
    let count = |x: u64| super::format_number(x as f64, 0, Lang::Fr);
    let day = |iso: &str| date_label(iso, Lang::Fr);
    match n {
        Note::Currencies { files, report } => {
            let each: Vec<String> = files
                .iter()
                .map(|(name, found)| {
                    let codes: Vec<&str> = found.iter().map(|c| c.code()).collect();
                    format!("{name} est en {}", codes.join(" et "))
                })
                .collect();
            format!(
                "{}\u{202f}: les montants sont additionnés tels quels, sans conversion, dans un rapport en {report}.",
                each.join(", ")
            )
        }
        Note::EstimatedAmounts { deals } => format!(
            "{} opportunités n'ont pas de montant\u{202f}: le prix catalogue de leur produit est utilisé (estimé).",
            count(*deals)
        ),
        Note::NoCreatedDate { deals, last_day } => format!(
            "{} opportunités n'ont pas de date de création\u{202f}: le pipe ouvert ne les compte qu'à partir \
             du dernier jour des données ({}) et les laisse de côté avant.",
            count(*deals),
            day(last_day)
        ),
        Note::LostUnsigned { deals } => format!(
            "{} opportunités du pipe ouvert d'un jour antérieur ont été perdues depuis avec un montant de 0 \
             (rien de signé)\u{202f}: elles y comptent au prix catalogue de leur produit, ou sans montant s'il n'en a pas.",
            count(*deals)
        ),
        Note::NoCloseDate { deals, last_day } => format!(
            "{} opportunités gagnées ou perdues n'ont pas de date de clôture\u{202f}: le pipe ouvert avant le \
             dernier jour des données ({}) les laisse de côté, faute de savoir si elles étaient ouvertes.",
            count(*deals),
            day(last_day)
        ),
        Note::OpenUnpriced { missing, open, on } => format!(
            "{} des {} opportunités ouvertes le {} n'ont ni montant ni prix catalogue\u{202f}: la valeur du \
             pipe et le pipe pondéré les laissent de côté.",
            super::format_number(*missing, 0, Lang::Fr),
            super::format_number(*open, 0, Lang::Fr),
            day(on)
        ),
        Note::WonUnpriced { missing, won } => format!(
            "{} des {} affaires signées dans la période n'ont ni montant ni prix catalogue\u{202f}: le CA signé, \
             ses répartitions et le montant moyen des affaires les laissent de côté.",
            super::format_number(*missing, 0, Lang::Fr),
            super::format_number(*won, 0, Lang::Fr)
        ),
        Note::NoTableHas { field, fields } => format!(
            "aucune table n'a {}\u{202f}: {}",
            de(&field_word(*field, Lang::Fr)),
            can_filter_on_fr(fields)
        ),
        Note::LeftOut { file, field } => {
            let word = field_word(*field, Lang::Fr);
            format!(
                "{file} n'a pas {}\u{202f}: ses chiffres ne peuvent pas être filtrés par {word} et sont laissés de côté",
                de(&word)
            )
        }
        Note::NoRowHas { field, value, closest } => {
            let word = field_word(*field, Lang::Fr);
            if closest.is_empty() {
                format!("aucune ligne n'a « {value} » pour {word}")
            } else {
                format!(
                    "aucune ligne n'a « {value} » pour {word}\u{202f}; les plus proches\u{202f}: {}",
                    closest.join(", ")
                )
            }
        }
    }
}

/// The report as the JSON of `cadran kpis` gives it: every reason and
/// note in English.
pub fn said_report(r: Report) -> Report<Said> {
    r.say(&reason_json, &note_en)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::currency::Currency;
    use crate::engine::Field;

    #[test]
    fn notes_in_both_languages() {
        let n = Note::Currencies {
            files: vec![
                ("ventes.csv".into(), vec![Currency::Usd]),
                ("factures.csv".into(), vec![Currency::Eur]),
            ],
            report: "EUR".into(),
        };
        assert_eq!(
            note(&n, Lang::En),
            "ventes.csv is in USD, factures.csv in EUR: amounts are added as they are, \
             without conversion, in a report in EUR."
        );
        assert_eq!(
            note(&n, Lang::Fr),
            "ventes.csv est en USD, factures.csv est en EUR\u{202f}: les montants sont additionnés \
             tels quels, sans conversion, dans un rapport en EUR."
        );
        let n = Note::NoTableHas {
            field: Field::Region,
            fields: vec![Field::Rep, Field::Product],
        };
        assert_eq!(
            note(&n, Lang::En),
            "no table has a region: the fields you can filter on here are rep, product"
        );
        assert_eq!(
            note(&n, Lang::Fr),
            "aucune table n'a de région\u{202f}: les champs à filtrer ici sont commercial, produit"
        );
    }
}
