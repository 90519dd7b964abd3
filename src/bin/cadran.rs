//! `cadran`: the engine on the command line. `inspect` says how a file (CSV,
//! a workbook's every sheet, Parquet) is read; `kpis` prints the JSON report
//! of one or several files; `catalogue` prints the KPI catalogue (the source
//! of docs/KPIS.md's tables). Workbooks and Parquet files go through
//! `cadran-formats`, as in the browser.

use cadran::engine::kpi::{self, Period, Preset, Query, Workspace};
use cadran::engine::objectives::{self, SetUp};
use cadran::engine::parse::date;
use cadran::engine::{self, Field, Kind};
use cadran::locale::{self, Lang};
use cadran_formats as formats;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cadran",
    version,
    about = "Sales KPIs from CSV exports, computed on this machine."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show how a file is read: encoding, delimiter, columns, types, kind, warnings
    /// (for a workbook, of every sheet).
    Inspect {
        file: PathBuf,
        /// Include the first N data rows as read.
        #[arg(long, default_value_t = 0)]
        rows: usize,
        /// Force the delimiter (`,` `;` `tab` `|`).
        #[arg(long)]
        delimiter: Option<String>,
        /// Read ambiguous dates day-first and ambiguous numbers with a decimal comma.
        #[arg(long)]
        french: bool,
        /// Force the table kind (sales, opportunities, leads, activities, spend,
        /// feedback, invoices, team, customers, products, carts).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Print the KPI report of one or several files as JSON.
    Kpis {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// First day of the period (YYYY-MM-DD); default: the first date in the data.
        #[arg(long)]
        from: Option<String>,
        /// Last day of the period (YYYY-MM-DD); default: the last date in the data.
        #[arg(long)]
        to: Option<String>,
        /// Force a file's kind: FILE=KIND (sales, opportunities, team…); a
        /// workbook's sheet is named FILE (SHEET), e.g. "ventes.xlsx (Ventes)".
        #[arg(long = "kind")]
        kinds: Vec<String>,
        /// Read this sheet of a workbook: FILE=SHEET (repeat for several sheets).
        /// Without it, every sheet whose header looks like a known table is read.
        #[arg(long = "sheet")]
        sheets: Vec<String>,
        /// Map a field to a column: FILE:FIELD=COLUMN (e.g. ventes.csv:amount=Montant TTC).
        #[arg(long = "map")]
        maps: Vec<String>,
        /// Keep only rows whose FIELD is VALUE (rep, region, sector, channel,
        /// product, segment, customer, manager); repeat a field to allow several values.
        /// A field no table has is an error; a table without it gives no figures.
        #[arg(long = "where")]
        wheres: Vec<String>,
        /// A period preset relative to --today: this_month, last_quarter, year_to_date…
        #[arg(long)]
        preset: Option<String>,
        /// The day presets count from (YYYY-MM-DD); default: the last date in the data.
        #[arg(long)]
        today: Option<String>,
        /// A set-up file (the app's "Share set-up" export): its objectives and
        /// alert rules are evaluated into the report.
        #[arg(long)]
        objectives: Option<PathBuf>,
        /// Report currency code.
        #[arg(long, default_value = "EUR")]
        currency: String,
        /// Dormancy window W in days: a customer is lost W days after a
        /// purchase with none in the W days after it (lost customers, churn).
        /// Default: the set-up file's (--objectives), else 365.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=36_600))]
        dormancy_days: Option<u32>,
    },
    /// Print the KPI catalogue: ids, labels, units, directions, formulas, needs.
    Catalogue {
        /// Markdown tables by family (as in docs/KPIS.md) instead of JSON.
        #[arg(long)]
        markdown: bool,
    },
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        s if s.len() == 1 => Ok(s.as_bytes()[0]),
        _ => Err(format!("unknown delimiter {s:?}: use , ; tab or |")),
    }
}

fn parse_field(s: &str) -> Result<Field, String> {
    serde_json::from_value(serde_json::Value::String(s.into())).map_err(|_| {
        format!(
            "unknown field {s:?} (rep, region, sector, channel, product, customer, amount, date…)"
        )
    })
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    serde_json::from_value(serde_json::Value::String(s.into())).map_err(|_| {
        format!("unknown preset {s:?}: this_month, last_month, this_quarter, last_quarter, this_year, last_year, last_12_months, year_to_date")
    })
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown kind {s:?}: use one of {}", names.join(", "))
    })
}

fn parse_day(s: &str) -> Result<i32, String> {
    date::parse_iso_day(s)
        .ok_or_else(|| format!("dates are written YYYY-MM-DD (an existing day), not {s:?}"))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| {
        locale::file_error(
            Lang::En,
            &engine::Error::Io {
                message: format!("{}: {e}", path.display()),
            },
        )
    })
}

