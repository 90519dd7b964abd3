//! Writes the demo workspace's CSV files to a folder, to open them in a
//! spreadsheet or feed them to `cadran kpis`:
//! `cargo run --example demo_files -- OUT_DIR [ORDER_LINES]`.
//! With `--realistic`, writes instead one realistic sales export (amounts to
//! the cent, one order number per line, 20 000 customers) as
//! `OUT_DIR/realistic-LINES.csv` (1 000 000 lines unless told).

fn main() -> std::io::Result<()> {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let realistic = all.iter().any(|a| a == "--realistic");
    let mut args = all.into_iter().filter(|a| a != "--realistic");
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "demo-data".into()));
    let lines = args.next().and_then(|n| n.parse().ok());
    std::fs::create_dir_all(&dir)?;
    let files = if realistic {
        let lines = lines.unwrap_or(1_000_000);
        let spec = cadran::engine::demo::realistic::Realistic::new(lines);
        vec![(format!("realistic-{lines}.csv"), spec.csv())]
    } else {
        cadran::engine::demo::workspace_files(
            cadran::engine::demo::DEFAULT_SEED,
            lines.unwrap_or(6_000),
        )
    };
    for (name, bytes) in files {
        std::fs::write(dir.join(&name), bytes)?;
        println!("{}", dir.join(name).display());
    }
    Ok(())
}
