//! An ECharts canvas for a `charming::Chart`, with a table view as its text
//! alternative. The chart is (re)drawn by an effect: ECharts is the outside world.

use crate::locale::{t, Lang, Text};
use charming::{Chart, WasmRenderer};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The rows of the text alternative: (label, formatted value).
pub type TableRows = Vec<(String, String)>;

#[wasm_bindgen]
extern "C" {
    /// `echarts.getInstanceByDom(el)?.dispose()` done from Rust.
    #[wasm_bindgen(js_namespace = echarts, js_name = dispose)]
    fn dispose_chart(el: &web_sys::Element);
}

/// A chart with a heading, a table toggle, and a message when there is no data.
#[component]
pub fn ChartPanel(
    /// Unique in the page: ECharts mounts on the element with this id.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] chart: Signal<Option<Chart>>,
    #[prop(into)] rows: Signal<TableRows>,
    #[prop(into)] header: Signal<(String, String)>,
) -> impl IntoView {
    let lang = expect_context::<super::AppState>().lang;
    let as_table = RwSignal::new(false);
    let instance: Rc<RefCell<Option<charming::Echarts>>> = Rc::new(RefCell::new(None));
    let inst = instance.clone();
    Effect::new(move |_| {
        let chart = chart.get();
        let hidden = as_table.get();
        let Some(chart) = chart.filter(|_| !hidden) else {
            *inst.borrow_mut() = None;
            return;
        };
        let mut current = inst.borrow_mut();
        match current.as_ref() {
            Some(ec) => WasmRenderer::update(ec, &chart),
            None => match WasmRenderer::new_opt(None, None).render(id, &chart) {
                Ok(ec) => *current = Some(ec),
                Err(e) => leptos::logging::warn!("chart {id}: {e}"),
            },
        }
    });
    // Charts follow the window's size.
    let inst = instance.clone();
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(ec) = inst.borrow().as_ref() {
            ec.resize(JsValue::UNDEFINED);
        }
    });
    on_cleanup(move || {
        handle.remove();
        if let Some(el) = document().get_element_by_id(id) {
            dispose_chart(&el);
        }
    });
    let has_data = move || chart.with(Option::is_some);
    view! {
        <figure class="chart-panel" data-testid=format!("chart-{id}")>
            <figcaption>
                <h3>{move || title.get()}</h3>
                <button
                    class="button subtle"
                    aria-pressed=move || as_table.get().to_string()
                    on:click=move |_| as_table.update(|v| *v = !*v)
                >
                    {move || t(lang.get(), if as_table.get() { Text::ShowChart } else { Text::ShowTable })}
                </button>
            </figcaption>
            <Show
                when=has_data
                fallback=move || view! { <p class="no-data">{move || t(lang.get(), Text::ChartNoData)}</p> }
            >
                <Show
                    when=move || as_table.get()
                    fallback=move || view! { <div id=id class="chart" role="img" aria-label=move || title.get()></div> }
                >
                    <DataTable rows=rows header=header/>
                </Show>
            </Show>
        </figure>
    }
}

#[component]
fn DataTable(rows: Signal<TableRows>, header: Signal<(String, String)>) -> impl IntoView {
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{move || header.get().0}</th>
                    <th scope="col" class="num">{move || header.get().1}</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|(k, v)| view! { <tr><th scope="row">{k}</th><td class="num">{v}</td></tr> })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

/// Title helper: a text in the current language as a signal.
pub fn text_signal(lang: RwSignal<Lang>, key: Text) -> Signal<String> {
    Signal::derive(move || t(lang.get(), key).to_string())
}
