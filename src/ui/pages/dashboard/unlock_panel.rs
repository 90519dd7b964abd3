//! The one "À débloquer" panel, folded at the end of the dashboard: what
//! more data would unlock, grouped by the file or column it needs.

use super::fit::{locked_groups, Locked};
use crate::locale::{chart_title, kpi_label, t, Text};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The one panel of what more data would unlock, folded.
#[component]
pub fn UnlockPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let groups = Memo::new(move |_| {
        let columns = state.filter_options.get();
        state.report.with(|r| locked_groups(r, &columns))
    });
    let count = move || groups.with(|g| g.iter().map(|(_, items)| items.len()).sum::<usize>());
    view! {
        <Show when=move || { count() > 0 }>
            <details class="unlock-panel" data-testid="unlock-panel">
                <summary>
                    <h2>{move || t(lang.get(), Text::ToUnlock)}" ("{count}")"</h2>
                </summary>
                <ul>
                    {move || groups.get().into_iter().map(|(lack, items)| {
                        let l = lang.get();
                        view! {
                            <li class="unlock-group">
                                <p class="unlock-why">{lack.said(l)}</p>
                                <ul class="unlock-items">
                                    {items.into_iter().map(|item| match item {
                                        Locked::Kpi(d) => view! {
                                            <li data-testid=format!("kpi-unavailable-{}", d.id)>{kpi_label(d, l)}</li>
                                        }.into_any(),
                                        Locked::Chart(c) => view! {
                                            <li class="unlock-chart" data-testid=format!("unlock-chart-{c}")>{chart_title(c, l)}" ("{t(l, Text::ChartWordInList)}")"</li>
                                        }.into_any(),
                                    }).collect_view()}
                                </ul>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </Show>
    }
}
