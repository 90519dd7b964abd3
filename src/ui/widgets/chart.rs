//! ECharts in the page: loaded on demand, one instance per canvas, the
//! options given with number formatters written the user's way, drawings
//! queued one per task, a PNG of a chart. Used by the dashboard's charts and
//! the objectives page's gauges and curves.

use crate::charts::{echarts_options, marker_unit, UNITS};
use crate::engine::report::Unit;
use crate::locale::{format_axis, format_value, Lang};
use crate::ui::state::{AppState, Progress};
use crate::worker::protocol::Phase;
use charming::component::{Axis, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::{Bar, Line};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = echarts, js_name = dispose)]
    fn dispose_chart(el: &web_sys::Element);
    /// `echarts.init(element)`. Not charming's `WasmRenderer::render`, which
    /// serialises a first (empty) chart through serde-wasm-bindgen: a second
    /// copy of every chart type's serialisation in the module (~30 kB gzip).
    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn echarts_init(el: &web_sys::Element) -> charming::Echarts;
    /// `echarts.init(element, theme)`, a theme by its name (`dark` is built in).
    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn echarts_init_themed(el: &web_sys::Element, theme: &str) -> charming::Echarts;
    /// `echarts.getInstanceByDom(element)`: the chart drawn in it, if any.
    #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom)]
    fn chart_in(el: &web_sys::Element) -> Option<charming::Echarts>;
    /// Loads ECharts once (`public/app.js`); the promise settles when `window.echarts` is there.
    #[wasm_bindgen(js_name = cadranLoadECharts)]
    fn load_echarts() -> js_sys::Promise;
    /// Fetches ECharts without running it (`public/app.js`).
    #[wasm_bindgen(js_name = cadranFetchECharts)]
    fn fetch_echarts();
}

/// Whether ECharts has loaded: it comes on demand, not with the first visit.
fn echarts_loaded() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false)
}

/// Starts fetching ECharts ahead of the first chart (a file is being
/// read): the download overlaps the reading.
fn prefetch_charts() {
    if !echarts_loaded() {
        fetch_echarts();
    }
}

/// A fresh ECharts instance in the element with this id, the one there before disposed of.
pub fn new_chart(id: &str) -> Option<charming::Echarts> {
    if !echarts_loaded() {
        return None;
    }
    let el = document().get_element_by_id(id)?;
    dispose_chart(&el);
    Some(echarts_init(&el))
}

/// Whether the system asks for dark colours (`prefers-color-scheme`).
pub fn prefers_dark() -> bool {
    let window = js_sys::global();
    js_sys::Reflect::get(&window, &"matchMedia".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            f.call1(&window, &"(prefers-color-scheme: dark)".into())
                .ok()
        })
        .and_then(|list| js_sys::Reflect::get(&list, &"matches".into()).ok())
        .and_then(|m| m.as_bool())
        .unwrap_or(false)
}

/// ECharts' theme for the screen: its built-in dark one (light labels and
/// axes) when the system asks for dark colours. Paper is always light.
pub fn screen_theme() -> &'static str {
    if prefers_dark() {
        "dark"
    } else {
        "default"
    }
}

/// A fresh chart in the element with this id, drawn in the screen's colour
/// scheme: the dashboard's charts sit on the page's own cards, dark in dark
/// mode (the objectives page's gauges keep a light card and `new_chart`).
pub fn new_chart_in_scheme(id: &str) -> Option<charming::Echarts> {
    if !echarts_loaded() {
        return None;
    }
    let el = document().get_element_by_id(id)?;
    dispose_chart(&el);
    let ec = echarts_init_themed(&el, screen_theme());
    follow_color_scheme();
    Some(ec)
}

