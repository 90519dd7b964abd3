//! Why a set-up file or link is refused, in the user's language, with the
//! place in the file in plain words.

use super::Lang;
use crate::engine::objectives::file::{ContentError, TargetUnit};
use crate::engine::objectives::share::SetupError;

fn unit_words(u: TargetUnit, lang: Lang) -> &'static str {
    match (u, lang) {
        (TargetUnit::Percent, Lang::Fr) => "pourcentage",
        (TargetUnit::Money, Lang::Fr) => "montant",
        (TargetUnit::Count, Lang::Fr) => "nombre",
        (TargetUnit::Days, Lang::Fr) => "jours",
        (TargetUnit::Hours, Lang::Fr) => "heures",
        (TargetUnit::Score, Lang::Fr) => "points de score",
        (TargetUnit::Percent, Lang::En) => "percent",
        (TargetUnit::Money, Lang::En) => "money",
        (TargetUnit::Count, Lang::En) => "a count",
        (TargetUnit::Days, Lang::En) => "days",
        (TargetUnit::Hours, Lang::En) => "hours",
        (TargetUnit::Score, Lang::En) => "score points",
    }
}

/// A field of the file said in words: `kpi` → "l'indicateur (kpi)".
fn field_words(field: &str, lang: Lang) -> String {
    let word = match (field, lang) {
        ("id", Lang::Fr) => "l'identifiant",
        ("kpi", Lang::Fr) => "l'indicateur",
        ("period", Lang::Fr) => "la période",
        ("target", Lang::Fr) => "la valeur de l'objectif",
        ("when", Lang::Fr) => "le sens (au-dessus ou en dessous)",
        ("threshold", Lang::Fr) => "le seuil",
        ("id", Lang::En) => "the id",
        ("kpi", Lang::En) => "the indicator",
        ("period", Lang::En) => "the period",
        ("target", Lang::En) => "the target",
        ("when", Lang::En) => "the direction (above or below)",
        ("threshold", Lang::En) => "the threshold",
        (_, Lang::Fr) => "le champ",
        (_, Lang::En) => "the field",
    };
    format!("{word} ({field})")
}

fn fr(e: &SetupError) -> String {
    use SetupError::*;
    let q = |s: &str| format!("«\u{a0}{s}\u{a0}»");
    match e {
        NotALink => "ce lien ne contient pas de configuration.".into(),
        LinkDamaged => "le lien est abîmé (coupé ou modifié en le copiant)\u{202f}: demandez-le à nouveau.".into(),
        LinkTooLarge => "le lien est abîmé ou trop grand.".into(),
        NotJson { line, column } => format!(
            "ce n'est pas un fichier de configuration Cadran (texte illisible ligne {line}, colonne {column})."
        ),
        MissingField { field, line } => format!(
            "il manque {} ligne {line}.",
            field_words(field, Lang::Fr)
        ),
        UnknownWord { word, line } => format!("valeur inconnue {} ligne {line}.", q(word)),
        WrongType { line, column } => format!(
            "une valeur n'a pas le bon type (un nombre à la place d'un texte, ou l'inverse) ligne {line}, colonne {column}."
        ),
        Content(ContentError::Version(v)) => format!(
            "version {v} inconnue\u{202f}: cette version de Cadran lit les versions 1 et 2."
        ),
        Content(ContentError::UnitMissing { id }) => format!(
            "{} donne un nombre sans son unité (en version 2\u{202f}: {{\"value\": 50, \"unit\": \"percent\"}}).",
            q(id)
        ),
        Content(ContentError::WrongUnit { id, unit, expected }) => format!(
            "{} est écrit en {}, son indicateur se mesure en {}.",
            q(id),
            unit_words(*unit, Lang::Fr),
            unit_words(*expected, Lang::Fr)
        ),
        TooMany => "trop d'objectifs et de règles (5\u{a0}000 au plus).".into(),
        UnknownKpi { id, kpi } => format!(
            "l'objectif {} porte sur un indicateur inconnu, {}.",
            q(id),
            q(kpi)
        ),
        BadPeriod { id } => format!("la période de l'objectif {} est illisible.", q(id)),
        BadTarget { id } => format!("la valeur de l'objectif {} n'est pas un nombre.", q(id)),
        BadThreshold { id } => format!(
            "le seuil d'alerte de l'objectif {} doit être entre 0 et 1 (0,9 pour 90\u{202f}%).",
            q(id)
        ),
        TooLong { id } => format!("l'objectif {} est trop long.", q(id)),
        BadRule { id } => format!(
            "la règle d'alerte {} n'est pas valide (indicateur inconnu ou seuil illisible).",
            q(id)
        ),
    }
}

