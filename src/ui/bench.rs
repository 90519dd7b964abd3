//! The ingest and report benchmarks inside the browser: with `?bench` in the
//! URL the app exposes `window.cadranBenchIngest(rows, runs)`, which
//! generates the demo sales file in Wasm and times `engine::read` on it,
//! exactly as the native bench does (`tests/e2e/bench-ingest.mjs` drives
//! it), `window.cadranBenchReport(lines, runs, every)`, which times the
//! full report over the demo sales file or, with `every`, the demo
//! workspace of every table, and `window.cadranBenchReportOn(name, bytes,
//! runs)`, the same over a file the page was given (the realistic export,
//! whose generator the Wasm does not carry) (`tests/e2e/bench-report.mjs`).

use crate::engine::kpi::{self, Query, Workspace};
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

/// Best of `runs` full reports over the demo files of `lines` order lines, as
/// JSON: `{"lines", "rows", "ms", "prepared_ms"}` (the first report of the
/// tables, and a later one with the tables prepared).
fn bench_report(lines: u32, runs: u32, every: bool) -> String {
    let files = if every {
        demo::workspace_files(demo::DEFAULT_SEED, lines as usize)
    } else {
        vec![(
            "demo-ventes.csv".to_string(),
            demo::sales_csv(demo::DEFAULT_SEED, lines as usize),
        )]
    };
    timed_reports(Some(lines), files, runs)
}

/// [`bench_report`] over one sales file given by the page (its lines are
/// its rows).
fn bench_report_on(name: String, bytes: Vec<u8>, runs: u32) -> String {
    timed_reports(None, vec![(name, bytes)], runs)
}

fn timed_reports(lines: Option<u32>, files: Vec<(String, Vec<u8>)>, runs: u32) -> String {
    let mut tables = Vec::new();
    for (name, bytes) in files {
        match engine::read(&name, &bytes, &engine::Options::default()) {
            Ok(t) => tables.push(t),
            Err(_) => return "{\"error\": \"a file did not read back\"}".into(),
        }
    }
    let rows: usize = tables.iter().map(|t| t.summary.rows).sum();
    let lines = lines.unwrap_or(rows as u32);
    let ws = Workspace { tables };
    let mut best = f64::MAX;
    for _ in 0..runs.max(1) {
        let t = now_ms();
        let report = kpi::report(&ws, &Query::default());
        best = best.min(now_ms() - t);
        std::hint::black_box(report);
    }
    // Later reports, as on a change of period or filter: the tables prepared once.
    let prepared = kpi::Prepared::new(&ws);
    let mut later = f64::MAX;
    for _ in 0..runs.max(1) {
        let t = now_ms();
        let report = kpi::report_prepared(&ws, &prepared, &Query::default());
        later = later.min(now_ms() - t);
        std::hint::black_box(report);
    }
    format!(
        "{{\"lines\": {lines}, \"rows\": {rows}, \"ms\": {best:.1}, \"prepared_ms\": {later:.1}}}"
    )
}

/// Installs the benchmark hooks when the page was opened with `?bench`.
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
    let g = Closure::<dyn Fn(u32, u32, bool) -> String>::new(bench_report);
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("cadranBenchReport"), g.as_ref());
    let h = Closure::<dyn Fn(String, Vec<u8>, u32) -> String>::new(bench_report_on);
    let _ = js_sys::Reflect::set(
        &window,
        &JsValue::from_str("cadranBenchReportOn"),
        h.as_ref(),
    );
    // The page keeps the hooks for its whole life.
    f.forget();
    g.forget();
    h.forget();
}
