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

/// The sizes named on the command line (`cargo bench --bench NAME -- 100000`),
/// or `default`.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    let named: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if named.is_empty() {
        default.to_vec()
    } else {
        named
    }
}
