//! The engine's own words among a breakdown's keys (`(none)`, `not due`,
//! `promoters`, `1-3 d`): kept as they are in the JSON report, a contract,
//! and put in the user's language on screen. Other keys are the data's
//! (a rep, a region, a stage) or months, and are shown as they are.

use super::{month_label, Lang};

/// A row whose key the data left empty: no region, no customer, no stage.
const NONE_KEY: &str = "(none)";

/// The engine's word for a row of `breakdown` in the user's language;
/// `None` when `key` is a value of the data.
pub fn breakdown_key(breakdown: &str, key: &str, lang: Lang) -> Option<&'static str> {
    let (fr, en) = match (breakdown, key) {
        (_, NONE_KEY) => ("(non renseigné)", "(none)"),
        ("nps_breakdown", "promoters") => ("Promoteurs", "Promoters"),
        ("nps_breakdown", "passives") => ("Passifs", "Passives"),
        ("nps_breakdown", "detractors") => ("Détracteurs", "Detractors"),
        ("receivables_aging", "not due") => ("Non échu", "Not due"),
        ("receivables_aging", "1-30") => ("1-30\u{a0}j", "1-30 d"),
        ("receivables_aging", "31-60") => ("31-60\u{a0}j", "31-60 d"),
        ("receivables_aging", "61-90") => ("61-90\u{a0}j", "61-90 d"),
        ("receivables_aging", ">90") => ("> 90\u{a0}j", "> 90 d"),
        ("lead_response_distribution", "1-3 d") => ("1-3\u{a0}j", "1-3 d"),
        ("lead_response_distribution", "> 3 d") => ("> 3\u{a0}j", "> 3 d"),
        _ => return None,
    };
    Some(match lang {
        Lang::Fr => fr,
        Lang::En => en,
    })
}

/// Whether every key of `breakdown` is the engine's (buckets, groups),
/// none the data's.
pub fn engine_keys(breakdown: &str) -> bool {
    matches!(
        breakdown,
        "nps_breakdown"
            | "receivables_aging"
            | "lead_response_distribution"
            | "sales_cycle_distribution"
    )
}

/// A breakdown row's key as a chart or a table shows it: the engine's words
/// translated, months named, the data's values as they are.
pub fn key_text(breakdown: &str, key: &str, lang: Lang) -> String {
    breakdown_key(breakdown, key, lang).map_or_else(|| month_label(key, lang), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_words_in_each_language() {
        let fr = |b, k| breakdown_key(b, k, Lang::Fr);
        assert_eq!(fr("nps_breakdown", "promoters"), Some("Promoteurs"));
        assert_eq!(fr("nps_breakdown", "passives"), Some("Passifs"));
        assert_eq!(fr("nps_breakdown", "detractors"), Some("Détracteurs"));
        assert_eq!(fr("receivables_aging", "not due"), Some("Non échu"));
        assert_eq!(fr("receivables_aging", ">90"), Some("> 90\u{a0}j"));
        assert_eq!(
            fr("lead_response_distribution", "1-3 d"),
            Some("1-3\u{a0}j")
        );
        assert_eq!(fr("revenue_by_region", "(none)"), Some("(non renseigné)"));
        assert_eq!(
            breakdown_key("receivables_aging", "not due", Lang::En),
            Some("Not due")
        );
        assert_eq!(
            breakdown_key("pipeline_by_stage", "(none)", Lang::En),
            Some("(none)")
        );
    }

    #[test]
    fn the_datas_values_stay_as_they_are() {
        // A region called "promoters" is the data's word, not the NPS group.
        assert_eq!(
            breakdown_key("revenue_by_region", "promoters", Lang::Fr),
            None
        );
        assert_eq!(key_text("revenue_by_rep", "Ann Lee", Lang::Fr), "Ann Lee");
        assert_eq!(
            key_text("revenue_by_month", "2024-03", Lang::Fr),
            "mars 2024"
        );
        assert_eq!(
            key_text("nps_breakdown", "promoters", Lang::En),
            "Promoters"
        );
        // Bins that read the same in both languages.
        assert_eq!(
            key_text("lead_response_distribution", "< 1 h", Lang::Fr),
            "< 1 h"
        );
        assert_eq!(
            key_text("sales_cycle_distribution", "8-14", Lang::Fr),
            "8-14"
        );
    }
}
