//! The words of the objectives page and of a card's objective line that
//! are not in `text.rs`: kept apart so that this page's changes stay here.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectiveText {
    /// Where the actual should be by now, as a share of the target.
    Pace,
    RangeFrom,
    RangeTo,
    PreviewTitle,
    UnreadCells,
}

pub fn objective_text(lang: Lang, key: ObjectiveText) -> &'static str {
    use ObjectiveText::*;
    let (fr, en) = match key {
        Pace => ("rythme", "pace"),
        RangeFrom => ("ou du", "or from"),
        RangeTo => ("au", "to"),
        PreviewTitle => (
            "Configuration reçue\u{202f}: vérifiez-la avant de l'appliquer",
            "Set-up received: check it before applying it",
        ),
        UnreadCells => ("Valeurs illisibles pour", "Unreadable values for"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}
