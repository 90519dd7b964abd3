//! Writes the demo workspace's CSV files to a folder, to open them in a
//! spreadsheet or feed them to `cadran kpis`:
//! `cargo run --example demo_files -- OUT_DIR [ORDER_LINES]`.

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "demo-data".into()));
    let lines = args.next().and_then(|n| n.parse().ok()).unwrap_or(6_000);
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in
        cadran::engine::demo::workspace_files(cadran::engine::demo::DEFAULT_SEED, lines)
    {
        std::fs::write(dir.join(&name), bytes)?;
        println!("{}", dir.join(name).display());
    }
    Ok(())
}
