//! What the readers of typed numbers and periods say when they refuse one.

use super::number::NumberError;
use super::period::PeriodError;
use super::target::{trimmed, TargetError};
use crate::locale::Lang;

/// A refused target, threshold or number, in the user's language.
pub fn target_error(e: TargetError, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match e {
        TargetError::Number(NumberError::Empty) => {
            if fr { "Tapez un nombre." } else { "Type a number." }.into()
        }
        TargetError::Number(NumberError::NotANumber) => if fr {
            "Nombre illisible\u{202f}: écrivez par exemple 12\u{a0}000\u{a0}000, 12\u{a0}M€, 250\u{a0}k€ ou 45\u{202f}%."
        } else {
            "Unreadable number: write for example 12,000,000, €12M, €250k or 45%."
        }
        .into(),
        TargetError::Number(NumberError::PercentAndMoney) => if fr {
            "Un nombre est en % ou en monnaie, pas les deux."
        } else {
            "A number is in % or in money, not both."
        }
        .into(),
        TargetError::FractionForRate { percent } => {
            let n = trimmed(percent, 2, lang);
            if fr {
                format!("Un taux se tape en pourcentage\u{202f}: pour {n}\u{202f}%, tapez {n}.")
            } else {
                format!("A rate is typed as a percentage: for {n}%, type {n}.")
            }
        }
        TargetError::PercentForAmount => if fr {
            "Cet indicateur n'est pas un taux\u{202f}: tapez un nombre sans %, par exemple 12\u{a0}M€ ou 2\u{a0}000."
        } else {
            "This indicator is not a rate: type a number without %, e.g. €12M or 2,000."
        }
        .into(),
        TargetError::MoneyForRate => if fr {
            "Cet indicateur est un taux\u{202f}: tapez un pourcentage, par exemple 45\u{202f}%."
        } else {
            "This indicator is a rate: type a percentage, e.g. 45%."
        }
        .into(),
        TargetError::MoneyForCount => if fr {
            "Cet indicateur n'est pas un montant\u{202f}: tapez un nombre sans devise."
        } else {
            "This indicator is not an amount: type a number without a currency."
        }
        .into(),
    }
}

/// A refused period, in the user's language.
pub fn period_error(e: PeriodError, lang: Lang) -> &'static str {
    match (e, lang) {
        (PeriodError::EndBeforeStart, Lang::Fr) => "La fin de la période précède son début.",
        (PeriodError::EndBeforeStart, Lang::En) => "The period ends before it starts.",
        (_, Lang::Fr) => "Période illisible\u{202f}: écrivez T4\u{a0}2025, mars\u{a0}2025, 2025 ou 01/10/2025\u{a0}-\u{a0}31/12/2025.",
        (_, Lang::En) => "Unreadable period: write Q4 2025, March 2025, 2025 or 2025-10-01..2025-12-31.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fraction_for_a_rate_says_what_to_type() {
        let e = TargetError::FractionForRate { percent: 45.0 };
        assert_eq!(
            target_error(e, Lang::Fr),
            "Un taux se tape en pourcentage\u{202f}: pour 45\u{202f}%, tapez 45."
        );
        assert_eq!(
            target_error(e, Lang::En),
            "A rate is typed as a percentage: for 45%, type 45."
        );
        let e = TargetError::FractionForRate { percent: 12.5 };
        assert!(target_error(e, Lang::Fr).contains("pour 12,5\u{202f}%, tapez 12,5."));
    }

    #[test]
    fn periods_refused_in_each_language() {
        assert!(period_error(PeriodError::Unreadable, Lang::Fr).contains("T4\u{a0}2025"));
        assert!(period_error(PeriodError::Unreadable, Lang::En).contains("Q4 2025"));
    }
}
