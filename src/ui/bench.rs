//! The ingest benchmark inside the browser: with `?bench` in the URL the app
//! exposes `window.cadranBenchIngest(rows)`, which generates the demo sales
//! file in Wasm and times `engine::read` on it, exactly as the native bench
//! does (`tests/e2e/bench-ingest.mjs` drives it).

use crate::engine::{self, demo};
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Best of `runs` timings, as JSON: `{"rows", "bytes", "ms"}`.
fn bench_ingest(rows: u32, runs: u32) -> String {
    let bytes = demo::sales_csv(demo::DEFAULT_SEED, rows as usize);
    let mut best = f64::MAX;
    for _ in 0..runs.max(1) {
        let t = now_ms();
        let read = engine::read("bench.csv", &bytes, &engine::Options::default());
        best = best.min(now_ms() - t);
        if read.map(|r| r.summary.rows) != Ok(rows as usize) {
            return "{\"error\": \"the demo file did not read back\"}".into();
        }
    }
    format!(
        "{{\"rows\": {rows}, \"bytes\": {}, \"ms\": {best:.1}}}",
        bytes.len()
    )
}

/// Installs the benchmark hook when the page was opened with `?bench`.
pub fn install_if_asked() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let asked = window
        .location()
        .search()
        .is_ok_and(|s| s.contains("bench"));
    if !asked {
        return;
    }
    let f = Closure::<dyn Fn(u32, u32) -> String>::new(bench_ingest);
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("cadranBenchIngest"), f.as_ref());
    // The page keeps the hook for its whole life.
    f.forget();
}