/// Gives the dashboard's charts ECharts' theme `theme` (`dark`, `default`):
/// light for paper, and the system's scheme again after it or when the
/// setting changes while the page is open.
pub fn theme_dashboard_charts(theme: &str) {
    if !echarts_loaded() {
        return;
    }
    // `.chart`: the dashboard's drawings (chart_panel.rs); not the
    // objectives page's curve, on its light card.
    let charts = document().get_elements_by_class_name("chart");
    for i in 0..charts.length() {
        let el = charts
            .item(i)
            .filter(|el| !el.class_name().contains("objective-chart"));
        if let Some(ec) = el.and_then(|el| chart_in(&el)) {
            let this: &JsValue = ec.as_ref();
            if let Some(set) = js_sys::Reflect::get(this, &"setTheme".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            {
                let _ = set.call1(this, &theme.into());
            }
        }
    }
}

thread_local! {
    static FOLLOWING_SCHEME: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Once per page: the system's dark setting changed, the charts follow.
fn follow_color_scheme() {
    if FOLLOWING_SCHEME.with(|f| f.replace(true)) {
        return;
    }
    let window = js_sys::global();
    let list = js_sys::Reflect::get(&window, &"matchMedia".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            f.call1(&window, &"(prefers-color-scheme: dark)".into())
                .ok()
        });
    let add = list.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"addEventListener".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    if let (Some(list), Some(add)) = (list, add) {
        // Lives as long as the page: one listener for every chart.
        let changed = Closure::<dyn Fn()>::new(|| theme_dashboard_charts(screen_theme()));
        let _ = add.call2(&list, &"change".into(), changed.as_ref());
        changed.forget();
    }
}

/// Where a click on a chart landed: the category's name as drawn (the
/// axis label, the slice's name) and its index in the series' data.
pub struct ChartClick {
    pub name: String,
    pub data_index: Option<usize>,
}

/// `instance.on('click', handler)`: calls `f` with each click on a bar,
/// slice or point. The returned closure is what ECharts calls: keep it as
/// long as the instance (drop it with the chart).
pub fn on_click(
    ec: &charming::Echarts,
    f: impl Fn(ChartClick) + 'static,
) -> Closure<dyn Fn(JsValue)> {
    use js_sys::Reflect;
    let handler = Closure::<dyn Fn(JsValue)>::new(move |params: JsValue| {
        let get = |k: &str| Reflect::get(&params, &k.into()).ok();
        f(ChartClick {
            name: get("name").and_then(|n| n.as_string()).unwrap_or_default(),
            data_index: get("dataIndex")
                .and_then(|i| i.as_f64())
                .filter(|i| *i >= 0.0)
                .map(|i| i as usize),
        })
    });
    let this: &JsValue = ec.as_ref();
    if let Some(on) = Reflect::get(this, &"on".into())
        .ok()
        .and_then(|s| s.dyn_into::<js_sys::Function>().ok())
    {
        let _ = on.call2(this, &"click".into(), handler.as_ref());
    }
    handler
}

/// `instance.getDataURL(options)`: the chart as a PNG `data:` URL.
pub fn data_url(ec: &charming::Echarts) -> Option<String> {
    let this: &JsValue = ec.as_ref();
    let f: js_sys::Function = js_sys::Reflect::get(this, &"getDataURL".into())
        .ok()?
        .dyn_into()
        .ok()?;
    f.call1(this, &png_options()).ok()?.as_string()
}

fn png_options() -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"type".into(), &"png".into());
    let _ = js_sys::Reflect::set(&o, &"pixelRatio".into(), &2.into());
    // The card's colour behind the chart (style/main.css, --c-surface).
    let background = if prefers_dark() { "#1b2128" } else { "#ffffff" };
    let _ = js_sys::Reflect::set(&o, &"backgroundColor".into(), &background.into());
    o.into()
}

/// Numbers on value axes (short: `1,2 M€`) and in tooltips (exact:
/// `1 234 567 €`), written the user's way, not ECharts' English default:
/// one pair per unit, put where the options carry a unit's marker, and the
/// chart's `unit` where they carry none.
pub struct Formatters {
    unit: Unit,
    axis: Vec<Closure<dyn Fn(f64) -> String>>,
    tooltip: Vec<Closure<dyn Fn(JsValue) -> String>>,
}

fn slot(unit: Unit) -> usize {
    UNITS.iter().position(|&u| u == unit).unwrap_or(0)
}

impl Formatters {
    pub fn new(unit: Unit, lang: Lang, currency: String) -> Self {
        let axis = UNITS
            .iter()
            .map(|&u| {
                let currency = currency.clone();
                Closure::<dyn Fn(f64) -> String>::new(move |v: f64| {
                    format_axis(u, v, &currency, lang)
                })
            })
            .collect();
        let tooltip = UNITS
            .iter()
            .map(|&u| {
                let currency = currency.clone();
                Closure::<dyn Fn(JsValue) -> String>::new(move |v: JsValue| match v.as_f64() {
                    Some(x) => format_value(u, x, &currency, lang),
                    // A gap of a comparison series: its period has no data there.
                    None if v.is_null()
                        || v.is_undefined()
                        || v.as_string().as_deref() == Some("-") =>
                    {
                        crate::locale::no_data(lang).to_string()
                    }
                    None => v.as_string().unwrap_or_default(),
                })
            })
            .collect();
        Formatters {
            unit,
            axis,
            tooltip,
        }
    }

    fn axis(&self, unit: Unit) -> &JsValue {
        self.axis[slot(unit)].as_ref()
    }

    fn tooltip(&self, unit: Unit) -> &JsValue {
        self.tooltip[slot(unit)].as_ref()
    }
}

