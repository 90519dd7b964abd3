//! The words a keyboard or screen reader user meets on the dashboard: the
//! skip link, the cards' actions menus, the charts' table views.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyText {
    /// The skip link at the top of the page.
    SkipToIndicators,
    /// The skip link of the other pages: to the page's own content.
    SkipToContent,
    /// A card's menu button, before the KPI's name.
    ActionsFor,
    /// How to go from card to card in a grid of KPIs (its description).
    CardsHint,
    /// Said after a chart's title in its table view's caption.
    TableWord,
}

pub fn kt(lang: Lang, key: KeyText) -> &'static str {
    use KeyText::*;
    let (fr, en) = match key {
        SkipToIndicators => ("Aller aux indicateurs", "Skip to the indicators"),
        SkipToContent => ("Aller au contenu", "Skip to the content"),
        ActionsFor => ("Actions pour", "Actions for"),
        CardsHint => (
            "Flèches\u{202f}: indicateur précédent ou suivant\u{202f}; Entrée\u{202f}: ses actions.",
            "Arrows: previous or next indicator; Enter: its actions.",
        ),
        TableWord => ("tableau", "table"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}
