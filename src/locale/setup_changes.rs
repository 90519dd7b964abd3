//! What importing a set-up (a file or a link from the team) will change,
//! said before the user confirms it.

use super::Lang;

/// The counts behind the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetupChanges {
    /// Objectives with an id the current set-up lacks.
    pub added: usize,
    /// Objectives that replace one with the same id.
    pub replaced: usize,
    pub rules: usize,
    pub mappings: usize,
    /// The set-up carries settings, which replace the current ones.
    pub settings: bool,
}

pub fn setup_changes(c: SetupChanges, lang: Lang) -> String {
    let SetupChanges {
        added,
        replaced,
        rules,
        mappings,
        settings,
    } = c;
    match lang {
        Lang::Fr => format!(
            "{added} objectif(s) ajouté(s), {replaced} remplacé(s), {rules} règle(s) d'alerte, {mappings} correspondance(s) de colonnes{}.",
            if settings { ", réglages remplacés" } else { "" }
        ),
        Lang::En => format!(
            "{added} objective(s) added, {replaced} replaced, {rules} alert rule(s), {mappings} column mapping(s){}.",
            if settings { ", settings replaced" } else { "" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_settings_in_each_language() {
        let c = SetupChanges {
            added: 2,
            replaced: 1,
            rules: 0,
            mappings: 3,
            settings: true,
        };
        assert_eq!(
            setup_changes(c, Lang::Fr),
            "2 objectif(s) ajouté(s), 1 remplacé(s), 0 règle(s) d'alerte, 3 correspondance(s) de colonnes, réglages remplacés."
        );
        let c = SetupChanges {
            settings: false,
            ..c
        };
        assert_eq!(
            setup_changes(c, Lang::En),
            "2 objective(s) added, 1 replaced, 0 alert rule(s), 3 column mapping(s)."
        );
    }
}
