//! A KPI card's actions in one menu button (the WAI-ARIA menu button
//! pattern), so that the card is one Tab stop: pin, move up and down, hide,
//! and how the figure is computed. In a grid of cards only one button is in
//! the Tab order (a roving stop); the arrows go from card to card.

use crate::engine::kpi::{Family, KpiDef};
use crate::locale::keyboard::{kt, KeyText};
use crate::locale::{kpi_label, t, Text};
use crate::ui::state::AppState;
use crate::ui::widgets::focus::{focus_first_later, focus_id, focus_id_later};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What an item of the menu does to its card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardAction {
    Pin,
    MoveUp,
    MoveDown,
    Hide,
    Explain,
}

impl CardAction {
    /// The menu's items, in order.
    const ALL: [CardAction; 5] = [
        CardAction::Pin,
        CardAction::MoveUp,
        CardAction::MoveDown,
        CardAction::Hide,
        CardAction::Explain,
    ];

    /// The item's `data-testid` prefix (kept from the buttons the card had).
    fn code(self) -> &'static str {
        match self {
            CardAction::Pin => "pin",
            CardAction::MoveUp => "move-up",
            CardAction::MoveDown => "move-down",
            CardAction::Hide => "hide",
            CardAction::Explain => "explain",
        }
    }
}

/// The id of a card's menu button: where the focus goes back to.
pub fn button_id(kpi: &str) -> String {
    format!("actions-{kpi}")
}

