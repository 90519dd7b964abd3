//! Moving the keyboard focus to an element named by its id, now or once the
//! view has caught up (an element that moved or was mounted anew: a pinned
//! card, a table view, a menu).

use wasm_bindgen::JsCast;

/// The element with this id, as one that takes the focus.
fn focusable(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Focuses the element with this id; false when there is none.
pub fn focus_id(id: &str) -> bool {
    focusable(id).is_some_and(|el| el.focus().is_ok())
}

/// Focuses the element with this id after the view's pending updates (a
/// task later): what a click changes is mounted by then.
pub fn focus_id_later(id: String) {
    leptos::prelude::set_timeout(
        move || {
            focus_id(&id);
        },
        std::time::Duration::ZERO,
    );
}

/// Focuses, a task later, the first of these elements still on the page
/// (a group's heading, unless the group went with its last card).
pub fn focus_first_later(ids: Vec<String>) {
    leptos::prelude::set_timeout(
        move || {
            let _ = ids.iter().any(|id| focus_id(id));
        },
        std::time::Duration::ZERO,
    );
}
