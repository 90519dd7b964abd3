//! Notices: what the user should know but did nothing wrong to cause — a
//! kept value set aside, a full storage, a cancelled import. Each can be dismissed.

use crate::locale::device::{dt, DeviceText};
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    view! {
        <div class="notices" role="status" aria-live="polite">
            <For each=move || state.notices.get() key=|n| n.id let:n>
                <p class="notice" data-testid="notice">
                    <span>{
                        let (fr, en) = (n.fr.clone(), n.en.clone());
                        move || lang.get().pick(&fr, &en).to_string()
                    }</span>
                    <button
                        class="button subtle"
                        aria-label=move || dt(lang.get(), DeviceText::Dismiss)
                        on:click=move |_| state.notices.update(|all| all.retain(|x| x.id != n.id))
                    >"×"</button>
                </p>
            </For>
            <Show when=move || state.private.get()>
                <p class="notice private" data-testid="private-notice">{move || dt(lang.get(), DeviceText::PrivateOn)}</p>
            </Show>
        </div>
    }
}
