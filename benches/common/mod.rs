//! What both benchmarks share: their figures go to `bench-results/NAME.json`
//! (not committed), one object per size, for the README and the browser bench.

/// Writes `{"bench": bench, "results": [..]}` to `bench-results/{file}`.
pub fn write_results(bench: &str, file: &str, results: &[String]) {
    let _ = std::fs::create_dir_all("bench-results");
    let json = format!(
        "{{\"bench\": \"{bench}\", \"results\": [{}]}}\n",
        results.join(", ")
    );
    let path = format!("bench-results/{file}");
    if std::fs::write(&path, json).is_ok() {
        println!("written to {path}");
    }
}