fn said(path: &Path, e: &engine::Error) -> String {
    format!("{}: {}", path.display(), locale::file_error(Lang::En, e))
}

/// One table of a file: its name (`ventes.xlsx (Ventes)` for a sheet) and
/// the text the engine reads (the file itself, or a sheet as canonical CSV).
struct Source {
    name: String,
    bytes: Vec<u8>,
    /// Named with `--sheet`: read whatever its kind.
    chosen: bool,
}

/// The tables of a file: a CSV file is one; a Parquet file is one; a
/// workbook gives the sheets named by `--sheet FILE=SHEET`, or else every
/// sheet with a value.
fn sources(path: &Path, sheets: &[String]) -> Result<Vec<Source>, String> {
    let bytes = read_bytes(path)?;
    let name = file_name(path);
    let Some(converted) = formats::convert(&bytes) else {
        return Ok(vec![Source {
            name,
            bytes,
            chosen: true,
        }]);
    };
    let is_this = |f: &str| f == name || Path::new(f) == path;
    let mut chosen = Vec::new();
    for s in sheets {
        let (f, sheet) = s
            .split_once('=')
            .ok_or_else(|| format!("--sheet takes FILE=SHEET, not {s:?}"))?;
        if is_this(f) {
            chosen.push(sheet);
        }
    }
    if chosen.is_empty() {
        let tables = converted.map_err(|e| said(path, &e))?;
        return Ok(tables
            .into_iter()
            .map(|t| Source {
                name: t.name(&name),
                bytes: t.csv,
                chosen: t.sheet.is_none(),
            })
            .collect());
    }
    chosen
        .into_iter()
        .map(|sheet| {
            let table = formats::sheet(&bytes, sheet)
                .map_err(|e| said(path, &e))?
                .ok_or_else(|| {
                    let names = formats::sheet_names(&bytes).unwrap_or_default();
                    format!(
                        "{}: no sheet {sheet:?} (there are: {})",
                        path.display(),
                        names.join(", ")
                    )
                })?;
            Ok(Source {
                name: table.name(&name),
                bytes: table.csv,
                chosen: true,
            })
        })
        .collect()
}