/// The menu's items as elements, in order (its children).
fn items(menu: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let list = menu.children();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component]
pub fn CardMenu(
    def: &'static KpiDef,
    /// The card's group, in order: for the arrows between cards and the move items.
    #[prop(into)]
    siblings: Signal<Vec<&'static str>>,
    /// The card of the group that holds the group's Tab stop.
    current: RwSignal<Option<&'static str>>,
    #[prop(into)] pinned: Signal<bool>,
    #[prop(into)] explained: Signal<bool>,
    /// The ids of what describes the card to a screen reader (value, change, why).
    #[prop(into)]
    described_by: Signal<String>,
    on_action: Callback<CardAction>,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let open = RwSignal::new(false);
    let menu = NodeRef::<leptos::html::Div>::new();
    let id = button_id(def.id);
    let menu_id = format!("menu-{}", def.id);
    // The group's stop: the card last focused, else the first.
    let is_stop = move || {
        let ids = siblings.get();
        let chosen = current.get().filter(|c| ids.contains(c));
        chosen.or_else(|| ids.first().copied()) == Some(def.id)
    };
    // Once open, the focus goes into the menu, on its first item.
    Effect::new(move |_| {
        let (true, Some(m)) = (open.get(), menu.get()) else {
            return;
        };
        if let Some(item) = items(&m).first() {
            let _ = item.focus();
        }
    });
    let close_to_button = {
        let id = id.clone();
        move || {
            open.set(false);
            focus_id(&id);
        }
    };
    // Arrows on the closed button go to the group's other cards, all four
    // of them (on a phone the cards are stacked: up and down are the way);
    // Enter, Space or a click opens the menu.
    let on_button_key = {
        let close_to_button = close_to_button.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let ids = siblings.get_untracked();
            let here = ids.iter().position(|x| *x == def.id);
            let to = match ev.key().as_str() {
                "Escape" if open.get_untracked() => {
                    ev.prevent_default();
                    close_to_button();
                    return;
                }
                "ArrowRight" | "ArrowDown" => {
                    here.map(|i| (i + 1).min(ids.len().saturating_sub(1)))
                }
                "ArrowLeft" | "ArrowUp" => here.map(|i| i.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(ids.len().saturating_sub(1)),
                _ => return,
            };
            ev.prevent_default();
            if let Some(next) = to.and_then(|i| ids.get(i)) {
                current.set(Some(next));
                focus_id(&button_id(next));
            }
        }
    };
    // Inside the open menu: up and down (wrapping), Home and End, Escape.
    let on_menu_key = {
        let close_to_button = close_to_button.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let Some(m) = menu.get_untracked() else {
                return;
            };
            let all = items(&m);
            if all.is_empty() {
                return;
            }
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let here = all
                .iter()
                .position(|el| active.as_ref() == Some(el.unchecked_ref::<web_sys::Element>()));
            let n = all.len();
            let to = match ev.key().as_str() {
                "ArrowDown" => here.map_or(0, |i| (i + 1) % n),
                "ArrowUp" => here.map_or(n - 1, |i| (i + n - 1) % n),
                "Home" => 0,
                "End" => n - 1,
                "Escape" => {
                    ev.prevent_default();
                    ev.stop_propagation();
                    close_to_button();
                    return;
                }
                // Tab leaves the menu, which closes behind it.
                "Tab" => {
                    open.set(false);
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            let _ = all[to].focus();
        }
    };
    // The focus gone elsewhere (a click outside): the menu closes.
    let wrapper = NodeRef::<leptos::html::Span>::new();
    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(wrapper.get_untracked())
            .is_some_and(|(to, w)| w.contains(Some(&to)));
        if !inside {
            open.set(false);
        }
    };
    let act = move |a: CardAction| {
        open.set(false);
        on_action.run(a);
    };
    let label = move |a: CardAction| {
        let l = lang.get();
        match a {
            CardAction::Pin if pinned.get() => ("★", t(l, Text::Unpin)),
            CardAction::Pin => ("☆", t(l, Text::Pin)),
            CardAction::MoveUp => ("↑", t(l, Text::MoveUp)),
            CardAction::MoveDown => ("↓", t(l, Text::MoveDown)),
            CardAction::Hide => ("✕", t(l, Text::Hide)),
            CardAction::Explain => ("?", t(l, Text::HowComputed)),
        }
    };
    // Moving the first card up, or the last down, does nothing: said so.
    let disabled = move |a: CardAction| {
        let ids = siblings.get();
        match a {
            CardAction::MoveUp => ids.first() == Some(&def.id),
            CardAction::MoveDown => ids.last() == Some(&def.id),
            _ => false,
        }
    };
    // Pin and explain are on or off: menu item checkboxes.
    let checked = move |a: CardAction| match a {
        CardAction::Pin => Some(pinned.get()),
        CardAction::Explain => Some(explained.get()),
        _ => None,
    };
    view! {
        <span class="card-actions" node_ref=wrapper on:focusout=on_focus_out>
            <button class="icon card-menu-button" id=id.clone() data-testid=id.clone()
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then(|| menu_id.clone())
                aria-label=move || format!("{} {}", kt(lang.get(), KeyText::ActionsFor), kpi_label(def, lang.get()))
                aria-describedby=move || described_by.get()
                title=move || format!("{} {}", kt(lang.get(), KeyText::ActionsFor), kpi_label(def, lang.get()))
                tabindex=move || if is_stop() { "0" } else { "-1" }
                on:focus=move |_| current.set(Some(def.id))
                on:click=move |_| open.update(|o| *o = !*o)
                on:keydown=on_button_key
            >
                <span aria-hidden="true">"⋯"</span>
            </button>
            <Show when=move || open.get()>
                <div class="card-menu" role="menu" id=format!("menu-{}", def.id) node_ref=menu
                    aria-labelledby=button_id(def.id) on:keydown=on_menu_key.clone()>
                    {CardAction::ALL.into_iter().map(|a| view! {
                        <button class="card-menu-item" tabindex="-1"
                            role=if checked(a).is_some() { "menuitemcheckbox" } else { "menuitem" }
                            aria-checked=move || checked(a).map(|c| c.to_string())
                            aria-disabled=move || disabled(a).then_some("true")
                            data-testid=format!("{}-{}", a.code(), def.id)
                            on:click=move |_| if !disabled(a) { act(a) }>
                            <span class="mark" aria-hidden="true">{move || label(a).0}</span>
                            {move || label(a).1}
                        </button>
                    }).collect_view()}
                </div>
            </Show>
        </span>
    }
}

/// After an action, where the focus goes: the card's button again (found
/// anew where the card moved to), or, for a card hidden, its neighbour; with
/// none, the group's heading, else (the group gone) the family's list of
/// hidden cards, where the card now is.
pub fn focus_after(
    action: CardAction,
    def: &'static KpiDef,
    siblings: &[&'static str],
    heading: &str,
    explained: bool,
) {
    let kpi = def.id;
    match action {
        CardAction::Explain if explained => focus_id_later(format!("explanation-{kpi}")),
        CardAction::Hide => {
            let i = siblings.iter().position(|x| *x == kpi);
            let neighbour = i.and_then(|i| {
                siblings
                    .get(i + 1)
                    .or_else(|| i.checked_sub(1).and_then(|j| siblings.get(j)))
            });
            match neighbour {
                Some(n) => focus_id_later(button_id(n)),
                None => focus_first_later(vec![heading.to_string(), hidden_summary_id(def.family)]),
            }
        }
        _ => focus_id_later(button_id(kpi)),
    }
}

/// The id of a family's "Indicateurs masqués" summary (page.rs).
pub fn hidden_summary_id(family: Family) -> String {
    format!("hidden-summary-{family:?}").to_lowercase()
}
