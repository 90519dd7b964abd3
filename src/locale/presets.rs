//! The filter bar's period presets in words.

use super::Lang;
use crate::engine::kpi::Preset;

pub fn preset_label(p: Preset, lang: Lang) -> &'static str {
    let (fr, en) = match p {
        Preset::ThisMonth => ("Ce mois-ci", "This month"),
        Preset::LastMonth => ("Le mois dernier", "Last month"),
        Preset::ThisQuarter => ("Ce trimestre", "This quarter"),
        Preset::LastQuarter => ("Le trimestre dernier", "Last quarter"),
        Preset::ThisYear => ("Cette année", "This year"),
        Preset::LastYear => ("L'année dernière", "Last year"),
        Preset::Last12Months => ("12 derniers mois", "Last 12 months"),
        Preset::YearToDate => ("Depuis le 1er janvier", "Year to date"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}