fn run(cli: Cli) -> Result<String, String> {
    match cli.command {
        Command::Inspect {
            file,
            rows,
            delimiter,
            french,
            kind,
        } => {
            let opts = engine::Options {
                delimiter: delimiter.as_deref().map(parse_delimiter).transpose()?,
                french,
                preview_rows: rows,
                kind: kind.as_deref().map(parse_kind).transpose()?,
                ..engine::Options::default()
            };
            let bytes = read_bytes(&file)?;
            let name = file_name(&file);
            let summary = |name: &str, bytes: &[u8]| {
                engine::read(name, bytes, &opts)
                    .map(|im| locale::said_summary(im.summary, Lang::En))
            };
            let json = match formats::Format::detect(&bytes) {
                None => serde_json::to_value(summary(&name, &bytes).map_err(|e| said(&file, &e))?),
                // A workbook: each of its sheets, with how it reads or why it does not.
                Some(formats::Format::Zip | formats::Format::Compound) => {
                    let sheets = formats::sheet_names(&bytes).map_err(|e| said(&file, &e))?;
                    let sheets: Vec<serde_json::Value> = sheets
                        .iter()
                        .map(|sheet| {
                            let read = formats::sheet(&bytes, sheet).and_then(|t| {
                                let t = t.ok_or(engine::Error::NoTable)?;
                                summary(&t.name(&name), &t.csv)
                            });
                            let mut v = match read {
                                Ok(s) => serde_json::to_value(s).unwrap_or_default(),
                                Err(e) => serde_json::json!({
                                    "error": locale::file_error(Lang::En, &e)
                                }),
                            };
                            if let Some(o) = v.as_object_mut() {
                                o.insert("sheet".into(), sheet.as_str().into());
                            }
                            v
                        })
                        .collect();
                    Ok(serde_json::json!({ "file": name, "sheets": sheets }))
                }
                Some(formats::Format::Parquet) => {
                    let table = formats::parquet(&bytes).map_err(|e| said(&file, &e))?;
                    let t = &table;
                    serde_json::to_value(summary(&name, &t.csv).map_err(|e| said(&file, &e))?)
                }
            };
            serde_json::to_string_pretty(&json.map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())
        }
        Command::Kpis {
            files,
            from,
            to,
            kinds,
            sheets,
            maps,
            wheres,
            preset,
            today,
            objectives,
            currency,
            dormancy_days,
        } => {
            let mut ws = Workspace::default();
            for path in &files {
                for source in sources(path, &sheets)? {
                    let name = &source.name;
                    // A sheet answers to its own name and to its file's.
                    let file = file_name(path);
                    let is_this =
                        |f: &str| f == name || f == file || Path::new(f) == path.as_path();
                    let mut opts = engine::Options::default();
                    for k in &kinds {
                        let (f, kind) = k
                            .split_once('=')
                            .ok_or_else(|| format!("--kind takes FILE=KIND, not {k:?}"))?;
                        if is_this(f) {
                            opts.kind = Some(parse_kind(kind)?);
                        }
                    }
                    for m in &maps {
                        // Field names hold neither `:` nor `=`; file and column names might.
                        let bad = || format!("--map takes FILE:FIELD=COLUMN, not {m:?}");
                        let (left, column) = m.split_once('=').ok_or_else(bad)?;
                        let (f, field) = left.rsplit_once(':').ok_or_else(bad)?;
                        if is_this(f) {
                            let field: Field =
                                serde_json::from_value(serde_json::Value::String(field.into()))
                                    .map_err(|_| format!("unknown field {field:?} in --map"))?;
                            opts.mapping.insert(field, column.to_string());
                        }
                    }
                    let forced = opts.kind.is_some();
                    let imported =
                        engine::read(name, &source.bytes, &opts).map_err(|e| said(path, &e))?;
                    // A workbook's sheet nobody chose is read when its header
                    // looks like a known table, as the import step proposes.
                    if source.chosen || forced || imported.summary.kind != Kind::Unknown {
                        ws.tables.push(imported);
                    } else {
                        eprintln!("cadran: note: {name} left out: its header is no known table (--sheet or --kind takes it)");
                    }
                }
            }
            let period = match (from, to) {
                (None, None) => None,
                (f, t) => {
                    // The missing end is the data's.
                    let span = kpi::data_span(&ws);
                    let f = f
                        .map(|f| parse_day(&f))
                        .transpose()?
                        .or(span.map(|s| s.from));
                    let t = t.map(|t| parse_day(&t)).transpose()?.or(span.map(|s| s.to));
                    match (f, t) {
                        (Some(f), Some(t)) => Some(Period::new(f, t)),
                        _ => return Err("no dated data: give both --from and --to".into()),
                    }
                }
            };
            // The team's set-up: its objectives and rules, and its dormancy window.
            let setup = objectives
                .map(|path| -> Result<SetUp, String> {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    serde_json::from_str(&text)
                        .map_err(|e| format!("{}: not a Cadran set-up file ({e})", path.display()))
                })
                .transpose()?;
            let dormancy_days = dormancy_days
                .or(setup.as_ref().and_then(SetUp::dormancy_days))
                .unwrap_or(kpi::DEFAULT_DORMANCY_DAYS);
            let mut query = Query {
                period,
                preset: preset.as_deref().map(parse_preset).transpose()?,
                today: today.as_deref().map(parse_day).transpose()?,
                currency: Some(currency),
                dormancy_days: Some(dormancy_days),
                ..Query::default()
            };
            for w in &wheres {
                let (field, value) = w
                    .split_once('=')
                    .ok_or_else(|| format!("--where takes FIELD=VALUE, not {w:?}"))?;
                query
                    .filters
                    .entry(parse_field(field)?)
                    .or_default()
                    .push(value.to_string());
            }
            // The tables prepared once for the report, objectives and alerts.
            let prepared = kpi::Prepared::new(&ws);
            // A filter no table can take would give the whole company's figures.
            if let Some(e) = kpi::filter_error(&ws, &prepared, &query.filters) {
                return Err(locale::filter_error(&e, Lang::En));
            }
            let mut report = kpi::report_prepared(&ws, &prepared, &query);
            if let Some(setup) = setup {
                report.objectives =
                    objectives::evaluate_prepared(&ws, &prepared, &query, &setup.objectives);
                report.alerts = objectives::evaluate_rules_prepared(
                    &ws,
                    &prepared,
                    &query,
                    &report,
                    &setup.alert_rules,
                );
            }
            let report = locale::said_report(report);
            // Stdout stays the JSON; what a reader should know goes beside it.
            for note in &report.notes {
                eprintln!("cadran: note: {note}");
            }
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())
        }
        Command::Catalogue { markdown: true } => {
            Ok(cadran::locale::catalogue::markdown().trim_end().to_string())
        }
        Command::Catalogue { markdown: false } => {
            serde_json::to_string_pretty(&cadran::locale::catalogue::entries())
                .map_err(|e| e.to_string())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(json) => {
            // A closed pipe (`cadran … | head`) is not an error worth a panic.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("cadran: {message}");
            ExitCode::FAILURE
        }
    }
}
