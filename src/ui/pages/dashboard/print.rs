//! The printed dashboard: a header naming the report — the data, the
//! period, the comparison, the filters — shown on paper only (the screen has
//! the filter bar), and the charts redrawn at the page's width while the
//! browser prints (style/main.css, `@media print`, lays the page out).

use crate::engine::Field;
use crate::locale::{
    colon, comparison_words, demo_data, field_label, no_filter, period_words, print_line,
    print_title, semicolon, PrintLine,
};
use crate::ui::state::AppState;
use crate::ui::widgets::chart::{screen_theme, theme_dashboard_charts};
use crate::ui::worker_client::demo_in_use;
use crate::view::PeriodChoice;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A chart's size on paper, in CSS pixels: the width of an A4 page inside
/// its 12 mm margins (186 mm) and a height that puts three charts on a page.
/// style/main.css gives `.chart` the same size in print.
const PRINT_WIDTH: f64 = 186.0 * 96.0 / 25.4;
const PRINT_HEIGHT: f64 = 68.0 * 96.0 / 25.4;

#[wasm_bindgen]
extern "C" {
    /// `echarts.getInstanceByDom(element)`: the chart drawn in it, if any.
    #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom)]
    fn chart_in(el: &web_sys::Element) -> Option<charming::Echarts>;
}

/// Redraws every chart of the dashboard at the paper's size (`true`), or
/// back at its box's size on screen. A canvas is a picture of the size it
/// was drawn at: scaled by the page it would print blurred or cut.
fn fit_charts(for_print: bool) {
    let loaded = js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false);
    if !loaded {
        return;
    }
    // A size given once sticks to the chart: `auto` gives it back its box's.
    let (width, height): (JsValue, JsValue) = if for_print {
        (PRINT_WIDTH.round().into(), PRINT_HEIGHT.round().into())
    } else {
        ("auto".into(), "auto".into())
    };
    let size = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&size, &"width".into(), &width);
    let _ = js_sys::Reflect::set(&size, &"height".into(), &height);
    let size: JsValue = size.into();
    // Paper is light whatever the screen's scheme: the charts too.
    theme_dashboard_charts(if for_print { "default" } else { screen_theme() });
    let charts = document().get_elements_by_class_name("chart");
    for i in 0..charts.length() {
        if let Some(ec) = charts.item(i).and_then(|el| chart_in(&el)) {
            ec.resize(size.clone());
            // ECharts lays a resized chart out on the next frame, and the
            // browser prints before it: draw it now.
            let zr = call(&ec, "getZr");
            call(&zr, "refreshImmediately");
        }
    }
}

/// `object.method()`; `undefined` when there is no such method.
fn call(object: &JsValue, method: &str) -> JsValue {
    js_sys::Reflect::get(object, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(object).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

#[component]
pub fn PrintHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let before = window_event_listener_untyped("beforeprint", |_| fit_charts(true));
    let after = window_event_listener_untyped("afterprint", |_| fit_charts(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    // The files' names and the filters' values are the data's words,
    // marked as such (`data-from-file`); the sentence around them is ours.
    let files = move || {
        state.tables.with(|t| {
            t.iter()
                .map(|x| x.info.summary.file.clone())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let data = move || {
        if demo_in_use(state) {
            demo_data(lang.get()).into_any()
        } else {
            view! { <span data-from-file="">{files}</span> }.into_any()
        }
    };
    let period = move || {
        let preset = state.view.with(|v| match v.period {
            PeriodChoice::Preset(p) => Some(p),
            _ => None,
        });
        state.report.with(|r| {
            r.period
                .as_ref()
                .map(|p| period_words(preset, &p.from, &p.to, lang.get()))
        })
    };
    let comparison =
        move || comparison_words(state.view.with(|v| v.compare.comparison()), lang.get());
    // The filters applied: those on a field the data has (the others are not).
    let applied = move || -> Vec<(Field, String)> {
        state.filter_options.with(|options| {
            state.view.with(|v| {
                v.filters
                    .iter()
                    .filter(|(f, values)| options.contains_key(f) && !values.is_empty())
                    .map(|(f, values)| (*f, values.join(", ")))
                    .collect()
            })
        })
    };
    let filters = move || {
        let l = lang.get();
        let applied = applied();
        if applied.is_empty() {
            return no_filter(l).into_any();
        }
        applied
            .into_iter()
            .enumerate()
            .map(|(i, (field, values))| {
                view! {
                    {(i > 0).then(|| semicolon(l))}
                    {field_label(field, l)}{colon(l)}<span data-from-file="">{values}</span>
                }
            })
            .collect_view()
            .into_any()
    };
    let name = move |which: PrintLine| {
        view! { <strong>{move || print_line(which, lang.get())}{move || colon(lang.get())}</strong> }
    };
    view! {
        <header class="print-header" data-testid="print-header">
            <h2>{move || print_title(lang.get())}</h2>
            <p data-testid="print-data">{name(PrintLine::Data)}{data}</p>
            <p data-testid="print-period">{name(PrintLine::Period)}{move || period().unwrap_or_default()}</p>
            <p data-testid="print-comparison">{name(PrintLine::Comparison)}{comparison}</p>
            <p data-testid="print-filters">{name(PrintLine::Filters)}{filters}</p>
        </header>
    }
}
