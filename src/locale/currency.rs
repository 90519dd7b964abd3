//! What the import step says of the currency written in the files: the
//! question when amounts carry no symbol, the proposal when they carry
//! another than the report's, and the warning when files disagree.

use super::format::colon;
use super::Lang;
use crate::engine::currency::{Currency, Disagreement};

/// The symbol shown for a currency: `€`, `$`, `£`, `¥`, else its code.
pub fn symbol(c: Currency) -> &'static str {
    match c {
        Currency::Eur => "€",
        Currency::Usd => "$",
        Currency::Gbp => "£",
        Currency::Jpy => "¥",
        other => other.code(),
    }
}

/// The symbol of a currency code (the report's setting), or the code itself.
fn code_symbol(code: &str) -> &str {
    match Currency::from_code(code) {
        Some(c) => symbol(c),
        None => code,
    }
}

/// Amounts of a currency, in words: "dollars", "livres sterling".
pub fn name(c: Currency, lang: Lang) -> &'static str {
    let (fr, en) = match c {
        Currency::Eur => ("euros", "euros"),
        Currency::Usd => ("dollars", "dollars"),
        Currency::Gbp => ("livres sterling", "pounds sterling"),
        Currency::Chf => ("francs suisses", "Swiss francs"),
        Currency::Cad => ("dollars canadiens", "Canadian dollars"),
        Currency::Jpy => ("yens", "yen"),
        Currency::Xof => ("francs CFA", "CFA francs"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The label of the question when amounts carry no symbol: `Montants en : `.
pub fn amounts_in(lang: Lang) -> String {
    let words = match lang {
        Lang::Fr => "Montants en",
        Lang::En => "Amounts in",
    };
    format!("{words}{}", colon(lang))
}

/// The proposal when the files write another currency than the report's:
/// `Ce fichier est en dollars ; afficher le rapport en USD ?`
pub fn switch_question(c: Currency, files: usize, lang: Lang) -> String {
    let (name, code) = (name(c, lang), c.code());
    match (lang, files > 1) {
        (Lang::Fr, false) => {
            format!("Ce fichier est en {name}\u{202f}; afficher le rapport en {code}\u{202f}?")
        }
        (Lang::Fr, true) => {
            format!("Ces fichiers sont en {name}\u{202f}; afficher le rapport en {code}\u{202f}?")
        }
        (Lang::En, false) => format!("This file is in {name}; show the report in {code}?"),
        (Lang::En, true) => format!("These files are in {name}; show the report in {code}?"),
    }
}

/// The button that takes the proposal: `Afficher en USD`.
pub fn switch_button(c: Currency, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("Afficher en {}", c.code()),
        Lang::En => format!("Show in {}", c.code()),
    }
}

/// The warning when files disagree with each other or with the report:
/// `ventes.csv est en $, factures.csv en € : les montants sont additionnés
/// tels quels, sans conversion, dans un rapport en €.`
pub fn disagreement(d: &Disagreement, lang: Lang) -> String {
    let and = match lang {
        Lang::Fr => " et ",
        Lang::En => " and ",
    };
    let mut files = String::new();
    for (i, (file, found)) in d.files.iter().enumerate() {
        let verb = match (lang, i) {
            (Lang::Fr, 0) => " est en ",
            (Lang::Fr, _) => " en ",
            (Lang::En, 0) => " is in ",
            (Lang::En, _) => " in ",
        };
        files.push_str(if i == 0 { "" } else { ", " });
        files.push_str(file);
        files.push_str(verb);
        for (j, &c) in found.iter().enumerate() {
            files.push_str(if j == 0 { "" } else { and });
            files.push_str(symbol(c));
        }
    }
    let report = code_symbol(&d.report);
    let rest = match lang {
        Lang::Fr => format!(
            "les montants sont additionnés tels quels, sans conversion, dans un rapport en {report}."
        ),
        Lang::En => format!(
            "amounts are added as they are, without conversion, in a report in {report}."
        ),
    };
    format!("{files}{}{rest}", colon(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::currency::Currency::*;

    fn files(list: &[(&str, &[Currency])], report: &str) -> Disagreement {
        Disagreement {
            files: list
                .iter()
                .map(|(f, c)| (f.to_string(), c.to_vec()))
                .collect(),
            report: report.into(),
        }
    }

    #[test]
    fn disagreeing_files_in_both_languages() {
        let d = files(&[("ventes.csv", &[Usd]), ("factures.csv", &[Eur])], "EUR");
        assert_eq!(
            disagreement(&d, Lang::Fr),
            "ventes.csv est en $, factures.csv en €\u{202f}: les montants sont additionnés \
             tels quels, sans conversion, dans un rapport en €."
        );
        assert_eq!(
            disagreement(&d, Lang::En),
            "ventes.csv is in $, factures.csv in €: amounts are added as they are, \
             without conversion, in a report in €."
        );
        let d = files(&[("mix.csv", &[Eur, Chf])], "CAD");
        assert_eq!(
            disagreement(&d, Lang::Fr),
            "mix.csv est en € et CHF\u{202f}: les montants sont additionnés tels quels, \
             sans conversion, dans un rapport en CAD."
        );
    }

    #[test]
    fn the_question_and_the_proposal() {
        assert_eq!(amounts_in(Lang::Fr), "Montants en\u{202f}: ");
        assert_eq!(amounts_in(Lang::En), "Amounts in: ");
        assert_eq!(
            switch_question(Usd, 1, Lang::Fr),
            "Ce fichier est en dollars\u{202f}; afficher le rapport en USD\u{202f}?"
        );
        assert_eq!(
            switch_question(Gbp, 2, Lang::En),
            "These files are in pounds sterling; show the report in GBP?"
        );
        assert_eq!(switch_button(Usd, Lang::Fr), "Afficher en USD");
        assert_eq!(switch_button(Chf, Lang::En), "Show in CHF");
    }
}
