//! The import step of one file: what was read (encoding, delimiter, rows,
//! warnings with their lines), the detected kind, and which column is which
//! field — each correctable — with a preview of the first rows.

use crate::engine::{Field, Kind};
use crate::locale::{
    colon, column_field_label, column_type_label, field_label, format_number, grain_sentence,
    kind_label, t, take_sheet, warning, Text,
};
use crate::ui::state::AppState;
use crate::ui::worker_client;
use crate::worker::protocol::TableInfo;
use leptos::prelude::*;

fn with_pending<R>(state: AppState, id: u32, f: impl FnOnce(&TableInfo) -> R) -> Option<R> {
    state
        .pending
        .with(|p| p.iter().find(|x| x.id == id).map(|x| f(&x.info)))
}

/// Sets `column` to `field` (or to nothing), keeping the other choices; the
/// engine answers with the updated summary.
fn choose(state: AppState, id: u32, column: &str, field: Option<Field>) {
    let Some(mut m) = with_pending(state, id, |info| info.mapping.clone()) else {
        return;
    };
    m.fields.retain(|_, c| c != column);
    if let Some(f) = field {
        m.fields.insert(f, column.to_string());
    }
    worker_client::set_mapping(id, m);
}

#[component]
pub fn MappingEditor(id: u32) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let summary = move || with_pending(state, id, |info| info.summary.clone());
    let kind = move || with_pending(state, id, |info| info.mapping.kind).unwrap_or(Kind::Unknown);
    let complete = move || with_pending(state, id, |info| info.mapping.complete()).unwrap_or(false);
    view! {
        <article class="mapping" data-testid="mapping-editor">
            {move || summary().map(|s| {
                let l = lang.get();
                let delimiter = if s.delimiter == "\t" { t(l, Text::Tab).to_string() } else { s.delimiter.clone() };
                let mut facts = format!(
                    "{} {} · {} {}",
                    format_number(s.rows as f64, 0, l), t(l, Text::Rows),
                    format_number(s.ignored_rows as f64, 0, l), t(l, Text::Ignored),
                );
                // A sheet's encoding and delimiter are those of the text it
                // was written as, not the user's file's.
                if worker_client::sheet_of(id).is_none() {
                    facts.push_str(&format!(
                        " · {}{c}{} · {}{c}{delimiter}",
                        t(l, Text::Encoding), s.encoding.name(),
                        t(l, Text::Delimiter),
                        c = colon(l),
                    ));
                }
                view! {
                    <h4 class="file-name" data-from-file="">{s.file.clone()}</h4>
                    <p class="file-facts" data-testid="import-summary">{facts}</p>
                    <ul class="warnings">
                        {s.warnings.iter().map(|w| {
                            let line = w.line.map(|n| format!(" (l. {n})")).unwrap_or_default();
                            view! { <li>{warning(l, w)}{line}</li> }
                        }).collect_view()}
                    </ul>
                }
            })}
            {worker_client::sheet_of(id).map(|sheet| {
                let taken = move || state.pending.with(|p| p.iter().any(|x| x.id == id && x.take));
                view! {
                    <p class="take-sheet"><label>
                        <input
                            type="checkbox"
                            data-testid="take-sheet"
                            prop:checked=taken
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                state.pending.update(|p| {
                                    if let Some(x) = p.iter_mut().find(|x| x.id == id) {
                                        x.take = on;
                                    }
                                });
                            }
                        />
                        " "{move || take_sheet(lang.get(), &sheet)}
                    </label></p>
                }
            })}
            <label class="kind-select">
                {move || t(lang.get(), Text::Kind)}" "
                <select
                    data-testid="kind-select"
                    prop:value=move || kind().name()
                    on:change=move |ev| {
                        let k = Kind::from_name(&event_target_value(&ev));
                        worker_client::remap(id, k);
                    }
                >
                    {Kind::ALL.iter().chain([Kind::Unknown].iter()).map(|&k| view! {
                        <option value=k.name()>{move || kind_label(k, lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            {move || with_pending(state, id, |info| info.summary.grain.clone()).flatten().map(|g| view! {
                <p class="grain" data-testid="import-grain">{move || grain_sentence(&g, lang.get())}</p>
            })}
            <Show when=move || !complete()>
                <p class="error" role="alert">{move || t(lang.get(), Text::MappingIncomplete)}</p>
            </Show>
            <div class="table-scroll">
                <table class="data-table mapping-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t(lang.get(), Text::Column)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Type)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Field)}</th>
                            <th scope="col">{move || t(lang.get(), Text::Preview)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let (k, l) = (kind(), lang.get());
                            summary().map(|s| s.columns.iter().enumerate().map(|(i, c)| {
                                let name = c.name.clone();
                                let said = column_field_label(&c.name, l);
                                let current = c.field.map(|f| f.name()).unwrap_or_default();
                                let sample: Vec<String> = s.preview.iter().filter_map(|r| r.get(i).cloned()).take(3).collect();
                                let type_name = column_type_label(c.column_type, l);
                                view! {
                                    <tr>
                                        <th scope="row" data-from-file="">{c.name.clone()}</th>
                                        <td>{type_name}</td>
                                        <td>
                                            <select
                                                data-testid=format!("field-{i}")
                                                aria-label=said
                                                prop:value=current.clone()
                                                on:change=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    let f: Option<Field> = serde_json::from_value(serde_json::Value::String(v)).ok();
                                                    let col = name.clone();
                                                    choose(state, id, &col, f);
                                                }
                                            >
                                                <option value="">"—"</option>
                                                {k.fields().iter().map(|f| view! {
                                                    <option value=f.name()>{field_label(*f, l)}</option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                        <td class="preview" data-from-file="">{sample.join(" · ")}</td>
                                    </tr>
                                }
                            }).collect_view())
                        }}
                    </tbody>
                </table>
            </div>
        </article>
    }
}