fn en(e: &SetupError) -> String {
    use SetupError::*;
    match e {
        NotALink => "this link holds no set-up.".into(),
        LinkDamaged => "the link is damaged (cut or altered when copied): ask for it again.".into(),
        LinkTooLarge => "the link is damaged or too large.".into(),
        NotJson { line, column } => format!(
            "not a Cadran set-up file (unreadable text at line {line}, column {column})."
        ),
        MissingField { field, line } => {
            format!("{} is missing at line {line}.", field_words(field, Lang::En))
        }
        UnknownWord { word, line } => format!("unknown value “{word}” at line {line}."),
        WrongType { line, column } => format!(
            "a value has the wrong type (a number instead of text, or the reverse) at line {line}, column {column}."
        ),
        Content(ContentError::Version(v)) => {
            format!("unknown version {v}: this version of Cadran reads versions 1 and 2.")
        }
        Content(ContentError::UnitMissing { id }) => format!(
            "“{id}” gives a number without its unit (in version 2: {{\"value\": 50, \"unit\": \"percent\"}})."
        ),
        Content(ContentError::WrongUnit { id, unit, expected }) => format!(
            "“{id}” is written in {}, its indicator is measured in {}.",
            unit_words(*unit, Lang::En),
            unit_words(*expected, Lang::En)
        ),
        TooMany => "too many objectives and rules (5,000 at most).".into(),
        UnknownKpi { id, kpi } => format!("objective “{id}” is about an unknown indicator, “{kpi}”."),
        BadPeriod { id } => format!("the period of objective “{id}” is unreadable."),
        BadTarget { id } => format!("the target of objective “{id}” is not a number."),
        BadThreshold { id } => format!(
            "the alert threshold of objective “{id}” must be between 0 and 1 (0.9 for 90%)."
        ),
        TooLong { id } => format!("objective “{id}” is too long."),
        BadRule { id } => format!(
            "alert rule “{id}” is not valid (unknown indicator or unreadable threshold)."
        ),
    }
}

/// Why a set-up is refused, said after "Configuration refusée :".
pub fn setup_error(e: &SetupError, lang: Lang) -> String {
    match lang {
        Lang::Fr => fr(e),
        Lang::En => en(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objectives::share::parse;

    #[test]
    fn a_missing_field_is_said_in_french_with_its_line() {
        let e = parse(b"{\"version\": 2,\n \"objectives\": [{\"kpi\": \"revenue\"}]}")
            .err()
            .unwrap_or(SetupError::TooMany);
        assert_eq!(
            setup_error(&e, Lang::Fr),
            "il manque l'identifiant (id) ligne 2."
        );
        assert_eq!(
            setup_error(&e, Lang::En),
            "the id (id) is missing at line 2."
        );
    }

    #[test]
    fn a_unit_that_does_not_fit_is_named() {
        let e = SetupError::Content(ContentError::WrongUnit {
            id: "o1".into(),
            unit: TargetUnit::Money,
            expected: TargetUnit::Percent,
        });
        assert_eq!(
            setup_error(&e, Lang::Fr),
            "«\u{a0}o1\u{a0}» est écrit en montant, son indicateur se mesure en pourcentage."
        );
    }
}
