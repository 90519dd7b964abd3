//! The engine's own words among a breakdown's keys (`(none)`, `not due`,
//! `promoters`, `1-3 d`): kept as they are in the JSON report, a contract,
//! and put in the user's language on screen. Other keys are the data's
//! (a rep, a region, a stage) or months, and are shown as they are.

use super::{month_label, Lang};
use crate::engine::kpi::BreakdownId;

/// A row whose key the data left empty: no region, no customer, no stage.
const NONE_KEY: &str = "(none)";

/// The engine's word for a row of `breakdown` in the user's language;
/// `None` when `key` is a value of the data.
pub fn breakdown_key(breakdown: BreakdownId, key: &str, lang: Lang) -> Option<&'static str> {
    let (fr, en) = match (breakdown, key) {
        (_, NONE_KEY) => ("(non renseigné)", "(none)"),
        (BreakdownId::NpsBreakdown, "promoters") => ("Promoteurs", "Promoters"),
        (BreakdownId::NpsBreakdown, "passives") => ("Passifs", "Passives"),
        (BreakdownId::NpsBreakdown, "detractors") => ("Détracteurs", "Detractors"),
        (BreakdownId::ReceivablesAging, "not due") => ("Non échu", "Not due"),
        // Ranges with an en dash, as typography wants, and so that a
        // spreadsheet never reads `8-14` as a date (14 August).
        (BreakdownId::ReceivablesAging, "1-30") => ("1–30\u{a0}j", "1–30 d"),
        (BreakdownId::ReceivablesAging, "31-60") => ("31–60\u{a0}j", "31–60 d"),
        (BreakdownId::ReceivablesAging, "61-90") => ("61–90\u{a0}j", "61–90 d"),
        (BreakdownId::ReceivablesAging, ">90") => ("> 90\u{a0}j", "> 90 d"),
        (BreakdownId::LeadResponseDistribution, "1-4 h") => ("1–4\u{a0}h", "1–4 h"),
        (BreakdownId::LeadResponseDistribution, "4-24 h") => ("4–24\u{a0}h", "4–24 h"),
        (BreakdownId::LeadResponseDistribution, "1-3 d") => ("1–3\u{a0}j", "1–3 d"),
        (BreakdownId::LeadResponseDistribution, "> 3 d") => ("> 3\u{a0}j", "> 3 d"),
        (BreakdownId::SalesCycleDistribution, "0-7") => ("0–7", "0–7"),
        (BreakdownId::SalesCycleDistribution, "8-14") => ("8–14", "8–14"),
        (BreakdownId::SalesCycleDistribution, "15-30") => ("15–30", "15–30"),
        (BreakdownId::SalesCycleDistribution, "31-60") => ("31–60", "31–60"),
        (BreakdownId::SalesCycleDistribution, "61-90") => ("61–90", "61–90"),
        (BreakdownId::SalesCycleDistribution, "91-180") => ("91–180", "91–180"),
        (BreakdownId::SalesCycleDistribution, ">180") => ("> 180", "> 180"),
        _ => return None,
    };
    Some(match lang {
        Lang::Fr => fr,
        Lang::En => en,
    })
}

/// Whether every key of `breakdown` is the engine's (buckets, groups),
/// none the data's.
pub fn engine_keys(breakdown: BreakdownId) -> bool {
    matches!(
        breakdown,
        BreakdownId::NpsBreakdown
            | BreakdownId::ReceivablesAging
            | BreakdownId::LeadResponseDistribution
            | BreakdownId::SalesCycleDistribution
    )
}

/// A breakdown row's key as a chart or a table shows it: the engine's words
/// translated, months named, the data's values as they are.
pub fn key_text(breakdown: BreakdownId, key: &str, lang: Lang) -> String {
    breakdown_key(breakdown, key, lang).map_or_else(|| month_label(key, lang), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_words_in_each_language() {
        let fr = |b, k| breakdown_key(b, k, Lang::Fr);
        assert_eq!(
            fr(BreakdownId::NpsBreakdown, "promoters"),
            Some("Promoteurs")
        );
        assert_eq!(fr(BreakdownId::NpsBreakdown, "passives"), Some("Passifs"));
        assert_eq!(
            fr(BreakdownId::NpsBreakdown, "detractors"),
            Some("Détracteurs")
        );
        assert_eq!(
            fr(BreakdownId::ReceivablesAging, "not due"),
            Some("Non échu")
        );
        assert_eq!(
            fr(BreakdownId::ReceivablesAging, ">90"),
            Some("> 90\u{a0}j")
        );
        assert_eq!(
            fr(BreakdownId::LeadResponseDistribution, "1-3 d"),
            Some("1–3\u{a0}j")
        );
        assert_eq!(
            fr(BreakdownId::RevenueByRegion, "(none)"),
            Some("(non renseigné)")
        );
        assert_eq!(
            breakdown_key(BreakdownId::ReceivablesAging, "not due", Lang::En),
            Some("Not due")
        );
        assert_eq!(
            breakdown_key(BreakdownId::PipelineByStage, "(none)", Lang::En),
            Some("(none)")
        );
    }

    #[test]
    fn the_datas_values_stay_as_they_are() {
        // A region called "promoters" is the data's word, not the NPS group.
        assert_eq!(
            breakdown_key(BreakdownId::RevenueByRegion, "promoters", Lang::Fr),
            None
        );
        assert_eq!(
            key_text(BreakdownId::RevenueByRep, "Ann Lee", Lang::Fr),
            "Ann Lee"
        );
        assert_eq!(
            key_text(BreakdownId::RevenueByMonth, "2024-03", Lang::Fr),
            "mars 2024"
        );
        assert_eq!(
            key_text(BreakdownId::NpsBreakdown, "promoters", Lang::En),
            "Promoters"
        );
        // Bins that read the same in both languages.
        assert_eq!(
            key_text(BreakdownId::LeadResponseDistribution, "< 1 h", Lang::Fr),
            "< 1 h"
        );
        // Ranges with an en dash: `8-14` would be a date to a spreadsheet.
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(
                key_text(BreakdownId::SalesCycleDistribution, "8-14", lang),
                "8–14"
            );
        }
        assert_eq!(
            key_text(BreakdownId::ReceivablesAging, "1-30", Lang::En),
            "1–30 d"
        );
    }
}