/// The unit a `formatter`/`valueFormatter` marker names (`"cadran:ratio"`).
fn marked(obj: &JsValue, key: &str) -> Option<Option<Unit>> {
    let v = js_sys::Reflect::get(obj, &key.into()).ok()?;
    if v.is_undefined() {
        return Some(None);
    }
    v.as_string().map(|s| marker_unit(&s))
}

/// Puts the formatters where the options ask for them: a unit's marker, or
/// nothing on a value axis or the tooltip (the chart's unit then).
fn put_formatters(opt: &JsValue, f: &Formatters) {
    use js_sys::Reflect;
    let list = |key: &str| -> Vec<JsValue> {
        match Reflect::get(opt, &key.into()) {
            Ok(v) if js_sys::Array::is_array(&v) => js_sys::Array::from(&v).iter().collect(),
            Ok(v) if v.is_object() => vec![v],
            _ => Vec::new(),
        }
    };
    for axis in list("xAxis").into_iter().chain(list("yAxis")) {
        if Reflect::get(&axis, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .as_deref()
            != Some("value")
        {
            continue;
        }
        let label = match Reflect::get(&axis, &"axisLabel".into()) {
            Ok(l) if l.is_object() => l,
            _ => {
                let l: JsValue = js_sys::Object::new().into();
                let _ = Reflect::set(&axis, &"axisLabel".into(), &l);
                l
            }
        };
        if let Some(unit) = marked(&label, "formatter") {
            let _ = Reflect::set(&label, &"formatter".into(), f.axis(unit.unwrap_or(f.unit)));
        }
    }
    // A colour scale's labels read like an axis.
    for map in list("visualMap") {
        if let Some(Some(unit)) = marked(&map, "formatter") {
            let _ = Reflect::set(&map, &"formatter".into(), f.axis(unit));
        }
    }
    let set_tooltip = |tooltip: &JsValue, default: Option<Unit>| {
        if let Some(unit) = marked(tooltip, "valueFormatter") {
            if let Some(unit) = unit.or(default) {
                let _ = Reflect::set(tooltip, &"valueFormatter".into(), f.tooltip(unit));
            }
        }
    };
    for tooltip in list("tooltip") {
        set_tooltip(&tooltip, Some(f.unit));
        // Drawn on the canvas, not as HTML: the CSP forbids inline styles, and
        // names from the user's files (customers, products) are never markup.
        let _ = Reflect::set(&tooltip, &"renderMode".into(), &"richText".into());
    }
    for series in list("series") {
        if let Ok(tooltip) = Reflect::get(&series, &"tooltip".into()) {
            if tooltip.is_object() {
                set_tooltip(&tooltip, None);
            }
        }
    }
}

/// What [`set_option`] does before ECharts: the chart's options as the
/// JS object ECharts would be given (for the start-up rehearsal).
pub fn options_only(chart: &charming::Chart) {
    if let Ok(json) = serde_json::to_string(&echarts_options(chart)) {
        let _ = js_sys::JSON::parse(&json);
    }
}

/// The chart's options as a JS object, with the formatters put in, given to ECharts.
pub fn set_option(ec: &charming::Echarts, chart: &charming::Chart, f: &Formatters) {
    use js_sys::Reflect;
    let Ok(json) = serde_json::to_string(&echarts_options(chart)) else {
        return;
    };
    let Ok(opt) = js_sys::JSON::parse(&json) else {
        return;
    };
    put_formatters(&opt, f);
    // The card's own colour shows through (ECharts' dark theme paints its own).
    let _ = js_sys::Reflect::set(&opt, &"backgroundColor".into(), &"transparent".into());
    let this: &JsValue = ec.as_ref();
    if let Some(set) = Reflect::get(this, &"setOption".into())
        .ok()
        .and_then(|s| s.dyn_into::<js_sys::Function>().ok())
    {
        // notMerge: series that disappear with a filter must not linger.
        let _ = set.call2(this, &opt, &JsValue::TRUE);
    }
}

/// A task of the drawing queue: a chart's drawing, or work waiting for the
/// drawings queued before it ([`after_drawings`]).
enum Queued {
    Drawing(Box<dyn FnOnce()>),
    After(Box<dyn FnOnce()>),
}

impl Queued {
    fn run(self) {
        match self {
            Queued::Drawing(f) | Queued::After(f) => f(),
        }
    }
}

thread_local! {
    static DRAWS: std::cell::RefCell<std::collections::VecDeque<Queued>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
    /// Whether a chart was drawn, real or the warm-up's (then there is
    /// nothing to warm up).
    static DRAWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Fetches ECharts as soon as a file is being read and runs it once the
/// rows are split (the engine types the columns, on one core: the other is
/// free), or the reading is over: its compilation would otherwise take a
/// core from the readers of a small machine. Once the reading is over (the
/// import step drawn and the tables' preparation asked for), draws a small
/// chart off-screen and throws it away, once, unless a real chart came
/// first: a browser compiles ECharts' drawing code on its first use (~60 ms
/// in one task), which would otherwise delay the first dashboard's first
/// chart. Drawn earlier, during the typing, it held the import step, and
/// so the preparation, for ~80 ms (traced).
pub fn warm_up_charts(state: AppState) {
    Effect::new(move |was_busy: Option<bool>| {
        let (splitting, busy) = state.progress.with(|p| (splitting_rows(p), p.is_some()));
        if splitting {
            prefetch_charts();
        } else if busy {
            if !echarts_loaded() {
                // Offline before ECharts was ever cached: the first chart tries again.
                let loaded = load_echarts();
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(loaded).await;
                });
            }
        } else if was_busy == Some(true) && !DRAWN.with(std::cell::Cell::get) {
            let loaded = load_echarts();
            leptos::task::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(loaded).await.is_ok() {
                    set_timeout(move || warm_up(state), std::time::Duration::ZERO);
                }
            });
        }
        busy
    });
}

/// Whether a file's bytes are being read and split into rows (not yet
/// typed): the work that keeps every core busy.
fn splitting_rows(p: &Option<Progress>) -> bool {
    p.as_ref().is_some_and(|p| p.phase != Some(Phase::Typing))
}

fn warm_up(state: AppState) {
    let busy = state.progress.with_untracked(Option::is_some);
    if busy || DRAWN.with(std::cell::Cell::get) || !echarts_loaded() {
        return;
    }
    // Once: the reading's end may ask again while the first waits.
    DRAWN.with(|d| d.set(true));
    let doc = document();
    let (Ok(el), Some(body)) = (doc.create_element("div"), doc.body()) else {
        return;
    };
    el.set_class_name("chart-warm-up");
    let _ = el.set_attribute("aria-hidden", "true");
    if body.append_child(&el).is_err() {
        return;
    }
    let chart = charming::Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new())
        .x_axis(Axis::new().type_(AxisType::Category).data(vec!["a", "b"]))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Bar::new().name("a").data(vec![1.0, 2.0]))
        .series(Line::new().name("b").data(vec![2.0, 1.0]));
    let f = Formatters::new(Unit::Currency, state.lang.get_untracked(), "EUR".into());
    let ec = echarts_init(&el);
    set_option(&ec, &chart, &f);
    // Disposed before its formatters are dropped: nothing calls them after.
    dispose_chart(&el);
    el.remove();
}

/// Queues a drawing; the queue is worked through one drawing per task, so
/// the page stays responsive while a dashboard fills in. The first drawing
/// waits for ECharts to load.
pub fn draw_later(f: impl FnOnce() + 'static) {
    DRAWN.with(|d| d.set(true));
    let start = DRAWS.with(|q| {
        let mut q = q.borrow_mut();
        q.push_back(Queued::Drawing(Box::new(f)));
        q.len() == 1
    });
    if !start {
        return;
    }
    if echarts_loaded() {
        return next_draw();
    }
    let loaded = load_echarts();
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(loaded).await.is_ok() {
            next_draw();
        } else {
            // Offline before ECharts was ever cached: the cards and the
            // tables still work; a later drawing tries the load again.
            // What waited for the drawings runs all the same.
            let queued = DRAWS.with(|q| std::mem::take(&mut *q.borrow_mut()));
            for q in queued {
                if let Queued::After(f) = q {
                    f();
                }
            }
        }
    });
}

/// Runs `f` once the drawings queued so far are done, in a task of its
/// own (at once when none is queued, or when they wait for ECharts to
/// download): for work that can wait for the charts on screen, such as
/// the filters' values of a new file.
pub fn after_drawings(f: impl FnOnce() + 'static) {
    let now = DRAWS.with(|q| {
        let mut q = q.borrow_mut();
        if q.is_empty() || !echarts_loaded() {
            return Some(f);
        }
        q.push_back(Queued::After(Box::new(f)));
        None
    });
    if let Some(f) = now {
        f();
    }
}

fn next_draw() {
    set_timeout(
        || {
            let f = DRAWS.with(|q| q.borrow_mut().pop_front());
            if let Some(f) = f {
                f.run();
            }
            if DRAWS.with(|q| !q.borrow().is_empty()) {
                next_draw();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Disposes of the chart in the element with this id, if any.
///
/// ECharts paints a chart over several frames when the page is busy and
/// does not cancel them on dispose: a frame after it reads the disposed
/// painter ("reading 'layerStack'"). Disposed a moment later, once the
/// paint in flight is done.
pub fn dispose_soon(id: &str) {
    let el = document()
        .get_element_by_id(id)
        .filter(|_| echarts_loaded());
    if let Some(el) = el {
        set_timeout(
            move || dispose_chart(&el),
            std::time::Duration::from_secs(1),
        );
    }
}
